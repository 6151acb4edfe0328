import Foundation
import ISCKit
import ISCTestSupport
import Testing

/// The transaction against a real file:// remote: recompute on a moved branch, give up after
/// `retries`, and leave the remote alone when the computation fails.
@Suite("Transaction")
struct TransactionTests {
    final class Remote {
        let directory: URL
        let url: RepositoryURL

        init() throws {
            directory = FileManager.default.temporaryDirectory.appendingPathComponent("isc-txn-\(UUID().uuidString)")
            let result = try ProcessRunner.tool("git", ["init", "-q", "--bare", "--initial-branch=main", directory.path])
            guard result.status == 0 else { throw TestServersError.command(result.stderr) }
            url = try RepositoryURL(parsing: "file://" + directory.path)
        }

        deinit { try? FileManager.default.removeItem(at: directory) }

        func git(_ args: [String]) throws -> String {
            try ProcessRunner.tool("git", ["--git-dir=\(directory.path)"] + args).stdout
        }

        /// Another writer: commits `path` with `text` on main.
        func otherWriter(_ path: String, _ text: String) throws {
            _ = try Transaction(url: url, options: .init(message: "other \(path)")).run { _ in [path: Data(text.utf8)] }
        }
    }

    final class Counter: @unchecked Sendable {
        var calls = 0
        var seen: [[String]] = []
    }

    @Test("a push rejected because the branch moved is recomputed on the new tip")
    func recomputesOnNewTip() throws {
        let remote = try Remote()
        try remote.otherWriter("base.txt", "0")
        let counter = Counter()
        let result = try Transaction(url: remote.url, options: .init(message: "mine", backoffBase: .milliseconds(1))).run { tree in
            counter.calls += 1
            counter.seen.append(try tree.allFiles(under: ""))
            if counter.calls == 1 { try remote.otherWriter("theirs.txt", "1") }  // lands before our push
            return ["mine.txt": Data("2".utf8)]
        }
        #expect(counter.calls == 2)
        #expect(counter.seen == [["base.txt"], ["base.txt", "theirs.txt"]])
        #expect(result.retries == 1 && result.pushed)
        #expect(try remote.git(["ls-tree", "--name-only", "main"]) == "base.txt\nmine.txt\ntheirs.txt\n")
        #expect(try remote.git(["rev-list", "--count", "main"]) == "3\n")
    }

    @Test("a branch that keeps moving: push-rejected (exit 1) after --retries, saying how many")
    func givesUpAfterRetries() throws {
        let remote = try Remote()
        try remote.otherWriter("base.txt", "0")
        let counter = Counter()
        do {
            _ = try Transaction(url: remote.url, options: .init(message: "mine", retries: 2, backoffBase: .milliseconds(1))).run { _ in
                counter.calls += 1
                try remote.otherWriter("theirs-\(counter.calls).txt", "x")
                return ["mine.txt": Data("2".utf8)]
            }
            Issue.record("expected push-rejected")
        } catch let error as OperationError {
            #expect(error.code == "push-rejected")
            #expect(error.category == .gitFailure)
            #expect(error.message.contains("after 2 retries"))
        }
        #expect(counter.calls == 3)
        #expect(!(try remote.git(["ls-tree", "--name-only", "main"])).contains("mine.txt"))
    }

    @Test("an error from the computation ends the transaction with nothing pushed")
    func computationErrorPushesNothing() throws {
        let remote = try Remote()
        try remote.otherWriter("base.txt", "0")
        let before = try remote.git(["rev-parse", "main"])
        #expect(throws: OperationError.self) {
            try Transaction(url: remote.url, options: .init(message: "x")).run { _ in
                throw OperationError.conflict("runtime-exists", "nope")
            }
        }
        #expect(try remote.git(["rev-parse", "main"]) == before)
    }

    @Test("the backoff is full jitter under a doubling cap")
    func backoff() {
        for attempt in 1...8 {
            let cap = min(2.0, 0.1 * pow(2, Double(attempt - 1)))
            for _ in 0..<50 {
                let wait = Transaction.backoffInterval(attempt: attempt, base: .milliseconds(100), cap: .seconds(2))
                #expect(wait >= 0 && wait <= cap)
            }
        }
    }
}
