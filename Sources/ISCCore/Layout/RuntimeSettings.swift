/// A reference to one key of a Kubernetes secret, written `NAME:KEY` on the command line.
public struct SecretKeyRef: Sendable, Hashable {
    /// The secret's name (a DNS-1123 subdomain).
    public var name: String
    /// The key inside the secret.
    public var key: String

    /// A reference; call ``validate(flag:)`` before using it.
    public init(name: String, key: String) {
        self.name = name
        self.key = key
    }

    /// Secret names the `gitops-runtime` chart reserves for secrets its own controllers create:
    /// an install that refers to one fails in the cluster. The chart's
    /// `codefresh-gitops-runtime.secret-name-validation` helper (`templates/_helpers.tpl`,
    /// codefresh-io/gitops-runtime-helm) holds the list: `codefresh-token`.
    public static let reservedNames: Set<String> = ["codefresh-token"]

    /// True when ``name`` is one of ``reservedNames``.
    public var isReserved: Bool { Self.reservedNames.contains(name) }

    /// Parses a flag's `NAME:KEY`, naming `flag` in the error: an invalid reference or a name the
    /// chart reserves (``reservedNames``) is an invalid input (exit 2).
    public init(parsing text: String, flag: String) throws(OperationError) {
        let parts = text.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
        guard parts.count == 2 else {
            throw .invalidInput("invalid-setting", "\(flag) takes a secret reference NAME:KEY, got '\(Display.safe(text))'")
        }
        self.init(name: String(parts[0]), key: String(parts[1]))
        try validate(flag: flag)
        guard !isReserved else {
            throw .invalidInput(
                "invalid-setting",
                "\(flag): the secret name '\(name)' is reserved by the gitops-runtime chart (its controllers create it); use another name")
        }
    }

    /// Checks the name (DNS-1123 subdomain) and key (`[-._a-zA-Z0-9]+`, at most 253 characters).
    public func validate(flag: String) throws(OperationError) {
        try SettingRules.dns1123Subdomain(name, flag: flag, what: "the secret name")
        guard !key.isEmpty, key.count <= 253, key.unicodeScalars.allSatisfy(SettingRules.isSecretKeyCharacter) else {
            throw .invalidInput("invalid-setting", "\(flag): the secret key '\(Display.safe(key))' must be 1 to 253 of a-z, A-Z, 0-9, '-', '_', '.'")
        }
    }

    /// `NAME:KEY`.
    public var flagValue: String { "\(name):\(key)" }
}

/// How the platform reaches the runtime (spec section 4, `--access-mode`).
public enum AccessMode: Sendable, Hashable {
    /// A tunnel opened by the runtime to the platform; needs the account id.
    case tunnel(accountId: String)
    /// An ingress with a host and an ingress class.
    case ingress(host: String, className: String)
    /// A service mesh or existing ingress reached at a URL.
    case serviceMesh(ingressURL: String)

    /// `tunnel`, `ingress` or `service-mesh`.
    public var type: String {
        switch self {
        case .tunnel: return "tunnel"
        case .ingress: return "ingress"
        case .serviceMesh: return "service-mesh"
        }
    }

    /// The account id in tunnel mode.
    public var accountId: String? {
        if case .tunnel(let accountId) = self { return accountId }
        return nil
    }
}

/// How the runtime authenticates to Argo CD: always through a Kubernetes secret reference, never
/// a plain-text token or password.
public enum ArgoCDAuth: Sendable, Hashable {
    /// An Argo CD API token from a secret.
    case token(tokenSecretKeyRef: SecretKeyRef)
    /// A user name and the password from a secret.
    case password(username: String, passwordSecretKeyRef: SecretKeyRef)

    /// `token` or `password`.
    public var type: String {
        switch self {
        case .token: return "token"
        case .password: return "password"
        }
    }
}

/// The Argo CD services the runtime talks to and how it authenticates.
public struct ArgoCDSettings: Sendable, Hashable {
    /// The Argo CD server service name (DNS-1123 label).
    public var serverService: String
    /// The Argo CD server service port.
    public var serverPort: Int
    /// The Argo CD server's root path: empty, or starting with `/`.
    public var rootPath: String
    /// The repo server service name (DNS-1123 label).
    public var repoServerService: String
    /// The repo server service port.
    public var repoServerPort: Int
    /// How to authenticate.
    public var auth: ArgoCDAuth

    /// Settings with the defaults of spec section 4 except `auth`, which has no default.
    public init(serverService: String = "argocd-server", serverPort: Int = 80, rootPath: String = "",
                repoServerService: String = "argocd-repo-server", repoServerPort: Int = 8081, auth: ArgoCDAuth) {
        self.serverService = serverService
        self.serverPort = serverPort
        self.rootPath = rootPath
        self.repoServerService = repoServerService
        self.repoServerPort = repoServerPort
        self.auth = auth
    }
}

/// Everything the registry records about one runtime (spec sections 4 and 5).
public struct RuntimeSettings: Sendable, Hashable {
    /// The runtime name: a lower-case letter, then lower-case letters and digits, at most 38.
    public var name: String
    /// The namespace of the existing Argo CD, where the runtime is installed.
    public var namespace: String
    /// The Helm release name.
    public var helmRelease: String
    /// How the platform reaches the runtime.
    public var accessMode: AccessMode
    /// The Argo CD the runtime runs next to.
    public var argoCD: ArgoCDSettings
    /// The Git credentials of the runtime itself (`global.runtime.gitCredentials`), if given.
    public var gitCredentials: GitRuntimeCredentials?
    /// The chart version the install pins (`--chart-version`); `nil` installs the newest chart.
    public var chartVersion: ChartVersion?
    /// The clusters the runtime manages: `in-cluster` first, then those added with `add-cluster`.
    public var clusters: [String]

    /// The default runtime name, namespace and Helm release.
    public static let defaultName = "codefresh"
    /// The default namespace.
    public static let defaultNamespace = "codefresh"
    /// The default Helm release.
    public static let defaultHelmRelease = "cf-gitops-runtime"
    /// The name of the runtime's own cluster.
    public static let inCluster = "in-cluster"

    /// Settings with the defaults of spec section 4.
    public init(name: String = defaultName, namespace: String = defaultNamespace, helmRelease: String = defaultHelmRelease,
                accessMode: AccessMode, argoCD: ArgoCDSettings, gitCredentials: GitRuntimeCredentials? = nil,
                chartVersion: ChartVersion? = nil, clusters: [String] = [inCluster]) {
        self.name = name
        self.namespace = namespace
        self.helmRelease = helmRelease
        self.accessMode = accessMode
        self.argoCD = argoCD
        self.gitCredentials = gitCredentials
        self.chartVersion = chartVersion
        self.clusters = clusters
    }

    /// Every secret the runtime's settings refer to, with the flag that names it: the Argo CD
    /// token or password and the Git runtime token.
    public var referencedSecrets: [(flag: String, ref: SecretKeyRef)] {
        var refs: [(flag: String, ref: SecretKeyRef)] = []
        switch argoCD.auth {
        case .token(let ref): refs.append(("--argocd-token-secret", ref))
        case .password(_, let ref): refs.append(("--argocd-password-secret", ref))
        }
        if let gitCredentials { refs.append(("--git-runtime-token-secret", gitCredentials.passwordSecretKeyRef)) }
        return refs
    }

    /// True when both describe the same installation, whatever clusters were added since.
    public func sameInstallation(as other: RuntimeSettings) -> Bool {
        var left = self, right = other
        left.clusters = []
        right.clusters = []
        return left == right
    }

    /// Checks every setting against spec section 4; the error names the flag and the rule.
    public func validate() throws(OperationError) {
        try SettingRules.runtimeName(name)
        try SettingRules.dns1123Label(namespace, flag: "--namespace", maxLength: 63)
        try SettingRules.dns1123Label(helmRelease, flag: "--helm-release", maxLength: 53)
        switch accessMode {
        case .tunnel(let accountId):
            try SettingRules.accountId(accountId)
        case .ingress(let host, let className):
            try SettingRules.hostName(host, flag: "--ingress-host")
            try SettingRules.dns1123Subdomain(className, flag: "--ingress-class", what: "the ingress class")
        case .serviceMesh(let ingressURL):
            try SettingRules.httpURL(ingressURL, flag: "--ingress-url")
        }
        try SettingRules.dns1123Label(argoCD.serverService, flag: "--argocd-server-svc", maxLength: 63)
        try SettingRules.port(argoCD.serverPort, flag: "--argocd-server-port")
        try SettingRules.rootPath(argoCD.rootPath)
        try SettingRules.dns1123Label(argoCD.repoServerService, flag: "--argocd-repo-server-svc", maxLength: 63)
        try SettingRules.port(argoCD.repoServerPort, flag: "--argocd-repo-server-port")
        switch argoCD.auth {
        case .token(let ref):
            try ref.validate(flag: "--argocd-token-secret")
        case .password(let username, let ref):
            try SettingRules.argoCDUsername(username)
            try ref.validate(flag: "--argocd-password-secret")
        }
        try gitCredentials?.validate()
        try chartVersion?.validate()
        guard clusters.first == Self.inCluster, Set(clusters).count == clusters.count else {
            throw .invalidInput("invalid-setting", "the clusters of runtime '\(name)' must start with in-cluster and be unique")
        }
        for cluster in clusters.dropFirst() {
            try SettingRules.storedClusterName(cluster)
        }
    }

    /// ``validate()`` plus the rules for names that enter the repository now (`init`,
    /// `add-runtime`): the runtime name and every extra cluster name must make portable paths
    /// (``SettingRules/newRuntimeName(_:)``, ``SettingRules/clusterName(_:)``). Names already in
    /// a repository are only held to ``validate()``.
    public func validateNew() throws(OperationError) {
        try validate()
        try SettingRules.newRuntimeName(name)
        for cluster in clusters.dropFirst() {
            try SettingRules.clusterName(cluster)
        }
    }
}

/// The rules of spec section 4, each throwing one `invalid-setting` error that names the flag.
public enum SettingRules {
    static func fail(_ message: String) -> OperationError { .invalidInput("invalid-setting", message) }

    /// `--runtime`: starts with a lower-case letter, only lower-case letters and digits, at most 38.
    public static func runtimeName(_ name: String) throws(OperationError) {
        guard let first = name.unicodeScalars.first, ("a"..."z").contains(first),
              name.unicodeScalars.allSatisfy({ ("a"..."z").contains($0) || ("0"..."9").contains($0) }), name.count <= 38
        else {
            throw fail("--runtime '\(Display.safe(name))' must start with a lower-case letter and have only lower-case letters and digits, at most 38")
        }
    }

    /// `--runtime` of a runtime that is created now (`init`, `add-runtime`): ``runtimeName(_:)``
    /// and a portable folder name `runtimes/<runtime>/` (``PortablePath``: not `con`, `nul`,
    /// `aux`, `prn`, `com1`…, `lpt1`…, which Windows reserves).
    public static func newRuntimeName(_ name: String) throws(OperationError) {
        try runtimeName(name)
        if let reason = PortablePath.violation(component: name) {
            throw fail("--runtime '\(Display.safe(name))' \(reason): runtimes/\(Display.safe(name))/ could not be checked out there")
        }
    }

    /// A DNS-1123 label: lower-case alphanumerics and '-', starting and ending alphanumeric.
    public static func dns1123Label(_ value: String, flag: String, maxLength: Int) throws(OperationError) {
        guard isDNS1123Label(value), value.count <= maxLength else {
            throw fail("\(flag) '\(Display.safe(value))' must be a DNS-1123 label: lower-case letters, digits and '-', starting and ending with a letter or digit, at most \(maxLength) characters")
        }
    }

    /// A DNS-1123 subdomain: dot-separated DNS-1123 labels, at most 253 characters.
    public static func dns1123Subdomain(_ value: String, flag: String, what: String) throws(OperationError) {
        guard value.count <= 253, !value.isEmpty, value.split(separator: ".", omittingEmptySubsequences: false).allSatisfy({ isDNS1123Label(String($0)) }) else {
            throw fail("\(flag): \(what) '\(Display.safe(value))' must be a DNS-1123 subdomain: lower-case letters, digits, '-' and '.', at most 253 characters")
        }
    }

    /// `--cluster`, a cluster added now: a DNS-1123 label of at most 63 characters (spec section
    /// 7; it names an Application and the file `runtimes/<runtime>/<cluster>.yaml`), whose file
    /// name is portable (``PortablePath``: not `nul`, `con`, `com1`, …), not `in-cluster`.
    public static func clusterName(_ name: String) throws(OperationError) {
        guard isDNS1123Label(name), name.count <= 63 else {
            throw fail("--cluster '\(Display.safe(name))' must be a DNS-1123 label: lower-case letters, digits and '-', starting and ending with a letter or digit, at most 63 characters (no '.')")
        }
        try notInCluster(name)
        if let reason = PortablePath.violation(component: name + ".yaml") {
            throw fail("--cluster '\(name)': the file \(name).yaml \(reason)")
        }
    }

    /// A cluster name already recorded in a registry: the older rule, a DNS-1123 subdomain of at
    /// most 253 characters (so `prod.eu` written by an earlier iscctl still reads), not
    /// `in-cluster`. New clusters follow ``clusterName(_:)``; a file whose name is not portable
    /// is never written (the tree writer refuses it).
    public static func storedClusterName(_ name: String) throws(OperationError) {
        try dns1123Subdomain(name, flag: "--cluster", what: "the cluster name")
        try notInCluster(name)
    }

    static func notInCluster(_ name: String) throws(OperationError) {
        guard name != RuntimeSettings.inCluster else {
            throw fail("--cluster in-cluster is the runtime's own cluster; give the extra cluster another name")
        }
    }

    /// A host name for an ingress (a DNS-1123 subdomain; a leading `*.` wildcard is allowed).
    public static func hostName(_ host: String, flag: String) throws(OperationError) {
        let bare = host.hasPrefix("*.") ? String(host.dropFirst(2)) : host
        try dns1123Subdomain(bare, flag: flag, what: "the host")
    }

    /// `--account-id`: 1 to 64 letters, digits, '-' or '_'.
    public static func accountId(_ value: String) throws(OperationError) {
        guard !value.isEmpty, value.count <= 64, value.unicodeScalars.allSatisfy({
            ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) || $0 == "-" || $0 == "_"
        }) else {
            throw fail(value.isEmpty ? "--access-mode tunnel needs --account-id" : "--account-id '\(Display.safe(value))' must be 1 to 64 letters, digits, '-' or '_'")
        }
    }

    /// An absolute http(s) URL with a host, without user info or white space.
    public static func httpURL(_ value: String, flag: String) throws(OperationError) {
        let lower = value.lowercased()
        guard lower.hasPrefix("https://") || lower.hasPrefix("http://") else {
            throw fail("\(flag) must be an absolute https:// or http:// URL")
        }
        let rest = value[value.index(value.startIndex, offsetBy: lower.hasPrefix("https://") ? 8 : 7)...]
        let authority = rest.prefix { $0 != "/" && $0 != "?" && $0 != "#" }
        guard !authority.isEmpty, !authority.contains("@"),
              !value.unicodeScalars.contains(where: { $0.properties.isWhitespace || $0.properties.generalCategory == .control })
        else {
            throw fail("\(flag) must be an absolute http(s) URL with a host, no user info and no white space")
        }
        // The port, if any: after the host (or after `]` of an IPv6 literal).
        let afterHost: Substring
        if authority.hasPrefix("[") {
            guard let close = authority.firstIndex(of: "]") else { throw fail("\(flag) has an unterminated '[' in its host") }
            afterHost = authority[authority.index(after: close)...]
            guard afterHost.isEmpty || afterHost.hasPrefix(":") else { throw fail("\(flag) has unexpected text after its IPv6 host") }
        } else {
            afterHost = authority.firstIndex(of: ":").map { authority[$0...] } ?? ""
            guard authority.first != ":" else { throw fail("\(flag) must be an absolute http(s) URL with a host") }
        }
        if !afterHost.isEmpty {
            let port = afterHost.dropFirst()
            guard !port.isEmpty, port.utf8.count <= 5, port.utf8.allSatisfy({ (48...57).contains($0) }), let number = Int(port), (1...65535).contains(number) else {
                throw fail("\(flag) has an invalid port '\(Display.safe(port, limit: 12))': use a number from 1 to 65535")
            }
        }
    }

    /// `--argocd-username`: ``userName(_:flag:)``.
    public static func argoCDUsername(_ username: String) throws(OperationError) {
        try userName(username, flag: "--argocd-username")
    }

    /// A user name (`--argocd-username`, `--git-runtime-user`): 1 to 253 characters, without
    /// white space, control characters or invisible format characters (zero-width spaces, byte
    /// order marks, bidi controls: YAML readers may drop a leading byte order mark, so such a name
    /// would not survive a registry file).
    public static func userName(_ name: String, flag: String) throws(OperationError) {
        guard !name.isEmpty, name.count <= 253,
              !name.unicodeScalars.contains(where: {
                  $0.properties.isWhitespace || $0.properties.generalCategory == .control || $0.properties.generalCategory == .format
              })
        else {
            throw fail("\(flag) must be 1 to 253 characters without white space or invisible characters")
        }
    }

    /// A TCP port, 1 to 65535.
    public static func port(_ value: Int, flag: String) throws(OperationError) {
        guard (1...65535).contains(value) else { throw fail("\(flag) \(value) must be a port from 1 to 65535") }
    }

    /// `--argocd-rootpath`: empty, or starting with `/`, without white space.
    public static func rootPath(_ value: String) throws(OperationError) {
        guard value.isEmpty || (value.hasPrefix("/") && !value.unicodeScalars.contains(where: {
            $0.properties.isWhitespace || $0.properties.generalCategory == .control
        })) else {
            throw fail("--argocd-rootpath '\(Display.safe(value))' must be empty or start with '/' and have no white space")
        }
    }

    static func isDNS1123Label(_ value: String) -> Bool {
        let scalars = Array(value.unicodeScalars)
        guard let first = scalars.first, let last = scalars.last else { return false }
        func alnum(_ s: Unicode.Scalar) -> Bool { ("a"..."z").contains(s) || ("0"..."9").contains(s) }
        return alnum(first) && alnum(last) && scalars.allSatisfy { alnum($0) || $0 == "-" }
    }

    static func isSecretKeyCharacter(_ s: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(s) || ("A"..."Z").contains(s) || ("0"..."9").contains(s) || s == "-" || s == "_" || s == "."
    }
}
