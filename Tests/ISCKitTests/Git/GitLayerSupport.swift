import Foundation
import ISCTestSupport

@testable import ISCCore
@testable import ISCKit

/// Fixtures for the Git layer tests: temporary directories, the git CLI (only to create fixtures
/// and check results independently), a private `git daemon`, and the shared test servers' env.
enum GitLayerFixtures {
    struct CommandError: Error, CustomStringConvertible {
        var description: String
    }

    /// A fresh temporary directory (removed by the caller with `remove`).
    static func temporaryDirectory(_ label: String = "gitlayer") throws -> String {
        let path = NSTemporaryDirectory() + "\(label)-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        // Resolve symlinks so that paths compare equal to what tools print.
        return URL(fileURLWithPath: path).resolvingSymlinksInPath().path
    }

    static func remove(_ path: String) {
        try? FileManager.default.removeItem(atPath: path)
    }

    /// Runs a program (found on PATH) with ``ProcessRunner`` and returns its standard output;
    /// throws when it exits non-zero. The git CLI gets no system config, no prompt and a fixed
    /// author.
    @discardableResult
    static func run(_ arguments: [String], in directory: String? = nil, environment: [String: String] = [:]) throws -> String {
        var env: [String: String?] = [
            "GIT_CONFIG_NOSYSTEM": "1", "GIT_TERMINAL_PROMPT": "0",
            "GIT_AUTHOR_NAME": "Fixture", "GIT_AUTHOR_EMAIL": "fixture@example.com",
            "GIT_COMMITTER_NAME": "Fixture", "GIT_COMMITTER_EMAIL": "fixture@example.com",
        ]
        for (key, value) in environment { env[key] = value }
        let result = try ProcessRunner.run(
            URL(fileURLWithPath: "/usr/bin/env"), arguments, environment: env,
            currentDirectory: directory.map { URL(fileURLWithPath: $0) })
        guard result.status == 0 else {
            throw CommandError(description: "\(arguments.joined(separator: " ")) exited \(result.status): \(result.stderr)")
        }
        return result.stdout
    }

    /// `git <args>` in `directory`.
    @discardableResult
    static func git(_ arguments: [String], in directory: String? = nil, environment: [String: String] = [:]) throws -> String {
        try run(["git"] + arguments, in: directory, environment: environment)
    }

    /// A bare repository made with the git CLI whose HEAD points at `main`.
    static func makeBareRemote(in directory: String, name: String = "remote.git") throws -> String {
        let path = directory + "/" + name
        try git(["init", "--quiet", "--bare", "--initial-branch=main", path])
        return path
    }

    /// The tip of `branch` in the repository at `gitDir` according to the git CLI, nil if absent.
    static func cliTip(_ gitDir: String, _ branch: String) -> String? {
        (try? git(["--git-dir=\(gitDir)", "rev-parse", "--verify", "--quiet", "refs/heads/\(branch)"]))?
            .trimmingCharacters(in: .whitespacesAndNewlines)
    }

    static let author = Signature(
        name: "Test Author", email: "author@example.com",
        date: Date(timeIntervalSince1970: 1_700_000_000), offsetMinutes: 60)

    /// Writes `files` on top of `parent` (or from scratch) and commits them.
    static func commit(_ repo: Repository, parent: ObjectID?, _ files: [String: Data?], message: String = "test") throws -> ObjectID {
        let base: ObjectID? = try parent.map { try repo.commit($0).tree }
        let tree = try repo.writeTree(base: base, changes: files)
        return try repo.createCommit(
            tree: tree, parents: parent.map { [$0] } ?? [], author: author,
            committer: author, message: message)
    }

    static func data(_ text: String) -> Data { Data(text.utf8) }

    // MARK: git daemon

    /// A `git daemon` serving `basePath` with receive-pack enabled; stop it with `stop()`.
    ///
    /// The port is picked free by the kernel, then released for git daemon to bind, so another
    /// process can take it first. That is noticed for certain, not guessed from timing: git
    /// daemon either logs "Ready to rumble" (it listens) or exits saying it cannot bind; then a
    /// new port is picked (up to 10 times).
    final class GitDaemon {
        private(set) var process = Process()
        let port: Int
        /// How many ports were taken by someone else before git daemon bound one.
        let portsTaken: Int
        var url: String { "git://127.0.0.1:\(port)/" }

        /// `firstPort`: the port to try first (a test of the retry names one it holds).
        init(basePath: String, firstPort: Int? = nil) throws {
            // Run git-daemon itself, not the `git` wrapper, so that SIGKILL stops it.
            let execPath = try GitLayerFixtures.git(["--exec-path"]).trimmingCharacters(in: .whitespacesAndNewlines)
            let log = try GitLayerFixtures.temporaryDirectory("git-daemon-log") + "/stderr"
            defer { GitLayerFixtures.remove(URL(fileURLWithPath: log).deletingLastPathComponent().path) }
            var taken = 0
            for attempt in 0..<10 {
                let candidate = try attempt == 0 ? firstPort ?? HeldPort().port : HeldPort().port
                _ = FileManager.default.createFile(atPath: log, contents: nil)
                let process = Process()
                process.executableURL = URL(fileURLWithPath: execPath + "/git-daemon")
                process.arguments = [
                    "--listen=127.0.0.1", "--port=\(candidate)", "--base-path=\(basePath)", "--verbose",
                    "--export-all", "--enable=receive-pack", "--reuseaddr", "--informative-errors", basePath,
                ]
                process.standardOutput = FileHandle.nullDevice
                process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: log))
                try process.run()
                // Until it says it listens, or has ended (120 s: only a guard against a hang).
                var said = ""
                for _ in 0..<12_000 {
                    said = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
                    if said.contains("Ready to rumble") || !process.isRunning { break }
                    usleep(10_000)
                }
                said = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
                if said.contains("Ready to rumble") && process.isRunning {
                    self.process = process
                    port = candidate
                    portsTaken = taken
                    return
                }
                if process.isRunning { kill(process.processIdentifier, SIGKILL) }
                process.waitUntilExit()
                guard said.contains("Address already in use") || said.contains("unable to allocate any listen sockets") else {
                    throw CommandError(description: "git daemon did not start on port \(candidate): \(said)")
                }
                taken += 1
            }
            throw CommandError(description: "git daemon: 10 ports in a row were taken")
        }

        func stop() {
            // SIGKILL: the test runner's threads block SIGTERM, and children inherit that mask.
            if process.isRunning {
                kill(process.processIdentifier, SIGKILL)
            }
            if process.processIdentifier != 0 { process.waitUntilExit() }
        }

        deinit { stop() }
    }

    static func canConnect(port: Int) -> Bool {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let rc = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        return rc == 0
    }

    // MARK: shared test servers (Tests/Servers/servers.sh)

    /// The `ISC_TEST_*` values of the running servers; fails (never skips) when they are not up.
    static func serversEnv() throws -> [String: String] {
        try TestServers.running().values
    }
}
