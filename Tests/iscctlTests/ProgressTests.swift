import Foundation
import ISCKit
import ISCTestSupport
import Testing

/// The progress iscctl draws on a terminal, read from a real pseudo-terminal: `script` runs
/// iscctl with its stderr on a pty (stdout to /dev/null) and copies what was drawn. How many
/// intermediate percentages libgit2 reports depends on timing, so the test counts only what does
/// not: the lines (one per phase: receiving, compressing, writing) and the final `100%` of each.
@Suite("Progress on a terminal")
struct ProgressTests {
    /// Single-quoted for `sh -c`.
    static func quoted(_ word: String) -> String { "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'" }

    /// What iscctl drew on the terminal while running `arguments`: the pty's output, its `\r\n`
    /// line ends (the terminal's output translation) made `\n`.
    static func drawn(_ arguments: [String], environment: [String: String?], sandbox: Sandbox) throws -> String {
        let command = ([TestPaths.iscctl.path] + arguments).map(quoted).joined(separator: " ") + " >/dev/null"
        // -q: no "Script started" lines, -e: iscctl's exit status, -f: flush as it goes.
        let result = try ProcessRunner.tool(
            "script", ["-qefc", command, "/dev/null"],
            environment: sandbox.environment.merging(environment) { $1 }, currentDirectory: sandbox.root)
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        return result.stdout.replacingOccurrences(of: "\r\n", with: "\n")
    }

    @Test("a write draws each phase on one line, ending at 100% once: receiving, compressing, writing", arguments: ["file", "https"])
    func drawnOnce(_ transportName: String) throws {
        let transport = Transport(name: transportName)
        let servers = try TestServers.running()
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let repo = try servers.newRepository(TestServers.uniqueName("progress-\(transportName)"), withCommitOn: "main")
        let puts = (1...40).flatMap { ["--put", "f\($0).txt=\(String(repeating: "line \($0)\n", count: 20))"] }
        let arguments =
            ["write-files", "--repo", transport.url(servers, repo) + "/isc", "--provider", "git", "--no-cache"]
            + transport.arguments(servers) + puts
        let output = try Self.drawn(arguments, environment: transport.environment(servers), sandbox: sandbox)

        let lines = output.split(separator: "\n").map(String.init)
        let phases = ["Receiving objects", "Compressing objects", "Writing objects"]
        #expect(lines.count == 3, "\(lines)")
        for (line, phase) in zip(lines, phases) {
            // Every draw of the line is the same phase, redrawn in place with a higher percentage.
            let draws = line.split(separator: "\r").map(String.init)
            #expect(!draws.isEmpty && draws.allSatisfy { $0.hasPrefix(phase + ": ") }, "\(phase): \(draws)")
            let percents = draws.compactMap { Int($0.dropFirst(phase.count + 2).prefix(4).trimmingCharacters(in: .whitespaces).dropLast()) }
            #expect(percents.count == draws.count && percents == percents.sorted() && Set(percents).count == percents.count, "\(phase): \(draws)")
            #expect(percents.last == 100, "\(phase): \(draws)")
        }
        for phase in phases {
            #expect(output.components(separatedBy: phase + ": 100%").count - 1 == 1, "\(phase) at 100% drawn more than once: \(lines)")
        }
        // The files landed (the progress is of a real push).
        #expect(try servers.git(repo, ["ls-tree", "--name-only", "main", "isc/"]).split(separator: "\n").count == 40)

        // --quiet draws nothing, on a terminal too.
        let quiet = try Self.drawn(
            arguments.map { $0.hasPrefix("f1.txt=") ? "f1.txt=changed" : $0 } + ["--quiet"],
            environment: transport.environment(servers), sandbox: sandbox)
        #expect(!quiet.contains("objects"), "\(quiet)")
    }
}
