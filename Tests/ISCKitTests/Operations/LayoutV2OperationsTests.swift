import Foundation
import ISCTestSupport
import Testing

@testable import ISCCore
@testable import ISCKit

/// Layout v2 (spec section 7): what the operations read and write, layout v1 refused for writes
/// but read as it is, `migrate`, and what `validate` finds in a v2 tree.
@Suite("Operations layout v2")
struct LayoutV2OperationsTests {
    static let url = try! RepositoryURL(parsing: "https://github.com/acme/isc.git/envs/prod?ref=isc")
    let ops = ISCOperations(url: url)
    let layout = ISCLayout(url: url)

    static func runtime(_ name: String, account: String = "acc1") -> RuntimeSettings {
        RuntimeSettings(
            name: name, accessMode: .tunnel(accountId: account),
            argoCD: ArgoCDSettings(auth: .token(tokenSecretKeyRef: SecretKeyRef(name: "argocd-token", key: "token"))))
    }

    /// An initialized v2 tree with `count` more runtimes (`r0`, `r1`, ...).
    func tree(runtimes count: Int) throws -> InMemoryTree {
        var tree = InMemoryTree().applying(try ops.initialize(Self.runtime("codefresh"), in: InMemoryTree()))
        for index in 0..<count {
            tree = tree.applying(try ops.addRuntime(Self.runtime("r\(index)"), in: tree))
        }
        return tree
    }

    /// The same tree in layout v1 (as earlier versions wrote it).
    func v1Tree(_ registry: Registry) -> InMemoryTree {
        InMemoryTree(ISCFiles(url: Self.url).initialFiles(registry: registry, includeReadme: true, layout: .v1))
    }

    func expectError(_ code: String, _ category: ErrorCategory = .conflict, _ body: () throws -> Any) {
        do {
            _ = try body()
            Issue.record("expected \(code)")
        } catch let error as OperationError {
            #expect(error.code == code, "\(error.message)")
            #expect(error.category == category, "\(error.message)")
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    /// A tree that records every path read or listed.
    final class RecordingTree: FileTree {
        let base: InMemoryTree
        var touched: [String] = []
        init(_ base: InMemoryTree) { self.base = base }
        func file(_ path: String) throws -> Data? { touched.append(path); return try base.file(path) }
        func list(_ path: String) throws -> [FileTreeEntry] { touched.append(path + "/"); return try base.list(path) }
        /// One lookup (a Git tree finds a name without listing its folder), recorded as `path?`.
        func entry(_ path: String) throws -> FileTreeEntry? {
            touched.append(path + "?")
            let components = path.split(separator: "/").map(String.init)
            return try base.list(components.dropLast().joined(separator: "/")).first { $0.name == components.last }
        }
    }

    @Test("add-runtime reads isc.yaml and its own runtime's paths only, and writes only that runtime's files, with 60 runtimes present")
    func addRuntimeTouchesOnlyItsOwnPaths() throws {
        let tree = RecordingTree(try tree(runtimes: 60))
        let changes = try ops.addRuntime(Self.runtime("newone"), in: tree)
        #expect(
            Set(changes.keys) == [
                layout.runtimeFile("newone"), layout.application(runtime: "newone", cluster: "in-cluster"),
                layout.runtimeResourcesKeep("newone"),
            ])
        let allowed: Set<String> = [layout.registry, layout.allRuntimesAllClustersKeep, layout.controlPlanesKeep]
        // Looked up (not listed): the new folders and the folders they go into.
        let lookups: Set<String> = [
            layout.runtimeDirectory("newone") + "?", layout.runtimesDirectory + "?",
            layout.runtimeResources("newone") + "?", layout.runtimeResourcesParent + "?",
        ]
        for path in tree.touched where !allowed.contains(path) && !lookups.contains(path) {
            #expect(
                path.hasPrefix(layout.runtimeDirectory("newone") + "/") || path.hasPrefix(layout.runtimeResources("newone") + "/"),
                "add-runtime read \(path)")
        }
        #expect(tree.touched.count <= 12, "\(tree.touched)")
        // The same for the helm-values lookup and an idempotent re-run.
        let after = RecordingTree(tree.base.applying(changes))
        #expect(try ops.runtime(named: "newone", in: after) == Self.runtime("newone"))
        #expect(try ops.addRuntime(Self.runtime("newone"), in: after).isEmpty)
        #expect(!after.touched.contains { $0.contains("/r1") || $0.hasSuffix("/runtimes/") }, "\(after.touched)")
    }

    @Test("write commands on a layout v1 ISC exit 3 with layout-v1 and point at migrate; read commands read it")
    func v1WritesRefused() throws {
        var second = Self.runtime("eu1")
        second.clusters = ["in-cluster", "edge"]
        let registry = Registry(
            gitProvider: .init(type: .github, apiURL: "https://api.github.com"), configRuntime: "codefresh",
            runtimes: [Self.runtime("codefresh"), second])
        let tree = v1Tree(registry)
        expectError("layout-v1") { try ops.initialize(Self.runtime("codefresh"), in: tree) }
        expectError("layout-v1") { try ops.addRuntime(Self.runtime("us1"), in: tree) }
        expectError("layout-v1") { try ops.addCluster(runtime: "eu1", cluster: "east", server: "https://k8s.example.com", in: tree) }
        expectError("layout-v1") { try ops.removeRuntime("eu1", in: tree) }
        do {
            _ = try ops.addRuntime(Self.runtime("us1"), in: tree)
        } catch let error as OperationError {
            #expect(error.message.contains("iscctl migrate") && error.message.contains("iscctl/v1"))
            #expect(error.category.exitCode == 3)
        }
        #expect(try ops.list(in: tree) == registry)
        #expect(try ops.runtime(named: "eu1", in: tree) == second)
        #expect(try ops.runtime(named: "nope", in: tree) == nil)
    }

    @Test("migrate: v1 → v2 in one change that lists each runtime file, then a no-op; a not-initialized repository is a conflict")
    func migrate() throws {
        let runtimes = (0..<5).map { Self.runtime("r\($0)") }
        let registry = Registry(gitProvider: .init(type: .github, apiURL: "https://api.github.com"), configRuntime: "r2", runtimes: runtimes)
        let v1 = v1Tree(registry)
        let changes = try ops.migrate(in: v1)
        #expect(Set(changes.keys) == Set([layout.registry] + runtimes.map { layout.runtimeFile($0.name) }))
        let v2 = v1.applying(changes)
        #expect(try ops.registryFile(in: v2) == .v2(Account(gitProvider: registry.gitProvider, configRuntime: "r2")))
        #expect(try ops.list(in: v2) == registry)
        #expect(try ops.validate(in: v2) == [])
        #expect(try ops.migrate(in: v2).isEmpty)
        // Writes work again after migrating.
        #expect(try !ops.addRuntime(Self.runtime("r9"), in: v2).isEmpty)
        expectError("not-initialized") { try ops.migrate(in: InMemoryTree()) }
    }

    @Test("migrate overwrites nothing: a v1 cluster named 'runtime' or a runtime.yaml already there blocks it")
    func migrateBlocked() throws {
        var odd = Self.runtime("codefresh")
        odd.clusters = ["in-cluster", "runtime"]
        let blocked = v1Tree(Registry(gitProvider: .init(type: .github, apiURL: "https://api.github.com"), configRuntime: "codefresh", runtimes: [odd]))
        expectError("migrate-blocked") { try ops.migrate(in: blocked) }
        var occupied = v1Tree(
            Registry(
                gitProvider: .init(type: .github, apiURL: "https://api.github.com"), configRuntime: "codefresh",
                runtimes: [Self.runtime("codefresh")]))
        occupied.files[layout.runtimeFile("codefresh")] = Data("mine\n".utf8)
        expectError("migrate-blocked") { try ops.migrate(in: occupied) }
    }

    @Test("add-cluster refuses the reserved cluster name 'runtime' as an invalid input")
    func reservedClusterName() throws {
        let tree = try tree(runtimes: 0)
        expectError("invalid-setting", .invalidInput) {
            try ops.addCluster(runtime: "codefresh", cluster: "runtime", server: "https://k8s.example.com", in: tree)
        }
        expectError("invalid-setting", .invalidInput) { try ISCOperations.requireUsableClusterName("runtime") }
        try ISCOperations.requireUsableClusterName("runtimes")
    }

    @Test("add-runtime refuses a runtime folder that holds files but no runtime.yaml")
    func strayFolder() throws {
        var tree = try tree(runtimes: 0)
        tree.files[layout.application(runtime: "eu1", cluster: "in-cluster")] = Data("x".utf8)
        expectError("runtime-exists") { try ops.addRuntime(Self.runtime("eu1"), in: tree) }
    }

    @Test("init repairs a deleted runtime.yaml of the configuration runtime; another runtime's settings do not matter to it")
    func initRepairs() throws {
        var tree = try tree(runtimes: 2)
        tree.files[layout.runtimeFile("codefresh")] = nil
        let repair = try ops.initialize(Self.runtime("codefresh"), in: tree)
        #expect(Array(repair.keys) == [layout.runtimeFile("codefresh")])
    }

    @Test(
        "validate in layout v2: folder without runtime.yaml, name differing from its folder, unreadable runtime.yaml, a file among the runtime folders, a missing configuration runtime"
    )
    func validateV2() throws {
        var tree = try tree(runtimes: 3)
        #expect(try ops.validate(in: tree) == [])
        tree.files[layout.application(runtime: "ghost", cluster: "in-cluster")] = Data("x".utf8)
        tree.files[layout.runtimeFile("r0")] = RuntimeFile.data(Self.runtime("r1"))
        tree.files[layout.runtimeFile("r1")] = Data("apiVersion: iscctl/v2\nkind: Runtime\nname: [\n".utf8)
        tree.files[layout.runtimesDirectory + "/notes.txt"] = Data("x".utf8)
        let problems = try ops.validate(in: tree)
        #expect(problems.count == 4, "\(problems)")
        #expect(problems.contains { $0.contains("runtimes/ghost/") && $0.contains("no runtime.yaml") && $0.contains("stray") })
        #expect(problems.contains { $0.contains("runtimes/r0/runtime.yaml") && $0.contains("name") && $0.contains("'r1'") })
        #expect(problems.contains { $0.contains("runtimes/r1/runtime.yaml") && $0.contains("not valid YAML") })
        #expect(problems.contains { $0.contains("runtimes/notes.txt") })
        tree.files[layout.runtimeFile("codefresh")] = nil
        #expect(try ops.validate(in: tree).contains { $0.contains("configuration runtime 'codefresh'") })
    }

    @Test("secret names the chart reserves: refused in a flag (exit 2, naming it), reported by validate when a registry holds one")
    func reservedSecretNames() throws {
        for flag in ["--api-key-secret", "--argocd-token-secret", "--argocd-password-secret"] {
            expectError("invalid-setting", .invalidInput) { try SecretKeyRef(parsing: "codefresh-token:token", flag: flag) }
            do {
                _ = try SecretKeyRef(parsing: "codefresh-token:token", flag: flag)
            } catch {
                #expect(error.message.hasPrefix(flag) && error.message.contains("reserved"))
            }
        }
        #expect(try SecretKeyRef(parsing: "codefresh-token-2:token", flag: "--api-key-secret").name == "codefresh-token-2")
        var tree = try tree(runtimes: 1)
        var reserved = Self.runtime("r0")
        reserved.argoCD.auth = .token(tokenSecretKeyRef: SecretKeyRef(name: "codefresh-token", key: "token"))
        tree.files[layout.runtimeFile("r0")] = RuntimeFile.data(reserved)
        let problems = try ops.validate(in: tree)
        #expect(problems.count == 1 && problems[0].contains("codefresh-token") && problems[0].contains("runtime 'r0'"), "\(problems)")
    }

    @Test("isc.yaml: an unknown apiVersion names both layouts; a v2 isc.yaml with runtimes is refused; runtime.yaml keys are checked")
    func parsing() throws {
        expectError("invalid-registry") { try RegistryFile.parse(Data("apiVersion: iscctl/v3\nkind: SharedConfiguration\n".utf8)) }
        do {
            _ = try RegistryFile.parse(Data("apiVersion: iscctl/v3\n".utf8))
            Issue.record("expected an error")
        } catch {
            #expect(error.message.contains("iscctl/v1") && error.message.contains("iscctl/v2"))
        }
        let account = "apiVersion: iscctl/v2\nkind: SharedConfiguration\ngitProvider:\n  type: git\nconfigRuntime: codefresh\n"
        #expect(try RegistryFile.parse(Data(account.utf8)) == .v2(Account(gitProvider: .init(type: .git, apiURL: nil), configRuntime: "codefresh")))
        expectError("invalid-registry") { try RegistryFile.parse(Data((account + "runtimes: []\n").utf8)) }
        expectError("invalid-registry") { try RegistryFile.parse(Data(account.replacingOccurrences(of: "codefresh", with: "Bad_Name").utf8)) }
        expectError("invalid-registry") { try RegistryFile.parse(Data(account.replacingOccurrences(of: "type: git", with: "type: github").utf8)) }
        let runtime = RuntimeFile.yaml(Self.runtime("eu1"))
        #expect(try RuntimeFile.parse(Data(runtime.utf8), source: "x", folder: "eu1") == Self.runtime("eu1"))
        expectError("invalid-registry") { try RuntimeFile.parse(Data(runtime.utf8), source: "x", folder: "eu2") }
        expectError("invalid-registry") { try RuntimeFile.parse(Data((runtime + "extra: 1\n").utf8), source: "x", folder: "eu1") }
        expectError("invalid-registry") {
            try RuntimeFile.parse(Data(runtime.replacingOccurrences(of: "kind: Runtime", with: "kind: Other").utf8), source: "x", folder: "eu1")
        }
        expectError("invalid-registry") {
            try RuntimeFile.parse(Data(runtime.replacingOccurrences(of: "[in-cluster]", with: "[in-cluster, runtime]").utf8), source: "x", folder: "eu1")
        }
    }
}

/// `runtime.yaml` files iscctl wrote are read without Yams; the shortcut must read exactly what
/// Yams reads, and leave every other text to Yams.
@Suite("Layout runtime.yaml fast path")
struct RuntimeFileFastPathTests {
    @Test("for 600 generated runtimes full of YAML-hostile values: the shortcut reads the written file, and reads the same as Yams")
    func sameAsYams() throws {
        for seed in UInt64(1)...600 {
            var rng = SeededGenerator(seed: seed)
            let runtime = LayoutSamples.runtime(&rng, name: LayoutSamples.runtimeName(&rng))
            let data = RuntimeFile.data(runtime)
            #expect(RuntimeFile.canonical(data) == runtime, "seed \(seed):\n\(String(decoding: data, as: UTF8.self))")
            // Yams on the same text (a comment added makes the shortcut step aside).
            let viaYams = try RuntimeFile.parse(Data((String(decoding: data, as: UTF8.self) + "# hand edit\n").utf8), source: "x", folder: runtime.name)
            #expect(viaYams == runtime, "seed \(seed)")
        }
    }

    @Test(
        "hand edits, other styles and near misses go through Yams",
        arguments: [
            "apiVersion: iscctl/v2\nkind: Runtime\nname: a\n",
            "# comment\n",
            "\n",
            "  ",
            "apiVersion: \"iscctl/v2\"\n",
            "port: 0080",
        ])
    func otherTextIsNotCanonical(_ change: String) throws {
        let runtime = RuntimeSettings(
            name: "eu1", accessMode: .tunnel(accountId: "acc1"),
            argoCD: ArgoCDSettings(auth: .token(tokenSecretKeyRef: SecretKeyRef(name: "argocd-token", key: "token"))))
        let text = RuntimeFile.yaml(runtime)
        let edited: String
        if change.hasPrefix("apiVersion: iscctl/v2\nkind") {
            edited = change
        } else if change.hasPrefix("apiVersion: \"") {
            edited = text.replacingOccurrences(of: "apiVersion: iscctl/v2\n", with: change)
        } else if change == "port: 0080" {
            edited = text.replacingOccurrences(of: "port: 80,", with: "port: 0080,")
        } else {
            edited = text + change
        }
        #expect(edited != text)
        #expect(RuntimeFile.canonical(Data(edited.utf8)) == nil)
        #expect(RuntimeFile.canonical(Data(text.utf8)) == runtime)
    }
}
