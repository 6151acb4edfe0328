import Foundation
import ISCKit
import ISCTestSupport
import Testing

/// Settings used by the Helm tests: the golden cases and hostile values.
enum HelmSamples {
    static let tokenAuth = ArgoCDAuth.token(tokenSecretKeyRef: SecretKeyRef(name: "argocd-token", key: "token"))

    /// Tunnel mode, token auth, every other setting at its default; an all-digit account id.
    static let tunnelToken = RuntimeSettings(accessMode: .tunnel(accountId: "1234567890"), argoCD: ArgoCDSettings(auth: tokenAuth))

    /// Ingress mode, password auth, another runtime name, namespace and release.
    static let ingressPassword = RuntimeSettings(
        name: "prod1", namespace: "argocd", helmRelease: "prod1-runtime",
        accessMode: .ingress(host: "runtime.example.com", className: "nginx-public"),
        argoCD: ArgoCDSettings(auth: .password(username: "admin", passwordSecretKeyRef: SecretKeyRef(name: "argocd-initial-admin-secret", key: "password"))))

    /// Service-mesh mode, token auth, a root path and non-default services and ports.
    static let serviceMeshToken = RuntimeSettings(
        name: "mesh", namespace: "gitops", helmRelease: "cf-gitops-runtime",
        accessMode: .serviceMesh(ingressURL: "https://runtime.mesh.example.com/cf"),
        argoCD: ArgoCDSettings(
            serverService: "argo-cd-server", serverPort: 8080, rootPath: "/argocd",
            repoServerService: "argo-cd-repo-server", repoServerPort: 18081,
            auth: .token(tokenSecretKeyRef: SecretKeyRef(name: "argocd-api", key: "api.token"))))

    static let apiKeySecret = SecretKeyRef(name: "codefresh-user-token", key: "token")

    /// Tunnel mode with Git runtime credentials (a user and a token secret) and a pinned chart.
    static var tunnelGitCredentialsPinned: RuntimeSettings {
        var settings = tunnelToken
        settings.gitCredentials = GitRuntimeCredentials(username: "runtime-bot", passwordSecretKeyRef: SecretKeyRef(name: "git-runtime", key: "token"))
        settings.chartVersion = ChartVersion(major: 0, minor: 26, patch: 3)
        return settings
    }

    /// Ingress mode, password auth, a Git token without a user name, in the Argo CD password's secret.
    static var ingressPasswordGitToken: RuntimeSettings {
        var settings = ingressPassword
        settings.gitCredentials = GitRuntimeCredentials(passwordSecretKeyRef: SecretKeyRef(name: "argocd-initial-admin-secret", key: "git-token"))
        return settings
    }

    /// A golden case: a file stem under `Fixtures/helm/` and the install it holds.
    struct GoldenCase: CustomTestStringConvertible, Sendable {
        let name: String
        let install: HelmInstall
        var testDescription: String { name }
    }

    static let goldenCases: [GoldenCase] = [
        GoldenCase(name: "tunnel-token", install: HelmInstall(settings: tunnelToken)),
        GoldenCase(name: "tunnel-token-api-key-secret", install: HelmInstall(settings: tunnelToken, apiKeySecret: apiKeySecret)),
        GoldenCase(name: "tunnel-token-config-runtime", install: HelmInstall(settings: tunnelToken, isConfigurationRuntime: true)),
        GoldenCase(name: "ingress-password", install: HelmInstall(settings: ingressPassword)),
        GoldenCase(name: "ingress-password-api-key-secret", install: HelmInstall(settings: ingressPassword, apiKeySecret: apiKeySecret)),
        GoldenCase(name: "service-mesh-token", install: HelmInstall(settings: serviceMeshToken)),
        GoldenCase(name: "service-mesh-token-api-key-secret", install: HelmInstall(settings: serviceMeshToken, apiKeySecret: apiKeySecret)),
        GoldenCase(
            name: "tunnel-token-git-credentials-pinned",
            install: HelmInstall(settings: tunnelGitCredentialsPinned, apiKeySecret: apiKeySecret, isConfigurationRuntime: true, gitProvider: .github)),
        GoldenCase(name: "ingress-password-git-token", install: HelmInstall(settings: ingressPasswordGitToken, gitProvider: .gitlabServer)),
    ]

    /// Strings that a shell, Helm's `--set` parser, YAML or HCL could misread.
    static let hostileStrings: [String] = [
        "two words", "it's", "say \"hi\"", "$(touch PWNED)", "`touch PWNED`", "${HOME}", "$HOME", "%{x}",
        "a,b", "a=b", "back\\slash", "{a,b}", "[0]", "*", "~root", "#comment", "a: b", "- item", "!tag", "&anchor",
        "true", "False", "NULL", "yes", "on", "~", "0", "123", "-5", "+7", "007", "1e3", "0x1F", ".inf", "2001-01-01", "1:20",
        "", " leading", "trailing ", "tab\there", "new\nline", "ünïcödé", "emoji 🚀", "semi;colon|pipe&amp>out<in",
    ]

    /// Settings that hold hostile strings everywhere a string goes (validation would refuse them).
    static func hostileSettings(_ text: String, mode: Int) -> RuntimeSettings {
        let accessMode: AccessMode
        switch mode % 3 {
        case 0: accessMode = .tunnel(accountId: text)
        case 1: accessMode = .ingress(host: text, className: text)
        default: accessMode = .serviceMesh(ingressURL: "https://x.example.com/a?a=b&c=d;\(text)")
        }
        let auth: ArgoCDAuth =
            mode % 2 == 0
            ? .token(tokenSecretKeyRef: SecretKeyRef(name: text, key: text))
            : .password(username: text, passwordSecretKeyRef: SecretKeyRef(name: text, key: text))
        return RuntimeSettings(
            name: text, namespace: "ns " + text, helmRelease: "rel " + text, accessMode: accessMode,
            argoCD: ArgoCDSettings(serverService: text, serverPort: 80, rootPath: "/" + text, repoServerService: text, repoServerPort: 8081, auth: auth),
            gitCredentials: mode % 2 == 1 ? GitRuntimeCredentials(username: text, passwordSecretKeyRef: SecretKeyRef(name: text, key: text)) : nil)
    }

    /// One hostile install per hostile string, cycling through modes, auth and the API key source.
    static var hostileInstalls: [HelmInstall] {
        hostileStrings.enumerated().map { offset, text in
            HelmInstall(
                settings: hostileSettings(text, mode: offset),
                apiKeySecret: offset % 4 == 3 ? SecretKeyRef(name: text, key: text) : nil)
        }
    }
}

/// A value as Helm sees it after parsing.
enum TypedValue: Equatable, CustomStringConvertible {
    case string(String)
    case int(Int64)
    case bool(Bool)
    case null

    var description: String {
        switch self {
        case .string(let text): return "string(\(text.debugDescription))"
        case .int(let number): return "int(\(number))"
        case .bool(let flag): return "bool(\(flag))"
        case .null: return "null"
        }
    }

    /// What Helm should end up with for `value`; `.environment` reads `environment`.
    init(expected value: HelmValue, environment: [String: String] = [:]) {
        switch value {
        case .string(let text): self = .string(text)
        case .int(let number): self = .int(Int64(number))
        case .bool(let flag): self = .bool(flag)
        case .environment(let name): self = .string(environment[name] ?? "")
        }
    }
}

/// One step of a values path.
enum PathStep: Hashable, CustomStringConvertible {
    case key(String)
    case index(Int)

    var description: String {
        switch self {
        case .key(let key): return key
        case .index(let index): return "[\(index)]"
        }
    }
}

/// A test-side port of the parts of Helm's `pkg/strvals` parser that one `--set name=value`
/// (or a Terraform `set` block, which the provider turns into the same string) goes through.
enum StrvalsDecoder {
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    /// Reads until a stop character, `\` taking the next character literally.
    private static func runesUntil(_ scalars: [Unicode.Scalar], _ position: inout Int, stop: Set<Unicode.Scalar>) -> (String, Unicode.Scalar?) {
        var out = ""
        while position < scalars.count {
            let scalar = scalars[position]
            position += 1
            if stop.contains(scalar) { return (out, scalar) }
            if scalar == "\\" {
                if position < scalars.count {
                    out.unicodeScalars.append(scalars[position])
                    position += 1
                }
                continue
            }
            out.unicodeScalars.append(scalar)
        }
        return (out, nil)
    }

    /// Helm's `typedVal`.
    static func typedVal(_ text: String, forceString: Bool) -> TypedValue {
        if forceString { return .string(text) }
        let lower = text.lowercased()
        if lower == "true" { return .bool(true) }
        if lower == "false" { return .bool(false) }
        if lower == "null" { return .null }
        if text == "0" { return .int(0) }
        if let first = text.first, first != "0", let number = goParseInt(text) { return .int(number) }
        return .string(text)
    }

    /// Go's `strconv.ParseInt(s, 10, 64)`: an optional sign, then ASCII digits, in range.
    static func goParseInt(_ text: String) -> Int64? {
        var digits = Substring(text)
        var negative = false
        if let sign = digits.first, sign == "+" || sign == "-" {
            negative = sign == "-"
            digits = digits.dropFirst()
        }
        guard !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        return Int64((negative ? "-" : "") + digits)
    }

    /// Decodes exactly one `name=value`; anything left over (a second pair, a list) is a failure.
    static func decode(_ argument: String, forceString: Bool) throws -> (path: [PathStep], value: TypedValue) {
        let scalars = Array(argument.unicodeScalars)
        var position = 0
        var path: [PathStep] = []
        while true {
            let (key, last) = runesUntil(scalars, &position, stop: ["=", "[", ",", "."])
            guard let last else { throw Failure(description: "key \(key.debugDescription) has no value in \(argument.debugDescription)") }
            switch last {
            case ".":
                path.append(.key(key))
                continue
            case "[":
                path.append(.key(key))
                var afterIndex: Unicode.Scalar? = "["
                while afterIndex == "[" {
                    let (digits, close) = runesUntil(scalars, &position, stop: ["]"])
                    guard close == "]", let index = Int(digits) else { throw Failure(description: "bad index in \(argument.debugDescription)") }
                    path.append(.index(index))
                    let (rest, next) = runesUntil(scalars, &position, stop: ["[", ".", "="])
                    guard rest.isEmpty else { throw Failure(description: "data after index in \(argument.debugDescription)") }
                    afterIndex = next
                }
                if afterIndex == "." { continue }
                guard afterIndex == "=" else { throw Failure(description: "index without value in \(argument.debugDescription)") }
            case "=":
                path.append(.key(key))
            default:
                throw Failure(description: "key \(key.debugDescription) ends with ',' in \(argument.debugDescription)")
            }
            break
        }
        if position < scalars.count, scalars[position] == "{" {
            throw Failure(description: "value would be read as a list in \(argument.debugDescription)")
        }
        let (raw, stop) = runesUntil(scalars, &position, stop: [","])
        if stop != nil {
            throw Failure(description: "a ',' splits the value of \(argument.debugDescription)")
        }
        return (path, typedVal(raw, forceString: forceString))
    }

    /// The path of one of `HelmInstall.values`' keys, read as Helm reads it.
    static func path(ofKey key: String) throws -> [PathStep] {
        try decode(key + "=x", forceString: true).path
    }
}

/// Nested values, as a values.yaml holds them.
enum NestedValues {
    /// Builds the nested structure of `entries`, in the types Yams produces.
    static func build(_ entries: [(path: [PathStep], value: TypedValue)]) -> [String: Any] {
        var root: Any = [String: Any]()
        for entry in entries {
            root = set(root, entry.path[...], entry.value)
        }
        return root as? [String: Any] ?? [:]
    }

    private static func set(_ node: Any?, _ path: ArraySlice<PathStep>, _ value: TypedValue) -> Any {
        guard let first = path.first else {
            switch value {
            case .string(let text): return text
            case .int(let number): return Int(number)
            case .bool(let flag): return flag
            case .null: return NSNull()
            }
        }
        switch first {
        case .key(let key):
            var map = node as? [String: Any] ?? [:]
            map[key] = set(map[key], path.dropFirst(), value)
            return map
        case .index(let index):
            var list = node as? [Any] ?? []
            while list.count <= index { list.append(NSNull()) }
            list[index] = set(list[index], path.dropFirst(), value)
            return list
        }
    }

    /// Deep equality of Yams output and `build` output; `nil` when equal, else where they differ.
    static func difference(_ actual: Any?, _ expected: Any, at location: String = "") -> String? {
        if let expectedMap = expected as? [String: Any] {
            var actualMap: [String: Any] = [:]
            if let map = actual as? [AnyHashable: Any] {
                for (key, value) in map {
                    guard let key = key.base as? String else { return "\(location): non-string key \(key)" }
                    actualMap[key] = value
                }
            } else if let map = actual as? [String: Any] {
                actualMap = map
            } else {
                return "\(location): expected a map, got \(String(describing: actual))"
            }
            guard Set(actualMap.keys) == Set(expectedMap.keys) else {
                return "\(location): keys \(actualMap.keys.sorted()) != \(expectedMap.keys.sorted())"
            }
            for (key, value) in expectedMap {
                if let found = difference(actualMap[key], value, at: location + "." + key) { return found }
            }
            return nil
        }
        if let expectedList = expected as? [Any] {
            guard let actualList = actual as? [Any], actualList.count == expectedList.count else {
                return "\(location): expected a list of \(expectedList.count), got \(String(describing: actual))"
            }
            for (index, value) in expectedList.enumerated() {
                if let found = difference(actualList[index], value, at: location + "[\(index)]") { return found }
            }
            return nil
        }
        switch expected {
        case let text as String:
            return (actual as? String) == text ? nil : "\(location): \(String(describing: actual)) != string \(text.debugDescription)"
        case let flag as Bool:
            return (actual as? Bool) == flag && !(actual is String) ? nil : "\(location): \(String(describing: actual)) != bool \(flag)"
        case let number as Int:
            return (actual as? Int) == number && !(actual is Bool) ? nil : "\(location): \(String(describing: actual)) != int \(number)"
        default:
            return "\(location): unexpected expected value \(expected)"
        }
    }
}

/// Reading Terraform output back.
enum HCLReader {
    /// Unquotes one HCL quoted template string that holds no interpolation.
    static func unquote(_ quoted: String) -> String? {
        let scalars = Array(quoted.unicodeScalars)
        guard scalars.count >= 2, scalars.first == "\"", scalars.last == "\"" else { return nil }
        var out = ""
        var index = 1
        let end = scalars.count - 1
        while index < end {
            let scalar = scalars[index]
            if scalar == "\\" {
                guard index + 1 < end else { return nil }
                let next = scalars[index + 1]
                switch next {
                case "n": out += "\n"; index += 2
                case "r": out += "\r"; index += 2
                case "t": out += "\t"; index += 2
                case "\"": out += "\""; index += 2
                case "\\": out += "\\"; index += 2
                case "u", "U":
                    let width = next == "u" ? 4 : 8
                    guard index + 2 + width <= end,
                        let value = UInt32(String(String.UnicodeScalarView(scalars[(index + 2)..<(index + 2 + width)])), radix: 16),
                        let decoded = Unicode.Scalar(value)
                    else { return nil }
                    out.unicodeScalars.append(decoded)
                    index += 2 + width
                default: return nil
                }
            } else if (scalar == "$" || scalar == "%"), index + 2 < end, scalars[index + 1] == scalar, scalars[index + 2] == "{" {
                out.unicodeScalars.append(scalar)
                out += "{"
                index += 3
            } else if (scalar == "$" || scalar == "%"), index + 1 < end, scalars[index + 1] == "{" {
                return nil  // an interpolation or directive: never expected in our output
            } else {
                out.unicodeScalars.append(scalar)
                index += 1
            }
        }
        return out
    }

    /// A `set`/`set_sensitive` block of the output.
    struct SetBlock: Equatable {
        var kind: String
        var name: String
        var value: String
        var type: String?
    }

    /// The `set` and `set_sensitive` blocks of `text`, in order, their strings unquoted
    /// (a `value = var.x` is kept as `var.x`).
    static func setBlocks(_ text: String) -> [SetBlock] {
        var blocks: [SetBlock] = []
        var current: SetBlock?
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed == "set {" || trimmed == "set_sensitive {" {
                current = SetBlock(kind: String(trimmed.dropLast(2)), name: "", value: "", type: nil)
            } else if trimmed == "}", let block = current {
                blocks.append(block)
                current = nil
            } else if current != nil, let equals = trimmed.range(of: " = ") {
                let attribute = trimmed[..<equals.lowerBound].trimmingCharacters(in: .whitespaces)
                let raw = String(trimmed[equals.upperBound...])
                let value = raw.hasPrefix("\"") ? (unquote(raw) ?? "<bad \(raw)>") : raw
                switch attribute {
                case "name": current?.name = value
                case "value": current?.value = value
                case "type": current?.type = value
                default: current?.kind += "+\(attribute)"
                }
            }
        }
        return blocks
    }

    /// True when `{`/`}` and `[`/`]` outside strings and comments balance and never go negative.
    static func bracesBalance(_ text: String) -> Bool {
        var depth = 0
        var inString = false
        var escaped = false
        var inComment = false
        for scalar in text.unicodeScalars {
            if inComment {
                if scalar == "\n" { inComment = false }
                continue
            }
            if inString {
                if escaped { escaped = false } else if scalar == "\\" { escaped = true } else if scalar == "\"" { inString = false }
                continue
            }
            switch scalar {
            case "#": inComment = true
            case "\"": inString = true
            case "{", "[": depth += 1
            case "}", "]":
                depth -= 1
                if depth < 0 { return false }
            default: break
            }
        }
        return depth == 0 && !inString
    }
}

/// Golden files under `Fixtures/helm/`; `ISC_UPDATE_GOLDEN=1` rewrites them.
enum HelmGolden {
    static var updating: Bool { ProcessInfo.processInfo.environment["ISC_UPDATE_GOLDEN"] == "1" }

    static func check(_ actual: String, file: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let url = TestPaths.fixture("helm/" + file)
        if updating {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(actual.utf8).write(to: url)
            return
        }
        let expected = try String(contentsOf: url, encoding: .utf8)
        #expect(actual == expected, "\(file) differs from the golden file (ISC_UPDATE_GOLDEN=1 regenerates it)", sourceLocation: sourceLocation)
    }
}

/// A temporary folder removed at the end of a test.
final class HelmScratch {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("isc-helm-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: url) }
}
