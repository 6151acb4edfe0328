import Foundation

/// A fast reader for exactly the YAML subset iscctl writes (``RegistryValue/blockLines(blockKeys:)``
/// with ``YAMLScalar`` quoting): top-level `key: value` lines, one level of indented block
/// mappings, flow mappings and lists, plain scalars and double-quoted scalars with `\` escapes.
///
/// It is only a shortcut: a caller accepts its result only when writing that result again gives
/// the same bytes (see ``RuntimeFile/parse(_:source:folder:)``). Such text reads the same through
/// Yams (the round trip is property-tested), so the shortcut never changes what a file means;
/// anything else (comments, other styles, hand edits) returns `nil` and goes through Yams.
enum CanonicalYAML {
    /// The top-level block mapping of `text`, or `nil` when `text` is not in iscctl's own style.
    static func mapping(_ text: String) -> [RegistryField]? {
        var reader = Reader(Array(text.utf8))
        return reader.document()
    }

    struct Reader {
        let bytes: [UInt8]
        var index = 0

        init(_ bytes: [UInt8]) { self.bytes = bytes }

        var current: UInt8? { index < bytes.count ? bytes[index] : nil }

        mutating func document() -> [RegistryField]? {
            var fields: [RegistryField] = []
            while current != nil {
                guard let field = blockField(indent: 0) else { return nil }
                fields.append(field)
            }
            return fields
        }

        /// `key: value\n` or `key:\n` followed by lines indented two more spaces.
        mutating func blockField(indent: Int) -> RegistryField? {
            for _ in 0..<indent { guard take(UInt8(ascii: " ")) else { return nil } }
            guard let key = key() else { return nil }
            guard take(UInt8(ascii: ":")) else { return nil }
            if take(UInt8(ascii: "\n")) {
                var nested: [RegistryField] = []
                while lineIndent() == indent + 2 {
                    guard let field = blockField(indent: indent + 2) else { return nil }
                    nested.append(field)
                }
                return nested.isEmpty ? nil : RegistryField(key, .map(nested))
            }
            guard take(UInt8(ascii: " ")), let value = value(inFlow: false), take(UInt8(ascii: "\n")) else { return nil }
            return RegistryField(key, value)
        }

        /// The number of spaces at the start of the current line.
        func lineIndent() -> Int {
            var probe = index
            while probe < bytes.count, bytes[probe] == UInt8(ascii: " ") { probe += 1 }
            return probe < bytes.count ? probe - index : -1
        }

        mutating func take(_ byte: UInt8) -> Bool {
            guard current == byte else { return false }
            index += 1
            return true
        }

        mutating func key() -> String? {
            let start = index
            while let byte = current, Self.isPlain(byte), byte != UInt8(ascii: ":") { index += 1 }
            return index > start ? String(decoding: bytes[start..<index], as: UTF8.self) : nil
        }

        mutating func value(inFlow: Bool) -> RegistryValue? {
            switch current {
            case UInt8(ascii: "{"):
                index += 1
                var fields: [RegistryField] = []
                repeat {
                    guard let key = key(), take(UInt8(ascii: ":")), take(UInt8(ascii: " ")), let value = value(inFlow: true) else { return nil }
                    fields.append(RegistryField(key, value))
                } while take(UInt8(ascii: ",")) && take(UInt8(ascii: " "))
                return take(UInt8(ascii: "}")) ? .map(fields) : nil
            case UInt8(ascii: "["):
                index += 1
                var items: [RegistryValue] = []
                repeat {
                    guard let item = value(inFlow: true) else { return nil }
                    items.append(item)
                } while take(UInt8(ascii: ",")) && take(UInt8(ascii: " "))
                return take(UInt8(ascii: "]")) ? .list(items) : nil
            case UInt8(ascii: "\""):
                return quoted().map(RegistryValue.string)
            default:
                let start = index
                while let byte = current, Self.isPlain(byte), !(inFlow && byte == UInt8(ascii: ":")) { index += 1 }
                return index > start ? .string(String(decoding: bytes[start..<index], as: UTF8.self)) : nil
            }
        }

        /// A double-quoted scalar with the escapes ``YAMLScalar/doubleQuoted(_:)`` writes.
        mutating func quoted() -> String? {
            guard take(UInt8(ascii: "\"")) else { return nil }
            var raw: [UInt8] = []
            var result = ""
            func flush() {
                result += String(decoding: raw, as: UTF8.self)
                raw.removeAll(keepingCapacity: true)
            }
            while let byte = current {
                index += 1
                switch byte {
                case UInt8(ascii: "\""):
                    flush()
                    return result
                case UInt8(ascii: "\n"):
                    return nil
                case UInt8(ascii: "\\"):
                    flush()
                    guard let escape = current else { return nil }
                    index += 1
                    switch escape {
                    case UInt8(ascii: "\""): result += "\""
                    case UInt8(ascii: "\\"): result += "\\"
                    case UInt8(ascii: "t"): result += "\t"
                    case UInt8(ascii: "n"): result += "\n"
                    case UInt8(ascii: "r"): result += "\r"
                    case UInt8(ascii: "0"): result += "\u{0}"
                    case UInt8(ascii: "x"), UInt8(ascii: "u"), UInt8(ascii: "U"):
                        let width = escape == UInt8(ascii: "x") ? 2 : escape == UInt8(ascii: "u") ? 4 : 8
                        guard index + width <= bytes.count,
                            let value = UInt32(String(decoding: bytes[index..<index + width], as: UTF8.self), radix: 16),
                            let scalar = Unicode.Scalar(value)
                        else { return nil }
                        index += width
                        result.unicodeScalars.append(scalar)
                    default:
                        return nil
                    }
                default:
                    raw.append(byte)
                }
            }
            return nil
        }

        /// The characters a plain scalar of ``YAMLScalar`` may hold.
        static func isPlain(_ byte: UInt8) -> Bool {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "/"), UInt8(ascii: "@"), UInt8(ascii: ":"):
                return true
            default:
                return false
            }
        }
    }
}

extension RuntimeSettings {
    /// The runtime a registry entry (``registryEntry``) describes, or `nil` when `fields` are not
    /// exactly such an entry (keys in their written order; ports as decimal text).
    init?(registryFields fields: [RegistryField]) {
        func map(_ value: RegistryValue?) -> [RegistryField]? {
            if case .map(let fields)? = value { return fields }
            return nil
        }
        func string(_ value: RegistryValue?) -> String? {
            if case .string(let text)? = value { return text }
            return nil
        }
        func values(_ fields: [RegistryField]?, _ keys: [String]) -> [RegistryValue]? {
            guard let fields, fields.map(\.key) == keys else { return nil }
            return fields.map(\.value)
        }
        func secret(_ value: RegistryValue?) -> SecretKeyRef? {
            guard let parts = values(map(value), ["name", "key"]), let name = string(parts[0]), let key = string(parts[1]) else { return nil }
            return SecretKeyRef(name: name, key: key)
        }
        // The optional keys, where present, in their written place; then the fixed ones by index.
        let present = Set(fields.map(\.key))
        guard let all = values(fields, Registry.runtimeKeys.filter(present.contains)) else { return nil }
        var byKey: [String: RegistryValue] = [:]
        for (field, value) in zip(fields, all) { byKey[field.key] = value }
        let required = ["name", "namespace", "helmRelease", "accessMode", "argoCD", "clusters"]
        guard required.allSatisfy(present.contains) else { return nil }
        let top = required.map { byKey[$0]! }
        guard let name = string(top[0]), let namespace = string(top[1]), let helmRelease = string(top[2]),
            let access = map(top[3]), let accessType = string(access.first?.value)
        else { return nil }
        var chartVersion: ChartVersion?
        if let value = byKey["chartVersion"] {
            guard let text = string(value), let version = ChartVersion(text) else { return nil }
            chartVersion = version
        }
        var gitCredentials: GitRuntimeCredentials?
        if let value = byKey["gitCredentials"] {
            guard let parts = map(value) else { return nil }
            switch parts.map(\.key) {
            case ["passwordSecretKeyRef"]:
                guard let ref = secret(parts[0].value) else { return nil }
                gitCredentials = GitRuntimeCredentials(passwordSecretKeyRef: ref)
            case ["username", "passwordSecretKeyRef"]:
                guard let username = string(parts[0].value), let ref = secret(parts[1].value) else { return nil }
                gitCredentials = GitRuntimeCredentials(username: username, passwordSecretKeyRef: ref)
            default:
                return nil
            }
        }
        let accessMode: AccessMode
        switch accessType {
        case "tunnel":
            guard let parts = values(access, ["type", "accountId"]), let accountId = string(parts[1]) else { return nil }
            accessMode = .tunnel(accountId: accountId)
        case "ingress":
            guard let parts = values(access, ["type", "host", "className"]), let host = string(parts[1]), let className = string(parts[2]) else { return nil }
            accessMode = .ingress(host: host, className: className)
        case "service-mesh":
            guard let parts = values(access, ["type", "ingressURL"]), let url = string(parts[1]) else { return nil }
            accessMode = .serviceMesh(ingressURL: url)
        default:
            return nil
        }
        guard let argo = values(map(top[4]), ["server", "repoServer", "auth"]),
            let server = values(map(argo[0]), ["svc", "port", "rootpath"]), let serverService = string(server[0]),
            let serverPort = string(server[1]).flatMap({ Int($0) }), let rootPath = string(server[2]),
            let repo = values(map(argo[1]), ["svc", "port"]), let repoService = string(repo[0]),
            let repoPort = string(repo[1]).flatMap({ Int($0) }),
            let authFields = map(argo[2]), let authType = string(authFields.first?.value)
        else { return nil }
        let auth: ArgoCDAuth
        switch authType {
        case "token":
            guard let parts = values(authFields, ["type", "tokenSecretKeyRef"]), let ref = secret(parts[1]) else { return nil }
            auth = .token(tokenSecretKeyRef: ref)
        case "password":
            guard let parts = values(authFields, ["type", "username", "passwordSecretKeyRef"]), let username = string(parts[1]),
                let ref = secret(parts[2])
            else { return nil }
            auth = .password(username: username, passwordSecretKeyRef: ref)
        default:
            return nil
        }
        guard case .list(let items) = top[5] else { return nil }
        var clusters: [String] = []
        for item in items {
            guard let cluster = string(item) else { return nil }
            clusters.append(cluster)
        }
        self.init(
            name: name, namespace: namespace, helmRelease: helmRelease, accessMode: accessMode,
            argoCD: ArgoCDSettings(
                serverService: serverService, serverPort: serverPort, rootPath: rootPath,
                repoServerService: repoService, repoServerPort: repoPort, auth: auth),
            gitCredentials: gitCredentials, chartVersion: chartVersion, clusters: clusters)
    }
}
