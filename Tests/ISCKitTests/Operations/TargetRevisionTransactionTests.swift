import Foundation
import ISCKit
import ISCTestSupport
import Testing

/// The transaction hands the operations the branch it writes and the remote's HEAD as fetched on
/// each attempt, with and without a cache mirror, against real file:// remotes made by the git CLI.
@Suite("Target revision in a transaction")
struct TargetRevisionTransactionTests {
    final class Remote {
        let root: URL
        let directory: URL
        let url: RepositoryURL

        /// An empty bare repository whose HEAD names `head`.
        init(head: String) throws {
            root = FileManager.default.temporaryDirectory.appendingPathComponent("isc-rev-\(UUID().uuidString)")
            directory = root.appendingPathComponent("isc.git")
            let result = try ProcessRunner.tool("git", ["init", "-q", "--bare", "--initial-branch=\(head)", directory.path])
            guard result.status == 0 else { throw TestServersError.command(result.stderr) }
            url = try RepositoryURL(parsing: "file://" + directory.path, provider: "git")
        }

        deinit { try? FileManager.default.removeItem(at: root) }

        func git(_ args: [String]) throws -> String {
            try ProcessRunner.tool("git", ["--git-dir=\(directory.path)"] + args).stdout
        }

        func options(_ cached: Bool) -> Transaction.Options {
            .init(message: "test", backoffBase: .milliseconds(1), cache: cached ? .directory(root.appendingPathComponent("cache")) : .temporary)
        }

        func targetRevision(_ path: String = "runtimes/codefresh/in-cluster.yaml") throws -> String? {
            try ApplicationManifest.read(Data(try git(["show", "main:\(path)"]).utf8), source: path).targetRevision
        }
    }

    final class Seen: @unchecked Sendable {
        var values: [String] = []
        var heads: [String?] = []
    }

    static let runtime = RuntimeSettings(
        name: "codefresh", accessMode: .tunnel(accountId: "acc1"),
        argoCD: ArgoCDSettings(auth: .token(tokenSecretKeyRef: SecretKeyRef(name: "argocd-token", key: "token"))))

    @Test("an empty remote whose HEAD names master: init pushes main with targetRevision main; re-run no-op; validate clean", arguments: [false, true])
    func emptyMaster(_ cached: Bool) throws {
        let remote = try Remote(head: "master")
        let operations = ISCOperations(url: remote.url)
        let seen = Seen()
        let first = try Transaction(url: remote.url, options: remote.options(cached)).run(operations) { ops, tree in
            seen.values.append(ops.targetRevision.value)
            seen.heads.append(tree.remoteHead)
            #expect(tree.branch == "main")
            return try ops.initialize(Self.runtime, in: tree)
        }
        #expect(first.pushed && first.branch == "main")
        #expect(seen.values == ["main"] && seen.heads == [nil])
        #expect(try remote.targetRevision() == "main")
        // HEAD still names master, which does not exist: not advertised, so still unknown.
        let again = try Transaction(url: remote.url, options: remote.options(cached)).run(operations) { ops, tree in
            seen.values.append(ops.targetRevision.value)
            seen.heads.append(tree.remoteHead)
            return try ops.initialize(Self.runtime, in: tree)
        }
        #expect(again.commit == nil && seen.values == ["main", "main"] && seen.heads == [nil, nil])
        let problems = try Transaction(url: remote.url, options: remote.options(cached)).read(operations) { ops, tree in
            try ops.validate(in: tree)
        }
        #expect(problems == [])
        // A library caller that does not pass the operations keeps the old behaviour.
        let legacy = try Transaction(url: remote.url, options: remote.options(cached)).read { tree in try operations.validate(in: tree) }
        #expect(legacy.count == 1 && legacy[0].contains("targetRevision is 'main'; expected 'HEAD'"), "\(legacy)")
    }

    @Test("an empty remote whose HEAD names main: main first, then HEAD is equivalent (no flip-flop); a new runtime gets HEAD", arguments: [false, true])
    func emptyMain(_ cached: Bool) throws {
        let remote = try Remote(head: "main")
        let operations = ISCOperations(url: remote.url)
        let first = try Transaction(url: remote.url, options: remote.options(cached)).run(operations) { ops, tree in
            try ops.initialize(Self.runtime, in: tree)
        }
        #expect(first.pushed)
        #expect(try remote.targetRevision() == "main")
        let again = try Transaction(url: remote.url, options: remote.options(cached)).run(operations) { ops, tree in
            #expect(tree.remoteHead == "main" && ops.targetRevision.value == "HEAD")
            return try ops.initialize(Self.runtime, in: tree)
        }
        #expect(again.commit == nil)
        #expect(try Transaction(url: remote.url, options: remote.options(cached)).read(operations) { try $0.validate(in: $1) } == [])
        var second = Self.runtime
        second.name = "r2"
        _ = try Transaction(url: remote.url, options: remote.options(cached)).run(operations) { try $0.addRuntime(second, in: $1) }
        #expect(try remote.targetRevision("runtimes/r2/in-cluster.yaml") == "HEAD")
        #expect(try Transaction(url: remote.url, options: remote.options(cached)).read(operations) { try $0.validate(in: $1) } == [])
    }

    @Test("the operations are recomputed with the HEAD of each attempt: a retry that sees HEAD name the branch writes HEAD")
    func retrySeesNewHead() throws {
        let remote = try Remote(head: "master")
        // main exists, HEAD names master (unborn): unknown.
        _ = try Transaction(url: remote.url, options: remote.options(false)).run { _ in ["base.txt": Data("0".utf8)] }
        let seen = Seen()
        let result = try Transaction(url: remote.url, options: remote.options(false)).run(ISCOperations(url: remote.url)) { ops, tree in
            seen.values.append(ops.targetRevision.value)
            seen.heads.append(tree.remoteHead)
            if seen.values.count == 1 {
                // Before our push: HEAD is pointed at main and another writer pushes.
                _ = try remote.git(["symbolic-ref", "HEAD", "refs/heads/main"])
                _ = try Transaction(url: remote.url, options: remote.options(false)).run { _ in ["other.txt": Data("1".utf8)] }
            }
            return try ops.initialize(Self.runtime, in: tree)
        }
        #expect(result.retries == 1 && result.pushed)
        #expect(seen.values == ["main", "HEAD"] && seen.heads == [nil, "main"])
        #expect(try remote.targetRevision() == "HEAD")
    }

    @Test("?ref=X: X whatever the remote's HEAD")
    func refWins() throws {
        let remote = try Remote(head: "main")
        _ = try Transaction(url: remote.url, options: remote.options(false)).run { _ in ["base.txt": Data("0".utf8)] }
        let url = try RepositoryURL(parsing: "file://" + remote.directory.path + "?ref=main", provider: "git")
        let result = try Transaction(url: url, options: remote.options(false)).run(ISCOperations(url: url)) { ops, tree in
            #expect(ops.targetRevision.value == "main" && ops.targetRevision.accepted == ["HEAD", "main"])
            return try ops.initialize(Self.runtime, in: tree)
        }
        #expect(result.pushed)
        #expect(try remote.targetRevision() == "main")
    }
}
