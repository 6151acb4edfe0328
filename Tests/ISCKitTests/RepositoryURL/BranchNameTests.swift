import Foundation
import ISCKit
import ISCTestSupport
import Testing

/// The ref rules agree with `git check-ref-format --branch`, checked independently with the git CLI.
@Suite("Branch names")
struct BranchNameTests {
    static let alphabet = Array("ab/.-_@{}~^:?*[\\ lock") + ["\u{01}", "\u{7F}", "é"]

    @Test("agrees with git check-ref-format --branch on fixed and generated names")
    func agreesWithGit() throws {
        var names = [
            "main", "feature/x", "HEAD", "@", "a@b", "-x", "a/", "/a", "a//b", "a.", "a.lock", "a/.b", ".a",
            "a..b", "x~1", "a^", "a:b", "a?", "a*", "a[", "a\\b", "a b", "a@{b", "é", "v1.2.3", "a/b.lock/c", "HEAD/x", "a.lock/b",
        ]
        var rng = SeededGenerator(seed: 42)
        for _ in 0..<250 { names.append(rng.string(Self.alphabet, length: 1...8)) }
        let scratch = FileManager.default.temporaryDirectory
        var disagreements: [String] = []
        for name in names {
            let git = try ProcessRunner.tool("git", ["check-ref-format", "--branch", name], currentDirectory: scratch)
            if (git.status == 0) != BranchName.isValid(name) {
                disagreements.append(
                    "\(name.debugDescription): git \(git.status == 0 ? "accepts" : "refuses"), iscctl \(BranchName.violation(in: name) ?? "accepts")")
            }
        }
        #expect(disagreements.isEmpty, "\(disagreements)")
    }
}
