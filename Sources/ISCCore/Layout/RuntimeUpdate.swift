/// Runtime settings as given on the command line, every one optional: what `init` and
/// `add-runtime` build a new runtime from (``newRuntime(named:)``, the defaults of spec section 4
/// for what is not given) and what `update-runtime` changes in an existing one
/// (``applied(to:)``, only what is given). One place for the rules that tie flags together
/// (which access mode needs which flag, which auth type needs which secret), so that the three
/// commands cannot drift apart.
public struct RuntimeUpdate: Sendable, Hashable {
    /// `--namespace`.
    public var namespace: String?
    /// `--helm-release`.
    public var helmRelease: String?
    /// `--access-mode`: `tunnel`, `ingress` or `service-mesh`.
    public var accessMode: String?
    /// `--account-id` (tunnel mode).
    public var accountId: String?
    /// `--ingress-host` (ingress mode).
    public var ingressHost: String?
    /// `--ingress-class` (ingress mode).
    public var ingressClass: String?
    /// `--ingress-url` (service-mesh mode).
    public var ingressURL: String?
    /// `--argocd-auth`: `token` or `password`.
    public var argoCDAuth: String?
    /// `--argocd-token-secret NAME:KEY` (token auth), unparsed.
    public var argoCDTokenSecret: String?
    /// `--argocd-username` (password auth).
    public var argoCDUsername: String?
    /// `--argocd-password-secret NAME:KEY` (password auth), unparsed.
    public var argoCDPasswordSecret: String?
    /// `--argocd-server-svc`.
    public var argoCDServerService: String?
    /// `--argocd-server-port`.
    public var argoCDServerPort: Int?
    /// `--argocd-rootpath`.
    public var argoCDRootPath: String?
    /// `--argocd-repo-server-svc`.
    public var argoCDRepoServerService: String?
    /// `--argocd-repo-server-port`.
    public var argoCDRepoServerPort: Int?
    /// `--git-runtime-user`.
    public var gitRuntimeUser: String?
    /// `--git-runtime-token-secret NAME:KEY`, unparsed.
    public var gitRuntimeTokenSecret: String?
    /// `--chart-version X.Y.Z`, unparsed.
    public var chartVersion: String?

    /// The values of `--access-mode`.
    public static let accessModes = ["tunnel", "ingress", "service-mesh"]
    /// The values of `--argocd-auth`.
    public static let authTypes = ["token", "password"]

    /// Nothing given.
    public init() {}

    /// True when no setting is given (`update-runtime` then has nothing to do).
    public var isEmpty: Bool { self == RuntimeUpdate() }

    /// A new runtime called `name`: the given settings, the defaults of spec section 4 for the
    /// rest (namespace `codefresh`, release `cf-gitops-runtime`, tunnel mode, token auth, the
    /// Argo CD services and ports, user `admin` for password auth). Checked against every rule.
    ///
    /// - Throws: an invalid input (exit 2) naming the flag: a flag of another access mode or auth
    ///   type, a mode or auth type without what it needs, any broken rule.
    public func newRuntime(named name: String) throws(OperationError) -> RuntimeSettings {
        let defaults = ArgoCDSettings(auth: .token(tokenSecretKeyRef: SecretKeyRef(name: "", key: "")))
        var settings = RuntimeSettings(
            name: name, namespace: namespace ?? RuntimeSettings.defaultNamespace,
            helmRelease: helmRelease ?? RuntimeSettings.defaultHelmRelease,
            accessMode: try resolvedAccessMode(current: nil),
            argoCD: ArgoCDSettings(
                serverService: argoCDServerService ?? defaults.serverService, serverPort: argoCDServerPort ?? defaults.serverPort,
                rootPath: argoCDRootPath ?? defaults.rootPath, repoServerService: argoCDRepoServerService ?? defaults.repoServerService,
                repoServerPort: argoCDRepoServerPort ?? defaults.repoServerPort, auth: try resolvedAuth(current: nil)))
        settings.gitCredentials = try resolvedGitCredentials(current: nil)
        settings.chartVersion = try chartVersion.map { text throws(OperationError) in try ChartVersion(parsing: text) }
        try settings.validateNew()
        return settings
    }

    /// `current` with the given settings changed and nothing else: the name and clusters stay.
    /// Switching the access mode or auth type needs the new mode's flags (those the current one
    /// shares are kept); a flag of a mode or auth type that is neither the current nor the given
    /// one is refused.
    ///
    /// - Throws: an invalid input (exit 2) naming the flag, as ``newRuntime(named:)``.
    public func applied(to current: RuntimeSettings) throws(OperationError) -> RuntimeSettings {
        var settings = current
        if let namespace { settings.namespace = namespace }
        if let helmRelease { settings.helmRelease = helmRelease }
        settings.accessMode = try resolvedAccessMode(current: current.accessMode)
        if let argoCDServerService { settings.argoCD.serverService = argoCDServerService }
        if let argoCDServerPort { settings.argoCD.serverPort = argoCDServerPort }
        if let argoCDRootPath { settings.argoCD.rootPath = argoCDRootPath }
        if let argoCDRepoServerService { settings.argoCD.repoServerService = argoCDRepoServerService }
        if let argoCDRepoServerPort { settings.argoCD.repoServerPort = argoCDRepoServerPort }
        settings.argoCD.auth = try resolvedAuth(current: current.argoCD.auth)
        settings.gitCredentials = try resolvedGitCredentials(current: current.gitCredentials)
        if let chartVersion { settings.chartVersion = try ChartVersion(parsing: chartVersion) }
        try settings.validate()
        return settings
    }

    /// Checks every given setting on its own against its rule (``SettingTable/all``: what can
    /// be decided without the runtime's current settings, so before anything is cloned): names,
    /// ports, URLs, secret references, the chart version, known access modes and auth types.
    /// ``applied(to:)`` checks the rest.
    ///
    /// - Throws: an invalid input (`invalid-setting`, exit 2) naming the flag.
    public func validateGiven() throws(OperationError) {
        for rule in SettingTable.all {
            try rule.check(self)
        }
    }

    static func invalid(_ message: String) -> OperationError { .invalidInput("invalid-setting", message) }

    func resolvedAccessMode(current: AccessMode?) throws(OperationError) -> AccessMode {
        let type = accessMode ?? current?.type ?? "tunnel"
        try SettingTable.accessMode.check(type)
        func forbid(_ value: String?, _ flag: String, _ modes: String) throws(OperationError) {
            if value != nil { throw Self.invalid("\(flag) applies only to --access-mode \(modes), not \(type)") }
        }
        switch type {
        case "ingress":
            try forbid(accountId, "--account-id", "tunnel")
            try forbid(ingressURL, "--ingress-url", "service-mesh")
            var host = ingressHost, className = ingressClass
            if case .ingress(let currentHost, let currentClass)? = current {
                host = host ?? currentHost
                className = className ?? currentClass
            }
            guard let host, let className else {
                throw Self.invalid("--access-mode ingress needs --ingress-host and --ingress-class")
            }
            return .ingress(host: host, className: className)
        case "service-mesh":
            try forbid(accountId, "--account-id", "tunnel")
            try forbid(ingressHost, "--ingress-host", "ingress")
            try forbid(ingressClass, "--ingress-class", "ingress")
            var url = ingressURL
            if case .serviceMesh(let currentURL)? = current { url = url ?? currentURL }
            guard let url else { throw Self.invalid("--access-mode service-mesh needs --ingress-url") }
            return .serviceMesh(ingressURL: url)
        default:
            try forbid(ingressHost, "--ingress-host", "ingress")
            try forbid(ingressClass, "--ingress-class", "ingress")
            try forbid(ingressURL, "--ingress-url", "service-mesh")
            guard let accountId = accountId ?? current?.accountId else { throw Self.invalid("--access-mode tunnel needs --account-id") }
            return .tunnel(accountId: accountId)
        }
    }

    func resolvedAuth(current: ArgoCDAuth?) throws(OperationError) -> ArgoCDAuth {
        let type = argoCDAuth ?? current?.type ?? "token"
        try SettingTable.argoCDAuth.check(type)
        if type == "password" {
            if argoCDTokenSecret != nil {
                throw Self.invalid("--argocd-token-secret applies only to --argocd-auth token")
            }
            var username = argoCDUsername, ref = try SettingTable.argoCDPasswordSecret.value(in: self)
            if case .password(let currentUser, let currentRef)? = current {
                username = username ?? currentUser
                ref = ref ?? currentRef
            }
            guard let ref else {
                throw Self.invalid("--argocd-auth password needs --argocd-password-secret NAME:KEY (the secret holding the password)")
            }
            return .password(username: username ?? "admin", passwordSecretKeyRef: ref)
        }
        if argoCDUsername != nil || argoCDPasswordSecret != nil {
            throw Self.invalid("--argocd-username and --argocd-password-secret apply only to --argocd-auth password")
        }
        if let ref = try SettingTable.argoCDTokenSecret.value(in: self) {
            return .token(tokenSecretKeyRef: ref)
        }
        guard case .token(let ref)? = current else {
            throw Self.invalid("--argocd-auth token needs --argocd-token-secret NAME:KEY (the secret holding the Argo CD token)")
        }
        return .token(tokenSecretKeyRef: ref)
    }

    func resolvedGitCredentials(current: GitRuntimeCredentials?) throws(OperationError) -> GitRuntimeCredentials? {
        guard let ref = try SettingTable.gitRuntimeTokenSecret.value(in: self) ?? current?.passwordSecretKeyRef else {
            if gitRuntimeUser != nil {
                throw Self.invalid("--git-runtime-user needs --git-runtime-token-secret NAME:KEY (the secret holding the runtime's Git token)")
            }
            return nil
        }
        return GitRuntimeCredentials(username: gitRuntimeUser ?? current?.username, passwordSecretKeyRef: ref)
    }
}
