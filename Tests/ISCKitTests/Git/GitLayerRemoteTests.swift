import Foundation
import ISCTestSupport
import Testing

@testable import ISCCore
@testable import ISCKit

/// Remote operations against real file:// remotes and a private `git daemon` (for hooks: libgit2's
/// local transport does not run them).
@Suite("GitLayer remote (file:// and git daemon)")
struct GitLayerRemoteTests {
    let d = GitLayerFixtures.data

    @Test func emptyRemoteThenFirstCommitThenNextCommit() throws {
        let dir = try GitLayerFixtures.temporaryDirectory()
        defer { GitLayerFixtures.remove(dir) }
        let remotePath = try GitLayerFixtures.makeBareRemote(in: dir)
        let url = "file://" + remotePath

        let empty = try Repository.listRemote(url: url)
        #expect(empty.defaultBranch == nil)
        #expect(empty.heads.isEmpty)

        let local = try Repository.createBare(at: dir + "/cache.git")
        #expect(try local.fetch(url: url, branch: "main") == nil)

        // First commit: no parent, creates the branch.
        let first = try GitLayerFixtures.commit(local, parent: nil, ["isc.yaml": d("v: 1\n")], message: "init")
        try local.push(url: url, commit: first, branch: "main")
        #expect(GitLayerFixtures.cliTip(remotePath, "main") == first.hex)
        #expect(try local.referenceTarget("refs/remotes/origin/main") == first)

        // A commit on the existing branch.
        let second = try GitLayerFixtures.commit(local, parent: first, ["runtimes/a.yaml": d("a\n")], message: "add a")
        try local.push(url: url, commit: second, branch: "main")
        #expect(GitLayerFixtures.cliTip(remotePath, "main") == second.hex)
        let log = try GitLayerFixtures.git(["--git-dir=\(remotePath)", "log", "--format=%s", "main"])
        #expect(log == "add a\ninit\n")
        try GitLayerFixtures.git(["--git-dir=\(remotePath)", "fsck", "--strict", "--no-dangling"])

        // Pushing what the branch already holds is a no-op, not an error.
        try local.push(url: url, commit: second, branch: "main")
        #expect(GitLayerFixtures.cliTip(remotePath, "main") == second.hex)

        let heads = try Repository.listRemote(url: url)
        #expect(heads.defaultBranch == "main")
        #expect(heads.heads == ["main": second])

        // Nothing in the cache's config mentions the remote.
        let config = try String(contentsOfFile: dir + "/cache.git/config", encoding: .utf8)
        #expect(!config.contains("remote"))
        #expect(!config.contains(remotePath))
    }

    @Test func fetchAndReadBlobFromAnotherClone() throws {
        let dir = try GitLayerFixtures.temporaryDirectory()
        defer { GitLayerFixtures.remove(dir) }
        let remotePath = try GitLayerFixtures.makeBareRemote(in: dir)
        let url = "file://" + remotePath
        // Content made with the git CLI.
        let work = dir + "/work"
        try GitLayerFixtures.git(["clone", "--quiet", remotePath, work])
        try FileManager.default.createDirectory(atPath: work + "/runtimes/r1", withIntermediateDirectories: true)
        try "name: r1\n".write(toFile: work + "/runtimes/r1/config.yaml", atomically: true, encoding: .utf8)
        try GitLayerFixtures.git(["add", "-A"], in: work)
        try GitLayerFixtures.git(["commit", "--quiet", "-m", "cli commit"], in: work)
        try GitLayerFixtures.git(["push", "--quiet", "origin", "HEAD:refs/heads/main"], in: work)
        let cliTip = try #require(GitLayerFixtures.cliTip(remotePath, "main"))

        let cache = try Repository.createBare(at: dir + "/cache.git")
        final class Counter: @unchecked Sendable { var reports = 0; var last: TransferProgress? }
        let counter = Counter()
        let options = RemoteOptions(progress: { progress in
            counter.reports += 1; counter.last = progress
        })
        let tip = try #require(try cache.fetch(url: url, branch: "main", options: options))
        #expect(tip.hex == cliTip)
        #expect(try cache.blob(at: "runtimes/r1/config.yaml", inCommit: tip) == d("name: r1\n"))
        #expect(try cache.commit(tip).message == "cli commit\n")
        #expect(try cache.referenceTarget("refs/remotes/origin/main") == tip)
        #expect(counter.reports > 0)
        #expect(counter.last?.direction == .fetch)

        // Incremental fetch: a second commit arrives, the first one is already here.
        try "name: r1\nextra: true\n".write(toFile: work + "/runtimes/r1/config.yaml", atomically: true, encoding: .utf8)
        try GitLayerFixtures.git(["commit", "--quiet", "-am", "second"], in: work)
        try GitLayerFixtures.git(["push", "--quiet", "origin", "HEAD:refs/heads/main"], in: work)
        let newTip = try #require(try cache.fetch(url: url, branch: "main"))
        #expect(try cache.commit(newTip).parents == [tip])
        #expect(try cache.blob(at: "runtimes/r1/config.yaml", inCommit: newTip) == d("name: r1\nextra: true\n"))

        // A branch the remote does not have.
        #expect(try cache.fetch(url: url, branch: "nope") == nil)
        // A remote that does not exist; a server that is not there.
        let error = try #require(throws: GitError.self) {
            try cache.fetch(url: "file://\(dir)/missing.git", branch: "main")
        }
        #expect(error.kind == .notFound, "\(error)")
        // A port bound but not listening, held for the whole check: nobody else can listen there.
        let nobody = try HeldPort()
        defer { nobody.close() }
        let refused = try #require(throws: GitError.self) {
            try Repository.listRemote(url: "git://127.0.0.1:\(nobody.port)/x.git")
        }
        #expect(refused.kind == .network, "\(refused)")
    }

    @Test func nonFastForwardPushIsReported() throws {
        let dir = try GitLayerFixtures.temporaryDirectory()
        defer { GitLayerFixtures.remove(dir) }
        let remotePath = try GitLayerFixtures.makeBareRemote(in: dir)
        let url = "file://" + remotePath
        let a = try Repository.createBare(at: dir + "/a.git")
        let b = try Repository.createBare(at: dir + "/b.git")

        let base = try GitLayerFixtures.commit(a, parent: nil, ["f": d("0")])
        try a.push(url: url, commit: base, branch: "main")
        #expect(try b.fetch(url: url, branch: "main") == base)

        // a moves the branch; b, still on base, builds on the old tip.
        let fromA = try GitLayerFixtures.commit(a, parent: base, ["f": d("a")])
        try a.push(url: url, commit: fromA, branch: "main")
        let fromB = try GitLayerFixtures.commit(b, parent: base, ["g": d("b")])
        let error = try #require(throws: GitError.self) { try b.push(url: url, commit: fromB, branch: "main") }
        #expect(error.kind == .nonFastForward, "\(error)")
        #expect(GitLayerFixtures.cliTip(remotePath, "main") == fromA.hex)

        // Also when b already has the remote's new tip (a local merge-base check).
        let newTip = try #require(try b.fetch(url: url, branch: "main"))
        #expect(newTip == fromA)
        let error2 = try #require(throws: GitError.self) { try b.push(url: url, commit: fromB, branch: "main") }
        #expect(error2.kind == .nonFastForward, "\(error2)")

        // The retry the caller does: recompute on the new tip, push again.
        let rebuilt = try GitLayerFixtures.commit(b, parent: newTip, ["g": d("b")])
        try b.push(url: url, commit: rebuilt, branch: "main")
        #expect(GitLayerFixtures.cliTip(remotePath, "main") == rebuilt.hex)
    }

    @Test func preReceiveHookRefusalOverGitDaemon() throws {
        let dir = try GitLayerFixtures.temporaryDirectory()
        defer { GitLayerFixtures.remove(dir) }
        let served = dir + "/served"
        let remotePath = try GitLayerFixtures.makeBareRemote(in: served, name: "hooked.git")
        let hook = remotePath + "/hooks/pre-receive"
        try "#!/bin/sh\necho 'branch is protected by policy' >&2\nexit 1\n".write(toFile: hook, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: hook)
        let daemon = try GitLayerFixtures.GitDaemon(basePath: served)
        defer { daemon.stop() }
        let url = daemon.url + "hooked.git"

        let local = try Repository.createBare(at: dir + "/cache.git")
        let commit = try GitLayerFixtures.commit(local, parent: nil, ["f": d("x")])
        let error = try #require(throws: GitError.self) { try local.push(url: url, commit: commit, branch: "main") }
        #expect(error.kind == .refusedByServer(ref: "refs/heads/main", reason: "pre-receive hook declined"), "\(error)")
        #expect(error.message.contains("branch is protected by policy"), "\(error.message)")
        #expect(GitLayerFixtures.cliTip(remotePath, "main") == nil)
        #expect(try local.referenceTarget("refs/remotes/origin/main") == nil)

        // Without the hook the same push goes through, and list/fetch work over git://.
        try FileManager.default.removeItem(atPath: hook)
        try local.push(url: url, commit: commit, branch: "main")
        #expect(GitLayerFixtures.cliTip(remotePath, "main") == commit.hex)
        let heads = try Repository.listRemote(url: url)
        #expect(heads.heads["main"] == commit)
        #expect(heads.defaultBranch == "main")
        let other = try Repository.createBare(at: dir + "/other.git")
        #expect(try other.fetch(url: url, branch: "main") == commit)
    }

    /// The port the fixture picks is taken by another process before git daemon binds it (forced:
    /// the test holds a listening socket on it and names it as the first pick). The fixture sees
    /// git daemon fail to bind, picks another port, and the daemon serves there.
    @Test func gitDaemonFixtureSurvivesATakenPort() throws {
        let dir = try GitLayerFixtures.temporaryDirectory()
        defer { GitLayerFixtures.remove(dir) }
        let served = dir + "/served"
        let remotePath = try GitLayerFixtures.makeBareRemote(in: served, name: "r.git")
        let taken = try HeldPort()
        try taken.listen()
        defer { taken.close() }
        let daemon = try GitLayerFixtures.GitDaemon(basePath: served, firstPort: taken.port)
        defer { daemon.stop() }
        #expect(daemon.portsTaken == 1)
        #expect(daemon.port != taken.port)
        let local = try Repository.createBare(at: dir + "/cache.git")
        let commit = try GitLayerFixtures.commit(local, parent: nil, ["f": d("x")])
        try local.push(url: daemon.url + "r.git", commit: commit, branch: "main")
        #expect(GitLayerFixtures.cliTip(remotePath, "main") == commit.hex)
    }

    @Test func timeoutCancelsTransfer() throws {
        let dir = try GitLayerFixtures.temporaryDirectory()
        defer { GitLayerFixtures.remove(dir) }
        let remotePath = try GitLayerFixtures.makeBareRemote(in: dir)
        let url = "file://" + remotePath
        let source = try Repository.createBare(at: dir + "/source.git")
        var files: [String: Data?] = [:]
        for index in 0..<200 { files["f\(index)"] = Data("content \(index)".utf8) }
        let commit = try GitLayerFixtures.commit(source, parent: nil, files)
        try source.push(url: url, commit: commit, branch: "main")

        let cache = try Repository.createBare(at: dir + "/cache.git")
        let error = try #require(throws: GitError.self) {
            try cache.fetch(url: url, branch: "main", options: RemoteOptions(timeout: .zero))
        }
        #expect(error.kind == .timedOut, "\(error)")
        #expect(error.message.contains("timed out"))
        // A generous timeout does not get in the way.
        #expect(try cache.fetch(url: url, branch: "main", options: RemoteOptions(timeout: .seconds(60))) == commit)
    }
}
