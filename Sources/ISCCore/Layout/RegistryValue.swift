/// One value of a registry entry, with mapping keys in a fixed order: the structure of a runtime
/// in `isc.yaml`, which `list --json` prints as well (spec sections 5 and 6).
public indirect enum RegistryValue: Sendable, Hashable {
    /// A string.
    case string(String)
    /// An integer (a port).
    case int(Int)
    /// A list.
    case list([RegistryValue])
    /// A mapping, keys in the order they are written.
    case map([RegistryField])
}

/// One key of a ``RegistryValue/map(_:)``.
public struct RegistryField: Sendable, Hashable {
    /// The key.
    public var key: String
    /// The value.
    public var value: RegistryValue

    /// A key and its value.
    public init(_ key: String, _ value: RegistryValue) {
        self.key = key
        self.value = value
    }
}

extension RuntimeSettings {
    /// This runtime as it is written in `isc.yaml`'s `runtimes` list: `name`, `namespace`,
    /// `helmRelease`, `chartVersion` (only when pinned), `accessMode`, `argoCD` (`server`,
    /// `repoServer`, `auth`), `gitCredentials` (only when given: `username` when given,
    /// `passwordSecretKeyRef`) and `clusters`.
    public var registryEntry: RegistryValue {
        let access: [RegistryField]
        switch accessMode {
        case .tunnel(let accountId):
            access = [RegistryField("type", .string(accessMode.type)), RegistryField("accountId", .string(accountId))]
        case .ingress(let host, let className):
            access = [
                RegistryField("type", .string(accessMode.type)), RegistryField("host", .string(host)),
                RegistryField("className", .string(className)),
            ]
        case .serviceMesh(let ingressURL):
            access = [RegistryField("type", .string(accessMode.type)), RegistryField("ingressURL", .string(ingressURL))]
        }
        func secret(_ ref: SecretKeyRef) -> RegistryValue {
            .map([RegistryField("name", .string(ref.name)), RegistryField("key", .string(ref.key))])
        }
        let auth: [RegistryField]
        switch argoCD.auth {
        case .token(let ref):
            auth = [RegistryField("type", .string(argoCD.auth.type)), RegistryField("tokenSecretKeyRef", secret(ref))]
        case .password(let username, let ref):
            auth = [
                RegistryField("type", .string(argoCD.auth.type)), RegistryField("username", .string(username)),
                RegistryField("passwordSecretKeyRef", secret(ref)),
            ]
        }
        var fields = [
            RegistryField("name", .string(name)),
            RegistryField("namespace", .string(namespace)),
            RegistryField("helmRelease", .string(helmRelease)),
        ]
        if let chartVersion { fields.append(RegistryField("chartVersion", .string(chartVersion.description))) }
        fields += [
            RegistryField("accessMode", .map(access)),
            RegistryField(
                "argoCD",
                .map([
                    RegistryField(
                        "server",
                        .map([
                            RegistryField("svc", .string(argoCD.serverService)),
                            RegistryField("port", .int(argoCD.serverPort)),
                            RegistryField("rootpath", .string(argoCD.rootPath)),
                        ])),
                    RegistryField(
                        "repoServer",
                        .map([
                            RegistryField("svc", .string(argoCD.repoServerService)),
                            RegistryField("port", .int(argoCD.repoServerPort)),
                        ])),
                    RegistryField("auth", .map(auth)),
                ])),
        ]
        if let gitCredentials {
            var credentials: [RegistryField] = []
            if let username = gitCredentials.username { credentials.append(RegistryField("username", .string(username))) }
            credentials.append(RegistryField("passwordSecretKeyRef", secret(gitCredentials.passwordSecretKeyRef)))
            fields.append(RegistryField("gitCredentials", .map(credentials)))
        }
        fields.append(RegistryField("clusters", .list(clusters.map(RegistryValue.string))))
        return .map(fields)
    }
}

extension RegistryValue {
    /// This value in YAML flow style (`{a: 1, b: [x, y]}`), strings quoted as ``YAMLScalar``
    /// decides for a flow context.
    public var flowYAML: String {
        switch self {
        case .string(let value): return YAMLScalar.render(value, inFlow: true)
        case .int(let value): return String(value)
        case .list(let values): return "[" + values.map(\.flowYAML).joined(separator: ", ") + "]"
        case .map(let fields): return "{" + fields.map { "\($0.key): \($0.value.flowYAML)" }.joined(separator: ", ") + "}"
        }
    }

    /// The lines of a block mapping (no indentation of its own): scalars inline, the mappings
    /// named in `blockKeys` as nested block mappings whose values are all flow style, every other
    /// collection in flow style.
    func blockLines(blockKeys: Set<String>) -> [String] {
        guard case .map(let fields) = self else { return [flowYAML] }
        var lines: [String] = []
        for field in fields {
            switch field.value {
            case .string(let value):
                lines.append("\(field.key): \(YAMLScalar.render(value))")
            case .map where blockKeys.contains(field.key):
                lines.append("\(field.key):")
                lines += field.value.blockLines(blockKeys: []).map { "  " + $0 }
            default:
                lines.append("\(field.key): \(field.value.flowYAML)")
            }
        }
        return lines
    }
}
