import ArgumentParser
import ISCKit

// The flags of `init`, `add-runtime` and `update-runtime` come in two titled groups of `--help`:
// **Runtime** (the name, where and how it is installed, its own Git credentials, the chart, the
// API key the printed install reads) and **Argo CD** (how the runtime reaches and authenticates to
// the existing Argo CD, and its version). A command declares each group with its title
// (`@OptionGroup(title: "Runtime")`); the types below carry no title of their own, so that
// `helm-values` can show `--api-key-secret` and `--argocd-version` among its own options.

/// The **Runtime** group of `init` and `add-runtime`: `--runtime` (default `codefresh`), the
/// runtime's settings and `--api-key-secret`.
struct NewRuntimeOptions: ParsableArguments {
    @Option(help: "The runtime name: a lower-case letter, then lower-case letters and digits, at most 38.")
    var runtime = RuntimeSettings.defaultName

    @OptionGroup var settings: RuntimeFlags
    @OptionGroup var apiKey: APIKeySecretOption
}

/// The **Runtime** group of `update-runtime`: which runtime (required), the settings to change and
/// `--api-key-secret`.
struct ChangedRuntimeOptions: ParsableArguments {
    @Option(help: "The runtime to change.")
    var runtime: String

    @OptionGroup var settings: RuntimeFlags
    @OptionGroup var apiKey: APIKeySecretOption
}

/// The **Argo CD** group of `init`, `add-runtime` and `update-runtime`: the Argo CD settings of
/// the runtime and `--argocd-version`.
struct ArgoCDOptions: ParsableArguments {
    @OptionGroup var settings: ArgoCDFlags
    @OptionGroup var version: ArgoCDVersionOption
}

/// The runtime settings of spec sections 4 and 7 that are not about Argo CD, every one optional: a
/// new runtime takes the defaults named in the help for what is not given; `update-runtime`
/// changes only what is given.
struct RuntimeFlags: ParsableArguments {
    @Option(help: "The namespace of the existing Argo CD, where the runtime is installed. (default: \(RuntimeSettings.defaultNamespace))")
    var namespace: String?

    @Option(name: .customLong("helm-release"), help: "The Helm release name. (default: \(RuntimeSettings.defaultHelmRelease))")
    var helmRelease: String?

    @Option(name: .customLong("access-mode"), help: ArgumentHelp("How the platform reaches the runtime. (default: tunnel)", valueName: "mode"))
    var accessMode: AccessModeValue?

    @Option(name: .customLong("account-id"), help: ArgumentHelp("The platform account id (tunnel mode).", valueName: "id"))
    var accountId: String?

    @Option(name: .customLong("ingress-host"), help: ArgumentHelp("The ingress host (ingress mode).", valueName: "host"))
    var ingressHost: String?

    @Option(name: .customLong("ingress-class"), help: ArgumentHelp("The ingress class (ingress mode).", valueName: "class"))
    var ingressClass: String?

    @Option(name: .customLong("ingress-url"), help: ArgumentHelp("The URL the platform reaches the runtime at (service-mesh mode).", valueName: "url"))
    var ingressURL: String?

    @Option(
        name: .customLong("git-runtime-user"),
        help: ArgumentHelp("The Git user of the runtime's own Git credentials (optional with a token).", valueName: "user"))
    var gitRuntimeUser: String?

    @Option(
        name: .customLong("git-runtime-token-secret"),
        help: ArgumentHelp(
            "The secret holding the runtime's Git token (global.runtime.gitCredentials); the runtime is not fully functional without it.", valueName: "name:key"
        ))
    var gitRuntimeTokenSecret: String?

    @Option(
        name: .customLong("chart-version"),
        help: ArgumentHelp(
            "The gitops-runtime chart version to pin (helm --version, Terraform version); unpinned installs the newest chart.", valueName: "x.y.z"))
    var chartVersion: String?
}

/// The runtime's Argo CD settings (spec section 4), every one optional, as ``RuntimeFlags``.
struct ArgoCDFlags: ParsableArguments {
    @Option(name: .customLong("argocd-auth"), help: ArgumentHelp("How the runtime authenticates to Argo CD. (default: token)", valueName: "auth"))
    var argocdAuth: ArgoCDAuthValue?

    @Option(name: .customLong("argocd-token-secret"), help: ArgumentHelp("The secret holding the Argo CD token (token auth).", valueName: "name:key"))
    var argocdTokenSecret: String?

    @Option(name: .customLong("argocd-username"), help: ArgumentHelp("The Argo CD user (password auth). (default: admin)", valueName: "user"))
    var argocdUsername: String?

    @Option(name: .customLong("argocd-password-secret"), help: ArgumentHelp("The secret holding the Argo CD password (password auth).", valueName: "name:key"))
    var argocdPasswordSecret: String?

    @Option(name: .customLong("argocd-server-svc"), help: ArgumentHelp("The Argo CD server service. (default: argocd-server)", valueName: "service"))
    var argocdServerSvc: String?

    @Option(name: .customLong("argocd-server-port"), help: ArgumentHelp("The Argo CD server service port. (default: 80)", valueName: "port"))
    var argocdServerPort: Int?

    @Option(
        name: .customLong("argocd-rootpath"), help: ArgumentHelp("The Argo CD server root path (empty or starting with /). (default: empty)", valueName: "path")
    )
    var argocdRootpath: String?

    @Option(
        name: .customLong("argocd-repo-server-svc"), help: ArgumentHelp("The Argo CD repo server service. (default: argocd-repo-server)", valueName: "service"))
    var argocdRepoServerSvc: String?

    @Option(name: .customLong("argocd-repo-server-port"), help: ArgumentHelp("The Argo CD repo server service port. (default: 8081)", valueName: "port"))
    var argocdRepoServerPort: Int?
}

/// `--api-key-secret`: how the printed install refers to the platform API key (not stored).
struct APIKeySecretOption: ParsableArguments {
    @Option(
        name: .customLong("api-key-secret"),
        help: ArgumentHelp("A secret holding the platform API key, used by the values and terraform formats instead of $CF_API_KEY.", valueName: "name:key"))
    var apiKeySecret: String?
}

/// `--argocd-version`: the existing Argo CD's version, checked against the chart (not stored).
struct ArgoCDVersionOption: ParsableArguments {
    @Option(
        name: .customLong("argocd-version"),
        help: ArgumentHelp("The version of the existing Argo CD, checked (not stored) against the chart's compatibility table.", valueName: "x.y"))
    var argocdVersion: String?
}

extension RuntimeUpdate {
    /// The runtime settings as given by the flags of the **Runtime** and **Argo CD** groups.
    init(_ runtime: RuntimeFlags, _ argoCD: ArgoCDFlags) {
        self.init()
        namespace = runtime.namespace
        helmRelease = runtime.helmRelease
        accessMode = runtime.accessMode?.rawValue
        accountId = runtime.accountId
        ingressHost = runtime.ingressHost
        ingressClass = runtime.ingressClass
        ingressURL = runtime.ingressURL
        gitRuntimeUser = runtime.gitRuntimeUser
        gitRuntimeTokenSecret = runtime.gitRuntimeTokenSecret
        chartVersion = runtime.chartVersion
        argoCDAuth = argoCD.argocdAuth?.rawValue
        argoCDTokenSecret = argoCD.argocdTokenSecret
        argoCDUsername = argoCD.argocdUsername
        argoCDPasswordSecret = argoCD.argocdPasswordSecret
        argoCDServerService = argoCD.argocdServerSvc
        argoCDServerPort = argoCD.argocdServerPort
        argoCDRootPath = argoCD.argocdRootpath
        argoCDRepoServerService = argoCD.argocdRepoServerSvc
        argoCDRepoServerPort = argoCD.argocdRepoServerPort
    }
}
