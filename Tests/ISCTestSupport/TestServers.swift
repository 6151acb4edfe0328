import Foundation

/// The real Git servers started by `Tests/Servers/servers.sh start` (git daemon, smart HTTP with
/// Basic auth over http and https, OpenSSH), read from the env file it writes.
public struct TestServers: Sendable {
    /// The `ISC_TEST_*` values.
    public let values: [String: String]

    /// The env file: `$ISC_TEST_SERVERS_DIR/env`, else `<package>/.test-servers/env`.
    public static var envFile: URL {
        if let dir = ProcessInfo.processInfo.environment["ISC_TEST_SERVERS_DIR"], !dir.isEmpty {
            return URL(fileURLWithPath: dir).appendingPathComponent("env")
        }
        return TestPaths.packageRoot.appendingPathComponent(".test-servers/env")
    }

    /// The running servers. Fails (never skips) when they are not up: run `scripts/test.sh`, or
    /// `Tests/Servers/servers.sh start` before `swift test`.
    public static func running() throws -> TestServers {
        guard let text = try? String(contentsOf: envFile, encoding: .utf8) else {
            throw TestServersError.notRunning(envFile.path)
        }
        var values: [String: String] = [:]
        for line in text.split(separator: "\n") {
            var entry = line.trimmingCharacters(in: .whitespaces)
            if entry.hasPrefix("export ") { entry.removeFirst("export ".count) }
            guard let equals = entry.firstIndex(of: "=") else { continue }
            values[String(entry[..<equals])] = String(entry[entry.index(after: equals)...])
        }
        return TestServers(values: values)
    }

    /// A value by its key, e.g. `ISC_TEST_HTTPS_URL`.
    public subscript(_ key: String) -> String { values[key] ?? "" }

    /// The folder the servers serve repositories from.
    public var reposDirectory: String { self["ISC_TEST_REPOS"] }
    /// The HTTP Basic user name.
    public var httpUser: String { self["ISC_TEST_HTTP_USER"] }
    /// The HTTP token (a canary that must never show up in output or on disk).
    public var httpToken: String { self["ISC_TEST_HTTP_TOKEN"] }
    /// The test CA that signed the HTTPS server's certificate.
    public var caFile: String { self["ISC_TEST_CA_FILE"] }

    /// Creates a bare repository served by every transport and returns its name (`NAME.git`).
    /// `withCommitOn` puts one commit with a README.md on that branch.
    @discardableResult
    public func newRepository(_ name: String, withCommitOn branch: String? = nil) throws -> String {
        let script = TestPaths.packageRoot.appendingPathComponent("Tests/Servers/new-repo.sh")
        let args = branch.map { [name, "--with-commit", $0] } ?? [name, "--empty"]
        let result = try ProcessRunner.run(script, args, environment: ["ISC_TEST_SERVERS_DIR": Self.envFile.deletingLastPathComponent().path])
        guard result.status == 0 else { throw TestServersError.command("new-repo.sh \(args.joined(separator: " ")): \(result.stderr)") }
        return name + ".git"
    }

    /// The server-side path of a repository.
    public func repositoryPath(_ name: String) -> String { reposDirectory + "/" + name }

    /// Runs the git CLI against a served repository, to check independently what landed.
    public func git(_ repository: String, _ arguments: [String]) throws -> String {
        let result = try ProcessRunner.tool("git", ["--git-dir=\(repositoryPath(repository))"] + arguments)
        guard result.status == 0 else { throw TestServersError.command("git \(arguments.joined(separator: " ")): \(result.stderr)") }
        return result.stdout
    }

    /// One unique repository name per call.
    public static func uniqueName(_ prefix: String) -> String {
        "\(prefix)-\(UUID().uuidString.prefix(8).lowercased())"
    }
}

/// Why the servers cannot be used.
public enum TestServersError: Error, CustomStringConvertible {
    case notRunning(String)
    case command(String)

    /// A short description, used in test names and failure messages.
    public var description: String {
        switch self {
        case .notRunning(let path): return "the test Git servers are not running (no \(path)): run scripts/test.sh, or Tests/Servers/servers.sh start"
        case .command(let text): return text
        }
    }
}
