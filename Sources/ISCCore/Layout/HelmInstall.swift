/// One value given to the `gitops-runtime` chart (spec section 6).
public enum HelmValue: Sendable, Hashable {
    /// A string; rendered so that Helm keeps it a string even when it looks like a number, a
    /// boolean or `null` (`--set-string`, `type = "string"`, a quoted YAML scalar).
    case string(String)
    /// An integer (a port).
    case int(Int)
    /// A boolean (an `enabled` flag).
    case bool(Bool)
    /// A secret that iscctl never knows, taken from this environment variable when the install
    /// runs: `"$NAME"` in the command, a `sensitive` variable in Terraform, left out of a
    /// values.yaml. Used only for the platform API key (`CF_API_KEY`).
    case environment(String)
}

/// The Helm install of one runtime: the `gitops-runtime` chart next to the existing Argo CD,
/// printed by `init`, `add-runtime` and `helm-values` as a command, a values.yaml or a Terraform
/// `helm_release` (spec sections 4 and 6). Pure functions of the settings: no Git, no I/O, and
/// never a secret value — the API key is `"$CF_API_KEY"` or a Kubernetes secret reference.
///
/// Every rendering ends with exactly one newline. The settings are not validated here (call
/// ``RuntimeSettings/validate()`` first); whatever they hold is still quoted safely.
public struct HelmInstall: Sendable, Hashable {
    /// The three renderings of `helm-values --format`.
    public enum Format: String, CaseIterable, Sendable {
        /// A `helm upgrade --install` command, one `--set` per line.
        case command
        /// A values.yaml for the chart.
        case values
        /// A Terraform `helm_release` resource.
        case terraform
        /// A shell script that creates the Kubernetes secrets the install refers to, values from
        /// environment variables (``HelmInstall/secretsScript()``).
        case secrets
    }

    /// The runtime to install.
    public var settings: RuntimeSettings
    /// Where the platform API key is kept in the cluster (`--api-key-secret NAME:KEY`); without
    /// it, the key is read from `$CF_API_KEY` when the install runs.
    public var apiKeySecret: SecretKeyRef?
    /// True for the account's configuration runtime (the one `init` registered): its install sets
    /// `global.runtime.isConfigurationRuntime=true` (spec section 7; the chart's default is false).
    public var isConfigurationRuntime: Bool

    /// The chart, as `helm` takes it.
    public static let chartReference = "oci://quay.io/codefresh/gitops-runtime"
    /// The chart repository, as Terraform's `helm_release.repository` takes it.
    public static let chartRepository = "oci://quay.io/codefresh"
    /// The chart name inside ``chartRepository``.
    public static let chartName = "gitops-runtime"
    /// How long `helm` waits for the release (`--timeout`).
    public static let timeout = "10m"
    /// The same timeout in seconds, for Terraform.
    public static let timeoutSeconds = 600
    /// The environment variable that holds the platform API key when the install runs.
    public static let apiKeyVariable = "CF_API_KEY"
    /// The chart value that receives the API key itself.
    public static let apiKeyValueKey = "global.codefresh.userToken.token"

    /// The ISC's Git provider (the registry's `gitProvider`), which decides the scopes the Git
    /// runtime token needs (``gitCredentialsNote``); `nil` when unknown.
    public var gitProvider: GitProvider?

    /// An install of `settings`, the API key from `apiKeySecret` or else from `$CF_API_KEY`.
    public init(
        settings: RuntimeSettings, apiKeySecret: SecretKeyRef? = nil, isConfigurationRuntime: Bool = false,
        gitProvider: GitProvider? = nil
    ) {
        self.settings = settings
        self.apiKeySecret = apiKeySecret
        self.isConfigurationRuntime = isConfigurationRuntime
        self.gitProvider = gitProvider
    }

    /// One line for the user on the runtime's Git credentials: the token's secret and the scopes
    /// it needs on ``gitProvider`` (``GitRuntimeCredentials/tokenScopes(for:)``), or that there are
    /// none and the runtime is not fully functional without them.
    public var gitCredentialsNote: String {
        let source = GitRuntimeCredentials.tokenScopesSource
        let scopes =
            gitProvider.map { "on \($0.id) it needs \(GitRuntimeCredentials.tokenScopes(for: $0)); see \(source)" }
            ?? "for the scopes it needs see \(source)"
        guard let credentials = settings.gitCredentials else {
            return
                "Git runtime token: none; the runtime is not fully functional without one: add it with iscctl update-runtime --runtime \(settings.name) --git-runtime-token-secret NAME:KEY (\(scopes))"
        }
        let ref = credentials.passwordSecretKeyRef
        return "Git runtime token: secret \(ref.name), key \(ref.key); \(scopes)"
    }

    /// The chart version the install pins (the runtime's ``RuntimeSettings/chartVersion``), as
    /// `helm --version` and Terraform's `version` take it; `nil` installs the newest chart.
    public var chartVersion: String? { settings.chartVersion?.description }

    /// One line for the user on what chart the install gets: the pinned version, or that it is
    /// not pinned (the newest chart, whatever Argo CD it supports).
    public var chartNote: String {
        if let chartVersion {
            let line = settings.chartVersion.flatMap(ChartCompatibility.line(of:))
            return "Chart: \(chartVersion), pinned"
                + (line.map { " (its line \($0.chartsDescription) supports \($0.argoCDDescription))" } ?? " (newer than iscctl's compatibility table)")
        }
        return
            "Chart: not pinned, the newest gitops-runtime chart is installed; pin one with iscctl update-runtime --runtime \(settings.name) --chart-version X.Y.Z"
    }

    /// The chart values in install order, keys dotted as in `--set` (spec section 6):
    ///
    /// - `argo-cd.enabled=false`, always;
    /// - tunnel mode: `global.codefresh.accountId`;
    /// - the API key: `global.codefresh.userToken.token` = `.environment("CF_API_KEY")`, or with
    ///   ``apiKeySecret`` `global.codefresh.userToken.secretKeyRef.name` and `.key`;
    /// - `global.runtime.name`, then for the configuration runtime
    ///   `global.runtime.isConfigurationRuntime=true`;
    /// - with Git runtime credentials: `global.runtime.gitCredentials.username` (when given),
    ///   `global.runtime.gitCredentials.password.secretKeyRef.name` and `.key`;
    /// - tunnel: `global.runtime.ingress.enabled=false`, `tunnel-client.enabled=true`;
    ///   ingress: `global.runtime.ingress.enabled=true`, `.className`, `.hosts[0]`;
    ///   service-mesh: `global.runtime.ingressUrl`, `global.runtime.ingress.enabled=false`,
    ///   `tunnel-client.enabled=false`;
    /// - `global.integrations.argo-cd.server.svc`, `.port`, `.rootpath` (only when not empty),
    ///   `global.integrations.argo-cd.repoServer.svc`, `.port`;
    /// - `global.integrations.argo-cd.server.auth.type`, then `.tokenSecretKeyRef.name` and `.key`,
    ///   or `.username`, `.passwordSecretKeyRef.name` and `.key`.
    public var values: [(key: String, value: HelmValue)] {
        var out: [(key: String, value: HelmValue)] = [("argo-cd.enabled", .bool(false))]
        if case .tunnel(let accountId) = settings.accessMode {
            out.append(("global.codefresh.accountId", .string(accountId)))
        }
        if let apiKeySecret {
            out.append(("global.codefresh.userToken.secretKeyRef.name", .string(apiKeySecret.name)))
            out.append(("global.codefresh.userToken.secretKeyRef.key", .string(apiKeySecret.key)))
        } else {
            out.append((Self.apiKeyValueKey, .environment(Self.apiKeyVariable)))
        }
        out.append(("global.runtime.name", .string(settings.name)))
        if isConfigurationRuntime {
            out.append(("global.runtime.isConfigurationRuntime", .bool(true)))
        }
        if let credentials = settings.gitCredentials {
            if let username = credentials.username {
                out.append(("global.runtime.gitCredentials.username", .string(username)))
            }
            out.append(("global.runtime.gitCredentials.password.secretKeyRef.name", .string(credentials.passwordSecretKeyRef.name)))
            out.append(("global.runtime.gitCredentials.password.secretKeyRef.key", .string(credentials.passwordSecretKeyRef.key)))
        }
        switch settings.accessMode {
        case .tunnel:
            out.append(("global.runtime.ingress.enabled", .bool(false)))
            out.append(("tunnel-client.enabled", .bool(true)))
        case .ingress(let host, let className):
            out.append(("global.runtime.ingress.enabled", .bool(true)))
            out.append(("global.runtime.ingress.className", .string(className)))
            out.append(("global.runtime.ingress.hosts[0]", .string(host)))
        case .serviceMesh(let ingressURL):
            out.append(("global.runtime.ingressUrl", .string(ingressURL)))
            out.append(("global.runtime.ingress.enabled", .bool(false)))
            out.append(("tunnel-client.enabled", .bool(false)))
        }
        let argoCD = settings.argoCD
        let base = "global.integrations.argo-cd"
        out.append(("\(base).server.svc", .string(argoCD.serverService)))
        out.append(("\(base).server.port", .int(argoCD.serverPort)))
        if !argoCD.rootPath.isEmpty {
            out.append(("\(base).server.rootpath", .string(argoCD.rootPath)))
        }
        out.append(("\(base).repoServer.svc", .string(argoCD.repoServerService)))
        out.append(("\(base).repoServer.port", .int(argoCD.repoServerPort)))
        out.append(("\(base).server.auth.type", .string(argoCD.auth.type)))
        switch argoCD.auth {
        case .token(let ref):
            out.append(("\(base).server.auth.tokenSecretKeyRef.name", .string(ref.name)))
            out.append(("\(base).server.auth.tokenSecretKeyRef.key", .string(ref.key)))
        case .password(let username, let ref):
            out.append(("\(base).server.auth.username", .string(username)))
            out.append(("\(base).server.auth.passwordSecretKeyRef.name", .string(ref.name)))
            out.append(("\(base).server.auth.passwordSecretKeyRef.key", .string(ref.key)))
        }
        return out
    }

    /// The install in `format`.
    public func render(_ format: Format) -> String {
        switch format {
        case .command: return command()
        case .values: return valuesYAML()
        case .terraform: return terraform()
        case .secrets: return secretsScript()
        }
    }

    /// `helm upgrade --install <release> --create-namespace --namespace <ns>`, one `--set` (or
    /// `--set-string`) per line, then `oci://quay.io/codefresh/gitops-runtime --wait --timeout 10m`;
    /// lines joined with ` \` and continuation lines indented two spaces. Every word is
    /// shell-quoted where needed; the API key is `--set global.codefresh.userToken.token="$CF_API_KEY"`.
    public func command() -> String {
        var lines = [
            "helm upgrade --install \(HelmShellSyntax.quote(settings.helmRelease)) --create-namespace --namespace \(HelmShellSyntax.quote(settings.namespace))"
        ]
        for (key, value) in values {
            lines.append("  " + Self.setArgument(key: key, value: value))
        }
        var last = "  \(Self.chartReference)"
        if let chartVersion {
            last += " --version \(HelmShellSyntax.quote(chartVersion))"
        }
        last += " --wait --timeout \(Self.timeout)"
        lines.append(last)
        return lines.joined(separator: " \\\n") + "\n"
    }

    /// One `--set`/`--set-string` option with its argument.
    static func setArgument(key: String, value: HelmValue) -> String {
        switch value {
        case .bool(let flag):
            return "--set " + HelmShellSyntax.quote("\(key)=\(flag)")
        case .int(let number):
            return "--set " + HelmShellSyntax.quote("\(key)=\(number)")
        case .string(let text):
            let option = HelmSetSyntax.needsStringType(text) ? "--set-string " : "--set "
            return option + HelmShellSyntax.quote("\(key)=\(HelmSetSyntax.escapeValue(text))")
        case .environment(let variable):
            return "--set " + HelmShellSyntax.quote("\(key)=") + "\"$" + HelmShellSyntax.variableName(variable) + "\""
        }
    }
}
