extension HelmInstall {
    /// The values as a values.yaml: nested block YAML in the order of ``values`` (a map key where
    /// it first appears), strings quoted where YAML could read them as something else.
    ///
    /// The API key is never a value: with ``apiKeySecret`` it is
    /// `global.codefresh.userToken.secretKeyRef: {name, key}`; without, there is no token key at
    /// all and the leading comment says to pass `--set global.codefresh.userToken.token="$CF_API_KEY"`
    /// or to use `--api-key-secret NAME:KEY`.
    public func valuesYAML() -> String {
        var lines: [String] = []
        let usesEnvironment = values.contains { if case .environment = $0.value { return true } else { return false } }
        if usesEnvironment {
            lines.append("# The platform API key is not in this file: pass it at install time with")
            lines.append("#   --set \(Self.apiKeyValueKey)=\"$\(Self.apiKeyVariable)\"")
            lines.append("# or generate this file with --api-key-secret NAME:KEY to read it from a Kubernetes secret.")
            lines.append("#")
        }
        lines.append("# gitops-runtime chart values for runtime \(Display.safe(settings.name, limit: .max)).")
        lines.append("# \(Display.safe(chartNote, limit: .max))")
        lines.append("# \(Display.safe(gitCredentialsNote, limit: .max))")
        if let apiKeySecret {
            lines.append(
                "# The platform API key is read from the Kubernetes secret \(Display.safe(apiKeySecret.name, limit: .max)), key \(Display.safe(apiKeySecret.key, limit: .max))."
            )
        }
        lines.append("# Install with:")
        lines.append("#   helm upgrade --install \(Display.safe(HelmShellSyntax.quote(settings.helmRelease), limit: .max)) \(Self.chartReference) \\")
        lines.append("#     --create-namespace --namespace \(Display.safe(HelmShellSyntax.quote(settings.namespace), limit: .max)) --values values.yaml \\")
        var last = "#    "
        if let chartVersion { last += " --version \(Display.safe(HelmShellSyntax.quote(chartVersion), limit: .max))" }
        if usesEnvironment { last += " --set \(Self.apiKeyValueKey)=\"$\(Self.apiKeyVariable)\"" }
        lines.append(last + " --wait --timeout \(Self.timeout)")
        lines.append("")

        valueTree.emitMap(into: &lines, indent: "")
        return lines.joined(separator: "\n") + "\n"
    }

    /// A Terraform `helm_release` resource named after the release, with one `set` block per
    /// value (`type = "string"` where Helm would otherwise read a number, boolean or null) and,
    /// without ``apiKeySecret``, a `set_sensitive` block for the API key from the sensitive
    /// variable `cf_api_key`. Written for the `hashicorp/helm` provider 2.x, which the
    /// `required_providers` block pins (3.x takes `set = [...]` lists instead of blocks).
    public func terraform() -> String {
        var lines: [String] = []
        lines.append("# gitops-runtime chart for runtime \(Display.safe(settings.name, limit: .max)), next to the existing Argo CD.")
        lines.append("# \(Display.safe(chartNote, limit: .max))")
        lines.append("# \(Display.safe(gitCredentialsNote, limit: .max))")
        lines.append("# set blocks need the hashicorp/helm provider 2.x; 3.x takes set = [...] lists instead.")
        lines.append("")
        lines.append("terraform {")
        lines.append("  required_providers {")
        lines.append("    helm = {")
        lines.append("      source  = \"hashicorp/helm\"")
        lines.append("      version = \">= 2.5.0, < 3.0.0\"")
        lines.append("    }")
        lines.append("  }")
        lines.append("}")
        let variables = values.compactMap { entry -> String? in
            if case .environment(let name) = entry.value { return Self.terraformVariable(name) }
            return nil
        }
        for variable in Array(Set(variables)).sorted() {
            lines.append("")
            lines.append("variable \(HelmHCLSyntax.string(variable)) {")
            lines.append("  description = \"Codefresh platform API key; never stored by iscctl\"")
            lines.append("  type        = string")
            lines.append("  sensitive   = true")
            lines.append("}")
        }
        lines.append("")
        lines.append("resource \"helm_release\" \(HelmHCLSyntax.string(HelmHCLSyntax.identifier(settings.helmRelease))) {")
        var attributes: [(String, String)] = [
            ("name", HelmHCLSyntax.string(settings.helmRelease)),
            ("repository", HelmHCLSyntax.string(Self.chartRepository)),
            ("chart", HelmHCLSyntax.string(Self.chartName)),
        ]
        if let chartVersion { attributes.append(("version", HelmHCLSyntax.string(chartVersion))) }
        attributes += [
            ("namespace", HelmHCLSyntax.string(settings.namespace)),
            ("create_namespace", "true"),
            ("wait", "true"),
            ("timeout", String(Self.timeoutSeconds)),
        ]
        Self.appendAligned(attributes, indent: "  ", into: &lines)
        for (key, value) in values {
            lines.append("")
            var block: [(String, String)] = [("name", HelmHCLSyntax.string(key))]
            let kind: String
            switch value {
            case .bool(let flag):
                kind = "set"
                block.append(("value", HelmHCLSyntax.string(String(flag))))
            case .int(let number):
                kind = "set"
                block.append(("value", HelmHCLSyntax.string(String(number))))
            case .string(let text):
                kind = "set"
                block.append(("value", HelmHCLSyntax.string(HelmSetSyntax.escapeValue(text))))
                if HelmSetSyntax.needsStringType(text) { block.append(("type", "\"string\"")) }
            case .environment(let name):
                kind = "set_sensitive"
                block.append(("value", "var." + Self.terraformVariable(name)))
            }
            lines.append("  \(kind) {")
            Self.appendAligned(block, indent: "    ", into: &lines)
            lines.append("  }")
        }
        lines.append("}")
        return lines.joined(separator: "\n") + "\n"
    }

    /// The Terraform variable for an environment variable: `CF_API_KEY` → `cf_api_key`.
    static func terraformVariable(_ environmentVariable: String) -> String {
        HelmShellSyntax.variableName(environmentVariable).lowercased()
    }

    /// `name = value` lines with the `=` aligned, as `terraform fmt` writes them.
    static func appendAligned(_ attributes: [(String, String)], indent: String, into lines: inout [String]) {
        let width = attributes.map(\.0.count).max() ?? 0
        for (name, value) in attributes {
            lines.append(indent + name + String(repeating: " ", count: width - name.count) + " = " + value)
        }
    }
}

extension HelmInstall {
    /// ``values`` nested by their dotted keys, without the API key taken from the environment.
    var valueTree: HelmValueTree {
        let root = HelmValueTree()
        for (key, value) in values {
            if case .environment = value { continue }
            root.insert(value, at: HelmSetSyntax.path(of: key)[...])
        }
        return root
    }

    /// The Kubernetes secrets the install refers to, in install order, names and keys only (never
    /// a value): the platform API key's with ``apiKeySecret``, then Argo CD's token or password,
    /// then the Git runtime token.
    /// They must exist in the release namespace before the install.
    public var secretReferences: [SecretKeyRef] {
        secretVariables.map(\.ref)
    }

    /// ``secretReferences`` each with the environment variable that holds its value for
    /// `--format secrets`: `CF_API_KEY`, `ARGOCD_TOKEN` or `ARGOCD_PASSWORD`, `GIT_RUNTIME_TOKEN`.
    var secretVariables: [(ref: SecretKeyRef, variable: String)] {
        var pairs: [(ref: SecretKeyRef, variable: String)] = []
        if let apiKeySecret { pairs.append((apiKeySecret, Self.apiKeyVariable)) }
        switch settings.argoCD.auth {
        case .token(let ref): pairs.append((ref, Self.argoCDTokenVariable))
        case .password(_, let ref): pairs.append((ref, Self.argoCDPasswordVariable))
        }
        if let credentials = settings.gitCredentials {
            pairs.append((credentials.passwordSecretKeyRef, GitRuntimeCredentials.tokenVariable))
        }
        return pairs
    }

    /// `helm-values --json` (spec section 7): `{"release", "namespace", "chart", "version",
    /// "values", "secrets"}`. `version` is the pinned chart version or `null` (unpinned);
    /// `values` is the values tree of ``valuesYAML()`` (so, as there, without the API key taken
    /// from `$CF_API_KEY` at install time); `secrets` lists ``secretReferences`` as
    /// `{"name", "key"}` objects.
    public func json() -> JSONValue {
        return .object([
            ("release", .string(settings.helmRelease)),
            ("namespace", .string(settings.namespace)),
            ("chart", .string(Self.chartReference)),
            ("version", .string(chartVersion)),
            ("values", valueTree.json),
            ("secrets", .array(secretReferences.map { .object([("name", .string($0.name)), ("key", .string($0.key))]) })),
        ])
    }
}

/// The nested values of a values.yaml, built from dotted keys in order.
final class HelmValueTree {
    private var leaf: HelmValue?
    private var children: [(key: String, node: HelmValueTree)] = []
    private var items: [HelmValueTree] = []
    private var isList = false

    /// Sets `value` at `path`, creating maps and lists on the way.
    func insert(_ value: HelmValue, at path: ArraySlice<HelmSetSyntax.PathComponent>) {
        guard let first = path.first else {
            leaf = value
            return
        }
        switch first {
        case .key(let key):
            let child: HelmValueTree
            if let existing = children.first(where: { $0.key == key }) {
                child = existing.node
            } else {
                child = HelmValueTree()
                children.append((key, child))
            }
            child.insert(value, at: path.dropFirst())
        case .index(let index):
            isList = true
            while items.count <= index { items.append(HelmValueTree()) }
            items[index].insert(value, at: path.dropFirst())
        }
    }

    /// This node's entries as block-map lines at `indent`. Keys and strings use the same quoting
    /// rule as `isc.yaml` (``YAMLScalar``), in its stricter flow form that also quotes `:`, so
    /// that Helm's YAML 1.1 reader cannot misread a URL or a `key: value`-looking string.
    func emitMap(into lines: inout [String], indent: String) {
        for (key, node) in children {
            let label = indent + YAMLScalar.render(key, inFlow: true) + ":"
            if let scalar = node.scalar {
                lines.append(label + " " + scalar)
            } else {
                lines.append(label)
                node.emitNested(into: &lines, indent: indent + "  ")
            }
        }
    }

    /// A map or list node's content at `indent`.
    private func emitNested(into lines: inout [String], indent: String) {
        guard isList else {
            emitMap(into: &lines, indent: indent)
            return
        }
        for item in items {
            if let scalar = item.scalar {
                lines.append(indent + "- " + scalar)
            } else {
                var nested: [String] = []
                item.emitNested(into: &nested, indent: indent + "  ")
                if let first = nested.first {
                    lines.append(indent + "- " + first.dropFirst(indent.count + 2))
                    lines.append(contentsOf: nested.dropFirst())
                } else {
                    lines.append(indent + "- {}")
                }
            }
        }
    }

    /// The node as JSON: an object, an array, or a scalar (a list hole is `null`).
    var json: JSONValue {
        if let leaf {
            switch leaf {
            case .string(let text): return .string(text)
            case .int(let number): return .int(number)
            case .bool(let flag): return .bool(flag)
            case .environment: return .null
            }
        }
        if isList { return .array(items.map(\.json)) }
        return children.isEmpty ? .null : .object(children.map { ($0.key, $0.node.json) })
    }

    /// The node as a scalar (an empty node, a list hole, is `null`), or `nil` for a map or list.
    private var scalar: String? {
        if let leaf {
            switch leaf {
            case .string(let text): return YAMLScalar.render(text, inFlow: true)
            case .int(let number): return String(number)
            case .bool(let flag): return String(flag)
            case .environment: return "null"
            }
        }
        return children.isEmpty && items.isEmpty ? "null" : nil
    }
}
