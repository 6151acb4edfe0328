import Foundation
import ISCTestSupport
import Testing

/// Refusals, concurrency, timeouts and secret hygiene against the real servers.
@Suite("Git safety: refusals, concurrent writers, timeouts, secrets")
struct GitSafetyTests {
    let https = Transport(name: "https")
    let ssh = Transport(name: "ssh")

    func write(_ sandbox: Sandbox, _ url: String, _ args: [String], env: [String: String?]) throws -> ProcessResult {
        try sandbox.iscctl(["write-files", "--repo", url, "--provider", "git", "--json"] + args, environment: env)
    }

    @Test("a wrong token: exit 1, one authentication error, the token nowhere in the output")
    func wrongToken() throws {
        let servers = try TestServers.running()
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let repo = try servers.newRepository(TestServers.uniqueName("wrong-token"), withCommitOn: "main")
        let canary = "isc-wrong-canary-\(UUID().uuidString)"
        let result = try write(
            sandbox, https.url(servers, repo), ["--ca-file", servers.caFile, "--put", "a=1"],
            env: ["ISC_GIT_TOKEN": canary, "ISC_GIT_USER": servers.httpUser])
        #expect(result.status == 1)
        #expect(result.stdout.contains("\"authentication-failed\""))
        #expect(result.stderr.hasPrefix("error: ") && result.stderr.lowercased().contains("authentication"))
        #expect(!result.stdout.contains(canary) && !result.stderr.contains(canary))
        // Rejected credentials end the run (no credential loop, which would never end with
        // "authentication-failed"); that libgit2 asks exactly twice is counted in
        // GitLayerServerTests.httpsWrongTokenFailsOnceWithAuthentication, not timed here.
        #expect(sandbox.filesOutsideTheCache().isEmpty, "left behind: \(sandbox.filesOutsideTheCache())")
        try sandbox.expectCacheFree(of: canary)
    }

    @Test("https without the private CA is refused; with --ca-file it works; --insecure-skip-tls-verify says so on stderr")
    func untrustedCA() throws {
        let servers = try TestServers.running()
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let repo = try servers.newRepository(TestServers.uniqueName("untrusted"), withCommitOn: "main")
        let env: [String: String?] = ["ISC_GIT_TOKEN": servers.httpToken, "ISC_GIT_USER": servers.httpUser]
        let refused = try write(sandbox, https.url(servers, repo), ["--put", "a=1"], env: env)
        #expect(refused.status == 1)
        #expect(refused.stdout.contains("\"untrusted-server\""), "\(refused.stderr)")
        #expect(try servers.git(repo, ["rev-list", "--count", "main"]).trimmingCharacters(in: .whitespacesAndNewlines) == "1")

        let insecure = try write(sandbox, https.url(servers, repo), ["--put", "b=2", "--insecure-skip-tls-verify"], env: env)
        #expect(insecure.status == 0, "\(insecure.stderr)")
        #expect(insecure.stderr.contains("TLS certificate verification is disabled"))
    }

    @Test("ssh host keys: unknown and changed keys are refused with the fingerprint; hashed entries and ECDSA keys work")
    func sshHostKeys() throws {
        let servers = try TestServers.running()
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let repo = try servers.newRepository(TestServers.uniqueName("hostkeys"), withCommitOn: "main")
        let url = ssh.url(servers, repo)
        let emptyKnownHosts = sandbox.root.appendingPathComponent("home/known_hosts_empty")
        try Data().write(to: emptyKnownHosts)
        let key = servers["ISC_TEST_SSH_KEY"]

        let unknown = try write(sandbox, url, ["--ssh-key", key, "--known-hosts", emptyKnownHosts.path, "--put", "a=1"], env: [:])
        #expect(unknown.status == 1)
        #expect(unknown.stdout.contains("\"untrusted-server\""))
        #expect(unknown.stderr.contains("SHA256:") && unknown.stderr.lowercased().contains("unknown"), "\(unknown.stderr)")
        #expect(unknown.stderr.contains(servers["ISC_TEST_SSH_HOST_KEY_SHA256"].replacingOccurrences(of: "SHA256:", with: "")), "\(unknown.stderr)")

        let changed = try write(sandbox, url, ["--ssh-key", key, "--known-hosts", servers["ISC_TEST_KNOWN_HOSTS_WRONG"], "--put", "a=1"], env: [:])
        #expect(changed.status == 1)
        #expect(changed.stderr.contains("CHANGED"), "\(changed.stderr)")
        #expect(try servers.git(repo, ["rev-list", "--count", "main"]).trimmingCharacters(in: .whitespacesAndNewlines) == "1")

        let hashed = try write(sandbox, url, ["--ssh-key", key, "--known-hosts", servers["ISC_TEST_KNOWN_HOSTS_HASHED"], "--put", "a=1"], env: [:])
        #expect(hashed.status == 0, "\(hashed.stderr)")
        let ecdsa = try write(
            sandbox, url, ["--ssh-key", servers["ISC_TEST_SSH_ECDSA_KEY"], "--known-hosts", servers["ISC_TEST_KNOWN_HOSTS"], "--put", "b=2"], env: [:])
        #expect(ecdsa.status == 0, "\(ecdsa.stderr)")
        #expect(try servers.git(repo, ["show", "main:b"]) == "2")
    }

    @Test("a pre-receive hook that declines: an error (libgit2 returns 0 there), and the branch is unchanged", arguments: ["https", "ssh", "git-daemon"])
    func hookDeclines(_ name: String) throws {
        let transport = Transport(name: name)
        let servers = try TestServers.running()
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let repo = try servers.newRepository(TestServers.uniqueName("declined-\(name)"), withCommitOn: "main")
        let hook = URL(fileURLWithPath: servers.repositoryPath(repo)).appendingPathComponent("hooks/pre-receive")
        try "#!/bin/sh\necho 'policy: pushes to main need a review' >&2\nexit 1\n".write(to: hook, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: hook.path)
        let before = try servers.git(repo, ["rev-parse", "main"])
        let result = try sandbox.iscctl(
            ["write-files", "--repo", transport.url(servers, repo), "--provider", "git", "--json", "--put", "a=1"]
                + transport.arguments(servers), environment: transport.environment(servers))
        #expect(result.status == 1, "\(result.stdout) \(result.stderr)")
        #expect(result.stdout.contains("\"push-refused\""), "\(result.stdout)")
        #expect(result.stderr.contains("main"))
        #expect(try servers.git(repo, ["rev-parse", "main"]) == before)
    }

    @Test(
        "8 writers at once over https, every push held until all collide: 28 lost races forced, each retried on the new tip; all 8 files land, history is linear, nothing is forced"
    )
    func concurrentWriters() throws {
        let servers = try TestServers.running()
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let repo = try servers.newRepository(TestServers.uniqueName("race"), withCommitOn: "main")
        // The collisions are forced on the server, not left to scheduling: each round, the gate's
        // pre-receive hook holds every push (pack in, ref not yet updated) until all writers
        // still pushing have arrived, lets one through and releases the others once its update
        // has landed, so their updates fail on a branch that moved (Tests/Servers/race-gate.sh).
        // Round k has 9 - k writers and one winner: the winner of round k lost k - 1 races.
        let gate = try ProcessRunner.run(
            TestPaths.packageRoot.appendingPathComponent("Tests/Servers/race-gate.sh"),
            [servers.repositoryPath(repo), "8"])
        #expect(gate.status == 0, "\(gate.stderr)")
        let url = https.url(servers, repo)
        let env = sandbox.environment.merging(["ISC_GIT_TOKEN": servers.httpToken, "ISC_GIT_USER": servers.httpUser]) { $1 }
        // Eight processes started before any is waited for (DispatchQueue.concurrentPerform would
        // run only as many at once as there are cores). Each writer has a cache of its own, as on
        // 8 machines: writers sharing one cache take turns on its lock and never race (CacheTests
        // covers that). A writer waits at most until the last one has fetched and pushed: far
        // below the idle timeout (60 s), on any machine that runs the suite at all.
        let writers = try (0..<8).map { index in
            try SpawnedProcess(
                TestPaths.iscctl,
                [
                    "write-files", "--repo", url, "--provider", "git", "--json", "--ca-file", servers.caFile,
                    "--cache-dir", sandbox.root.appendingPathComponent("cache-\(index)").path,
                    "--retries", "12", "--put", "writers/w\(index).txt=\(index)",
                ], environment: env)
        }
        var retries: [Int] = []
        for writer in writers {
            let ending = writer.wait()
            #expect(ending == .exited(0), "\(ending): \(writer.stderr)")
            let object = (try? JSONSerialization.jsonObject(with: Data(writer.stdout.utf8))) as? [String: Any]
            retries.append(object?["retries"] as? Int ?? -1)
        }
        // Every lost race was seen as one and retried on the new tip: 0 + 1 + ... + 7.
        #expect(retries.sorted() == Array(0..<8), "retries per writer: \(retries)")
        let files = try servers.git(repo, ["ls-tree", "--name-only", "main", "writers/"]).split(separator: "\n").map(String.init)
        #expect(files == (0..<8).map { "writers/w\($0).txt" })
        // Linear: every commit has at most one parent, 1 + 8 commits in all.
        let parents = try servers.git(repo, ["rev-list", "--parents", "main"]).split(separator: "\n")
        #expect(parents.count == 9)
        #expect(parents.allSatisfy { $0.split(separator: " ").count <= 2 })
        // The server's push log: each update starts where the previous one ended (no forced update).
        let log = try String(contentsOfFile: servers.repositoryPath(repo) + "/push.log", encoding: .utf8)
            .split(separator: "\n").map { $0.split(separator: " ").map(String.init) }.filter { $0.count == 3 && $0[2] == "refs/heads/main" }
        #expect(log.count == 8)
        let initial = parents.last.map { String($0) } ?? ""
        #expect(log.first?[0] == initial)
        for (previous, next) in zip(log, log.dropFirst()) {
            #expect(next[0] == previous[1], "forced or out-of-order update: \(previous) → \(next)")
        }
    }

    @Test("progress is drawn on stderr when it is a terminal, and not with --quiet or without a terminal")
    func progressOnTerminal() throws {
        let servers = try TestServers.running()
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let repo = try servers.newRepository(TestServers.uniqueName("progress"), withCommitOn: "main")
        let env: [String: String?] = ["ISC_GIT_TOKEN": servers.httpToken, "ISC_GIT_USER": servers.httpUser]
        func command(_ extra: String) -> String {
            "'\(TestPaths.iscctl.path)' write-files --repo '\(https.url(servers, repo))' --provider git --ca-file '\(servers.caFile)' \(extra)"
        }
        // `script` gives the command a pseudo-terminal.
        let terminal = try ProcessRunner.run(
            URL(fileURLWithPath: "/usr/bin/script"), ["-qefc", command("--put a=1"), "/dev/null"],
            environment: sandbox.environment.merging(env) { $1 })
        #expect(terminal.status == 0, "\(terminal.stdout)")
        #expect(terminal.stdout.contains("Receiving objects: 100% (3/3)") && terminal.stdout.contains("Writing objects: 100%"), "\(terminal.stdout)")
        let quiet = try ProcessRunner.run(
            URL(fileURLWithPath: "/usr/bin/script"), ["-qefc", command("--put b=1 --quiet"), "/dev/null"],
            environment: sandbox.environment.merging(env) { $1 })
        #expect(quiet.status == 0)
        #expect(!quiet.stdout.contains("objects"), "\(quiet.stdout)")
        let piped = try write(sandbox, https.url(servers, repo), ["--ca-file", servers.caFile, "--put", "c=1"], env: env)
        #expect(piped.status == 0 && piped.stderr.isEmpty, "\(piped.stderr)")
    }

    @Test("--timeout: a server that accepts and never answers ends in exit 1 (timed-out), nothing left on disk")
    func timeout() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let server = try BlackHoleServer()
        defer { server.stop() }
        let started = ContinuousClock.now
        let result = try write(sandbox, "http://127.0.0.1:\(server.port)/isc.git", ["--timeout", "2", "--put", "a=1"], env: [:])
        let elapsed = ContinuousClock.now - started
        // The server never answers and never closes: only the timeout can end the run. It cannot
        // end before 2 s (a lower bound no load can break); how much later is not asserted.
        #expect(result.status == 1)
        #expect(result.stdout.contains("\"timed-out\""))
        #expect(elapsed >= .seconds(2), "took \(elapsed)")
        #expect(sandbox.filesOutsideTheCache().isEmpty, "left behind: \(sandbox.filesOutsideTheCache())")
    }

    @Test("secret hygiene: the canary token never reaches output, files left on disk, or the remote")
    func secretHygiene() throws {
        let servers = try TestServers.running()
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let repo = try servers.newRepository(TestServers.uniqueName("hygiene"), withCommitOn: "main")
        let canary = servers.httpToken
        let tokenFile = sandbox.root.appendingPathComponent("token")
        try (canary + "\n").write(to: tokenFile, atomically: true, encoding: .utf8)
        let env: [String: String?] = ["ISC_GIT_TOKEN": canary, "ISC_GIT_USER": servers.httpUser]
        var outputs: [ProcessResult] = []
        outputs.append(try write(sandbox, https.url(servers, repo) + "/isc", ["--ca-file", servers.caFile, "--put", "a.txt=1"], env: env))
        outputs.append(try write(sandbox, https.url(servers, repo) + "/isc", ["--ca-file", servers.caFile, "--put", "a.txt=2", "--dry-run"], env: env))
        outputs.append(
            try sandbox.iscctl(
                [
                    "write-files", "--repo", https.url(servers, repo), "--provider", "git", "--ca-file", servers.caFile,
                    "--git-token-file", tokenFile.path, "--put", "b.txt=1",
                ], environment: ["ISC_GIT_USER": servers.httpUser]))
        outputs.append(try write(sandbox, https.url(servers, repo), ["--put", "c.txt=1"], env: env))  // untrusted CA
        outputs.append(try write(sandbox, servers["ISC_TEST_HTTP_URL"] + repo, ["--put", "c.txt=1"], env: env))  // refused: token over http
        outputs.append(
            try sandbox.iscctl(
                [
                    "write-files", "--repo", https.url(servers, repo) + "?ref=nope", "--provider", "git",
                    "--ca-file", servers.caFile, "--put", "c.txt=1",
                ], environment: env))
        #expect(outputs.map(\.status) == [0, 0, 0, 1, 2, 3])
        for output in outputs {
            #expect(!output.stdout.contains(canary) && !output.stderr.contains(canary))
        }
        // Nothing the tool left on disk holds it: apart from the cache (~/.cache/iscctl) the only
        // file left is our own token file, and no file of the cache holds the token.
        for file in sandbox.filesOutsideTheCache() where file.path != tokenFile.path {
            Issue.record("iscctl left \(file.path) on disk")
        }
        try sandbox.expectCacheFree(of: canary)
        // Not in the remote: its config, its refs, nor any object.
        let objects = try servers.git(repo, ["cat-file", "--batch-all-objects", "--batch"])
        #expect(!objects.contains(canary))
        let config = try String(contentsOfFile: servers.repositoryPath(repo) + "/config", encoding: .utf8)
        #expect(!config.contains(canary))
    }
}

extension Sandbox {
    /// The default cache directory inside the sandbox (`$HOME/.cache/iscctl`).
    var cacheDirectory: URL { root.appendingPathComponent("home/.cache/iscctl") }

    /// Every regular file left under the sandbox, except the cache's.
    func filesOutsideTheCache() -> [URL] {
        files().filter { !$0.standardizedFileURL.path.hasPrefix(cacheDirectory.standardizedFileURL.path + "/") }
    }

    /// Records an issue for every file of the cache that contains `secret`.
    func expectCacheFree(of secret: String) throws {
        for file in files() where file.standardizedFileURL.path.hasPrefix(cacheDirectory.standardizedFileURL.path + "/") {
            let data = try Data(contentsOf: file)
            #expect(data.range(of: Data(secret.utf8)) == nil, "\(file.path) holds the secret")
        }
    }
}

/// Collects results from concurrent work.
final class ResultBox: @unchecked Sendable {
    private let lock = NSLock()
    private var items: [Result<ProcessResult, any Error>] = []
    func append(_ item: Result<ProcessResult, any Error>) { lock.lock(); items.append(item); lock.unlock() }
    var values: [Result<ProcessResult, any Error>] { lock.lock(); defer { lock.unlock() }; return items }
}

/// A TCP server on 127.0.0.1 that accepts connections and never answers nor closes them, until
/// `stop()` (python3). It binds port 0 and reports the port the kernel gave it.
final class BlackHoleServer {
    let process = Process()
    let port: Int
    /// The server's stdin: it ends itself when this closes (with the test process).
    private let lifeline = Pipe()

    init() throws {
        let script = """
            import os, socket, sys, threading
            def orphaned():
                sys.stdin.read()  # EOF: the test process is gone (stop() was never called)
                os._exit(0)
            threading.Thread(target=orphaned, daemon=True).start()
            s = socket.socket(); s.bind(("127.0.0.1", 0)); s.listen(16)
            print(s.getsockname()[1], flush=True)
            held = []
            while True:
                held.append(s.accept()[0])
            """
        let pipe = Pipe()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script]
        process.standardOutput = pipe
        process.standardInput = lifeline
        try process.run()
        var line = Data()
        while !line.contains(UInt8(ascii: "\n")) {
            let chunk = pipe.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            line.append(chunk)
        }
        guard let port = Int(String(decoding: line, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)) else {
            process.terminate()
            throw TestServersError.command("black-hole server did not start")
        }
        self.port = port
    }

    /// SIGKILL: the test runner's children may inherit an ignored SIGTERM.
    func stop() { kill(process.processIdentifier, SIGKILL); process.waitUntilExit() }
}
