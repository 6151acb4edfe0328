import Foundation
import ISCTestSupport
import Testing

@testable import ISCCore
@testable import ISCKit

/// Bounded input (issue 9, item 2), on trees in memory: size limits checked before a file is
/// read, YAML anchors and aliases refused, nesting bounded, folders that are files, and reads
/// linear in the number of runtimes. The same against real Git repositories:
/// `BoundedInputEndToEndTests`.
@Suite("Bounded input")
struct BoundedInputTests {
    static let url = try! RepositoryURL(parsing: "https://github.com/acme/isc.git/envs/prod")
    let ops = ISCOperations(url: url)
    let layout = ISCLayout(url: url)

    static func runtime(_ name: String) -> RuntimeSettings {
        RuntimeSettings(
            name: name, accessMode: .tunnel(accountId: "acc1"),
            argoCD: ArgoCDSettings(auth: .token(tokenSecretKeyRef: SecretKeyRef(name: "argocd-token", key: "token"))))
    }

    func tree(runtimes count: Int) throws -> InMemoryTree {
        var tree = InMemoryTree().applying(try ops.initialize(Self.runtime("codefresh"), in: InMemoryTree()))
        for index in 0..<count {
            tree = tree.applying(try ops.addRuntime(Self.runtime("r\(index)"), in: tree))
        }
        return tree
    }

    func expectConflict(_ code: String, containing fragments: [String] = [], _ body: () throws -> Any) {
        do {
            _ = try body()
            Issue.record("expected \(code)")
        } catch let error as OperationError {
            #expect(error.code == code, "\(error.message)")
            #expect(error.category.exitCode == 3, "\(error.message)")
            #expect(!error.message.contains("\n"))
            for fragment in fragments { #expect(error.message.contains(fragment), "\(error.message)") }
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    /// A tree whose files can be declared larger than they are, as a Git tree reports a blob's
    /// size from its header: reading such a file whole is a test failure, so a limit that is not
    /// checked before the read is caught.
    final class SizedTree: FileTree {
        var base: InMemoryTree
        var sizes: [String: Int] = [:]
        init(_ base: InMemoryTree) { self.base = base }
        func file(_ path: String) throws -> Data? {
            if sizes[path] != nil { Issue.record("\(path) was read whole") }
            return try base.file(path)
        }
        func list(_ path: String) throws -> [FileTreeEntry] { try base.list(path) }
        func file(_ path: String, limit: Int) throws -> BoundedFile? {
            if let size = sizes[path], size > limit { return .tooLarge(size: size) }
            return try base.file(path, limit: limit)
        }
    }

    @Test("isc.yaml, runtime.yaml and Applications over their limits: exit 3 naming the file and the limit, never read whole")
    func sizeLimits() throws {
        let base = try tree(runtimes: 1)
        let registry = SizedTree(base)
        registry.sizes[layout.registry] = 50_000_000
        for operation in [
            { try ops.list(in: registry) as Any }, { try ops.addRuntime(Self.runtime("new"), in: registry) as Any },
            { try ops.removeRuntime("r0", in: registry) as Any },
        ] {
            expectConflict("file-too-large", containing: [layout.registry, "2 MiB", "50000000"], operation)
        }
        #expect(try ops.validate(in: registry).first?.contains("larger than iscctl reads there (2 MiB)") == true)

        let runtimeFile = SizedTree(base)
        runtimeFile.sizes[layout.runtimeFile("r0")] = 70_000
        expectConflict("file-too-large", containing: [layout.runtimeFile("r0"), "64 KiB"]) { try ops.list(in: runtimeFile) }
        expectConflict("file-too-large") { try ops.runtime(named: "r0", in: runtimeFile) as Any }
        #expect(try ops.validate(in: runtimeFile).contains { $0.hasPrefix(layout.runtimeFile("r0")) && $0.contains("64 KiB") })

        var withCluster = base
        withCluster = withCluster.applying(try ops.addCluster(runtime: "r0", cluster: "edge", server: "https://k8s.example.com", in: withCluster))
        let application = SizedTree(withCluster)
        let path = layout.application(runtime: "r0", cluster: "edge")
        application.sizes[path] = 1 << 20
        expectConflict("file-too-large", containing: [path, "64 KiB"]) {
            try ops.addCluster(runtime: "r0", cluster: "edge", server: "https://k8s.example.com", in: application)
        }
        expectConflict("file-too-large", containing: [path]) {
            var update = RuntimeUpdate()
            update.namespace = "other"
            return try ops.updateRuntime("r0", update, in: application)
        }
        #expect(try ops.validate(in: application).contains { $0.hasPrefix(path) && $0.contains("64 KiB") })
        // An oversized file iscctl rewrites is compared by size, not read: add-runtime repairs it.
        let keep = SizedTree(base)
        keep.sizes[layout.application(runtime: "r0", cluster: "in-cluster")] = 50_000_000
        let repaired = try ops.addRuntime(Self.runtime("r0"), in: keep)
        #expect(Set(repaired.keys) == [layout.application(runtime: "r0", cluster: "in-cluster")])
    }

    /// The issue's amplification: one runtime entry with `clusters` clusters, anchored, then
    /// aliased `copies` times.
    static func amplified(clusters: Int, copies: Int) -> String {
        let names = (["in-cluster"] + (0..<clusters).map { "c\($0)" }).joined(separator: ", ")
        return """
            apiVersion: iscctl/v1
            kind: SharedConfiguration
            gitProvider:
              type: git
            configRuntime: codefresh
            runtimes:
              - &r
                name: codefresh
                namespace: codefresh
                helmRelease: cf-gitops-runtime
                accessMode: {type: tunnel, accountId: acc1}
                argoCD:
                  server: {svc: argocd-server, port: 80, rootpath: ""}
                  repoServer: {svc: argocd-repo-server, port: 8081}
                  auth: {type: token, tokenSecretKeyRef: {name: argocd-token, key: token}}
                clusters: [\(names)]

            """ + String(repeating: "  - *r\n", count: copies)
    }

    @Test("YAML anchors and aliases are refused in isc.yaml, runtime.yaml and Applications, naming the line")
    func aliasesRefused() throws {
        // 2,000 clusters × 20,000 copies: 40 million cluster names if it were expanded.
        expectConflict("invalid-registry", containing: ["isc.yaml: line 7:", "anchor or alias"]) {
            try RegistryFile.parse(Data(Self.amplified(clusters: 2000, copies: 20_000).utf8), source: "isc.yaml")
        }
        let runtimeYAML = RuntimeFile.yaml(Self.runtime("r0")).replacingOccurrences(of: "clusters: [in-cluster]", with: "clusters: &c [in-cluster]")
        expectConflict("invalid-registry", containing: ["runtime.yaml: line", "anchor or alias"]) {
            try RuntimeFile.parse(Data(runtimeYAML.utf8), source: "runtimes/r0/runtime.yaml", folder: "r0")
        }
        let application = ApplicationManifest.inCluster(runtime: Self.runtime("r0"), url: Self.url)
            .replacingOccurrences(of: "  project: default", with: "  project: &p default\n  other: *p")
        expectConflict("invalid-application", containing: ["in-cluster.yaml: line", "anchor or alias"]) {
            try ApplicationManifest.read(application, source: "runtimes/r0/in-cluster.yaml")
        }
        // An alias that may be a mapping key is refused before parsing (hashing it could explode).
        expectConflict("invalid-registry", containing: ["aliases"]) {
            try RegistryFile.parse(Data("a: &a [1]\n? *a\n: 1\n? *a\n: 2\n? *a\n: 3\n? *a\n: 4\n".utf8), source: "isc.yaml")
        }
        // `*` and `&` that only look like aliases (in a quoted value) are fine.
        var registry = Registry(gitProvider: .init(type: .git, apiURL: nil), configRuntime: "codefresh", runtimes: [Self.runtime("codefresh")])
        registry.runtimes[0].argoCD.auth = .password(username: "*admin&x", passwordSecretKeyRef: SecretKeyRef(name: "s", key: "k"))
        #expect(YAMLGuard.mayHoldAnchors(registry.yaml()))
        #expect(try Registry.parse(registry.yaml()) == registry)
    }

    @Test("deep nesting is refused before parsing; what the byte scan misses libyaml stops at 1,000 levels, without a stack overflow")
    func deepNesting() throws {
        expectConflict("invalid-registry", containing: ["isc.yaml: line 1:", "nested more than 64"]) {
            try RegistryFile.parse(Data(("a: " + String(repeating: "[", count: 100_000)).utf8), source: "isc.yaml")
        }
        expectConflict("invalid-registry", containing: ["line 2:", "nested more than 64"]) {
            try RegistryFile.parse(Data(("a:\n" + String(repeating: "- ", count: 100_000) + "x\n").utf8), source: "isc.yaml")
        }
        expectConflict("invalid-registry", containing: ["nested more than 64"]) {
            try RegistryFile.parse(Data(("a: " + String(repeating: "{b: ", count: 100_000)).utf8), source: "isc.yaml")
        }
        // `"]"` inside each level hides it from the scan: libyaml and Yams see the real depth.
        let hidden = { (depth: Int) in "a: " + String(repeating: "[\"]\", ", count: depth) + "x" + String(repeating: "]", count: depth) + "\n" }
        #expect(YAMLGuard.depthEstimate(hidden(5000)) < YAMLGuard.maxDepth)
        // Up to libyaml's limit the document composes (no stack overflow; the registry is
        // invalid), beyond it libyaml refuses it.
        var deepestComposed = 0
        for depth in stride(from: 100, through: 1000, by: 20) {
            do {
                _ = try Registry.parse(hidden(depth), source: "isc.yaml")
                Issue.record("depth \(depth) accepted")
            } catch {
                if error.message.contains("isc.yaml: a: unknown key") {
                    deepestComposed = depth
                } else {
                    #expect(error.message.contains("Maximum nesting level"), "\(error.message)")
                }
            }
        }
        #expect(deepestComposed >= 500, "deepest composed: \(deepestComposed)")
        expectConflict("invalid-registry", containing: ["isc.yaml: not valid YAML", "nesting"]) { try Registry.parse(hidden(5000), source: "isc.yaml") }
        // What iscctl writes is far from the limit.
        var runtime = Self.runtime("r0")
        runtime.clusters = ["in-cluster", "edge"]
        let registry = Registry(gitProvider: .init(type: .github, apiURL: "https://api.github.com"), configRuntime: "r0", runtimes: [runtime])
        for text in [registry.yaml(), RuntimeFile.yaml(runtime), ApplicationManifest.inCluster(runtime: runtime, url: Self.url)] {
            #expect(YAMLGuard.depthEstimate(text) <= 10, "\(text)")
        }
    }

    @Test("a file, where a folder belongs, is refused for writes (exit 3, nothing replaced) and by list; remove-runtime removes it")
    func filesWhereFoldersBelong() throws {
        var tree = try tree(runtimes: 1)
        tree.files[layout.runtimeDirectory("stray")] = Data("x\n".utf8)
        expectConflict("not-a-folder", containing: [layout.runtimeDirectory("stray")]) { try ops.addRuntime(Self.runtime("stray"), in: tree) }
        #expect(try ops.validate(in: tree).contains { $0.hasPrefix(layout.runtimeDirectory("stray") + " is not a folder") })
        let removed = try ops.removeRuntime("stray", in: tree)
        #expect(Array(removed.keys) == [layout.runtimeDirectory("stray")] && removed.values.allSatisfy { $0 == nil })
        #expect(try ops.validate(in: tree.applying(removed)) == [])

        // A registered runtime whose resources folder is a file: both go.
        var resources = try self.tree(runtimes: 1)
        resources.files[layout.runtimeResourcesKeep("r0")] = nil
        resources.files[layout.runtimeResources("r0")] = Data("x\n".utf8)
        let both = try ops.removeRuntime("r0", in: resources)
        #expect(Set(both.keys) == [layout.runtimeFile("r0"), layout.application(runtime: "r0", cluster: "in-cluster"), layout.runtimeResources("r0")])
        #expect(try ops.validate(in: resources.applying(both)) == [])

        var runtimes = try self.tree(runtimes: 0)
        for path in runtimes.files.keys where path.hasPrefix(layout.runtimesDirectory + "/") { runtimes.files[path] = nil }
        runtimes.files[layout.runtimesDirectory] = Data("x\n".utf8)
        expectConflict("not-a-folder", containing: [layout.runtimesDirectory]) { try ops.list(in: runtimes) }
        expectConflict("not-a-folder") { try ops.addRuntime(Self.runtime("new"), in: runtimes) }
        expectConflict("runtime-not-found") { try ops.removeRuntime("nothing", in: try self.tree(runtimes: 0)) }
    }

    @Test("more than 20,000 entries in runtimes/: list and validate exit 3 before reading them")
    func tooManyRuntimes() throws {
        final class Wide: FileTree {
            let base: InMemoryTree
            let folder: String
            var reads = 0
            init(_ base: InMemoryTree, folder: String) { self.base = base; self.folder = folder }
            func file(_ path: String) throws -> Data? { reads += 1; return try base.file(path) }
            func list(_ path: String) throws -> [FileTreeEntry] {
                path == folder ? (0...ReadLimits.runtimes).map { FileTreeEntry(name: "h\($0)", isDirectory: true) } : try base.list(path)
            }
        }
        let tree = Wide(try tree(runtimes: 0), folder: layout.runtimesDirectory)
        expectConflict("too-many-runtimes", containing: [layout.runtimesDirectory + "/", "20001", "20000"]) { try ops.list(in: tree) }
        expectConflict("too-many-runtimes") { try ops.validate(in: tree) }
        #expect(tree.reads <= 5)
    }

    /// A tree that counts what is read and listed.
    final class CountingTree: FileTree {
        let base: InMemoryTree
        var reads = 0
        init(_ base: InMemoryTree) { self.base = base }
        func file(_ path: String) throws -> Data? { reads += 1; return try base.file(path) }
        func list(_ path: String) throws -> [FileTreeEntry] { reads += 1; return try base.list(path) }
        func file(_ path: String, limit: Int) throws -> BoundedFile? { reads += 1; return try base.file(path, limit: limit) }
        func entry(_ path: String) throws -> FileTreeEntry? {
            reads += 1
            let parent = path.split(separator: "/").dropLast().joined(separator: "/")
            return try base.list(parent).first { $0.name == path.split(separator: "/").last.map(String.init) }
        }
    }

    @Test("validate and list read a fixed number of files and folders per runtime (linear), counted at 20 and 80 runtimes")
    func linearReads() throws {
        func reads(_ runtimes: Int, _ body: (ISCOperations, CountingTree) throws -> Void) throws -> Int {
            var base = try tree(runtimes: runtimes)
            // Each runtime's own manifest, all with the same name: the duplicate check's index.
            for index in 0..<runtimes {
                base.files[layout.runtimeResources("r\(index)") + "/settings.yaml"] = Data(
                    "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n".utf8)
            }
            let counting = CountingTree(base)
            try body(ops, counting)
            return counting.reads
        }
        let validate: (ISCOperations, CountingTree) throws -> Void = { ops, tree in
            let problems = try ops.validate(in: tree)
            #expect(problems == [])
        }
        let list: (ISCOperations, CountingTree) throws -> Void = { ops, tree in
            let registry = try ops.list(in: tree)
            #expect(registry.runtimes.count > 20)
        }
        for (name, body) in [("validate", validate), ("list", list)] {
            let small = try reads(20, body), large = try reads(80, body)
            let perRuntime = Double(large - small) / 60
            let fixed = Double(small) - 20 * perRuntime
            // validate: runtime.yaml, in-cluster.yaml, .keep, the runtime folder, its resources
            // folder and manifest; list: runtime.yaml.
            #expect(perRuntime <= (name == "validate" ? 8 : 2), "\(name): \(perRuntime) reads per runtime")
            #expect(fixed <= 20, "\(name): \(fixed) fixed reads")
            // Exactly linear: the same count per runtime between 20 and 50 as between 50 and 80.
            let middle = try reads(50, body)
            #expect(middle - small == large - middle, "\(name): \(small), \(middle), \(large)")
        }
    }
}
