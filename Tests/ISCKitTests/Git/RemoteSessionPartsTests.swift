import Foundation
import Testing

@testable import ISCKit

#if canImport(Glibc)
    import Glibc
#endif

/// The small types a remote session is made of, each alone: no server, no libgit2 callback.
@Suite("Remote session parts: credentials")
struct CredentialPolicyTests {
    static let url = "https://git.example.com/org/isc.git"

    @Test("no credentials: the first request fails, saying none were given")
    func none() {
        var policy = CredentialPolicy(credentials: .none)
        guard case .failure(let error) = policy.answer(url: Self.url, usernameFromURL: nil, allowed: [.userPassword]) else {
            Issue.record("expected a refusal"); return
        }
        #expect(error.kind == .authentication)
        #expect(error.message == "authentication required for \(Self.url) but no credentials were given")
    }

    @Test("a token is offered once per URL; asked again, it was rejected: one authentication error, no loop")
    func tokenOnceThenRejected() throws {
        var policy = CredentialPolicy(credentials: .userPassword(username: "isc", password: "tok-secret-1"))
        #expect(
            try policy.answer(url: Self.url, usernameFromURL: nil, allowed: [.userPassword]).get()
                == .password(username: "isc", password: "tok-secret-1"))
        guard case .failure(let error) = policy.answer(url: Self.url + "?service=git-upload-pack", usernameFromURL: nil, allowed: [.userPassword]) else {
            Issue.record("expected a refusal"); return
        }
        #expect(error.kind == .authentication && error.message.hasPrefix("authentication failed for \(Self.url)"))
        #expect(policy.requests == 2)
        // Another URL (a redirect within the origin) gets it once more.
        #expect(
            try policy.answer(url: "https://git.example.com/other.git", usernameFromURL: nil, allowed: [.userPassword]).get()
                == .password(username: "isc", password: "tok-secret-1"))
    }

    @Test("a user name alone when only that is allowed, then the key; the URL's user wins for ssh")
    func sshUsernameThenKey() throws {
        var policy = CredentialPolicy(credentials: .sshKey(username: "git", privateKeyPath: "/keys/id", publicKeyPath: nil, passphrase: "pp-secret"))
        policy.isReadable = { $0 == "/keys/id" }
        let url = "ssh://deploy@host:2222/isc.git"
        #expect(try policy.answer(url: url, usernameFromURL: "deploy", allowed: [.username]).get() == .username("deploy"))
        #expect(
            try policy.answer(url: url, usernameFromURL: "deploy", allowed: [.sshKey, .username]).get()
                == .keyFile(username: "deploy", publicKey: nil, privateKey: "/keys/id", passphrase: "pp-secret"))
        guard case .failure = policy.answer(url: url, usernameFromURL: "deploy", allowed: [.sshKey]) else {
            Issue.record("a rejected key must not be offered again"); return
        }
        var agent = CredentialPolicy(credentials: .sshAgent(username: "git"))
        #expect(try agent.answer(url: url, usernameFromURL: nil, allowed: [.sshKey]).get() == .agent(username: "git"))
    }

    @Test("what the server does not accept, or a key that cannot be read, is an authentication error naming it")
    func refusals() {
        var token = CredentialPolicy(credentials: .userPassword(username: "u", password: "tok-secret-2"))
        guard case .failure(let error) = token.answer(url: "ssh://h/x", usernameFromURL: nil, allowed: [.sshKey]) else {
            Issue.record("expected a refusal"); return
        }
        #expect(error.message == "ssh://h/x does not accept a user name and password")
        var key = CredentialPolicy(credentials: .sshKey(username: "git", privateKeyPath: "/missing/id"))
        key.isReadable = { _ in false }
        guard case .failure(let unreadable) = key.answer(url: "ssh://h/x", usernameFromURL: nil, allowed: [.sshKey]) else {
            Issue.record("expected a refusal"); return
        }
        #expect(unreadable.message == "cannot read SSH private key /missing/id")
        var agent = CredentialPolicy(credentials: .sshAgent(username: "git"))
        guard case .failure(let noKeys) = agent.answer(url: "https://h/x", usernameFromURL: nil, allowed: [.userPassword]) else {
            Issue.record("expected a refusal"); return
        }
        #expect(noKeys.message == "https://h/x does not accept SSH keys")
    }

    @Test("a hard bound on requests, and messages never show the token")
    func boundAndSecrets() {
        var policy = CredentialPolicy(credentials: .userPassword(username: "u", password: "tok-secret-3"))
        for index in 0..<CredentialPolicy.maximumRequests {
            _ = policy.answer(url: "https://h/\(index)", usernameFromURL: nil, allowed: [.userPassword])
        }
        guard case .failure(let error) = policy.answer(url: "https://u:tok-secret-3@h/new", usernameFromURL: nil, allowed: [.userPassword]) else {
            Issue.record("expected the bound to stop it"); return
        }
        #expect(!error.message.contains("tok-secret-3"), "\(error.message)")
    }
}

@Suite("Remote session parts: trust")
struct ServerTrustTests {
    /// An SSH wire-format key blob: the type, then 32 bytes.
    static func blob(_ type: String, _ fill: UInt8) -> [UInt8] {
        let name = Array(type.utf8)
        return [0, 0, 0, UInt8(name.count)] + name + [0, 0, 0, 32] + [UInt8](repeating: fill, count: 32)
    }

    static func line(_ hosts: String, _ key: [UInt8], marker: String = "") -> String {
        (marker.isEmpty ? "" : marker + " ") + "\(hosts) ssh-ed25519 \(Data(key).base64EncodedString())"
    }

    @Test("TLS: libgit2's verdict stands unless verification is off; a refusal names the CA source")
    func tls() {
        #expect(ServerTrust(policy: TrustPolicy()).tlsCertificate(host: "h", valid: true) == .passthrough)
        #expect(ServerTrust(policy: TrustPolicy(insecureSkipTLSVerify: true)).tlsCertificate(host: "h", valid: false) == .accept)
        #expect(
            ServerTrust(policy: TrustPolicy()).tlsCertificate(host: "h", valid: false)
                == .refuse("the TLS certificate of h is not trusted: verification against the system CA bundle failed"))
        #expect(
            ServerTrust(policy: TrustPolicy(caFile: "/ca.pem")).tlsCertificate(host: "h", valid: false)
                == .refuse("the TLS certificate of h is not trusted: verification against the CA file /ca.pem failed"))
    }

    @Test("SSH host keys against known_hosts: trusted, unknown, changed, revoked, per port")
    func hostKeys() {
        let key = Self.blob("ssh-ed25519", 1), other = Self.blob("ssh-ed25519", 2), revoked = Self.blob("ssh-ed25519", 3)
        let known = KnownHosts(
            parsing: [
                Self.line("[127.0.0.1]:2222", key), Self.line("example.com", other),
                Self.line("*", revoked, marker: "@revoked"),
            ].joined(separator: "\n"))
        let trust = ServerTrust(policy: TrustPolicy(knownHostsPath: "/kh"))
        func check(_ host: String, _ port: Int?, _ key: [UInt8]) -> ServerTrust.Decision {
            trust.sshHostKey(host: host, port: port, key: key, sha256: [UInt8](repeating: 0, count: 32)) { known }
        }
        #expect(check("127.0.0.1", 2222, key) == .accept)
        guard case .refuse(let unknown) = check("127.0.0.1", 22, key) else { Issue.record("port 22 is another entry"); return }
        #expect(unknown.hasPrefix("unknown SSH host key for 127.0.0.1 (ED25519 SHA256:") && unknown.hasSuffix("add it to /kh"), "\(unknown)")
        guard case .refuse(let changed) = check("example.com", nil, key) else { Issue.record("expected changed"); return }
        #expect(changed.contains("has CHANGED"))
        guard case .refuse(let revokedMessage) = check("example.com", nil, revoked) else { Issue.record("expected revoked"); return }
        #expect(revokedMessage.contains("@revoked"))
        // No SHA-256 from libgit2: a SHA-1 fingerprint of the key.
        guard case .refuse(let sha1) = trust.sshHostKey(host: "new", port: nil, key: key, sha256: nil, knownHosts: { known }) else {
            Issue.record("expected unknown"); return
        }
        #expect(sha1.contains("SHA1:" + SHA1.hash(key).map { String(format: "%02x", $0) }.joined()))
    }

    @Test("no key from libgit2, or a known_hosts that cannot be read: refused")
    func missingPieces() {
        let trust = ServerTrust(policy: TrustPolicy(knownHostsPath: "/kh"))
        #expect(
            trust.sshHostKey(host: "h", port: 2200, key: [], sha256: nil) { KnownHosts(entries: []) }
                == .refuse("cannot verify the SSH host key of [h]:2200: libgit2 did not provide the key"))
        struct Unreadable: Error {}
        guard
            case .refuse(let message) = trust.sshHostKey(
                host: "h", port: nil, key: Self.blob("ssh-ed25519", 1), sha256: nil,
                knownHosts: { throw Unreadable() })
        else {
            Issue.record("expected a refusal"); return
        }
        #expect(message.hasPrefix("cannot read known hosts file /kh"))
    }

    @Test("the port of an SSH URL comes from RepositoryURL")
    func sshPorts() {
        #expect(ServerTrust.sshPort(ofURL: "ssh://git@127.0.0.1:2222/srv/x.git") == 2222)
        #expect(ServerTrust.sshPort(ofURL: "ssh://git@example.com/x.git") == 22)
        #expect(ServerTrust.sshPort(ofURL: "git@github.com:org/x.git") == 22)
        #expect(ServerTrust.sshPort(ofURL: "ssh://[::1]:2200/x.git") == 2200)
        #expect(ServerTrust.sshPort(ofURL: "https://example.com/x.git") == nil)
        #expect(ServerTrust.sshPort(ofURL: "/srv/x.git") == nil)
    }
}

@Suite("Remote session parts: progress, deadline and cancellation")
struct TransferControlTests {
    @Test("the deadline counts from the operation's start; the stream gets the idle timeout and the time left")
    func deadline() {
        let start = ContinuousClock.now
        let limited = OperationDeadline(
            operation: "fetch", displayURL: "https://h/x", timeout: .seconds(2),
            idleTimeout: .milliseconds(500), started: start)
        #expect(!limited.isPast(at: start + .seconds(2)))
        #expect(limited.isPast(at: start + .seconds(2) + .milliseconds(1)))
        #expect(limited.streamLimits(at: start + .milliseconds(500)) == (idle: 500, remaining: 1500))
        #expect(limited.streamLimits(at: start + .seconds(5)).remaining == 1, "past the deadline a wait is as short as it gets")
        #expect(limited.timeoutError().message == "fetch https://h/x timed out after 2s (the timeout of one operation)")
        #expect(limited.timeoutError().kind == .timedOut)
        #expect(limited.idleError(origin: "h:443").message == "fetch https://h/x: h:443 sent or accepted nothing for 500ms (idle timeout)")
        let open = OperationDeadline(operation: "push", displayURL: "u", timeout: nil, idleTimeout: nil, started: start)
        #expect(!open.isPast(at: start + .seconds(86_400 * 365)))
        #expect(open.streamLimits(at: start) == (idle: 0, remaining: -1))
    }

    final class Reports: @unchecked Sendable {
        let lock = NSLock()
        var all: [TransferProgress] = []
        func add(_ progress: TransferProgress) { lock.lock(); all.append(progress); lock.unlock() }
    }

    @Test("progress is passed on; packing is its own phase; a push keeps its largest counts; the side band is kept, bounded")
    func monitor() {
        let reports = Reports()
        var monitor = TransferMonitor(report: { reports.add($0) })
        monitor.received(total: 10, received: 4, indexed: 2, bytes: 100)
        monitor.packed(current: 1, total: 3)
        monitor.sending(current: 3, total: 3, bytes: 900)
        monitor.sending(current: 2, total: 3, bytes: 400)
        #expect(monitor.sent.objects == 3 && monitor.sent.bytes == 900)
        #expect(reports.all.first == TransferProgress(direction: .fetch, totalObjects: 10, completedObjects: 4, indexedObjects: 2, bytes: 100))
        #expect(reports.all.map(\.direction) == [.fetch, .packing, .push, .push], "packing is a phase of its own, drawn once")
        for _ in 0..<3 { monitor.sideband(String(repeating: "x", count: 5000)) }
        #expect(monitor.remoteMessages.utf8.count == 10_000, "text stops being kept once past the limit")
    }

    /// A connected pair of sockets (no network).
    static func socketPair() -> (Int32, Int32) {
        var fds: [Int32] = [-1, -1]
        #expect(socketpair(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0, &fds) == 0)
        return (fds[0], fds[1])
    }

    static func readable(_ fd: Int32) -> Bool {
        var poller = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        return poll(&poller, 1, 0) == 1
    }

    @Test("at the deadline every socket of the operation is shut down (a blocked read returns), later ones at once; after the end nothing is")
    func canceller() {
        let canceller = ConnectionCanceller()
        let (a, peerA) = Self.socketPair()
        let (b, peerB) = Self.socketPair()
        defer { for fd in [a, peerA, b, peerB] { close(fd) } }
        canceller.register(a)
        #expect(!Self.readable(a))
        canceller.cancel()
        #expect(canceller.hasCancelled)
        var byte: UInt8 = 0
        #expect(Self.readable(a) && recv(a, &byte, 1, 0) == 0, "a shut-down socket reads end-of-file")
        canceller.register(b)
        #expect(Self.readable(b) && recv(b, &byte, 1, 0) == 0)
        canceller.unregister(b) {}

        let finished = ConnectionCanceller()
        let (c, peerC) = Self.socketPair()
        defer { close(c); close(peerC) }
        finished.register(c)
        finished.finish()
        finished.cancel()
        #expect(!finished.hasCancelled && !Self.readable(c), "an operation that ended is left alone")
    }
}

@Suite("Remote session parts: error classification")
struct RemoteErrorClassifierTests {
    static func error(_ message: String, kind: GitError.Kind = .other, errorClass: Int32 = 0) -> GitError {
        GitError(kind: kind, message: message, errorClass: errorClass)
    }

    @Test("kinds from libgit2's messages where its codes say nothing")
    func kinds() {
        let cases: [(String, GitError.Kind)] = [
            ("push main: cannot push non-fastforwardable reference", .nonFastForward),
            (
                "push main: cannot push because a reference that you are trying to update on the remote contains commits that are not present locally",
                .nonFastForward
            ),
            ("connect: unexpected http status code: 401", .authentication),
            ("connect: unexpected http status code: 403", .authentication),
            ("ssh: error authenticating: username/publickey combination invalid", .authentication),
            ("connect: unexpected http status code: 404", .notFound),
            ("fatal: repository not found", .notFound),
            ("something odd", .other),
        ]
        for (message, kind) in cases {
            #expect(RemoteErrorClassifier.kind(of: Self.error(message)) == kind, "\(message)")
        }
        #expect(RemoteErrorClassifier.kind(of: Self.error("connect: refused", errorClass: RemoteErrorClassifier.errorClassOS)) == .network)
        #expect(RemoteErrorClassifier.kind(of: Self.error("x", kind: .certificate)) == .certificate)
    }

    @Test("the server failing to update the ref is a refusal of that ref when pushing, never a lost race by its words")
    func refUpdateFailures() {
        for message in ["push main: failed to update ref", "remote: error: cannot lock ref 'refs/heads/main': is at 1 but expected 2"] {
            #expect(
                RemoteErrorClassifier.kind(of: Self.error(message), pushing: "refs/heads/main")
                    == .refusedByServer(ref: "refs/heads/main", reason: "failed to update ref"))
            #expect(RemoteErrorClassifier.kind(of: Self.error(message)) != .nonFastForward)
        }
    }

    @Test("refusals reported with success: always refusedByServer, with the server's words, without secrets")
    func refusals() {
        for status in ["fetch first", "non-fast-forward", "failed to update ref", "pre-receive hook declined"] {
            let refusal = RemoteErrorClassifier.refusal(
                ref: "refs/heads/main", status: status,
                remoteMessages: "error: one\r\nremote: two\n\n",
                displayURL: "https://u:***@h/x", secrets: ["tok-secret-4"])
            #expect(refusal.kind == .refusedByServer(ref: "refs/heads/main", reason: status))
            #expect(refusal.message == "push of refs/heads/main to https://u:***@h/x was refused by the server: \(status) (remote: error: one | remote: two)")
        }
        let scrubbed = RemoteErrorClassifier.refusal(ref: "r", status: "no", remoteMessages: "echo tok-secret-4", displayURL: "u", secrets: ["tok-secret-4"])
        #expect(!scrubbed.message.contains("tok-secret-4"))
    }

    @Test("hints for terse messages about broken answers")
    func hints() {
        #expect(RemoteErrorClassifier.hint("early EOF").contains("closed the connection"))
        #expect(RemoteErrorClassifier.hint("http parser error").contains("not HTTP"))
        #expect(RemoteErrorClassifier.hint("bad packet length").contains("not from a Git server"))
        #expect(RemoteErrorClassifier.hint("too many redirects or authentication replays").contains("loop"))
        #expect(RemoteErrorClassifier.hint("fine") == "")
        let refined = RemoteErrorClassifier.refine(Self.error("fetch: early EOF"))
        #expect(refined.message == "fetch: early EOF (the server closed the connection in the middle of its answer)")
    }
}
