import ArgumentParser
import ISCKit

/// The runtime settings of spec section 4, as flags.
struct RuntimeOptions: ParsableArguments {
    @Option(help: "The runtime name: a lower-case letter, then lower-case letters and digits, at most 38.")
    var runtime = RuntimeSettings.defaultName

    @Option(help: "The namespace of the existing Argo CD, where the runtime is installed.")
    var namespace = RuntimeSettings.defaultNamespace

    @Option(name: .customLong("helm-release"), help: "The Helm release name.")
    var helmRelease = RuntimeSettings.defaultHelmRelease

    @Option(name: .customLong("access-mode"), help: "How the platform reaches the runtime: tunnel, ingress or service-mesh.")
    var accessMode = "tunnel"

    @Option(name: .customLong("account-id"), help: "The platform account id (tunnel mode).")
    var accountId: String?

    @Option(name: .customLong("ingress-host"), help: "The ingress host (ingress mode).")
    var ingressHost: String?

    @Option(name: .customLong("ingress-class"), help: "The ingress class (ingress mode).")
    var ingressClass: String?

    @Option(name: .customLong("ingress-url"), help: "The URL the platform reaches the runtime at (service-mesh mode).")
    var ingressURL: String?

    @Option(name: .customLong("argocd-auth"), help: "How the runtime authenticates to Argo CD: token or password.")
    var argocdAuth = "token"

    @Option(name: .customLong("argocd-token-secret"), help: ArgumentHelp("The secret holding the Argo CD token (token auth).", valueName: "name:key"))
    var argocdTokenSecret: String?

    @Option(name: .customLong("argocd-username"), help: "The Argo CD user (password auth).")
    var argocdUsername: String?

    @Option(name: .customLong("argocd-password-secret"), help: ArgumentHelp("The secret holding the Argo CD password (password auth).", valueName: "name:key"))
    var argocdPasswordSecret: String?

    @Option(name: .customLong("argocd-server-svc"), help: "The Argo CD server service.")
    var argocdServerSvc = "argocd-server"

    @Option(name: .customLong("argocd-server-port"), help: "The Argo CD server service port.")
    var argocdServerPort = 80

    @Option(name: .customLong("argocd-rootpath"), help: "The Argo CD server root path (empty or starting with /).")
    var argocdRootpath = ""

    @Option(name: .customLong("argocd-repo-server-svc"), help: "The Argo CD repo server service.")
    var argocdRepoServerSvc = "argocd-repo-server"

    @Option(name: .customLong("argocd-repo-server-port"), help: "The Argo CD repo server service port.")
    var argocdRepoServerPort = 8081

    /// The validated settings; every error names the flag and the rule.
    func settings() throws -> RuntimeSettings {
        let mode: AccessMode
        func forbid(_ value: String?, _ flag: String, _ modes: String) throws {
            if value != nil { throw OperationError.invalidInput("invalid-setting", "\(flag) applies only to --access-mode \(modes), not \(accessMode)") }
        }
        switch accessMode {
        case "tunnel":
            try forbid(ingressHost, "--ingress-host", "ingress")
            try forbid(ingressClass, "--ingress-class", "ingress")
            try forbid(ingressURL, "--ingress-url", "service-mesh")
            guard let accountId else { throw OperationError.invalidInput("invalid-setting", "--access-mode tunnel needs --account-id") }
            mode = .tunnel(accountId: accountId)
        case "ingress":
            try forbid(accountId, "--account-id", "tunnel")
            try forbid(ingressURL, "--ingress-url", "service-mesh")
            guard let ingressHost, let ingressClass else {
                throw OperationError.invalidInput("invalid-setting", "--access-mode ingress needs --ingress-host and --ingress-class")
            }
            mode = .ingress(host: ingressHost, className: ingressClass)
        case "service-mesh":
            try forbid(accountId, "--account-id", "tunnel")
            try forbid(ingressHost, "--ingress-host", "ingress")
            try forbid(ingressClass, "--ingress-class", "ingress")
            guard let ingressURL else { throw OperationError.invalidInput("invalid-setting", "--access-mode service-mesh needs --ingress-url") }
            mode = .serviceMesh(ingressURL: ingressURL)
        default:
            throw OperationError.invalidInput("invalid-setting", "--access-mode '\(accessMode)' must be tunnel, ingress or service-mesh")
        }
        let auth: ArgoCDAuth
        switch argocdAuth {
        case "token":
            if argocdUsername != nil || argocdPasswordSecret != nil {
                throw OperationError.invalidInput("invalid-setting", "--argocd-username and --argocd-password-secret apply only to --argocd-auth password")
            }
            guard let argocdTokenSecret else {
                throw OperationError.invalidInput("invalid-setting", "--argocd-auth token needs --argocd-token-secret NAME:KEY (the secret holding the Argo CD token)")
            }
            auth = .token(tokenSecretKeyRef: try SecretKeyRef(parsing: argocdTokenSecret, flag: "--argocd-token-secret"))
        case "password":
            if argocdTokenSecret != nil {
                throw OperationError.invalidInput("invalid-setting", "--argocd-token-secret applies only to --argocd-auth token")
            }
            guard let argocdPasswordSecret else {
                throw OperationError.invalidInput("invalid-setting", "--argocd-auth password needs --argocd-password-secret NAME:KEY (the secret holding the password)")
            }
            auth = .password(username: argocdUsername ?? "admin",
                             passwordSecretKeyRef: try SecretKeyRef(parsing: argocdPasswordSecret, flag: "--argocd-password-secret"))
        default:
            throw OperationError.invalidInput("invalid-setting", "--argocd-auth '\(argocdAuth)' must be token or password")
        }
        let settings = RuntimeSettings(
            name: runtime, namespace: namespace, helmRelease: helmRelease, accessMode: mode,
            argoCD: ArgoCDSettings(serverService: argocdServerSvc, serverPort: argocdServerPort, rootPath: argocdRootpath,
                                   repoServerService: argocdRepoServerSvc, repoServerPort: argocdRepoServerPort, auth: auth))
        try settings.validate()
        return settings
    }
}
