import Foundation
import ISCTestSupport
import Testing

@testable import ISCCore
@testable import ISCKit

/// The install additions of a runtime's registry entry (`chartVersion`, `gitCredentials`):
/// where they are written, that they read back through the canonical shortcut and through Yams,
/// what is refused, and that a runtime without them is written as before.
@Suite("Layout registry install settings (chartVersion, gitCredentials)")
struct LayoutRegistryInstallTests {
    static let gitToken = SecretKeyRef(name: "git-runtime", key: "token")

    static func runtime(username: String? = "bot", chart: ChartVersion? = ChartVersion(major: 0, minor: 26, patch: 3)) -> RuntimeSettings {
        var settings = LayoutSamples.defaultRuntime
        settings.gitCredentials = GitRuntimeCredentials(username: username, passwordSecretKeyRef: gitToken)
        settings.chartVersion = chart
        return settings
    }

    static let header = "apiVersion: iscctl/v2\nkind: Runtime\n"

    /// What `runtime.yaml` holds for ``runtime(username:chart:)``: `chartVersion` after
    /// `helmRelease` (quoted: YAML 1.1's float pattern `[0-9.]*` would take `0.26.3`),
    /// `gitCredentials` after `argoCD`.
    static let expectedText =
        header + """
            name: codefresh
            namespace: codefresh
            helmRelease: cf-gitops-runtime
            chartVersion: "0.26.3"
            accessMode: {type: tunnel, accountId: acc1}
            argoCD:
              server: {svc: argocd-server, port: 80, rootpath: ""}
              repoServer: {svc: argocd-repo-server, port: 8081}
              auth: {type: token, tokenSecretKeyRef: {name: argocd-token, key: token}}
            gitCredentials: {username: bot, passwordSecretKeyRef: {name: git-runtime, key: token}}
            clusters: [in-cluster]

            """

    static func parse(_ text: String, folder: String = "codefresh") throws(OperationError) -> RuntimeSettings {
        try RuntimeFile.parse(Data(text.utf8), source: "runtimes/\(folder)/runtime.yaml", folder: folder)
    }

    @Test("the keys are written in the documented order, each only when set")
    func writtenText() throws {
        #expect(RuntimeFile.yaml(Self.runtime()) == Self.expectedText)
        let withoutUser = RuntimeFile.yaml(Self.runtime(username: nil))
        #expect(withoutUser == Self.expectedText.replacingOccurrences(of: "{username: bot, passwordSecretKeyRef:", with: "{passwordSecretKeyRef:"))
        let unpinned = RuntimeFile.yaml(Self.runtime(chart: nil))
        #expect(unpinned == Self.expectedText.replacingOccurrences(of: "chartVersion: \"0.26.3\"\n", with: ""))
        var onlyChart = Self.runtime()
        onlyChart.gitCredentials = nil
        #expect(
            RuntimeFile.yaml(onlyChart)
                == Self.expectedText.replacingOccurrences(
                    of: "gitCredentials: {username: bot, passwordSecretKeyRef: {name: git-runtime, key: token}}\n", with: ""))
        // The keys' order follows Registry.runtimeKeys.
        let keys = Self.expectedText.split(separator: "\n").filter { !$0.hasPrefix(" ") }.map { String($0.prefix { $0 != ":" }) }
        #expect(keys == ["apiVersion", "kind"] + Registry.runtimeKeys)
    }

    @Test("a runtime without them writes exactly what it wrote before (the spec's runtime.yaml)")
    func unchangedWithout() {
        #expect(
            RuntimeFile.yaml(LayoutSamples.defaultRuntime) == Self.header + """
                name: codefresh
                namespace: codefresh
                helmRelease: cf-gitops-runtime
                accessMode: {type: tunnel, accountId: acc1}
                argoCD:
                  server: {svc: argocd-server, port: 80, rootpath: ""}
                  repoServer: {svc: argocd-repo-server, port: 8081}
                  auth: {type: token, tokenSecretKeyRef: {name: argocd-token, key: token}}
                clusters: [in-cluster]

                """)
        // Every v2 golden runtime.yaml is what the settings without the additions give.
        for scenario in LayoutSamples.scenarios where scenario.name != "install-additions" {
            for runtime in scenario.registry.runtimes {
                #expect(runtime.gitCredentials == nil && runtime.chartVersion == nil)
                let path = ISCLayout(url: scenario.url).runtimeFile(runtime.name)
                let golden = TestPaths.fixture("golden/v2/\(scenario.name)/" + path)
                #expect((try? Data(contentsOf: golden)) == RuntimeFile.data(runtime), "\(scenario.name): \(path)")
            }
        }
    }

    @Test(
        "round trip with and without a user name, pinned and not: the canonical shortcut and Yams read the same",
        arguments: [(String?.some("bot"), true), (nil, true), ("bot", false), (nil, false)])
    func roundTrip(_ username: String?, _ pinned: Bool) throws {
        let runtime = Self.runtime(username: username, chart: pinned ? ChartVersion(major: 0, minor: 29, patch: 12) : nil)
        let data = RuntimeFile.data(runtime)
        #expect(RuntimeFile.canonical(data) == runtime, "the shortcut reads what iscctl wrote")
        #expect(try RuntimeFile.parse(data, source: "x", folder: "codefresh") == runtime)
        // A comment makes the shortcut step aside: Yams reads the same.
        let viaYams = String(decoding: data, as: UTF8.self) + "# hand edit\n"
        #expect(RuntimeFile.canonical(Data(viaYams.utf8)) == nil)
        #expect(try Self.parse(viaYams) == runtime)
        // The same runtime in a v1 isc.yaml.
        let registry = Registry(gitProvider: .init(type: .git, apiURL: nil), configRuntime: "codefresh", runtimes: [runtime])
        #expect(try Registry.parse(registry.yaml()) == registry)
    }

    @Test("hand edits of the same file (block style, other order, quoting, comments) go through Yams and read the same")
    func handEdited() throws {
        let edited = """
            # edited by hand
            kind: Runtime
            apiVersion: "iscctl/v2"
            gitCredentials:
              passwordSecretKeyRef:
                key: 'token'
                name: "git-runtime"
              username: "bot"
            clusters:
              - in-cluster
            chartVersion: "0.26.3"
            name: codefresh
            accessMode: {accountId: acc1, type: tunnel}
            helmRelease: cf-gitops-runtime
            namespace: 'codefresh'
            argoCD:
              auth: {tokenSecretKeyRef: {key: token, name: argocd-token}, type: token}
              repoServer: {port: 8081, svc: argocd-repo-server}
              server: {rootpath: '', svc: argocd-server, port: 80}

            """
        #expect(RuntimeFile.canonical(Data(edited.utf8)) == nil)
        #expect(try Self.parse(edited) == Self.runtime())
        // Only moved keys, in iscctl's own style otherwise: still read right.
        let moved = Self.expectedText
            .replacingOccurrences(of: "chartVersion: \"0.26.3\"\n", with: "")
            .replacingOccurrences(of: "clusters: [in-cluster]\n", with: "clusters: [in-cluster]\nchartVersion: 0.26.3\n")
        #expect(moved != Self.expectedText)
        #expect(RuntimeFile.canonical(Data(moved.utf8)) == nil)
        #expect(try Self.parse(moved) == Self.runtime())
        let credentialsFirst = Self.expectedText
            .replacingOccurrences(of: "gitCredentials: {username: bot, passwordSecretKeyRef: {name: git-runtime, key: token}}\n", with: "")
            .replacingOccurrences(
                of: "name: codefresh\n", with: "gitCredentials: {passwordSecretKeyRef: {key: token, name: git-runtime}, username: bot}\nname: codefresh\n")
        #expect(RuntimeFile.canonical(Data(credentialsFirst.utf8)) == nil)
        #expect(try Self.parse(credentialsFirst) == Self.runtime())
    }

    @Test("user names and secret references YAML would misread survive both readers")
    func hostileValues() throws {
        var checked = 0
        for (index, username) in LayoutSamples.hostileUsernames.enumerated() {
            var runtime = Self.runtime(username: username)
            runtime.gitCredentials?.passwordSecretKeyRef = SecretKeyRef(
                name: LayoutSamples.hostileSecretNames[index % LayoutSamples.hostileSecretNames.count],
                key: LayoutSamples.hostileSecretKeys[index % LayoutSamples.hostileSecretKeys.count])
            guard (try? runtime.validate()) != nil else { continue }
            checked += 1
            let data = RuntimeFile.data(runtime)
            #expect(RuntimeFile.canonical(data) == runtime, "\(username.debugDescription):\n\(String(decoding: data, as: UTF8.self))")
            #expect(try Self.parse(String(decoding: data, as: UTF8.self) + "# x\n") == runtime, "\(username.debugDescription)")
        }
        #expect(checked >= 25, "most hostile user names are valid Git user names")
    }

    @Test("generated runtimes with the additions: the shortcut reads the written file, and the same as Yams")
    func generated() throws {
        for seed in UInt64(7000)..<7300 {
            var rng = SeededGenerator(seed: seed)
            var runtime = LayoutSamples.runtime(&rng, name: LayoutSamples.runtimeName(&rng))
            if rng.chance(0.7) {
                let username: String? = rng.chance(0.5) ? rng.pick(LayoutSamples.hostileUsernames.filter { !$0.contains("\u{FFFE}") }) : nil
                runtime.gitCredentials = GitRuntimeCredentials(
                    username: username,
                    passwordSecretKeyRef: SecretKeyRef(name: rng.pick(LayoutSamples.hostileSecretNames), key: rng.pick(LayoutSamples.hostileSecretKeys)))
            }
            if rng.chance(0.6) {
                runtime.chartVersion = ChartVersion(
                    major: Int.random(in: 0...1, using: &rng), minor: Int.random(in: 24...40, using: &rng),
                    patch: Int.random(in: 0...20, using: &rng))
            }
            try runtime.validate()
            let data = RuntimeFile.data(runtime)
            #expect(RuntimeFile.canonical(data) == runtime, "seed \(seed):\n\(String(decoding: data, as: UTF8.self))")
            let viaYams = try RuntimeFile.parse(Data((String(decoding: data, as: UTF8.self) + "# hand edit\n").utf8), source: "x", folder: runtime.name)
            #expect(viaYams == runtime, "seed \(seed)")
        }
    }

    static let credentials = "gitCredentials: {username: bot, passwordSecretKeyRef: {name: git-runtime, key: token}}"

    /// `(what, text replaced, replacement, what the message must name)`.
    static let refusals: [(String, String, String, [String])] = [
        ("chartVersion 0.26 (a float to YAML)", "chartVersion: \"0.26.3\"", "chartVersion: 0.26", ["chartVersion"]),
        ("chartVersion \"0.26\"", "chartVersion: \"0.26.3\"", "chartVersion: \"0.26\"", ["chartVersion"]),
        ("chartVersion v0.26.3", "chartVersion: \"0.26.3\"", "chartVersion: v0.26.3", ["chartVersion", "v0.26.3"]),
        ("chartVersion ^0.26", "chartVersion: \"0.26.3\"", "chartVersion: ^0.26", ["chartVersion"]),
        ("chartVersion older than the table", "chartVersion: \"0.26.3\"", "chartVersion: 0.23.9", ["chartVersion", "0.24"]),
        ("chartVersion a list", "chartVersion: \"0.26.3\"", "chartVersion: [0.26.3]", ["chartVersion"]),
        ("an unknown key under gitCredentials", "{username: bot,", "{username: bot, token: abc,", ["gitCredentials", "token"]),
        (
            "an unknown key under gitCredentials.passwordSecretKeyRef", "{name: git-runtime, key: token}", "{name: git-runtime, key: token, value: abc}",
            ["gitCredentials.passwordSecretKeyRef", "value"]
        ),
        ("gitCredentials without passwordSecretKeyRef", credentials, "gitCredentials: {username: bot}", ["gitCredentials", "passwordSecretKeyRef"]),
        ("gitCredentials a string", credentials, "gitCredentials: bot", ["gitCredentials"]),
        ("gitCredentials.username with a space", "{username: bot,", "{username: \"b ot\",", ["gitCredentials", "--git-runtime-user"]),
        (
            "gitCredentials.passwordSecretKeyRef with an invalid name", "{name: git-runtime, key: token}", "{name: Git_Runtime, key: token}",
            ["gitCredentials", "--git-runtime-token-secret"]
        ),
        ("a misspelled gitCredentials key", "gitCredentials:", "gitCredential:", ["gitCredential"]),
    ]

    @Test("invalid chartVersion or gitCredentials: invalid-registry (exit 3) naming the file and the key", arguments: refusals.indices)
    func refused(_ index: Int) {
        let (what, old, new, names) = Self.refusals[index]
        let text = Self.expectedText.replacingOccurrences(of: old, with: new)
        #expect(text != Self.expectedText, "\(what): the change applies")
        do {
            let runtime = try Self.parse(text)
            Issue.record("\(what): accepted as \(runtime)")
        } catch {
            #expect(error.code == "invalid-registry", "\(what): \(error.message)")
            #expect(error.category.exitCode == 3, "\(what)")
            #expect(error.message.hasPrefix("runtimes/codefresh/runtime.yaml"), "\(what): \(error.message)")
            for name in names {
                #expect(error.message.contains(name), "\(what): '\(name)' not in: \(error.message)")
            }
        }
    }
}
