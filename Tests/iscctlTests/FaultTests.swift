import Foundation
import ISCTestSupport
import Testing

/// One misbehaving server and what iscctl must make of it.
struct Fault: Sendable, CustomStringConvertible {
    /// The mode of `Tests/Servers/faults.py`.
    let mode: String
    /// The JSON error code expected.
    let code: String
    /// A piece of the one-line message expected (lowercased).
    let says: String
    /// Extra flags (timeouts).
    var flags: [String] = []
    /// At least this long (the timeout that ends it), in seconds.
    var atLeast: Double = 0

    var description: String { mode + (flags.isEmpty ? "" : " " + flags.joined(separator: " ")) }

    static let all: [Fault] = [
        Fault(mode: "stall", code: "timed-out", says: "sent or accepted nothing for 2s (idle timeout)", flags: ["--idle-timeout", "2"], atLeast: 2),
        Fault(mode: "stall", code: "timed-out", says: "timed out after 2s (the timeout of one operation)", flags: ["--timeout", "2s"], atLeast: 2),
        Fault(mode: "status500", code: "network-error", says: "500"),
        Fault(mode: "garbage", code: "network-error", says: "not http"),
        Fault(mode: "garbage-pkt", code: "network-error", says: "not from a git server"),
        Fault(mode: "redirect-loop", code: "network-error", says: "too many redirects"),
        Fault(mode: "proxy-drop-fetch", code: "network-error", says: "connection reset"),
        Fault(mode: "proxy-eof-fetch", code: "network-error", says: "closed the connection in the middle"),
        Fault(mode: "proxy-drop-push", code: "network-error", says: "push main"),
        Fault(mode: "proxy-500-push", code: "network-error", says: "500"),
        Fault(mode: "proxy-stall-push", code: "timed-out", says: "sent or accepted nothing for 2s (idle timeout)", flags: ["--idle-timeout", "2"], atLeast: 2),
    ]
}

/// Faults of the network: each ends in exit 1 with one clear `error:` line (and the JSON error),
/// within the timeout where one applies, with nothing pushed, nothing left on disk outside the
/// cache, and a cache the next run against the real server uses.
@Suite("Faults: stalls, 500s, dropped packs, redirect loops, garbage, redirects to another origin")
struct FaultTests {
    @Test("a misbehaving server: exit 1, one clear line, nothing pushed, nothing left behind, the next run succeeds", arguments: Fault.all)
    func fault(_ fault: Fault) throws {
        let servers = try TestServers.running()
        let faults = try FaultServer(servers)
        defer { faults.stop() }
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let repo = try servers.newRepository(TestServers.uniqueName("fault-\(fault.mode)"), withCommitOn: "main")
        let token = servers.httpToken
        let env: [String: String?] = ["ISC_GIT_TOKEN": token, "ISC_GIT_USER": servers.httpUser]
        // A pack bigger than where the proxies cut (2 KiB), both ways: the cut is mid-pack.
        let big = FaultServer.incompressible(40_000)
        let seeded = try sandbox.iscctl(
            [
                "write-files", "--repo", servers["ISC_TEST_HTTPS_URL"] + repo, "--provider", "git",
                "--ca-file", servers.caFile, "--no-cache", "--put", "big.txt=" + big,
            ], environment: env)
        #expect(seeded.status == 0, "\(seeded.stderr)")
        let before = try servers.git(repo, ["rev-parse", "main"])

        let started = ContinuousClock.now
        let result = try sandbox.iscctl(
            [
                "write-files", "--repo", faults.url(fault.mode, repo), "--provider", "git", "--json",
                "--allow-insecure-http", "--put", "pushed.txt=" + FaultServer.incompressible(20_000),
            ] + fault.flags,
            environment: env)
        let elapsed = ContinuousClock.now - started
        #expect(result.status == 1, "\(result.stdout) \(result.stderr)")
        #expect(result.stdout.contains("\"\(fault.code)\""), "\(result.stdout)")
        let lines = result.stderr.split(separator: "\n")
        #expect(lines.count == 1 && lines[0].hasPrefix("error: "), "\(result.stderr)")
        #expect(result.stderr.lowercased().contains(fault.says), "\(result.stderr)")
        #expect(!result.stdout.contains(token) && !result.stderr.contains(token))
        // It cannot end before its timeout (a lower bound no load can break). That it ends at all
        // is the timeout's doing: the stalling server never answers nor closes, and nothing else
        // gives "timed-out"; how long after the timeout it ends is not asserted.
        #expect(elapsed >= .seconds(fault.atLeast), "took \(elapsed)")
        #expect(try servers.git(repo, ["rev-parse", "main"]) == before, "something was pushed")
        #expect(sandbox.filesOutsideTheCache().isEmpty, "left behind: \(sandbox.filesOutsideTheCache())")
        try sandbox.expectCacheFree(of: token)
        #expect(faults.log.contains { $0.hasPrefix(fault.mode + " ") }, "the fault server saw nothing: \(faults.log)")

        // The cache the fault may have interrupted serves the next run against the real server.
        let next = try sandbox.iscctl(
            [
                "write-files", "--repo", servers["ISC_TEST_HTTPS_URL"] + repo, "--provider", "git",
                "--ca-file", servers.caFile, "--put", "after.txt=1",
            ], environment: env)
        #expect(next.status == 0, "\(next.stderr)")
        #expect(try servers.git(repo, ["show", "main:after.txt"]) == "1")
    }

    @Test("a 302 from https://localhost:A to https://localhost:B (answering 401): refused naming both origins; B is never contacted, no credentials leave")
    func redirectToAnotherOrigin() throws {
        let servers = try TestServers.running()
        let faults = try FaultServer(servers)
        defer { faults.stop() }
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let canary = "isc-redirect-canary-\(UUID().uuidString)"
        for command in [["list"], ["write-files", "--put", "a=1"]] {
            let result = try sandbox.iscctl(
                command + [
                    "--repo", faults.url("redirect-away", "isc.git"), "--provider", "git", "--json",
                    "--ca-file", servers.caFile,
                ],
                environment: ["ISC_GIT_TOKEN": canary, "ISC_GIT_USER": "isc"])
            #expect(result.status == 1, "\(result.stderr)")
            #expect(result.stdout.contains("\"redirect-refused\""), "\(result.stdout)")
            #expect(result.stderr.split(separator: "\n").count == 1)
            #expect(
                result.stderr.contains("localhost:\(faults.port("redirect-away"))") && result.stderr.contains("localhost:\(faults.port("auth401"))"),
                "\(result.stderr)")
            #expect(!result.stdout.contains(canary) && !result.stderr.contains(canary))
        }
        let log = faults.log
        #expect(log.filter { $0.hasPrefix("redirect-away ") }.count == 2, "\(log)")
        // The other origin never saw a connection, let alone an Authorization header.
        #expect(!log.contains { $0.hasPrefix("auth401") }, "\(log)")
        #expect(sandbox.filesOutsideTheCache().isEmpty, "left behind: \(sandbox.filesOutsideTheCache())")
        try sandbox.expectCacheFree(of: canary)
    }

    @Test("the default idle timeout is 60 s and documented in --help; --idle-timeout is checked before anything is cloned")
    func defaultIdleTimeout() throws {
        let help = try ProcessRunner.iscctl(["list", "--help"])
        #expect(help.status == 0)
        #expect(help.stdout.contains("--idle-timeout <duration>") && help.stdout.contains("(default: 60s)"), "\(help.stdout)")
        #expect(help.stdout.contains("--timeout <duration>"), "\(help.stdout)")
        let docs = try String(contentsOf: TestPaths.packageRoot.appendingPathComponent("Docs/cli.md"), encoding: .utf8)
        #expect(docs.contains("--idle-timeout"))
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        // Bad durations: exit 2 with one line naming the flag, before anything is cloned (port 1
        // would fail with exit 1).
        let bad: [(flag: String, value: String, says: String)] = [
            ("--idle-timeout", "-1", "no sign"), ("--idle-timeout", "86401", "at most 24h"), ("--idle-timeout", "x", "not a duration"),
            ("--timeout", "0s", "more than 0"), ("--timeout", "10x", "unknown unit 'x'"), ("--timeout", "1s1m", "largest to the smallest"),
        ]
        for (flag, value, says) in bad {
            let result = try sandbox.iscctl(["list", "--repo", "https://localhost:1/isc.git", "--provider", "git", "\(flag)=\(value)"])
            #expect(result.status == 2, "\(flag) \(value): \(result.stderr)")
            #expect(result.stderr.hasPrefix("error: ") && result.stderr.contains(flag) && result.stderr.contains(says), "\(result.stderr)")
            #expect(result.stderr.split(separator: "\n").count <= 2, "one error line (and the usage hint): \(result.stderr)")
        }
        // Good ones go on to the server (here: nothing listens on port 1, exit 1).
        for (flag, value) in [("--timeout", "1m30s"), ("--idle-timeout", "500ms")] {
            let result = try sandbox.iscctl(["list", "--repo", "https://localhost:1/isc.git", "--provider", "git", flag, value])
            #expect(result.status == 1, "\(flag) \(value): \(result.stderr)")
        }
    }
}

/// The misbehaving servers of `Tests/Servers/faults.py`, one mode per port, started for one test
/// (its proxies forward to the real smart-HTTP server of `servers.sh`).
final class FaultServer {
    private let process = Process()
    private let directory: URL
    private let ports: [String: Int]
    static let tlsModes: Set<String> = ["redirect-away", "auth401"]

    init(_ servers: TestServers) throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("isc-faults-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let state = servers["ISC_TEST_STATE"]
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [
            "python3", TestPaths.packageRoot.appendingPathComponent("Tests/Servers/faults.py").path,
            "--upstream", servers["ISC_TEST_HTTP_URL"], "--cert", state + "/tls/server.pem",
            "--key", state + "/tls/server.key", "--log", directory.appendingPathComponent("log").path,
        ]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        var line = Data()
        while !line.contains(UInt8(ascii: "\n")) {
            let chunk = pipe.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            line.append(chunk)
        }
        guard let ports = try? JSONSerialization.jsonObject(with: line) as? [String: Int] else {
            kill(process.processIdentifier, SIGKILL)
            throw TestServersError.command("faults.py did not start: \(String(decoding: line, as: UTF8.self))")
        }
        self.ports = ports
    }

    func port(_ mode: String) -> Int { ports[mode] ?? 0 }

    /// The URL of `repository` behind `mode` (`/a/` first for the redirect loop).
    func url(_ mode: String, _ repository: String) -> String {
        if FaultServer.tlsModes.contains(mode) { return "https://localhost:\(port(mode))/\(repository)" }
        return "http://127.0.0.1:\(port(mode))/\(mode == "redirect-loop" ? "a/" : "")\(repository)"
    }

    /// What the server logged: `<mode> <method> <path>` per request, never a header value.
    var log: [String] {
        ((try? String(contentsOf: directory.appendingPathComponent("log"), encoding: .utf8)) ?? "").split(separator: "\n").map(String.init)
    }

    /// SIGKILL (the test runner's children may inherit an ignored SIGTERM), then the log is removed.
    func stop() {
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        try? FileManager.default.removeItem(at: directory)
    }

    /// `count` random base-36 characters (they compress to ~65%), so a pack holding them is
    /// bigger than where the proxies cut.
    static func incompressible(_ count: Int) -> String {
        var generator = SystemRandomNumberGenerator()
        var text = ""
        text.reserveCapacity(count)
        while text.count < count { text += String(generator.next() as UInt64, radix: 36) }
        return String(text.prefix(count))
    }
}
