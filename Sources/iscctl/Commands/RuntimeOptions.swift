import ArgumentParser
import ISCKit

/// `--runtime` and the settings of a new runtime (`init`, `add-runtime`).
struct RuntimeOptions: ParsableArguments {
    @Option(help: "The runtime name: a lower-case letter, then lower-case letters and digits, at most 38.")
    var runtime = RuntimeSettings.defaultName

    @OptionGroup(title: "Runtime settings")
    var flags: RuntimeSettingsOptions

    /// The validated settings, defaults for what is not given; every error names the flag and the rule.
    func settings() throws -> RuntimeSettings {
        try flags.update.newRuntime(named: runtime)
    }
}

/// The runtime settings of spec sections 4 and 7, as flags, every one optional: a new runtime
/// takes the defaults named in the help for what is not given; `update-runtime` changes only
/// what is given.
struct RuntimeSettingsOptions: ParsableArguments {
    @Option(help: "The namespace of the existing Argo CD, where the runtime is installed. (default: \(RuntimeSettings.defaultNamespace))")
    var namespace: String?

    @Option(name: .customLong("helm-release"), help: "The Helm release name. (default: \(RuntimeSettings.defaultHelmRelease))")
    var helmRelease: String?

    @Option(name: .customLong("access-mode"), help: "How the platform reaches the runtime: tunnel, ingress or service-mesh. (default: tunnel)",
            completion: .list(RuntimeUpdate.accessModes))
    var accessMode: String?

    @Option(name: .customLong("account-id"), help: "The platform account id (tunnel mode).")
    var accountId: String?

    @Option(name: .customLong("ingress-host"), help: "The ingress host (ingress mode).")
    var ingressHost: String?

    @Option(name: .customLong("ingress-class"), help: "The ingress class (ingress mode).")
    var ingressClass: String?

    @Option(name: .customLong("ingress-url"), help: "The URL the platform reaches the runtime at (service-mesh mode).")
    var ingressURL: String?

    @Option(name: .customLong("argocd-auth"), help: "How the runtime authenticates to Argo CD: token or password. (default: token)",
            completion: .list(RuntimeUpdate.authTypes))
    var argocdAuth: String?

    @Option(name: .customLong("argocd-token-secret"), help: ArgumentHelp("The secret holding the Argo CD token (token auth).", valueName: "name:key"))
    var argocdTokenSecret: String?

    @Option(name: .customLong("argocd-username"), help: "The Argo CD user (password auth). (default: admin)")
    var argocdUsername: String?

    @Option(name: .customLong("argocd-password-secret"), help: ArgumentHelp("The secret holding the Argo CD password (password auth).", valueName: "name:key"))
    var argocdPasswordSecret: String?

    @Option(name: .customLong("argocd-server-svc"), help: "The Argo CD server service. (default: argocd-server)")
    var argocdServerSvc: String?

    @Option(name: .customLong("argocd-server-port"), help: "The Argo CD server service port. (default: 80)")
    var argocdServerPort: Int?

    @Option(name: .customLong("argocd-rootpath"), help: "The Argo CD server root path (empty or starting with /). (default: empty)")
    var argocdRootpath: String?

    @Option(name: .customLong("argocd-repo-server-svc"), help: "The Argo CD repo server service. (default: argocd-repo-server)")
    var argocdRepoServerSvc: String?

    @Option(name: .customLong("argocd-repo-server-port"), help: "The Argo CD repo server service port. (default: 8081)")
    var argocdRepoServerPort: Int?

    @Option(name: .customLong("git-runtime-user"), help: "The Git user of the runtime's own Git credentials (optional with a token).")
    var gitRuntimeUser: String?

    @Option(name: .customLong("git-runtime-token-secret"), help: ArgumentHelp("The secret holding the runtime's Git token (global.runtime.gitCredentials); the runtime is not fully functional without it.", valueName: "name:key"))
    var gitRuntimeTokenSecret: String?

    @Option(name: .customLong("chart-version"), help: ArgumentHelp("The gitops-runtime chart version to pin (helm --version, Terraform version); unpinned installs the newest chart.", valueName: "x.y.z"))
    var chartVersion: String?

    /// The flags as given.
    var update: RuntimeUpdate {
        var update = RuntimeUpdate()
        update.namespace = namespace
        update.helmRelease = helmRelease
        update.accessMode = accessMode
        update.accountId = accountId
        update.ingressHost = ingressHost
        update.ingressClass = ingressClass
        update.ingressURL = ingressURL
        update.argoCDAuth = argocdAuth
        update.argoCDTokenSecret = argocdTokenSecret
        update.argoCDUsername = argocdUsername
        update.argoCDPasswordSecret = argocdPasswordSecret
        update.argoCDServerService = argocdServerSvc
        update.argoCDServerPort = argocdServerPort
        update.argoCDRootPath = argocdRootpath
        update.argoCDRepoServerService = argocdRepoServerSvc
        update.argoCDRepoServerPort = argocdRepoServerPort
        update.gitRuntimeUser = gitRuntimeUser
        update.gitRuntimeTokenSecret = gitRuntimeTokenSecret
        update.chartVersion = chartVersion
        return update
    }
}
