import Foundation
import ISCTestSupport
import Testing

/// One way to reach the test servers: how to write the URL, which flags and environment.
struct Transport: Sendable, CustomStringConvertible {
    let name: String
    var description: String { name }

    static let all = ["file", "git-daemon", "http", "https", "ssh"].map(Transport.init)

    func url(_ servers: TestServers, _ repository: String) -> String {
        switch name {
        case "file": return "file://" + servers.repositoryPath(repository)
        case "git-daemon": return servers["ISC_TEST_GIT_DAEMON_URL"] + repository
        case "http": return servers["ISC_TEST_HTTP_URL"] + repository
        case "https": return servers["ISC_TEST_HTTPS_URL"] + repository
        default: return servers["ISC_TEST_SSH_URL"] + repository
        }
    }

    func arguments(_ servers: TestServers) -> [String] {
        switch name {
        case "http": return ["--allow-insecure-http"]
        case "https": return ["--ca-file", servers.caFile]
        case "ssh": return ["--ssh-key", servers["ISC_TEST_SSH_KEY"], "--known-hosts", servers["ISC_TEST_KNOWN_HOSTS"]]
        default: return []
        }
    }

    func environment(_ servers: TestServers) -> [String: String?] {
        name == "http" || name == "https" ? ["ISC_GIT_TOKEN": servers.httpToken, "ISC_GIT_USER": servers.httpUser] : [:]
    }
}

/// A private HOME and TMPDIR per test, so that nothing of the machine's configuration leaks in
/// and everything iscctl leaves on disk can be inspected. The CA variables of this machine are
/// removed: iscctl must not depend on them.
struct Sandbox {
    let root: URL

    init() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("isc-sandbox-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root.appendingPathComponent("home"), withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: root.appendingPathComponent("tmp"), withIntermediateDirectories: true)
    }

    var environment: [String: String?] {
        [
            "HOME": root.appendingPathComponent("home").path, "TMPDIR": root.appendingPathComponent("tmp").path,
            "GIT_SSL_CAINFO": nil, "SSL_CERT_FILE": nil, "SSL_CERT_DIR": nil, "SSH_AUTH_SOCK": nil,
            "ISC_GIT_TOKEN": nil, "ISC_GIT_USER": nil, "ISC_REPO": nil,
            // A proxy of the machine's environment must not decide where the tests connect.
            "https_proxy": nil, "HTTPS_PROXY": nil, "http_proxy": nil, "HTTP_PROXY": nil, "no_proxy": nil, "NO_PROXY": nil,
            "ISC_PROXY_USER": nil, "ISC_PROXY_PASSWORD": nil,
        ]
    }

    /// Runs `iscctl` inside the sandbox.
    func iscctl(_ arguments: [String], environment extra: [String: String?] = [:]) throws -> ProcessResult {
        try ProcessRunner.iscctl(arguments, environment: environment.merging(extra) { $1 }, currentDirectory: root)
    }

    /// Every regular file left under the sandbox.
    func files() -> [URL] {
        let enumerator = FileManager.default.enumerator(at: root, includingPropertiesForKeys: [.isRegularFileKey])
        return (enumerator?.allObjects as? [URL] ?? []).filter { (try? $0.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true }
    }

    func remove() { try? FileManager.default.removeItem(at: root) }
}

/// Parses the JSON object a write command printed.
func writeResult(_ result: ProcessResult) throws -> [String: Any] {
    try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any], "stdout: \(result.stdout) stderr: \(result.stderr)")
}

@Suite("Git transports: clone, commit, push with the real libgit2 against real servers")
struct TransportTests {
    func write(_ transport: Transport, _ servers: TestServers, _ sandbox: Sandbox, url: String, _ extra: [String]) throws -> ProcessResult {
        try sandbox.iscctl(
            ["write-files", "--repo", url, "--provider", "git", "--json"] + transport.arguments(servers) + extra,
            environment: transport.environment(servers))
    }

    @Test("an empty remote: the first commit creates the branch", arguments: Transport.all)
    func firstCommit(_ transport: Transport) throws {
        let servers = try TestServers.running()
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let repo = try servers.newRepository(TestServers.uniqueName("first-\(transport.name)"))
        let result = try write(transport, servers, sandbox, url: transport.url(servers, repo) + "/isc", ["--put", "a.txt=hello"])
        #expect(result.status == 0, "\(result.stderr)")
        let json = try writeResult(result)
        #expect(json["pushed"] as? Bool == true)
        #expect(json["changed"] as? [String] == ["isc/a.txt"])
        #expect(json["retries"] as? Int == 0)
        let head = try servers.git(repo, ["rev-parse", "main"]).trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(json["commit"] as? String == head)
        #expect(try servers.git(repo, ["show", "main:isc/a.txt"]) == "hello")
        #expect(try servers.git(repo, ["rev-list", "--count", "main"]).trimmingCharacters(in: .whitespacesAndNewlines) == "1")
        // No configuration in HOME: the default author.
        #expect(
            try servers.git(repo, ["log", "-1", "--format=%an <%ae>|%cn <%ce>", "main"]).trimmingCharacters(in: .whitespacesAndNewlines)
                == "iscctl <iscctl@localhost>|iscctl <iscctl@localhost>")
    }

    @Test("an existing branch: the commit's parent is the old tip; the same write again commits nothing", arguments: Transport.all)
    func existingBranch(_ transport: Transport) throws {
        let servers = try TestServers.running()
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let repo = try servers.newRepository(TestServers.uniqueName("existing-\(transport.name)"), withCommitOn: "main")
        let before = try servers.git(repo, ["rev-parse", "main"]).trimmingCharacters(in: .whitespacesAndNewlines)
        let args = ["--put", "envs/prod.yaml=replicas: 2\n", "--author-name", "Ada", "--author-email", "ada@example.com", "--message", "add prod"]
        let result = try write(transport, servers, sandbox, url: transport.url(servers, repo), args)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try servers.git(repo, ["rev-parse", "main^"]).trimmingCharacters(in: .whitespacesAndNewlines) == before)
        #expect(try servers.git(repo, ["show", "main:envs/prod.yaml"]) == "replicas: 2\n")
        #expect(try servers.git(repo, ["show", "main:README.md"]).isEmpty == false)
        #expect(
            try servers.git(repo, ["log", "-1", "--format=%an <%ae> %s", "main"]).trimmingCharacters(in: .whitespacesAndNewlines)
                == "Ada <ada@example.com> add prod")

        let again = try write(transport, servers, sandbox, url: transport.url(servers, repo), args)
        #expect(again.status == 0, "\(again.stderr)")
        let json = try writeResult(again)
        #expect(json["commit"] is NSNull)
        #expect(json["pushed"] as? Bool == false)
        #expect(json["changed"] as? [String] == [])
        #expect(try servers.git(repo, ["rev-list", "--count", "main"]).trimmingCharacters(in: .whitespacesAndNewlines) == "2")
    }

    @Test("a ref branch: missing → conflict (exit 3) unless --create-branch starts it from the default branch", arguments: Transport.all)
    func refBranch(_ transport: Transport) throws {
        let servers = try TestServers.running()
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let repo = try servers.newRepository(TestServers.uniqueName("ref-\(transport.name)"), withCommitOn: "main")
        let url = transport.url(servers, repo) + "?ref=team%2Fisc"
        let missing = try write(transport, servers, sandbox, url: url, ["--put", "x=1"])
        #expect(missing.status == 3)
        #expect(missing.stderr.contains("team/isc") && missing.stderr.contains("--create-branch"))
        #expect(missing.stdout.contains("\"branch-not-found\""))

        let created = try write(transport, servers, sandbox, url: url, ["--put", "x=1", "--create-branch"])
        #expect(created.status == 0, "\(created.stderr)")
        let main = try servers.git(repo, ["rev-parse", "main"]).trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(try servers.git(repo, ["rev-parse", "team/isc^"]).trimmingCharacters(in: .whitespacesAndNewlines) == main)
        #expect(try servers.git(repo, ["show", "team/isc:x"]) == "1")

        let next = try write(transport, servers, sandbox, url: url, ["--put", "y=2"])
        #expect(next.status == 0, "\(next.stderr)")
        #expect(try servers.git(repo, ["rev-list", "--count", "team/isc"]).trimmingCharacters(in: .whitespacesAndNewlines) == "3")
        #expect(try servers.git(repo, ["rev-parse", "main"]).trimmingCharacters(in: .whitespacesAndNewlines) == main)

        // On an empty remote the ref names the first branch.
        let empty = try servers.newRepository(TestServers.uniqueName("ref-empty-\(transport.name)"))
        let first = try write(transport, servers, sandbox, url: transport.url(servers, empty) + "?ref=release", ["--put", "z=3"])
        #expect(first.status == 0, "\(first.stderr)")
        #expect(try servers.git(empty, ["show", "release:z"]) == "3")
    }
}
