import Foundation
import ISCKit
import ISCTestSupport
import Testing
import Yams

/// `isc.yaml`: deterministic text, round trip, hand edits, refusals.
@Suite("Layout registry (isc.yaml)")
struct LayoutRegistryTests {
    static let example = Registry(
        gitProvider: .init(type: .github, apiURL: "https://api.github.com"), configRuntime: "codefresh",
        runtimes: [LayoutSamples.defaultRuntime])

    /// The spec's example, comments removed.
    static let exampleText = """
        apiVersion: iscctl/v1
        kind: SharedConfiguration
        gitProvider:
          type: github
          apiURL: https://api.github.com
        configRuntime: codefresh
        runtimes:
          - name: codefresh
            namespace: codefresh
            helmRelease: cf-gitops-runtime
            accessMode: {type: tunnel, accountId: acc1}
            argoCD:
              server: {svc: argocd-server, port: 80, rootpath: ""}
              repoServer: {svc: argocd-repo-server, port: 8081}
              auth: {type: token, tokenSecretKeyRef: {name: argocd-token, key: token}}
            clusters: [in-cluster]

        """

    @Test("the spec's example is written byte for byte")
    func specExample() throws {
        #expect(Self.example.yaml() == Self.exampleText)
        #expect(try Registry.parse(Self.exampleText) == Self.example)
    }

    @Test("the other access modes and the password auth use the spec's flow mappings")
    func otherShapes() {
        var runtime = LayoutSamples.defaultRuntime
        runtime.accessMode = .ingress(host: "runtime.example.com", className: "nginx")
        runtime.argoCD.auth = .password(username: "admin", passwordSecretKeyRef: SecretKeyRef(name: "argocd-secret", key: "password"))
        let text = Registry(gitProvider: .init(type: .git, apiURL: nil), configRuntime: "codefresh", runtimes: [runtime]).yaml()
        #expect(text.contains("\n    accessMode: {type: ingress, host: runtime.example.com, className: nginx}\n"))
        #expect(text.contains("\n      auth: {type: password, username: admin, passwordSecretKeyRef: {name: argocd-secret, key: password}}\n"))
        #expect(text.contains("gitProvider:\n  type: git\nconfigRuntime: codefresh\n"), "apiURL omitted for git")
        runtime.accessMode = .serviceMesh(ingressURL: "https://mesh.example.com")
        #expect(
            Registry(gitProvider: .init(type: .git, apiURL: nil), configRuntime: "codefresh", runtimes: [runtime]).yaml()
                .contains("\n    accessMode: {type: service-mesh, ingressURL: \"https://mesh.example.com\"}\n"))
    }

    @Test("generated registries: yaml() is deterministic, parse(yaml(r)) == r, and the text is stable")
    func roundTrip() throws {
        for seed in UInt64(0)..<400 {
            var rng = SeededGenerator(seed: seed)
            let registry = LayoutSamples.registry(&rng)
            try registry.validate()
            let text = registry.yaml()
            #expect(text == registry.yaml(), "seed \(seed)")
            let parsed: Registry
            do {
                parsed = try Registry.parse(text)
            } catch {
                Issue.record("seed \(seed): \(error.message)\n\(text)")
                continue
            }
            #expect(parsed == registry, "seed \(seed)\n\(text)")
            #expect(parsed.yaml() == text, "seed \(seed)")
        }
    }

    @Test("runtimes are kept sorted by name, however they are given or changed")
    func sorted() {
        var registry = LayoutSamples.registry(
            LayoutSamples.url("https://github.com/acme/isc.git"),
            [
                RuntimeSettings(name: "zeta", accessMode: .tunnel(accountId: "a"), argoCD: ArgoCDSettings(auth: LayoutSamples.tokenAuth)),
                RuntimeSettings(name: "alpha", accessMode: .tunnel(accountId: "a"), argoCD: ArgoCDSettings(auth: LayoutSamples.tokenAuth)),
            ])
        #expect(registry.runtimeNames == ["alpha", "zeta"])
        registry.put(RuntimeSettings(name: "mid", accessMode: .tunnel(accountId: "a"), argoCD: ArgoCDSettings(auth: LayoutSamples.tokenAuth)))
        #expect(registry.runtimeNames == ["alpha", "mid", "zeta"])
        registry.runtimes.append(RuntimeSettings(name: "beta", accessMode: .tunnel(accountId: "a"), argoCD: ArgoCDSettings(auth: LayoutSamples.tokenAuth)))
        #expect(registry.runtimeNames == ["alpha", "beta", "mid", "zeta"])
        registry.put(
            RuntimeSettings(name: "mid", namespace: "other", accessMode: .tunnel(accountId: "a"), argoCD: ArgoCDSettings(auth: LayoutSamples.tokenAuth)))
        #expect(registry.runtime(named: "mid")?.namespace == "other")
        #expect(registry.removeRuntime(named: "beta")?.name == "beta")
        #expect(registry.removeRuntime(named: "beta") == nil)
        #expect(registry.runtimeNames == ["alpha", "mid", "zeta"])
        let text = registry.yaml()
        #expect(text.range(of: "- name: alpha")!.lowerBound < text.range(of: "- name: mid")!.lowerBound)
        #expect(text.range(of: "- name: mid")!.lowerBound < text.range(of: "- name: zeta")!.lowerBound)
    }

    @Test(
        "strings YAML would misread are quoted and survive",
        arguments: [
            ("rootpath", ""), ("accountId", "123"), ("username", "true"), ("username", "null"), ("username", "~"),
            ("username", "yes"), ("username", "Off"), ("username", "#x"), ("username", "a:b"),
            ("username", "\"x\""), ("username", "'x'"), ("username", "é"), ("username", "\u{FFFE}"), ("key", ".token"), ("key", "1e3"),
            ("accountId", "0x10"), ("accountId", "2001-12-14"), ("namespace", "yes"), ("namespace", "null"), ("namespace", "0o17"),
        ])
    func specialStrings(_ field: String, _ value: String) throws {
        var runtime = LayoutSamples.defaultRuntime
        switch field {
        case "rootpath": runtime.argoCD.rootPath = value
        case "accountId": runtime.accessMode = .tunnel(accountId: value)
        case "username": runtime.argoCD.auth = .password(username: value, passwordSecretKeyRef: SecretKeyRef(name: "s", key: "k"))
        case "key": runtime.argoCD.auth = .token(tokenSecretKeyRef: SecretKeyRef(name: "s", key: value))
        case "namespace": runtime.namespace = value
        default: Issue.record("unknown field \(field)")
        }
        try runtime.validate()
        let registry = Registry(gitProvider: .init(type: .git, apiURL: nil), configRuntime: "codefresh", runtimes: [runtime])
        let text = registry.yaml()
        #expect(!YAMLScalar.isPlainSafe(value, inFlow: true))
        #expect(try Registry.parse(text) == registry, "\(text)")
    }

    @Test("YAML 1.1 readers (PyYAML safe_load) read the same values as we wrote")
    func pyyamlReadsTheSame() throws {
        let directory = try LayoutFiles.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        var expected: [String: Any] = [:]
        var files: [String: Data] = [:]
        for seed in UInt64(1000)..<1150 {
            var rng = SeededGenerator(seed: seed)
            let registry = LayoutSamples.registry(&rng)
            files["\(seed).yaml"] = registry.data()
            expected["\(seed).yaml"] = Self.plain(registry)
        }
        try LayoutFiles.write(files, to: directory)
        let script = """
            import json, os, sys, yaml
            def walk(x):
                if isinstance(x, bool): return {"__bool__": x}
                if isinstance(x, dict): return {k: walk(v) for k, v in x.items()}
                if isinstance(x, list): return [walk(v) for v in x]
                if isinstance(x, (str, int)): return x
                return {"__other__": repr(x)}
            out = {}
            for name in sorted(os.listdir(sys.argv[1])):
                with open(os.path.join(sys.argv[1], name), encoding="utf-8") as f:
                    out[name] = walk(yaml.safe_load(f))
            print(json.dumps(out))
            """
        let result = try ProcessRunner.tool("python3", ["-c", script, directory.path])
        #expect(result.status == 0, "\(result.stderr)")
        let read = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any] ?? [:]
        #expect(read.count == expected.count)
        func canonical(_ value: Any?) throws -> String {
            guard let value else { return "<missing>" }
            return String(decoding: try JSONSerialization.data(withJSONObject: value, options: [.sortedKeys]), as: UTF8.self)
        }
        for (name, value) in expected.sorted(by: { $0.key < $1.key }) {
            let got = try canonical(read[name]), want = try canonical(value)
            #expect(got == want, "\(name): PyYAML read\n\(got)\nexpected\n\(want)\n\(String(decoding: files[name]!, as: UTF8.self))")
        }
    }

    /// A registry as plain Foundation values: what a YAML reader must produce.
    static func plain(_ registry: Registry) -> [String: Any] {
        func value(_ item: RegistryValue) -> Any {
            switch item {
            case .string(let text): return text
            case .int(let number): return number
            case .list(let items): return items.map(value)
            case .map(let fields): return Dictionary(uniqueKeysWithValues: fields.map { ($0.key, value($0.value)) })
            }
        }
        var provider: [String: Any] = ["type": registry.gitProvider.type.id]
        if let apiURL = registry.gitProvider.apiURL { provider["apiURL"] = apiURL }
        return [
            "apiVersion": "iscctl/v1", "kind": "SharedConfiguration", "gitProvider": provider,
            "configRuntime": registry.configRuntime, "runtimes": registry.runtimes.map { value($0.registryEntry) },
        ]
    }

    @Test("hand edits are accepted: block style, other key order, quoting, comments, unsorted runtimes; anchors and aliases are refused")
    func handEdits() throws {
        let text = """
            # edited by hand
            kind: 'SharedConfiguration'
            apiVersion: "iscctl/v1"
            configRuntime: codefresh
            gitProvider: {apiURL: null, type: GIT}
            runtimes:
            - clusters:
              - in-cluster
              - prod-eu
              name: codefresh
              helmRelease: cf-gitops-runtime
              namespace: codefresh
              accessMode:
                accountId: 123
                type: tunnel
              argoCD:
                auth:
                  type: password
                  username: true
                  passwordSecretKeyRef: {key: password, name: argocd-secret}
                repoServer: {port: "8081", svc: argocd-repo-server}
                server:
                  rootpath: ''
                  svc: argocd-server
                  port: 80
            - name: alpha
              namespace: alpha
              helmRelease: alpha
              accessMode: {type: service-mesh, ingressURL: https://mesh.example.com/x}
              argoCD:
                auth: {type: password, username: true, passwordSecretKeyRef: {key: password, name: argocd-secret}}
                repoServer: {port: "8081", svc: argocd-repo-server}
                server: {rootpath: '', svc: argocd-server, port: 80}
              clusters: [in-cluster]
            """
        let registry = try Registry.parse(text)
        // The same with alpha's argoCD as an alias of codefresh's: iscctl writes no anchors.
        let anchored = text.replacingOccurrences(of: "  argoCD:\n    auth:\n      type: password", with: "  argoCD: &argo\n    auth:\n      type: password")
            .replacingOccurrences(of: "  argoCD:\n    auth: {type: password", with: "  argoCD: *argo\n    unused: {type: password")
        #expect(anchored.contains("&argo") && anchored.contains("*argo"))
        #expect(throws: OperationError.self) { try Registry.parse(anchored) }
        var codefresh = RuntimeSettings(
            accessMode: .tunnel(accountId: "123"),
            argoCD: ArgoCDSettings(auth: .password(username: "true", passwordSecretKeyRef: SecretKeyRef(name: "argocd-secret", key: "password"))),
            clusters: ["in-cluster", "prod-eu"])
        var alpha = codefresh
        alpha.name = "alpha"
        alpha.namespace = "alpha"
        alpha.helmRelease = "alpha"
        alpha.accessMode = .serviceMesh(ingressURL: "https://mesh.example.com/x")
        alpha.clusters = ["in-cluster"]
        codefresh.clusters = ["in-cluster", "prod-eu"]
        #expect(registry == Registry(gitProvider: .init(type: .git, apiURL: nil), configRuntime: "codefresh", runtimes: [alpha, codefresh]))
        #expect(registry.runtimeNames == ["alpha", "codefresh"])
        // Provider aliases are read as their canonical id, and written canonically.
        let aliased = try Registry.parse(
            Self.exampleText.replacingOccurrences(
                of: "type: github\n  apiURL: https://api.github.com",
                with: "type: bitbucket-server\n  apiURL: https://bb.example.com"))
        #expect(aliased.gitProvider == .init(type: .bitbucketDatacenter, apiURL: "https://bb.example.com"))
        #expect(aliased.yaml().contains("  type: bitbucket-datacenter\n"))
    }

    /// `(what, edit of the example text, expected message after "envs/prod/isc.yaml: ")`.
    static let refusals: [(String, @Sendable (String) -> String, String)] = [
        ("not YAML", { _ in "runtimes: [\n" }, "not valid YAML"),
        ("empty", { _ in "" }, "is empty"),
        ("only a comment", { _ in "# nothing\n" }, "is empty"),
        ("a list", { _ in "- a\n" }, "must be a YAML mapping"),
        ("two documents", { $0 + "---\nkind: x\n" }, "not valid YAML"),
        ("a duplicate key", { $0 + "kind: SharedConfiguration\n" }, "not valid YAML (duplicate key 'kind'"),
        ("wrong apiVersion", { $0.replacingOccurrences(of: "iscctl/v1", with: "iscctl/v2") }, "apiVersion: must be 'iscctl/v1', got 'iscctl/v2'"),
        (
            "wrong kind", { $0.replacingOccurrences(of: "kind: SharedConfiguration", with: "kind: Registry") },
            "kind: must be 'SharedConfiguration', got 'Registry'"
        ),
        ("missing apiVersion", { $0.replacingOccurrences(of: "apiVersion: iscctl/v1\n", with: "") }, "apiVersion: missing"),
        (
            "unknown provider", { $0.replacingOccurrences(of: "type: github", with: "type: svn") },
            "gitProvider.type: unknown provider 'svn'; use one of: github, gitlab,"
        ),
        (
            "no apiURL for github", { $0.replacingOccurrences(of: "  apiURL: https://api.github.com\n", with: "") },
            "gitProvider.apiURL: missing (required for type github)"
        ),
        ("an apiURL for git", { $0.replacingOccurrences(of: "type: github", with: "type: git") }, "gitProvider.apiURL: must be omitted for type git"),
        (
            "an apiURL that is no URL", { $0.replacingOccurrences(of: "apiURL: https://api.github.com", with: "apiURL: api.github.com") },
            "gitProvider.apiURL: --api-url must be an absolute"
        ),
        ("unknown top-level key", { $0 + "extra: 1\n" }, "extra: unknown key (allowed here: apiVersion, kind, gitProvider, configRuntime, runtimes)"),
        ("missing configRuntime", { $0.replacingOccurrences(of: "configRuntime: codefresh\n", with: "") }, "configRuntime: missing"),
        (
            "configRuntime not a runtime", { $0.replacingOccurrences(of: "configRuntime: codefresh", with: "configRuntime: other") },
            "configRuntime: 'other' is not one of the runtimes (codefresh)"
        ),
        ("missing runtimes", { String($0[..<$0.range(of: "runtimes:")!.lowerBound]) }, "runtimes: missing"),
        ("no runtimes", { String($0[..<$0.range(of: "runtimes:")!.lowerBound]) + "runtimes: []\n" }, "runtimes: must list at least the configuration runtime"),
        ("runtimes not a list", { String($0[..<$0.range(of: "runtimes:")!.lowerBound]) + "runtimes: {}\n" }, "runtimes: must be a list"),
        ("a runtime that is a string", { String($0[..<$0.range(of: "runtimes:")!.lowerBound]) + "runtimes: [codefresh]\n" }, "runtimes[0]: must be a mapping"),
        ("missing namespace", { $0.replacingOccurrences(of: "    namespace: codefresh\n", with: "") }, "runtimes[0].namespace: missing"),
        (
            "unknown runtime key", { $0.replacingOccurrences(of: "    namespace: codefresh\n", with: "    namepsace: codefresh\n") },
            "runtimes[0].namepsace: unknown key"
        ),
        ("null namespace", { $0.replacingOccurrences(of: "    namespace: codefresh\n", with: "    namespace:\n") }, "runtimes[0].namespace: has no value"),
        (
            "a mapping for a string", { $0.replacingOccurrences(of: "    namespace: codefresh\n", with: "    namespace: {a: b}\n") },
            "runtimes[0].namespace: must be a string, not a mapping"
        ),
        (
            "invalid namespace", { $0.replacingOccurrences(of: "    namespace: codefresh\n", with: "    namespace: Bad_NS\n") },
            "runtimes[0].namespace: --namespace 'Bad_NS' must be a DNS-1123 label"
        ),
        (
            "invalid runtime name",
            {
                $0.replacingOccurrences(of: "  - name: codefresh", with: "  - name: Code-Fresh").replacingOccurrences(
                    of: "configRuntime: codefresh", with: "configRuntime: Code-Fresh")
            }, "runtimes[0].name: --runtime 'Code-Fresh' must start with a lower-case letter"
        ),
        (
            "invalid helm release",
            { $0.replacingOccurrences(of: "helmRelease: cf-gitops-runtime", with: "helmRelease: \(String(repeating: "a", count: 54))") },
            "runtimes[0].helmRelease: --helm-release"
        ),
        (
            "unknown access mode", { $0.replacingOccurrences(of: "{type: tunnel, accountId: acc1}", with: "{type: vpn}") },
            "runtimes[0].accessMode.type: --access-mode 'vpn' must be tunnel, ingress or service-mesh"
        ),
        (
            "tunnel without account", { $0.replacingOccurrences(of: "{type: tunnel, accountId: acc1}", with: "{type: tunnel}") },
            "runtimes[0].accessMode.accountId: missing"
        ),
        (
            "empty account", { $0.replacingOccurrences(of: "accountId: acc1", with: "accountId: \"\"") },
            "runtimes[0].accessMode.accountId: --access-mode tunnel needs --account-id"
        ),
        (
            "a key of another mode", { $0.replacingOccurrences(of: "accountId: acc1", with: "accountId: acc1, host: h") },
            "runtimes[0].accessMode.host: unknown key"
        ),
        (
            "ingress without class", { $0.replacingOccurrences(of: "{type: tunnel, accountId: acc1}", with: "{type: ingress, host: h.example.com}") },
            "runtimes[0].accessMode.className: missing"
        ),
        (
            "invalid ingress URL", { $0.replacingOccurrences(of: "{type: tunnel, accountId: acc1}", with: "{type: service-mesh, ingressURL: mesh}") },
            "runtimes[0].accessMode.ingressURL: --ingress-url must be an absolute"
        ),
        (
            "a port that is no number", { $0.replacingOccurrences(of: "port: 80,", with: "port: eighty,") },
            "runtimes[0].argoCD.server.port: must be a decimal integer, got 'eighty'"
        ),
        (
            "a port out of range", { $0.replacingOccurrences(of: "port: 8081", with: "port: 70000") },
            "runtimes[0].argoCD.repoServer.port: --argocd-repo-server-port 70000 must be a port"
        ),
        ("a null root path", { $0.replacingOccurrences(of: "rootpath: \"\"", with: "rootpath: null") }, "runtimes[0].argoCD.server.rootpath: has no value"),
        (
            "a bad root path", { $0.replacingOccurrences(of: "rootpath: \"\"", with: "rootpath: argocd") },
            "runtimes[0].argoCD.server.rootpath: --argocd-rootpath 'argocd' must be empty or start with '/'"
        ),
        (
            "a bad service", { $0.replacingOccurrences(of: "svc: argocd-server", with: "svc: Argo") },
            "runtimes[0].argoCD.server.svc: --argocd-server-svc 'Argo'"
        ),
        (
            "unknown auth type", { $0.replacingOccurrences(of: "{type: token, tokenSecretKeyRef: {name: argocd-token, key: token}}", with: "{type: oauth}") },
            "runtimes[0].argoCD.auth.type: --argocd-auth 'oauth' must be token or password"
        ),
        (
            "a plain-text token", { $0.replacingOccurrences(of: "tokenSecretKeyRef: {name: argocd-token, key: token}", with: "token: s3cr3t") },
            "runtimes[0].argoCD.auth.token: unknown key"
        ),
        (
            "a bad secret reference", { $0.replacingOccurrences(of: "key: token}", with: "key: a/b}") },
            "runtimes[0].argoCD.auth.tokenSecretKeyRef: --argocd-token-secret: the secret key 'a/b'"
        ),
        (
            "password without username", { $0.replacingOccurrences(of: "{type: token, tokenSecretKeyRef:", with: "{type: password, passwordSecretKeyRef:") },
            "runtimes[0].argoCD.auth.username: missing"
        ),
        ("missing argoCD", { $0.replacingOccurrences(of: "    argoCD:\n", with: "    argoCDx:\n") }, "runtimes[0].argoCDx: unknown key"),
        (
            "clusters not first in-cluster", { $0.replacingOccurrences(of: "[in-cluster]", with: "[prod, in-cluster]") },
            "runtimes[0].clusters: the clusters must start with in-cluster, got [prod, in-cluster]"
        ),
        ("no clusters", { $0.replacingOccurrences(of: "[in-cluster]", with: "[]") }, "runtimes[0].clusters: the clusters must start with in-cluster, got []"),
        (
            "clusters twice", { $0.replacingOccurrences(of: "[in-cluster]", with: "[in-cluster, prod, prod]") },
            "runtimes[0].clusters: the clusters must be unique: 'prod' is listed twice"
        ),
        (
            "an invalid cluster", { $0.replacingOccurrences(of: "[in-cluster]", with: "[in-cluster, Prod_1]") },
            "runtimes[0].clusters[1]: --cluster: the cluster name 'Prod_1'"
        ),
        ("clusters not a list", { $0.replacingOccurrences(of: "[in-cluster]", with: "in-cluster") }, "runtimes[0].clusters: must be a list"),
        (
            "duplicate runtime names",
            { text in
                let entry = String(text[text.range(of: "  - name: codefresh")!.lowerBound...])
                return text + entry
            }, "runtimes[1].name: duplicate runtime name 'codefresh' (also runtimes[0])"
        ),
    ]

    @Test("refusals: invalid-registry, a conflict, naming the file, the key and the problem", arguments: refusals.indices)
    func refusal(_ index: Int) {
        let (what, edit, message) = Self.refusals[index]
        let text = edit(Self.exampleText)
        do {
            let registry = try Registry.parse(text, source: "envs/prod/isc.yaml")
            Issue.record("\(what): accepted \(registry)\n\(text)")
        } catch {
            #expect(error.code == "invalid-registry", "\(what)")
            #expect(error.category == .conflict, "\(what)")
            #expect(error.category.exitCode == 3)
            #expect(error.message.hasPrefix("envs/prod/isc.yaml: " + message), "\(what): \(error.message)")
            #expect(!error.message.contains("\n"), "\(what): one line: \(error.message)")
            #expect(!error.message.contains("s3cr3t"), "\(what): no secret echoed")
        }
    }

    @Test("bytes that are not UTF-8 are refused")
    func notUTF8() {
        #expect(throws: OperationError.conflict("invalid-registry", "isc.yaml: is not UTF-8 text")) {
            try Registry.parse(Data([0x61, 0xFF, 0xFE]))
        }
    }

    @Test("validate() checks a registry built in code, runtimes named by sorted index")
    func validateInCode() {
        var registry = Self.example
        registry.put(
            RuntimeSettings(name: "alpha", namespace: "Bad", accessMode: .tunnel(accountId: "a"), argoCD: ArgoCDSettings(auth: LayoutSamples.tokenAuth)))
        #expect(throws: OperationError.self) { try registry.validate() }
        do {
            try registry.validate(source: "isc.yaml")
        } catch {
            #expect(error.message.hasPrefix("isc.yaml: runtimes[0].namespace: --namespace 'Bad'"), "\(error.message)")
        }
        registry.configRuntime = "nope"
        registry.removeRuntime(named: "alpha")
        #expect(throws: OperationError.self) { try registry.validate() }
        #expect(Registry.Provider(url: LayoutSamples.url("/srv/git/isc.git")) == .init(type: .git, apiURL: nil))
        #expect(Registry.Provider(url: LayoutSamples.url("https://git.example.com/a/b.git", provider: "git")) == .init(type: .git, apiURL: nil))
        #expect(Registry.Provider(url: LayoutSamples.url("https://git.example.com/a/b.git")) == nil)
        #expect(
            Registry.Provider(url: LayoutSamples.url("https://git.example.com/a/b.git", provider: "gitea"))
                == .init(type: .gitea, apiURL: "https://git.example.com/api/v1"))
    }
}
