extension HelmInstall {
    /// One Kubernetes secret the install refers to, with where each of its keys' values comes from.
    public struct SecretSource: Sendable, Hashable {
        /// The secret's name (in the release namespace).
        public var name: String
        /// Its keys, each with the environment variable that holds the value when the script runs.
        public var keys: [(key: String, variable: String)]

        /// A secret and its keys with their variables.
        public init(name: String, keys: [(key: String, variable: String)]) {
            self.name = name
            self.keys = keys
        }

        /// Equal when name and keys are.
        public static func == (lhs: SecretSource, rhs: SecretSource) -> Bool {
            lhs.name == rhs.name && lhs.keys.map(\.key) == rhs.keys.map(\.key) && lhs.keys.map(\.variable) == rhs.keys.map(\.variable)
        }

        /// Hashes name and keys.
        public func hash(into hasher: inout Hasher) {
            hasher.combine(name)
            for (key, variable) in keys {
                hasher.combine(key)
                hasher.combine(variable)
            }
        }
    }

    /// The environment variable that holds the Argo CD API token for `--format secrets`.
    public static let argoCDTokenVariable = "ARGOCD_TOKEN"
    /// The environment variable that holds the Argo CD password for `--format secrets`.
    public static let argoCDPasswordVariable = "ARGOCD_PASSWORD"

    /// The secrets of ``secretReferences`` grouped by name (a secret holding two keys is created
    /// once), each key with its environment variable: the platform API key from
    /// `CF_API_KEY`, Argo CD's token from `ARGOCD_TOKEN`, its password from `ARGOCD_PASSWORD`.
    public var secretSources: [SecretSource] {
        var sources: [SecretSource] = []
        for (ref, variable) in secretVariables {
            if let index = sources.firstIndex(where: { $0.name == ref.name }) {
                if !sources[index].keys.contains(where: { $0.key == ref.key }) { sources[index].keys.append((ref.key, variable)) }
            } else {
                sources.append(SecretSource(name: ref.name, keys: [(ref.key, variable)]))
            }
        }
        return sources
    }

    /// Who the Git token belongs to, for the script's comment.
    static func gitTokenWho(_ credentials: GitRuntimeCredentials) -> String {
        credentials.username.map { "Git user \(Display.safe($0, limit: .max))" } ?? "no Git user name: the chart's default"
    }

    /// `helm-values --format secrets` (spec section 7): a POSIX shell script that creates every
    /// secret the install refers to in the release namespace, idempotently
    /// (`kubectl create secret generic ... --dry-run=client -o yaml | kubectl apply -f -`), each
    /// value from a named environment variable (checked first; never a value in the script),
    /// preceded by the Argo CD account prerequisites as comments: the account's `apiKey, login`
    /// capabilities in `argocd-cm` and a non-expiring token from `argocd account generate-token`
    /// (token auth), or the password to export (password auth).
    public func secretsScript() -> String {
        let namespace = HelmShellSyntax.quote(settings.namespace)
        var lines = [
            "#!/bin/sh",
            "# The Kubernetes secrets the gitops-runtime install of runtime \(Display.safe(settings.name, limit: .max)) refers to,",
            "# created in its namespace \(Display.safe(settings.namespace, limit: .max)). Every value comes from an environment variable:",
            "# export them first (for example from your secret store); never write a value into a file.",
            "#",
        ]
        switch settings.argoCD.auth {
        case .token:
            lines += [
                "# Argo CD account prerequisites (token auth, account admin):",
                "#   1. The account needs the apiKey and login capabilities: in the argocd-cm ConfigMap",
                "#      (namespace \(Display.safe(settings.namespace, limit: .max))), data accounts.admin: apiKey, login",
                "#        kubectl patch configmap argocd-cm --namespace \(Display.safe(namespace, limit: .max)) --type merge \\",
                "#          -p '{\"data\":{\"accounts.admin\":\"apiKey, login\"}}'",
                "#   2. Generate a token that does not expire (no --expires-in) and export it:",
                "#        export \(Self.argoCDTokenVariable)=\"$(argocd account generate-token --account admin)\"",
            ]
        case .password(let username, _):
            lines += [
                "# Argo CD account prerequisites (password auth, account \(Display.safe(username, limit: .max))):",
                "#   1. The account needs the login capability (and apiKey for tokens): in the argocd-cm ConfigMap",
                "#      (namespace \(Display.safe(settings.namespace, limit: .max))), data accounts.\(Display.safe(username, limit: .max)): apiKey, login",
                "#      (the built-in admin account has both).",
                "#   2. Export its password: export \(Self.argoCDPasswordVariable)='...'",
            ]
        }
        if let credentials = settings.gitCredentials {
            lines += [
                "#",
                "# \(Display.safe(gitCredentialsNote, limit: .max)).",
                "#   Export it (\(Self.gitTokenWho(credentials))): export \(GitRuntimeCredentials.tokenVariable)='...'",
            ]
        } else {
            lines += ["#", "# \(Display.safe(gitCredentialsNote, limit: .max))."]
        }
        if apiKeySecret == nil {
            lines.append("# The platform API key is not a secret of this install: pass it as $\(Self.apiKeyVariable) to the helm command.")
        }
        lines += ["", "set -eu", ""]
        let sources = secretSources
        var checked: Set<String> = []
        for variable in sources.flatMap({ $0.keys.map(\.variable) }) where checked.insert(variable).inserted {
            lines.append(": \"${\(variable):?set \(variable) first (see the comments above)}\"")
        }
        for source in sources {
            lines.append("")
            var command = ["kubectl create secret generic \(HelmShellSyntax.quote(source.name)) --namespace \(namespace)"]
            for (key, variable) in source.keys {
                command.append("  --from-literal=" + HelmShellSyntax.quote(key) + "=\"$" + HelmShellSyntax.variableName(variable) + "\"")
            }
            command.append("  --dry-run=client -o yaml | kubectl apply -f -")
            lines.append(command.joined(separator: " \\\n"))
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
