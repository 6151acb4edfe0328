import Foundation
import ISCKit
import ISCTestSupport
import Testing
import Yams

/// Every values key iscctl prints exists in the gitops-runtime chart, with the chart's type
/// (issue 8: "every printed values key is checked against the chart's values.yaml"), checked
/// against `Fixtures/chart/gitops-runtime-values.yaml`, an extract of the chart's values.
@Suite("Helm values keys against the chart")
struct HelmChartValuesTests {
    /// The fixture's tree, as Yams reads it, keys as strings.
    static func chartValues() throws -> [String: Any] {
        let text = try String(contentsOf: TestPaths.fixture("chart/gitops-runtime-values.yaml"), encoding: .utf8)
        return try #require(stringKeyed(try Yams.load(yaml: text)) as? [String: Any], "the fixture is a mapping")
    }

    /// Yams' `[AnyHashable: Any]` mappings, recursively, as `[String: Any]`.
    static func stringKeyed(_ node: Any?) -> Any? {
        if let map = node as? [AnyHashable: Any] {
            var out: [String: Any] = [:]
            for (key, value) in map {
                out[String(describing: key.base)] = stringKeyed(value) ?? NSNull()
            }
            return out
        }
        if let list = node as? [Any] { return list.map { stringKeyed($0) ?? NSNull() } }
        return node
    }

    /// The chart keys that hold a secret in plain text: iscctl never prints them (the platform
    /// API key only as the `$CF_API_KEY` environment reference).
    static let plainTextSecretKeys: Set<String> = [
        "global.codefresh.userToken.token",
        "global.integrations.argo-cd.server.auth.token",
        "global.integrations.argo-cd.server.auth.password",
        "global.runtime.gitCredentials.password.value",
    ]

    /// The fields the chart reads from a `secretKeyRef: {}` object.
    static let secretKeyRefFields: Set<String> = ["name", "key"]

    /// Where `key` (as `--set` writes it) lands in `chart`, and whether `value` has the type the
    /// chart's default has there: `nil` when it fits, else the problem. Returns the chart path it
    /// matched (`a.b[]` for a list, `a.secretKeyRef` for a field of a secret reference object).
    static func problem(_ key: String, _ value: HelmValue, in chart: [String: Any]) -> (problem: String?, matched: String) {
        let path: [PathStep]
        do {
            path = try StrvalsDecoder.path(ofKey: key)
        } catch {
            return ("\(key): Helm cannot read the key: \(error)", key)
        }
        var node: Any = chart
        var walked: [String] = []
        for (offset, step) in path.enumerated() {
            let last = offset == path.count - 1
            switch step {
            case .key(let name):
                guard let map = node as? [String: Any] else {
                    return ("\(key): \(walked.joined(separator: ".")) is not a mapping in the chart", key)
                }
                if let next = map[name] {
                    node = next
                    walked.append(name)
                    continue
                }
                // A field of a `secretKeyRef: {}` object: name or key, a string.
                if map.isEmpty, walked.last?.hasSuffix("ecretKeyRef") == true, last, secretKeyRefFields.contains(name) {
                    return (typeProblem(key, value, expected: .string("")), walked.joined(separator: "."))
                }
                return ("\(key): the chart has no key '\(name)' under '\(walked.joined(separator: "."))'", key)
            case .index:
                guard node is [Any], last else {
                    return ("\(key): \(walked.joined(separator: ".")) is not a list of scalars in the chart", key)
                }
                return (typeProblem(key, value, expected: .string("")), walked.joined(separator: ".") + "[]")
            }
        }
        switch node {
        case is [String: Any], is [Any]:
            return ("\(key): the chart holds a \(node is [Any] ? "list" : "mapping") there, not a value", key)
        case is NSNull:
            return (typeProblem(key, value, expected: .string("")), key)
        case let flag as Bool:
            return (typeProblem(key, value, expected: .bool(flag)), key)
        case let number as Int:
            return (typeProblem(key, value, expected: .int(number)), key)
        case let text as String:
            return (typeProblem(key, value, expected: .string(text)), key)
        default:
            return ("\(key): unexpected default \(node) in the chart", key)
        }
    }

    /// `nil` when `value` has the type of the chart's default `expected`.
    static func typeProblem(_ key: String, _ value: HelmValue, expected: HelmValue) -> String? {
        switch (value, expected) {
        case (.bool, .bool), (.int, .int), (.string, .string), (.environment, .string): return nil
        default: return "\(key): iscctl prints \(value), the chart's default is \(expected)"
        }
    }

    /// `nil` unless `key` is a plain-text secret key (the API key only as `$CF_API_KEY`).
    static func secretProblem(_ key: String, _ value: HelmValue) -> String? {
        if case .environment(let name) = value {
            return key == HelmInstall.apiKeyValueKey && name == HelmInstall.apiKeyVariable
                ? nil : "\(key): only the API key is an environment reference, got $\(name)"
        }
        return plainTextSecretKeys.contains(key) ? "\(key): a plain-text secret key, printed with \(value)" : nil
    }

    /// The golden cases, the hostile installs, and more combinations with Git credentials.
    static var installs: [HelmInstall] {
        var list = HelmSamples.goldenCases.map(\.install) + HelmSamples.hostileInstalls
        for settings in [HelmSamples.tunnelToken, HelmSamples.ingressPassword, HelmSamples.serviceMeshToken] {
            for username in [nil, "bot"] as [String?] {
                var withCredentials = settings
                withCredentials.gitCredentials = GitRuntimeCredentials(username: username, passwordSecretKeyRef: SecretKeyRef(name: "git", key: "token"))
                withCredentials.chartVersion = ChartVersion(major: 0, minor: 29, patch: 0)
                list.append(
                    HelmInstall(
                        settings: withCredentials, apiKeySecret: username == nil ? HelmSamples.apiKeySecret : nil,
                        isConfigurationRuntime: username != nil, gitProvider: .gitlab))
            }
        }
        return list
    }

    @Test("the fixture says what it is and where it comes from")
    func fixtureHeader() throws {
        let text = try String(contentsOf: TestPaths.fixture("chart/gitops-runtime-values.yaml"), encoding: .utf8)
        for phrase in [
            "an extract, not a verbatim copy", "https://github.com/codefresh-io/gitops-runtime-helm", "charts/gitops-runtime/values.yaml",
            "README.md", "chart line 0.24", "global.external-argo-cd", "global.integrations.argo-cd",
        ] {
            #expect(text.contains(phrase), "\(phrase)")
        }
        let chart = try Self.chartValues()
        #expect(Set(chart.keys) == ["argo-cd", "global", "tunnel-client"])
    }

    @Test("every key of every install (golden, hostile, Git credentials) is in the chart with the chart's type, and none is a plain-text secret")
    func everyPrintedKeyIsInTheChart() throws {
        let chart = try Self.chartValues()
        var matched: Set<String> = []
        let installs = Self.installs
        #expect(installs.count >= HelmSamples.goldenCases.count + HelmSamples.hostileStrings.count + 6)
        #expect(installs.contains { $0.values.contains { $0.key == "global.runtime.gitCredentials.username" } })
        for install in installs {
            for (key, value) in install.values {
                let (problem, path) = Self.problem(key, value, in: chart)
                #expect(problem == nil, "\(problem ?? "")")
                #expect(Self.secretProblem(key, value) == nil, "\(Self.secretProblem(key, value) ?? "")")
                matched.insert(path)
            }
        }
        // The fixture holds exactly what iscctl prints, besides the plain-text secret keys.
        let leaves = Self.leaves(chart)
        #expect(leaves.subtracting(Self.plainTextSecretKeys).subtracting(matched) == [], "keys of the fixture iscctl never prints")
        #expect(matched.subtracting(leaves) == [], "matched paths that are not leaves of the fixture")
        #expect(matched.contains("global.runtime.gitCredentials.password.secretKeyRef"))
        #expect(matched.contains("global.runtime.ingress.hosts[]"))
    }

    /// The leaves of `tree`: scalars, empty objects (`secretKeyRef: {}`) and lists (`hosts[]`).
    static func leaves(_ tree: [String: Any], prefix: String = "") -> Set<String> {
        var out: Set<String> = []
        for (key, value) in tree {
            let path = prefix.isEmpty ? key : prefix + "." + key
            if let map = value as? [String: Any], !map.isEmpty {
                out.formUnion(leaves(map, prefix: path))
            } else if value is [Any] {
                out.insert(path + "[]")
            } else {
                out.insert(path)
            }
        }
        return out
    }

    /// Made-up keys and types the check must refuse: `(key, value)`.
    static let wrong: [(String, HelmValue)] = [
        ("global.runtime.gitCredential.username", .string("bot")),
        ("global.runtime.gitCredentials.user", .string("bot")),
        ("global.runtime.gitCredentials.password.secretKeyref.name", .string("git")),
        ("global.runtime.gitCredentials.password.secretKeyRef.namespace", .string("x")),
        ("global.runtime.gitCredentials.password.secretKeyRef", .string("git:token")),
        ("global.integrations.argo-cd.server.auth.tokenSecretKeyRef.nam", .string("argocd-token")),
        ("global.integrations.argocd.server.svc", .string("argocd-server")),
        ("global.external-argo-cd.server.svc", .string("argocd-server")),
        ("global.integrations.argo-cd.server.port", .string("80")),
        ("global.runtime.ingress.enabled", .string("true")),
        ("global.runtime.isConfigurationRuntime", .int(1)),
        ("global.codefresh.accountId", .int(1234)),
        ("global.runtime.ingress.host[0]", .string("h.example.com")),
        ("global.runtime.ingress.className[0]", .string("nginx")),
        ("global.runtime.ingress.hosts[0].name", .string("h.example.com")),
        ("global.runtime.ingress", .bool(true)),
        ("global.runtime.name.first", .string("x")),
        ("tunnel-client.enable", .bool(true)),
        ("argo-cd", .bool(false)),
        ("global.integrations.argo-cd.server.auth.passwordSecretKeyRef.value", .string("x")),
    ]

    @Test("the check refuses a misspelled key, a key of another chart line, a wrong type, a mapping or list given a value")
    func misspelledKeysFail() throws {
        let chart = try Self.chartValues()
        for (key, value) in Self.wrong {
            #expect(Self.problem(key, value, in: chart).problem != nil, "\(key) = \(value) passed")
        }
    }

    @Test("the check refuses plain-text secret keys, and an environment reference anywhere but the API key")
    func secretKeysFail() throws {
        let chart = try Self.chartValues()
        for key in Self.plainTextSecretKeys where key != HelmInstall.apiKeyValueKey {
            #expect(Self.problem(key, .string("s3cret"), in: chart).problem == nil, "\(key) is a real chart key")
            #expect(Self.secretProblem(key, .string("s3cret")) != nil, "\(key)")
            #expect(Self.secretProblem(key, .environment("GIT_RUNTIME_TOKEN")) != nil, "\(key)")
        }
        #expect(Self.secretProblem(HelmInstall.apiKeyValueKey, .string("s3cret")) != nil)
        #expect(Self.secretProblem(HelmInstall.apiKeyValueKey, .environment("OTHER")) != nil)
        #expect(Self.secretProblem(HelmInstall.apiKeyValueKey, .environment("CF_API_KEY")) == nil)
        #expect(Self.secretProblem("global.runtime.gitCredentials.username", .environment("GIT_RUNTIME_TOKEN")) != nil)
    }
}
