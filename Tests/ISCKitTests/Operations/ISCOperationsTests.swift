import Foundation
import ISCKit
import Testing

/// The pure operations on an in-memory tree: results, conflicts, idempotent re-runs.
@Suite("Operations")
struct ISCOperationsTests {
    static let url = try! RepositoryURL(parsing: "https://github.com/acme/isc.git/envs/prod?ref=isc")
    let ops = ISCOperations(url: url)

    static func runtime(_ name: String = "codefresh", mode: AccessMode = .tunnel(accountId: "acc1")) -> RuntimeSettings {
        RuntimeSettings(
            name: name, accessMode: mode,
            argoCD: ArgoCDSettings(auth: .token(tokenSecretKeyRef: SecretKeyRef(name: "argocd-token", key: "token"))))
    }

    func initialized() throws -> InMemoryTree {
        InMemoryTree().applying(try ops.initialize(Self.runtime(), in: InMemoryTree()))
    }

    func expectConflict(_ code: String, _ body: () throws -> Any) {
        do {
            _ = try body()
            Issue.record("expected conflict \(code)")
        } catch let error as OperationError {
            #expect(error.code == code, "\(error.message)")
            #expect(error.category == .conflict)
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test("init lays out the ISC under the URL's path; a second init changes nothing")
    func initTwice() throws {
        let tree = try initialized()
        #expect(
            Set(tree.files.keys) == [
                "envs/prod/isc.yaml", "envs/prod/README.md", "envs/prod/resources/all-runtimes-all-clusters/.keep",
                "envs/prod/resources/control-planes/.keep", "envs/prod/resources/runtimes/codefresh/.keep",
                "envs/prod/runtimes/codefresh/in-cluster.yaml", "envs/prod/runtimes/codefresh/runtime.yaml",
            ])
        #expect(try ops.registryFile(in: tree)?.version == .v2)
        #expect(try ops.initialize(Self.runtime(), in: tree).isEmpty)
        let registry = try #require(try ops.registry(in: tree))
        #expect(registry.configRuntime == "codefresh")
        #expect(registry.gitProvider == Registry.Provider(type: .github, apiURL: "https://api.github.com"))
    }

    @Test("init keeps an existing README and repairs a missing file on re-run")
    func initKeepsReadmeAndRepairs() throws {
        let existing = InMemoryTree(["envs/prod/README.md": Data("ours\n".utf8)])
        let changes = try ops.initialize(Self.runtime(), in: existing)
        #expect(changes["envs/prod/README.md"] == nil)
        var tree = existing.applying(changes)
        tree.files["envs/prod/runtimes/codefresh/in-cluster.yaml"] = nil
        let repair = try ops.initialize(Self.runtime(), in: tree)
        #expect(Array(repair.keys) == ["envs/prod/runtimes/codefresh/in-cluster.yaml"])
    }

    @Test("init conflicts: another provider, another configuration runtime, other settings")
    func initConflicts() throws {
        let tree = try initialized()
        let gitlab = ISCOperations(url: try RepositoryURL(parsing: "https://gitlab.com/acme/isc.git/envs/prod"))
        expectConflict("already-initialized") { try gitlab.initialize(Self.runtime(), in: tree) }
        expectConflict("already-initialized") { try ops.initialize(Self.runtime("other"), in: tree) }
        expectConflict("already-initialized") { try ops.initialize(Self.runtime(mode: .tunnel(accountId: "acc2")), in: tree) }
    }

    @Test("add-runtime: registers, is idempotent, refuses other settings for a name and another provider")
    func addRuntime() throws {
        var tree = try initialized()
        let eu = Self.runtime("eu1", mode: .ingress(host: "eu1.example.com", className: "nginx"))
        let changes = try ops.addRuntime(eu, in: tree)
        #expect(
            Set(changes.keys) == ["envs/prod/runtimes/eu1/runtime.yaml", "envs/prod/resources/runtimes/eu1/.keep", "envs/prod/runtimes/eu1/in-cluster.yaml"])
        tree = tree.applying(changes)
        #expect(try ops.list(in: tree).runtimeNames == ["codefresh", "eu1"])
        #expect(try ops.addRuntime(eu, in: tree).isEmpty)
        expectConflict("runtime-exists") { try ops.addRuntime(Self.runtime("eu1"), in: tree) }
        let gitlab = ISCOperations(url: try RepositoryURL(parsing: "https://gitlab.com/acme/isc.git/envs/prod"))
        expectConflict("provider-mismatch") { try gitlab.addRuntime(Self.runtime("us1"), in: tree) }
        expectConflict("not-initialized") { try ops.addRuntime(eu, in: InMemoryTree()) }
    }

    @Test("add-runtime recomputed on a new tip keeps the other writer's runtime")
    func addRuntimeOnNewTip() throws {
        let base = try initialized()
        let mine = try ops.addRuntime(Self.runtime("eu1"), in: base)
        let theirs = base.applying(try ops.addRuntime(Self.runtime("us1"), in: base))
        // The push of `mine` is rejected; the transaction recomputes on `theirs`.
        let recomputed = theirs.applying(try ops.addRuntime(Self.runtime("eu1"), in: theirs))
        #expect(try ops.list(in: recomputed).runtimeNames == ["codefresh", "eu1", "us1"])
        #expect(mine == (try ops.addRuntime(Self.runtime("eu1"), in: theirs)), "in layout v2 another runtime does not change what add-runtime writes")
        // Same name, other settings, by someone else first: a conflict after the recompute.
        let rival = base.applying(try ops.addRuntime(Self.runtime("eu1", mode: .tunnel(accountId: "other")), in: base))
        expectConflict("runtime-exists") { try ops.addRuntime(Self.runtime("eu1"), in: rival) }
    }

    @Test("add-cluster: writes the Application, is idempotent, conflicts on another server or an unknown runtime")
    func addCluster() throws {
        var tree = try initialized()
        let changes = try ops.addCluster(runtime: "codefresh", cluster: "prod-eu", server: "https://k8s.example.com", in: tree)
        #expect(Set(changes.keys) == ["envs/prod/runtimes/codefresh/runtime.yaml", "envs/prod/runtimes/codefresh/prod-eu.yaml"])
        tree = tree.applying(changes)
        #expect(try ops.list(in: tree).runtime(named: "codefresh")?.clusters == ["in-cluster", "prod-eu"])
        #expect(try ops.addCluster(runtime: "codefresh", cluster: "prod-eu", server: "https://k8s.example.com", in: tree).isEmpty)
        expectConflict("cluster-exists") { try ops.addCluster(runtime: "codefresh", cluster: "prod-eu", server: "https://other.example.com", in: tree) }
        expectConflict("runtime-not-found") { try ops.addCluster(runtime: "nope", cluster: "x", server: "https://k8s.example.com", in: tree) }
        #expect(try ops.validate(in: tree).isEmpty)
    }

    @Test("remove-runtime: removes files and entry; refuses the configuration runtime and unknown names")
    func removeRuntime() throws {
        var tree = try initialized()
        tree = tree.applying(try ops.addRuntime(Self.runtime("eu1"), in: tree))
        tree = tree.applying(try ops.addCluster(runtime: "eu1", cluster: "edge", server: "https://edge.example.com", in: tree))
        tree.files["envs/prod/resources/runtimes/eu1/app.yaml"] = Data("kind: ConfigMap\n".utf8)
        let changes = try ops.removeRuntime("eu1", in: tree)
        tree = tree.applying(changes)
        #expect(!tree.files.keys.contains { $0.contains("/eu1/") })
        #expect(try ops.list(in: tree).runtimeNames == ["codefresh"])
        #expect(try ops.validate(in: tree).isEmpty)
        expectConflict("config-runtime") { try ops.removeRuntime("codefresh", in: tree) }
        expectConflict("runtime-not-found") { try ops.removeRuntime("eu1", in: tree) }
    }

    @Test("validate finds missing files, stray folders, foreign edits and a broken registry")
    func validateProblems() throws {
        var tree = try initialized()
        #expect(try ops.validate(in: tree).isEmpty)
        tree.files["envs/prod/runtimes/ghost/in-cluster.yaml"] = Data("x".utf8)
        tree.files["envs/prod/resources/control-planes/.keep"] = nil
        tree.files["envs/prod/runtimes/codefresh/extra.yaml"] = Data("x".utf8)
        let problems = try ops.validate(in: tree)
        #expect(problems.count == 3, "\(problems)")
        #expect(problems.contains { $0.contains("ghost") && $0.contains("stray") })
        #expect(problems.contains { $0.contains("control-planes/.keep") })
        #expect(problems.contains { $0.contains("extra.yaml") })
        tree.files["envs/prod/isc.yaml"] = Data("apiVersion: nope\n".utf8)
        #expect(try ops.validate(in: tree).count == 1)
        #expect(try ops.validate(in: InMemoryTree()).first?.contains("iscctl init") == true)
    }

    @Test("an unknown provider is an invalid input naming the ids, before anything else")
    func unknownProvider() throws {
        let unknown = ISCOperations(url: try RepositoryURL(parsing: "https://git.example.com/isc.git"))
        do {
            _ = try unknown.initialize(Self.runtime(), in: InMemoryTree())
            Issue.record("expected an error")
        } catch let error as OperationError {
            #expect(error.category == .invalidInput)
            #expect(error.message.contains("gitlab-server") && error.message.contains("--provider"))
        }
        let file = ISCOperations(url: try RepositoryURL(parsing: "/srv/isc.git"))
        let registry = InMemoryTree().applying(try file.initialize(Self.runtime(), in: InMemoryTree()))
        #expect(try file.registry(in: registry)?.gitProvider == Registry.Provider(type: .git, apiURL: nil))
    }
}
