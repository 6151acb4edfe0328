import Foundation
import ISCTestSupport
import Testing

@testable import ISCCore
@testable import ISCKit

/// Remote operations against the real servers of `Tests/Servers/servers.sh` (https, http, ssh,
/// git daemon). Skipped when its env file is absent; CI always starts the servers.
@Suite("GitLayer servers (https, ssh, git daemon)")
struct GitLayerServerTests {
    let env: [String: String]
    let d = GitLayerFixtures.data

    init() throws {
        env = try GitLayerFixtures.serversEnv()
    }

    /// A fresh bare repository on the servers (via Tests/Servers/new-repo.sh); returns its name
    /// (`<name>.git` under every server URL) and its path.
    func newRepo(emptyOrBranch branch: String? = "main") throws -> (name: String, path: String) {
        let servers = try TestServers.running()
        let repository = try servers.newRepository(TestServers.uniqueName("gitlayer"), withCommitOn: branch)
        return (repository, servers.repositoryPath(repository))
    }

    func declineAllPushes(_ repoPath: String) throws {
        let hook = repoPath + "/hooks/pre-receive"
        try "#!/bin/sh\necho 'policy: pushes to this repo are closed' >&2\nexit 1\n"
            .write(toFile: hook, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: hook)
    }

    var token: String { env["ISC_TEST_HTTP_TOKEN"]! }
    var httpsOptions: RemoteOptions {
        RemoteOptions(
            credentials: .userPassword(username: env["ISC_TEST_HTTP_USER"]!, password: token),
            trust: TrustPolicy(caFile: env["ISC_TEST_CA_FILE"]!), timeout: .seconds(60))
    }
    var sshOptions: RemoteOptions {
        RemoteOptions(
            credentials: .sshKey(username: env["ISC_TEST_SSH_USER"]!, privateKeyPath: env["ISC_TEST_SSH_KEY"]!),
            trust: TrustPolicy(knownHostsPath: env["ISC_TEST_KNOWN_HOSTS"]!), timeout: .seconds(60))
    }

    /// list → fetch → commit → push → check with the git CLI, over one URL.
    func roundTrip(url: String, repoPath: String, options: RemoteOptions) throws {
        let heads = try Repository.listRemote(url: url, options: options)
        #expect(heads.defaultBranch == "main")
        let serverTip = try #require(GitLayerFixtures.cliTip(repoPath, "main"))
        #expect(heads.heads["main"]?.hex == serverTip)

        let dir = try GitLayerFixtures.temporaryDirectory()
        defer { GitLayerFixtures.remove(dir) }
        let cache = try Repository.createBare(at: dir + "/cache.git")
        let tip = try #require(try cache.fetch(url: url, branch: "main", options: options))
        #expect(tip.hex == serverTip)
        #expect(try cache.blob(at: "README.md", inCommit: tip) != nil)

        let next = try GitLayerFixtures.commit(cache, parent: tip, ["isc.yaml": d("via \(url)\n")], message: "from libgit2")
        try cache.push(url: url, commit: next, branch: "main", options: options)
        #expect(GitLayerFixtures.cliTip(repoPath, "main") == next.hex)
        let log = try GitLayerFixtures.git(["--git-dir=\(repoPath)", "log", "--format=%H %s", "-1", "main"])
        #expect(log == "\(next.hex) from libgit2\n")
        let pushLog = try String(contentsOfFile: repoPath + "/push.log", encoding: .utf8)
        #expect(pushLog == "\(tip.hex) \(next.hex) refs/heads/main\n")

        // Nothing about the remote or the credentials in the cache's config.
        let config = try String(contentsOfFile: dir + "/cache.git/config", encoding: .utf8)
        #expect(!config.contains("remote"))
        #expect(!config.contains(token))
    }

    // MARK: HTTPS / HTTP

    @Test func httpsWithTokenAndTestCA() throws {
        let repo = try newRepo()
        defer { GitLayerFixtures.remove(repo.path) }
        try roundTrip(url: env["ISC_TEST_HTTPS_URL"]! + repo.name, repoPath: repo.path, options: httpsOptions)
    }

    @Test func httpWithToken() throws {
        let repo = try newRepo()
        defer { GitLayerFixtures.remove(repo.path) }
        var options = httpsOptions
        options.trust = TrustPolicy()
        try roundTrip(url: env["ISC_TEST_HTTP_URL"]! + repo.name, repoPath: repo.path, options: options)
    }

    @Test func httpsEmptyRemoteFirstPushCreatesBranch() throws {
        let repo = try newRepo(emptyOrBranch: nil)
        defer { GitLayerFixtures.remove(repo.path) }
        let url = env["ISC_TEST_HTTPS_URL"]! + repo.name
        let heads = try Repository.listRemote(url: url, options: httpsOptions)
        #expect(heads == RemoteHeads(defaultBranch: nil, heads: [:]))
        let dir = try GitLayerFixtures.temporaryDirectory()
        defer { GitLayerFixtures.remove(dir) }
        let cache = try Repository.createBare(at: dir + "/cache.git")
        #expect(try cache.fetch(url: url, branch: "main", options: httpsOptions) == nil)
        let first = try GitLayerFixtures.commit(cache, parent: nil, ["isc.yaml": d("v: 1\n")])
        try cache.push(url: url, commit: first, branch: "main", options: httpsOptions)
        #expect(GitLayerFixtures.cliTip(repo.path, "main") == first.hex)
    }

    @Test func httpsWrongTokenFailsOnceWithAuthentication() throws {
        let repo = try newRepo()
        defer { GitLayerFixtures.remove(repo.path) }
        let url = env["ISC_TEST_HTTPS_URL"]! + repo.name
        var options = httpsOptions
        let wrong = "isc-canary-wrong-token-0123456789"
        options.credentials = .userPassword(username: env["ISC_TEST_HTTP_USER"]!, password: wrong)
        let error = try #require(throws: GitError.self) { try Repository.listRemote(url: url, options: options) }
        #expect(error.kind == .authentication, "\(error)")
        #expect(error.message.hasPrefix("authentication failed for https://localhost:"), "\(error.message)")
        #expect(error.credentialRequests == 2, "asked \(error.credentialRequests) times")
        // No credential loop: counted (two requests), not timed.
        #expect(!error.message.contains(wrong))

        // Push with a wrong token: same, and nothing reaches the server.
        let dir = try GitLayerFixtures.temporaryDirectory()
        defer { GitLayerFixtures.remove(dir) }
        let cache = try Repository.createBare(at: dir + "/cache.git")
        let commit = try GitLayerFixtures.commit(cache, parent: nil, ["x": d("x")])
        let pushError = try #require(throws: GitError.self) {
            try cache.push(url: url, commit: commit, branch: "other", options: options)
        }
        #expect(pushError.kind == .authentication, "\(pushError)")
        #expect(pushError.credentialRequests <= 2)
        #expect(GitLayerFixtures.cliTip(repo.path, "other") == nil)

        // No credentials at all.
        options.credentials = .none
        let none = try #require(throws: GitError.self) { try Repository.listRemote(url: url, options: options) }
        #expect(none.kind == .authentication, "\(none)")
        #expect(none.credentialRequests == 1)
    }

    @Test func httpsWithoutTheTestCAIsRefusedThenAcceptedWithIt() throws {
        let repo = try newRepo()
        defer { GitLayerFixtures.remove(repo.path) }
        let url = env["ISC_TEST_HTTPS_URL"]! + repo.name
        var options = httpsOptions
        // The CA file set by a previous operation must not leak into this one.
        _ = try Repository.listRemote(url: url, options: options)
        options.trust = TrustPolicy()
        let error = try #require(throws: GitError.self) { try Repository.listRemote(url: url, options: options) }
        #expect(error.kind == .certificate, "\(error)")
        #expect(error.message.contains("localhost"))
        #expect(error.credentialRequests == 0)

        options.trust = TrustPolicy(insecureSkipTLSVerify: true)
        #expect(try Repository.listRemote(url: url, options: options).heads["main"] != nil)

        options.trust = TrustPolicy(caFile: "/nonexistent/ca.pem")
        let missing = try #require(throws: GitError.self) { try Repository.listRemote(url: url, options: options) }
        #expect(missing.kind == .certificate)

        options.trust = TrustPolicy(caFile: env["ISC_TEST_CA_FILE"]!)
        #expect(try Repository.listRemote(url: url, options: options).heads["main"] != nil)
    }

    @Test func missingRepositoryIsNotFound() throws {
        let https = try #require(throws: GitError.self) {
            try Repository.listRemote(url: env["ISC_TEST_HTTPS_URL"]! + "gitlayer-missing.git", options: httpsOptions)
        }
        #expect(https.kind == .notFound, "\(https)")
        let ssh = try #require(throws: GitError.self) {
            try Repository.listRemote(url: env["ISC_TEST_SSH_URL"]! + "gitlayer-missing.git", options: sshOptions)
        }
        #expect(ssh.kind == .notFound, "\(ssh)")
        let daemon = try #require(throws: GitError.self) {
            try Repository.listRemote(url: env["ISC_TEST_GIT_DAEMON_URL"]! + "gitlayer-missing.git")
        }
        #expect(daemon.kind == .notFound, "\(daemon)")
    }

    // MARK: SSH

    @Test func sshWithKeyAndKnownHosts() throws {
        let repo = try newRepo()
        defer { GitLayerFixtures.remove(repo.path) }
        try roundTrip(url: env["ISC_TEST_SSH_URL"]! + repo.name, repoPath: repo.path, options: sshOptions)
        // Without a user in the URL libgit2 first asks for a user name only (GIT_CREDENTIAL_USERNAME).
        let withoutUser = env["ISC_TEST_SSH_URL"]!.replacingOccurrences(of: env["ISC_TEST_SSH_USER"]! + "@", with: "")
        #expect(!withoutUser.contains("@"))
        #expect(try Repository.listRemote(url: withoutUser + repo.name, options: sshOptions).heads["main"] != nil)
    }

    @Test func sshWithHashedKnownHostsAndECDSAKey() throws {
        let repo = try newRepo()
        defer { GitLayerFixtures.remove(repo.path) }
        var options = sshOptions
        options.credentials = .sshKey(
            username: env["ISC_TEST_SSH_USER"]!, privateKeyPath: env["ISC_TEST_SSH_ECDSA_KEY"]!,
            publicKeyPath: env["ISC_TEST_SSH_ECDSA_KEY"]! + ".pub")
        options.trust = TrustPolicy(knownHostsPath: env["ISC_TEST_KNOWN_HOSTS_HASHED"]!)
        try roundTrip(url: env["ISC_TEST_SSH_URL"]! + repo.name, repoPath: repo.path, options: options)
    }

    @Test func sshUnknownHostKeyIsRefused() throws {
        let repo = try newRepo()
        defer { GitLayerFixtures.remove(repo.path) }
        let dir = try GitLayerFixtures.temporaryDirectory()
        defer { GitLayerFixtures.remove(dir) }
        let emptyKnownHosts = dir + "/known_hosts"
        try "# nothing yet\n".write(toFile: emptyKnownHosts, atomically: true, encoding: .utf8)
        var options = sshOptions
        options.trust = TrustPolicy(knownHostsPath: emptyKnownHosts)
        let error = try #require(throws: GitError.self) {
            try Repository.listRemote(url: env["ISC_TEST_SSH_URL"]! + repo.name, options: options)
        }
        #expect(error.kind == .certificate, "\(error)")
        let expected =
            "unknown SSH host key for [127.0.0.1]:\(env["ISC_TEST_SSH_PORT"]!) "
            + "(ED25519 \(env["ISC_TEST_SSH_HOST_KEY_SHA256"]!)); add it to \(emptyKnownHosts)"
        #expect(error.message == expected)
        #expect(error.credentialRequests == 0)
    }

    @Test func sshChangedHostKeyIsRefused() throws {
        let repo = try newRepo()
        defer { GitLayerFixtures.remove(repo.path) }
        var options = sshOptions
        options.trust = TrustPolicy(knownHostsPath: env["ISC_TEST_KNOWN_HOSTS_WRONG"]!)
        let error = try #require(throws: GitError.self) {
            try Repository.listRemote(url: env["ISC_TEST_SSH_URL"]! + repo.name, options: options)
        }
        #expect(error.kind == .certificate, "\(error)")
        #expect(error.message.contains("has CHANGED"))
        #expect(error.message.contains(env["ISC_TEST_SSH_HOST_KEY_SHA256"]!))
    }

    @Test func sshWrongClientKeyIsRefusedOnce() throws {
        let repo = try newRepo()
        defer { GitLayerFixtures.remove(repo.path) }
        let dir = try GitLayerFixtures.temporaryDirectory()
        defer { GitLayerFixtures.remove(dir) }
        try GitLayerFixtures.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", dir + "/stranger"])
        var options = sshOptions
        options.credentials = .sshKey(username: env["ISC_TEST_SSH_USER"]!, privateKeyPath: dir + "/stranger")
        let error = try #require(throws: GitError.self) {
            try Repository.listRemote(url: env["ISC_TEST_SSH_URL"]! + repo.name, options: options)
        }
        #expect(error.kind == .authentication, "\(error)")
        #expect(error.message.hasPrefix("authentication failed for ssh://"), "\(error.message)")
        #expect(error.credentialRequests == 2)

        options.credentials = .sshKey(username: env["ISC_TEST_SSH_USER"]!, privateKeyPath: dir + "/missing-key")
        let missing = try #require(throws: GitError.self) {
            try Repository.listRemote(url: env["ISC_TEST_SSH_URL"]! + repo.name, options: options)
        }
        #expect(missing.kind == .authentication)
        #expect(missing.message.contains("missing-key"))
    }

    @Test func sshAgentKeys() throws {
        let repo = try newRepo()
        defer { GitLayerFixtures.remove(repo.path) }
        let dir = try GitLayerFixtures.temporaryDirectory()
        defer { GitLayerFixtures.remove(dir) }
        let socket = dir + "/agent.sock"
        let agent = Process()
        agent.executableURL = URL(fileURLWithPath: "/usr/bin/ssh-agent")
        agent.arguments = ["-D", "-a", socket]
        agent.standardOutput = FileHandle.nullDevice
        agent.standardError = FileHandle.nullDevice
        try agent.run()
        defer {
            kill(agent.processIdentifier, SIGKILL)
            agent.waitUntilExit()
        }
        // ssh-agent -D creates the socket before it serves; wait for it (or for the agent's end),
        // however long that takes here.
        while !FileManager.default.fileExists(atPath: socket) && agent.isRunning { usleep(10_000) }
        try GitLayerFixtures.run(["ssh-add", "-q", env["ISC_TEST_SSH_KEY"]!], environment: ["SSH_AUTH_SOCK": socket])
        // libssh2 reads SSH_AUTH_SOCK from the process environment. No other GitLayer test uses
        // the agent; the variable is unset again below.
        setenv("SSH_AUTH_SOCK", socket, 1)
        defer { unsetenv("SSH_AUTH_SOCK") }
        var options = sshOptions
        options.credentials = .sshAgent(username: env["ISC_TEST_SSH_USER"]!)
        try roundTrip(url: env["ISC_TEST_SSH_URL"]! + repo.name, repoPath: repo.path, options: options)
    }

    // MARK: git daemon, and refusals on every transport

    @Test func gitDaemonRoundTrip() throws {
        let repo = try newRepo()
        defer { GitLayerFixtures.remove(repo.path) }
        try roundTrip(
            url: env["ISC_TEST_GIT_DAEMON_URL"]! + repo.name, repoPath: repo.path,
            options: RemoteOptions(timeout: .seconds(60)))
    }

    @Test(arguments: ["https", "ssh", "git"])
    func preReceiveRefusalOnEveryTransport(_ transport: String) throws {
        let repo = try newRepo()
        defer { GitLayerFixtures.remove(repo.path) }
        try declineAllPushes(repo.path)
        let (url, options): (String, RemoteOptions)
        switch transport {
        case "https": (url, options) = (env["ISC_TEST_HTTPS_URL"]! + repo.name, httpsOptions)
        case "ssh": (url, options) = (env["ISC_TEST_SSH_URL"]! + repo.name, sshOptions)
        default: (url, options) = (env["ISC_TEST_GIT_DAEMON_URL"]! + repo.name, RemoteOptions())
        }
        let dir = try GitLayerFixtures.temporaryDirectory()
        defer { GitLayerFixtures.remove(dir) }
        let cache = try Repository.createBare(at: dir + "/cache.git")
        let before = try #require(try cache.fetch(url: url, branch: "main", options: options))
        let next = try GitLayerFixtures.commit(cache, parent: before, ["x": d("x")])
        let error = try #require(throws: GitError.self) { try cache.push(url: url, commit: next, branch: "main", options: options) }
        #expect(error.kind == .refusedByServer(ref: "refs/heads/main", reason: "pre-receive hook declined"), "\(error)")
        #expect(error.message.contains("policy: pushes to this repo are closed"), "\(error.message)")
        #expect(!error.message.contains(token))
        #expect(GitLayerFixtures.cliTip(repo.path, "main") == before.hex)
    }

    @Test func nonFastForwardOverHTTPS() throws {
        let repo = try newRepo()
        defer { GitLayerFixtures.remove(repo.path) }
        let url = env["ISC_TEST_HTTPS_URL"]! + repo.name
        let dir = try GitLayerFixtures.temporaryDirectory()
        defer { GitLayerFixtures.remove(dir) }
        let a = try Repository.createBare(at: dir + "/a.git")
        let b = try Repository.createBare(at: dir + "/b.git")
        let base = try #require(try a.fetch(url: url, branch: "main", options: httpsOptions))
        #expect(try b.fetch(url: url, branch: "main", options: httpsOptions) == base)
        let fromA = try GitLayerFixtures.commit(a, parent: base, ["f": d("a")])
        try a.push(url: url, commit: fromA, branch: "main", options: httpsOptions)
        let fromB = try GitLayerFixtures.commit(b, parent: base, ["f": d("b")])
        let error = try #require(throws: GitError.self) { try b.push(url: url, commit: fromB, branch: "main", options: httpsOptions) }
        #expect(error.kind == .nonFastForward, "\(error)")
        #expect(GitLayerFixtures.cliTip(repo.path, "main") == fromA.hex)
    }
}
