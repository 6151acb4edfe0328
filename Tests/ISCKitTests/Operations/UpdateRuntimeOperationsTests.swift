import Foundation
import ISCTestSupport
import Testing

@testable import ISCCore
@testable import ISCKit

/// `ISCOperations.updateRuntime` on an in-memory tree: what it rewrites (the runtime's
/// `runtime.yaml` and Applications), what it never touches (`resources/`, other runtimes), no-op
/// re-runs, and its refusals.
@Suite("Operations update-runtime")
struct UpdateRuntimeOperationsTests {
    static let url = try! RepositoryURL(parsing: "https://github.com/acme/isc.git/envs/prod?ref=isc")
    let ops = ISCOperations(url: url)
    let layout = ISCLayout(url: url)

    static func runtime(_ name: String) -> RuntimeSettings {
        RuntimeSettings(
            name: name, accessMode: .tunnel(accountId: "acc1"),
            argoCD: ArgoCDSettings(auth: .token(tokenSecretKeyRef: SecretKeyRef(name: "argocd-token", key: "token"))))
    }

    static func update(_ change: (inout RuntimeUpdate) -> Void) -> RuntimeUpdate {
        var update = RuntimeUpdate()
        change(&update)
        return update
    }

    static let edgeServer = "https://edge.k8s.example.com:6443"

    /// Paths of the user files put under `resources/`.
    var userFiles: [String] {
        [
            layout.allRuntimesAllClusters + "/configmap.yaml", layout.runtimeResources("eu1") + "/app.yaml",
            layout.runtimeResources("codefresh") + "/secret-ref.yaml", layout.controlPlanes + "/cp.yaml",
        ]
    }

    /// An initialized v2 ISC: `codefresh` (configuration runtime) and `eu1`, an extra cluster
    /// `edge` on `eu1`, user files under `resources/`.
    func tree() throws -> InMemoryTree {
        var tree = InMemoryTree().applying(try ops.initialize(Self.runtime("codefresh"), in: InMemoryTree()))
        tree = tree.applying(try ops.addRuntime(Self.runtime("eu1"), in: tree))
        tree = tree.applying(try ops.addCluster(runtime: "eu1", cluster: "edge", server: Self.edgeServer, in: tree))
        for (index, path) in userFiles.enumerated() {
            tree.files[path] = Data("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: user-\(index) # \(path)\n".utf8)
        }
        return tree
    }

    func expectError(_ code: String, _ category: ErrorCategory, sourceLocation: SourceLocation = #_sourceLocation, _ body: () throws -> Any) {
        do {
            _ = try body()
            Issue.record("expected \(code)", sourceLocation: sourceLocation)
        } catch let error as OperationError {
            #expect(error.code == code, "\(error.message)", sourceLocation: sourceLocation)
            #expect(error.category == category, "\(error.message)", sourceLocation: sourceLocation)
        } catch {
            Issue.record("unexpected \(error)", sourceLocation: sourceLocation)
        }
    }

    @Test("--namespace rewrites runtime.yaml and every Application of that runtime (the extra cluster keeps its server), nothing else")
    func namespace() throws {
        let before = try tree()
        let (changes, updated) = try ops.updateRuntime("eu1", Self.update { $0.namespace = "other" }, in: before)
        #expect(
            Set(changes.keys) == [
                layout.runtimeFile("eu1"), layout.application(runtime: "eu1", cluster: "in-cluster"),
                layout.application(runtime: "eu1", cluster: "edge"),
            ])
        #expect(changes.values.allSatisfy { $0 != nil }, "nothing deleted")
        #expect(!changes.keys.contains { $0.hasPrefix(layout.resources + "/") })
        var expected = Self.runtime("eu1")
        expected.namespace = "other"
        expected.clusters = ["in-cluster", "edge"]
        #expect(updated == expected)

        let after = before.applying(changes)
        #expect(try ops.runtime(named: "eu1", in: after) == expected)
        #expect(try ops.runtime(named: "codefresh", in: after) == Self.runtime("codefresh"))
        let inCluster = try ApplicationManifest.read(try #require(after.files[layout.application(runtime: "eu1", cluster: "in-cluster")]), source: "x")
        let edge = try ApplicationManifest.read(try #require(after.files[layout.application(runtime: "eu1", cluster: "edge")]), source: "x")
        #expect(inCluster.server == ApplicationManifest.inClusterServer && inCluster.namespace == "other")
        #expect(edge.server == Self.edgeServer && edge.namespace == "other")
        // Exactly what add-runtime and add-cluster would write for the new settings.
        var wanted = ISCFiles(url: Self.url).runtimeFiles(expected)
        wanted.merge(ISCFiles(url: Self.url).cluster("edge", server: Self.edgeServer, runtime: expected)) { $1 }
        for (path, data) in wanted {
            #expect(after.files[path] == data, "\(path)")
        }
        // Every other file is byte for byte what it was.
        for (path, data) in before.files where !changes.keys.contains(path) {
            #expect(after.files[path] == data, "\(path)")
        }
        #expect(after.files.count == before.files.count)
        #expect(try ops.validate(in: after) == [])

        // The same update again, and an update to the values already there: no changes.
        #expect(try ops.updateRuntime("eu1", Self.update { $0.namespace = "other" }, in: after).changes.isEmpty)
        #expect(
            try ops.updateRuntime(
                "eu1",
                Self.update {
                    $0.namespace = "codefresh"; $0.accountId = "acc1"
                }, in: before
            ).changes.isEmpty)
        #expect(
            try ops.updateRuntime(
                "eu1",
                Self.update {
                    $0.argoCDTokenSecret = "argocd-token:token"; $0.accessMode = "tunnel"
                }, in: before
            ).changes.isEmpty)
    }

    @Test("settings that the Applications do not hold (chart, Git credentials, auth) change runtime.yaml only")
    func runtimeFileOnly() throws {
        let before = try tree()
        let update = Self.update {
            $0.chartVersion = "0.29.0"
            $0.gitRuntimeTokenSecret = "git-runtime:token"
            $0.gitRuntimeUser = "bot"
            $0.argoCDServerPort = 8080
        }
        let (changes, updated) = try ops.updateRuntime("codefresh", update, in: before)
        #expect(Array(changes.keys) == [layout.runtimeFile("codefresh")])
        #expect(updated.chartVersion == ChartVersion(major: 0, minor: 29, patch: 0))
        #expect(updated.gitCredentials == GitRuntimeCredentials(username: "bot", passwordSecretKeyRef: SecretKeyRef(name: "git-runtime", key: "token")))
        let after = before.applying(changes)
        #expect(try ops.runtime(named: "codefresh", in: after) == updated)
        #expect(try ops.list(in: after).configRuntime == "codefresh")
        #expect(try ops.updateRuntime("codefresh", update, in: after).changes.isEmpty)
        // Later updates keep the additions.
        let renamed = try ops.updateRuntime("codefresh", Self.update { $0.gitRuntimeUser = "bot2" }, in: after)
        #expect(try ops.runtime(named: "codefresh", in: after.applying(renamed.changes))?.chartVersion == ChartVersion(major: 0, minor: 29, patch: 0))
        #expect(renamed.runtime.gitCredentials?.passwordSecretKeyRef == SecretKeyRef(name: "git-runtime", key: "token"))
    }

    @Test("a hand-edited runtime.yaml that means the same settings: an update to those values changes nothing")
    func handEditedNoOp() throws {
        var before = try tree()
        let path = layout.runtimeFile("eu1")
        let edited = String(decoding: before.files[path]!, as: UTF8.self) + "# kept by hand\n"
        before.files[path] = Data(edited.utf8)
        #expect(try ops.updateRuntime("eu1", Self.update { $0.namespace = "codefresh" }, in: before).changes.isEmpty)
        // A real change rewrites the file in iscctl's own style.
        let changes = try ops.updateRuntime("eu1", Self.update { $0.helmRelease = "eu1-runtime" }, in: before).changes
        #expect(Array(changes.keys) == [path])
        let written = try #require(changes[path] ?? nil)
        #expect(!String(decoding: written, as: UTF8.self).contains("#"))
        #expect(try RuntimeFile.parse(written, source: path, folder: "eu1").helmRelease == "eu1-runtime")
    }

    @Test("an extra cluster whose Application is missing is skipped (validate reports it), not recreated")
    func missingExtraCluster() throws {
        var before = try tree()
        before.files[layout.application(runtime: "eu1", cluster: "edge")] = nil
        let changes = try ops.updateRuntime("eu1", Self.update { $0.namespace = "other" }, in: before).changes
        #expect(Set(changes.keys) == [layout.runtimeFile("eu1"), layout.application(runtime: "eu1", cluster: "in-cluster")])
    }

    @Test("refusals: unknown runtime, layout v1, another provider, an invalid flag, an invalid runtime name")
    func refusals() throws {
        let tree = try tree()
        expectError("runtime-not-found", .conflict) { try ops.updateRuntime("nope", Self.update { $0.namespace = "other" }, in: tree) }
        do {
            _ = try ops.updateRuntime("nope", Self.update { $0.namespace = "other" }, in: tree)
        } catch let error as OperationError {
            #expect(error.message.contains("codefresh, eu1"), "\(error.message)")
            #expect(error.category.exitCode == 3)
        }
        expectError("not-initialized", .conflict) { try ops.updateRuntime("eu1", Self.update { $0.namespace = "other" }, in: InMemoryTree()) }

        let registry = Registry(
            gitProvider: .init(type: .github, apiURL: "https://api.github.com"), configRuntime: "codefresh",
            runtimes: [Self.runtime("codefresh"), Self.runtime("eu1")])
        let v1 = InMemoryTree(ISCFiles(url: Self.url).initialFiles(registry: registry, includeReadme: true, layout: .v1))
        expectError("layout-v1", .conflict) { try ops.updateRuntime("eu1", Self.update { $0.namespace = "other" }, in: v1) }

        let gitlab = ISCOperations(url: try RepositoryURL(parsing: "https://gitlab.com/acme/isc.git/envs/prod?ref=isc"))
        expectError("provider-mismatch", .conflict) { try gitlab.updateRuntime("eu1", Self.update { $0.namespace = "other" }, in: tree) }

        expectError("invalid-setting", .invalidInput) { try ops.updateRuntime("eu1", Self.update { $0.namespace = "BAD_NS" }, in: tree) }
        expectError("invalid-setting", .invalidInput) { try ops.updateRuntime("eu1", Self.update { $0.ingressHost = "h.example.com" }, in: tree) }
        expectError("invalid-setting", .invalidInput) { try ops.updateRuntime("eu1", Self.update { $0.gitRuntimeUser = "bot" }, in: tree) }
        expectError("invalid-setting", .invalidInput) { try ops.updateRuntime("Bad-Name", Self.update { $0.namespace = "other" }, in: tree) }
    }

    @Test("a reserved secret in Git credentials written by hand is reported by validate")
    func reservedGitSecret() throws {
        var tree = try tree()
        var reserved = Self.runtime("eu1")
        reserved.clusters = ["in-cluster", "edge"]
        reserved.gitCredentials = GitRuntimeCredentials(passwordSecretKeyRef: SecretKeyRef(name: "codefresh-token", key: "git"))
        tree.files[layout.runtimeFile("eu1")] = RuntimeFile.data(reserved)
        let problems = try ops.validate(in: tree)
        #expect(problems.count == 1 && problems[0].contains("codefresh-token") && problems[0].contains("runtime 'eu1'"), "\(problems)")
    }
}
