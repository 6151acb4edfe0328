import Foundation
import Testing

@testable import ISCCore
@testable import ISCKit

@Suite("GitLayer basics")
struct GitLayerBasicsTests {
    @Test func versionAndFeatures() {
        let version = LibGit2.version
        #expect(version.major == 1)
        #expect(version.minor >= 5)
        #expect(LibGit2.features.contains("threads"))
        #expect(LibGit2.features.contains("https"))
        #expect(LibGit2.features.contains("ssh"))
        #expect(LibGit2.versionDescription.hasPrefix("libgit2 \(version.major).\(version.minor).\(version.revision): threads"))
    }

    @Test func objectIDParsing() throws {
        let hex = "4B825DC642CB6EB9A060E54BF8D69288FBEE4904"
        let id = try #require(ObjectID(hex: hex))
        #expect(id.description == hex.lowercased())
        #expect(ObjectID(id.oid) == id)
        #expect(ObjectID(hex: "xyz") == nil)
        #expect(ObjectID(hex: String(hex.dropLast())) == nil)
        #expect(ObjectID(hex: String(hex.dropLast()) + "g") == nil)
    }

    @Test func messagesNeverShowURLPasswords() {
        #expect(GitError.scrub("failed for https://user:s3cret@host/x.git now") == "failed for https://user:***@host/x.git now")
        #expect(GitError.scrub("ssh://git@host:22/x") == "ssh://git@host:22/x")
        #expect(GitError.scrub("token tok123 leaked", secrets: ["tok123"]) == "token *** leaked")
        let error = GitError(kind: .network, message: "connect to https://a:b4dpass@h/ failed")
        #expect(!error.description.contains("b4dpass"))
    }

    @Test func credentialsDescriptionsHideSecrets() {
        let credentials = Credentials.userPassword(username: "u", password: "hunter2-token")
        #expect(!"\(credentials)".contains("hunter2"))
        #expect(!String(reflecting: credentials).contains("hunter2"))
        var dumped = ""
        dump(credentials, to: &dumped)
        #expect(!dumped.contains("hunter2"))
    }
}

@Suite("GitLayer local repository")
struct GitLayerLocalTests {
    @Test("a libgit2 error is read once: a later failure that sets none does not repeat its message")
    func errorIsClearedAfterReading() throws {
        let missing = FileManager.default.temporaryDirectory.appendingPathComponent("isc-no-repo-\(UUID().uuidString)").path
        var first: GitError?
        do { _ = try Repository.openBare(at: missing) } catch let error as GitError { first = error }
        let message = try #require(first).message
        #expect(message.contains(missing) || message.contains("could not find repository"), "\(message)")
        // No libgit2 call failed since: the stale message must not come back.
        let later = GitError.fromLast(-1, "a later step")
        #expect(later.message == "a later step failed (libgit2 error -1)", "\(later.message)")
    }

    @Test func createOpenAndMissing() throws {
        let dir = try GitLayerFixtures.temporaryDirectory()
        defer { GitLayerFixtures.remove(dir) }
        _ = try Repository.createBare(at: dir + "/a.git")
        let reopened = try Repository.openBare(at: dir + "/a.git")
        #expect(reopened.path == dir + "/a.git")
        #expect(!FileManager.default.fileExists(atPath: dir + "/a.git/.git"))
        let error = try #require(throws: GitError.self) { try Repository.openBare(at: dir + "/missing.git") }
        #expect(error.kind == .notFound)
    }

    @Test func writeTreeAddReplaceDelete() throws {
        let dir = try GitLayerFixtures.temporaryDirectory()
        defer { GitLayerFixtures.remove(dir) }
        let repo = try Repository.createBare(at: dir + "/r.git")
        let d = GitLayerFixtures.data

        let empty = try repo.writeTree(base: nil, changes: [:])
        #expect(empty.hex == "4b825dc642cb6eb9a060e54bf8d69288fbee4904")

        let first = try repo.writeTree(
            base: nil,
            changes: [
                "isc.yaml": d("version: 1\n"),
                "runtimes/a/config.yaml": d("name: a\n"),
                "runtimes/a/in-cluster.yaml": d("server: x\n"),
                "runtimes/b/config.yaml": d("name: b\n"),
            ])
        let commit1 = try repo.createCommit(
            tree: first, parents: [], author: GitLayerFixtures.author,
            committer: GitLayerFixtures.author, message: "first")
        #expect(try repo.allFilePaths(ofCommit: commit1) == ["isc.yaml", "runtimes/a/config.yaml", "runtimes/a/in-cluster.yaml", "runtimes/b/config.yaml"])

        // Same content again: same tree id (from a tree id and from a commit id).
        #expect(try repo.writeTree(base: first, changes: [:]) == first)
        #expect(try repo.writeTree(base: commit1, changes: ["isc.yaml": d("version: 1\n")]) == first)
        // Deleting what is not there is a no-op.
        #expect(try repo.writeTree(base: first, changes: ["nope.yaml": nil, "runtimes/zz/x": nil]) == first)

        let second = try repo.writeTree(
            base: commit1,
            changes: [
                "isc.yaml": d("version: 2\n"),  // replace
                "runtimes/a/in-cluster.yaml": nil,  // delete nested
                "runtimes/c/deep/er/file.yaml": d("c\n"),  // add nested
                "runtimes/b": nil,  // delete a directory
            ])
        let commit2 = try repo.createCommit(
            tree: second, parents: [commit1], author: GitLayerFixtures.author,
            committer: GitLayerFixtures.author, message: "second\n\nbody")
        #expect(try repo.allFilePaths(ofCommit: commit2) == ["isc.yaml", "runtimes/a/config.yaml", "runtimes/c/deep/er/file.yaml"])
        #expect(try repo.blob(at: "isc.yaml", inCommit: commit2) == d("version: 2\n"))
        #expect(try repo.blob(at: "isc.yaml", inCommit: commit1) == d("version: 1\n"))
        #expect(try repo.blob(at: "runtimes/a/in-cluster.yaml", inCommit: commit2) == nil)
        #expect(try repo.blob(at: "runtimes/a", inCommit: commit2) == nil)  // a directory
        #expect(try repo.blob(at: "missing/deeper", inCommit: commit2) == nil)

        let root = try repo.entries(inDirectory: "", ofCommit: commit2)
        #expect(root.map(\.name) == ["isc.yaml", "runtimes"])
        #expect(root[0].kind == .file && root[0].mode == 0o100644)
        #expect(root[1].kind == .directory && root[1].mode == 0o040000)
        #expect(try repo.entries(inDirectory: "runtimes", ofCommit: commit2).map(\.name) == ["a", "c"])
        #expect(try repo.entries(inDirectory: "runtimes/b", ofCommit: commit2).isEmpty)
        #expect(try repo.entries(inDirectory: "isc.yaml", ofCommit: commit2).isEmpty)

        let info = try repo.commit(commit2)
        #expect(info.id == commit2)
        #expect(info.tree == second)
        #expect(info.parents == [commit1])
        #expect(info.message == "second\n\nbody\n")
        #expect(info.author == GitLayerFixtures.author)

        // The git CLI sees the same thing.
        let listed = try GitLayerFixtures.git(["--git-dir=\(dir)/r.git", "ls-tree", "-r", "--name-only", commit2.hex])
        #expect(listed == "isc.yaml\nruntimes/a/config.yaml\nruntimes/c/deep/er/file.yaml\n")
        let shown = try GitLayerFixtures.git(["--git-dir=\(dir)/r.git", "log", "-1", "--format=%an <%ae> %at %ai", commit2.hex])
        #expect(shown == "Test Author <author@example.com> 1700000000 2023-11-14 23:13:20 +0100\n")
        try GitLayerFixtures.git(["--git-dir=\(dir)/r.git", "fsck", "--strict", "--no-dangling"])
    }

    @Test func fileAndDirectoryReplaceEachOther() throws {
        let dir = try GitLayerFixtures.temporaryDirectory()
        defer { GitLayerFixtures.remove(dir) }
        let repo = try Repository.createBare(at: dir + "/r.git")
        let d = GitLayerFixtures.data
        let base = try repo.writeTree(base: nil, changes: ["a/b": d("1"), "c": d("2")])
        let swapped = try repo.writeTree(base: base, changes: ["a": d("file now"), "c/d": d("dir now")])
        #expect(try repo.allFilePaths(ofCommit: swapped) == ["a", "c/d"])
    }

    @Test func invalidPathsAreRejected() throws {
        let dir = try GitLayerFixtures.temporaryDirectory()
        defer { GitLayerFixtures.remove(dir) }
        let repo = try Repository.createBare(at: dir + "/r.git")
        for path in ["", "/abs", "a//b", "a/../b", "./a", ".git/config", "a/", "x/.GIT/y"] {
            let error = try #require(throws: GitError.self, "\(path)") {
                try repo.writeTree(base: nil, changes: [path: Data("x".utf8)])
            }
            #expect(error.kind == .other)
        }
    }

    @Test func referencesAndMissingObjects() throws {
        let dir = try GitLayerFixtures.temporaryDirectory()
        defer { GitLayerFixtures.remove(dir) }
        let repo = try Repository.createBare(at: dir + "/r.git")
        let commit = try GitLayerFixtures.commit(repo, parent: nil, ["f": Data("x".utf8)])
        #expect(try repo.referenceTarget("refs/heads/main") == nil)
        try repo.setReference("refs/heads/main", to: commit)
        #expect(try repo.referenceTarget("refs/heads/main") == commit)
        try repo.deleteReference("refs/heads/main")
        try repo.deleteReference("refs/heads/main")
        #expect(try repo.referenceTarget("refs/heads/main") == nil)
        #expect(throws: GitError.self) { try repo.setReference("refs/heads/bad..name", to: commit) }

        let missing = try #require(ObjectID(hex: String(repeating: "ab", count: 20)))
        let error = try #require(throws: GitError.self) { try repo.commit(missing) }
        #expect(error.kind == .notFound)
        #expect(error.returnCode == -3)
        #expect(error.message.contains(missing.hex))
    }
}
