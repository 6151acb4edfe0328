import Foundation
import ISCTestSupport
import Testing

/// `Tests/Servers/servers.sh` when ports it picked free are taken before its servers bind them.
@Suite("Test servers: a port taken before the server binds it")
struct ServersScriptTests {
    /// Four starts in a row meet a taken port, one per server socket in turn: git daemon, the
    /// smart-HTTP server's http and https sockets, sshd. The ports are forced, not left to chance:
    /// `ISC_TEST_SERVERS_PORTS` names the ports of attempts 1-4; in attempt k the k-th is held by
    /// a listening socket of this test, the others are reserved for the servers (bound here with
    /// SO_REUSEADDR, which the servers set too, so nobody else can take them). Each server must
    /// fail to bind, the script must see it from the server's own exit or log (not from a probe
    /// that times out), and start again with new ports; then everything is up.
    @Test("each server's port taken in turn: the script sees the bind fail, picks new ports, and all servers come up")
    func takenPorts() throws {
        let taken = try (0..<4).map { _ in try HeldPort() }
        for port in taken { try port.listen() }
        let reserved = try (0..<4).map { _ in try (0..<4).map { _ in try HeldPort(reuseAddress: true) } }
        defer { (taken + reserved.flatMap { $0 }).forEach { $0.close() } }
        let attempts = (0..<4).map { attempt in
            (0..<4).map { position in String(position == attempt ? taken[attempt].port : reserved[attempt][position].port) }
                .joined(separator: " ")
        }
        let state = URL(fileURLWithPath: "/tmp/isc-servers-\(UUID().uuidString.prefix(8).lowercased())")
        let script = TestPaths.packageRoot.appendingPathComponent("Tests/Servers/servers.sh")
        let environment: [String: String?] = ["ISC_TEST_SERVERS_DIR": state.path, "ISC_TEST_SERVERS_PORTS": attempts.joined(separator: ",")]
        // SpawnedProcess (posix_spawn, waitpid on its pid), not Foundation's Process: on Linux that
        // waits until every descendant that inherited its exit-notification descriptor is gone,
        // and the servers that `start` leaves running are such descendants.
        func servers(_ command: String) throws -> (status: SpawnedProcess.Ending, stdout: String, stderr: String) {
            let run = try SpawnedProcess(script, [command], environment: environment)
            return (run.wait(), run.stdout, run.stderr)
        }
        defer {
            _ = try? servers("stop")
            try? FileManager.default.removeItem(at: state)
        }

        let start = try servers("start")
        #expect(start.status == .exited(0), "\(start.stderr)")
        let retried = start.stderr.split(separator: "\n").filter { $0.contains("a port was taken before the server bound it") }
        // At least these four (a port picked by the kernel for attempt 5 could be taken too).
        #expect(retried.count >= 4, "\(start.stderr)")
        for (server, port) in zip(["git-daemon", "lighttpd", "lighttpd", "sshd"], taken.map(\.port)) {
            let said = start.stderr.split(separator: "\n").contains { $0.hasPrefix("servers.sh: \(server): ") && $0.contains(String(port)) }
            #expect(said, "\(server) did not report port \(port) taken: \(start.stderr)")
        }
        #expect(!start.stderr.contains("did not answer"), "a probe waited for a server that was not there: \(start.stderr)")

        // Up, on ports none of which is one held here, and each answering as itself.
        let status = try servers("status")
        #expect(status.status == .exited(0), "\(status.stdout)")
        let env = try String(contentsOf: state.appendingPathComponent("env"), encoding: .utf8)
        let held = Set((taken + reserved.flatMap { $0 }).map(\.port))
        for key in ["ISC_TEST_GIT_DAEMON_PORT", "ISC_TEST_HTTP_PORT", "ISC_TEST_HTTPS_PORT", "ISC_TEST_SSH_PORT"] {
            let value = env.split(separator: "\n").first { $0.hasPrefix("export \(key)=") }.flatMap { Int($0.split(separator: "=").last ?? "") }
            #expect(value != nil && !held.contains(value ?? 0), "\(key)=\(value.map { String($0) } ?? "?")")
        }

        #expect(try servers("stop").status == .exited(0))
        #expect(try servers("status").status != .exited(0))
    }
}
