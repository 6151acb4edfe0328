import Foundation
import ISCTestSupport
import Testing

@testable import ISCKit

/// A push the server refuses after receiving it ("failed to update ref", "cannot lock ref") is a
/// lost race only when the branch really moved: the transaction reads the remote tip again and
/// retries only then. Both cases are forced on a real `git daemon` (receive-pack, hooks), with no
/// timing involved.
@Suite("Transaction: server refusals retried only when the branch moved")
struct RefusalRetryTests {
    final class Served {
        let directory: String
        let remotePath: String
        let daemon: GitLayerFixtures.GitDaemon
        let url: RepositoryURL

        init() throws {
            directory = try GitLayerFixtures.temporaryDirectory("refusal")
            remotePath = try GitLayerFixtures.makeBareRemote(in: directory + "/served", name: "race.git")
            // The first commit, straight into the bare repository (file://: no hooks).
            let seed = try RepositoryURL(parsing: "file://" + remotePath)
            _ = try Transaction(url: seed, options: .init(message: "base")).run { _ in ["base.txt": Data("0".utf8)] }
            daemon = try GitLayerFixtures.GitDaemon(basePath: directory + "/served")
            url = try RepositoryURL(parsing: daemon.url + "race.git", provider: "git")
        }

        deinit {
            daemon.stop()
            GitLayerFixtures.remove(directory)
        }

        func git(_ arguments: [String]) throws -> String {
            try GitLayerFixtures.git(["--git-dir=\(remotePath)"] + arguments).trimmingCharacters(in: .whitespacesAndNewlines)
        }
    }

    final class Counter: @unchecked Sendable {
        var calls = 0
    }

    @Test("refused with \"failed to update ref\" while the branch stayed where it was: the server's message, exit 1, no retry")
    func refusalWithoutMove() throws {
        let served = try Served()
        let before = try served.git(["rev-parse", "main"])
        // A stale lock on the server: receive-pack takes the pack, then cannot update the ref.
        try "".write(toFile: served.remotePath + "/refs/heads/main.lock", atomically: false, encoding: .utf8)
        let counter = Counter()
        let error = try #require(throws: GitError.self) {
            try Transaction(url: served.url, options: .init(message: "mine", retries: 5, backoffBase: .milliseconds(1))).run { _ in
                counter.calls += 1
                return ["mine.txt": Data("1".utf8)]
            }
        }
        guard case .refusedByServer(let ref, _) = error.kind else {
            Issue.record("expected a refusal, got \(error.kind): \(error.message)"); return
        }
        #expect(ref == "refs/heads/main")
        #expect(error.category == .gitFailure && error.code == "push-refused")
        #expect(error.message.contains("failed to update ref") && error.message.contains("main.lock"), "\(error.message)")
        #expect(counter.calls == 1, "computed \(counter.calls) times: a refusal without a moved branch must not be retried")
        #expect(try served.git(["rev-parse", "main"]) == before)
    }

    @Test("refused with \"failed to update ref\" because another commit landed first: recomputed on the new tip and pushed")
    func refusalAfterMove() throws {
        let served = try Served()
        let base = try served.git(["rev-parse", "main"])
        let theirs = try served.git(["commit-tree", "main^{tree}", "-p", "main", "-m", "theirs"])
        // The hook moves the branch once, between our fetch and our update: the server's ref
        // update then fails ("cannot lock ref ... is at X but expected Y"), a lost race.
        let hook = served.remotePath + "/hooks/pre-receive"
        try """
        #!/bin/sh
        cat >/dev/null
        if [ ! -e raced ]; then
            touch raced
            env -u GIT_QUARANTINE_PATH git update-ref refs/heads/main \(theirs) \(base) || exit 1
        fi
        exit 0

        """.write(toFile: hook, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: hook)
        let counter = Counter()
        let result = try Transaction(url: served.url, options: .init(message: "mine", retries: 5, backoffBase: .milliseconds(1))).run { _ in
            counter.calls += 1
            return ["mine.txt": Data("1".utf8)]
        }
        #expect(counter.calls == 2 && result.retries == 1 && result.pushed)
        #expect(FileManager.default.fileExists(atPath: served.remotePath + "/raced"), "the hook did not run")
        #expect(try served.git(["rev-parse", "main^"]) == theirs, "the retry builds on the commit that won")
        #expect(try served.git(["ls-tree", "--name-only", "main"]) == "base.txt\nmine.txt")
    }
}
