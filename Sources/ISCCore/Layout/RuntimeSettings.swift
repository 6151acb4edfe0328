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
        try self.init(syntax: text, flag: flag)
        try validate(flag: flag)
        try requireUnreserved(flag: flag)
    }

    /// Splits `NAME:KEY` at the first `:`, checking nothing else.
    init(syntax text: String, flag: String) throws(OperationError) {
        let parts = text.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
        guard parts.count == 2 else {
            throw .invalidInput("invalid-setting", "\(flag) takes a secret reference NAME:KEY, got '\(Display.safe(text))'")
        }
        self.init(name: String(parts[0]), key: String(parts[1]))
    }

    /// Refuses a name the chart reserves (``reservedNames``): what a reference that enters the
    /// repository now is held to; one already there is reported by `validate` instead.
    func requireUnreserved(flag: String) throws(OperationError) {
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
    public init(
        serverService: String = "argocd-server", serverPort: Int = 80, rootPath: String = "",
        repoServerService: String = "argocd-repo-server", repoServerPort: Int = 8081, auth: ArgoCDAuth
    ) {
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
    public init(
        name: String = defaultName, namespace: String = defaultNamespace, helmRelease: String = defaultHelmRelease,
        accessMode: AccessMode, argoCD: ArgoCDSettings, gitCredentials: GitRuntimeCredentials? = nil,
        chartVersion: ChartVersion? = nil, clusters: [String] = [inCluster]
    ) {
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
    /// token or password and the Git runtime token (``SettingTable/secrets``).
    public var referencedSecrets: [(flag: String, ref: SecretKeyRef)] {
        SettingTable.secrets.flatMap { rule in rule.values(in: self).map { (rule.flag, $0.value) } }
    }

    /// True when both describe the same installation, whatever clusters were added since.
    public func sameInstallation(as other: RuntimeSettings) -> Bool {
        var left = self, right = other
        left.clusters = []
        right.clusters = []
        return left == right
    }

    /// Checks every setting against its rule of spec section 4 (``SettingTable/all``); the
    /// error names the flag and the rule.
    ///
    /// - Throws: an invalid input (`invalid-setting`, exit 2).
    public func validate() throws(OperationError) {
        for rule in SettingTable.all {
            if let failure = rule.failure(in: self) { throw failure.error }
        }
    }

    /// ``validate()`` plus the rules for values that enter the repository now (`init`,
    /// `add-runtime`): the runtime name and every extra cluster name must make portable paths
    /// (``SettingRules/newRuntimeName(_:)``, ``SettingRules/clusterName(_:)``), no secret may be
    /// one the chart reserves. Values already in a repository are only held to ``validate()``.
    ///
    /// - Throws: an invalid input (`invalid-setting`, exit 2).
    public func validateNew() throws(OperationError) {
        for rule in SettingTable.all {
            if let failure = rule.failure(in: self, new: true) { throw failure.error }
        }
    }
}
