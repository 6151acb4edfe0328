import Foundation
import Testing

@testable import ISCCore
@testable import ISCKit

@Suite("Network stream: origins, redirects refused, idle timeout")
struct NetworkStreamTests {
    @Test func originOfURLs() {
        #expect(NetworkOrigin.of(url: "https://git.example.com/org/repo.git") == NetworkOrigin(host: "git.example.com", port: "443"))
        #expect(NetworkOrigin.of(url: "http://Git.Example.com/r") == NetworkOrigin(host: "git.example.com", port: "80"))
        #expect(NetworkOrigin.of(url: "HTTPS://user@localhost:8443/r?ref=x") == NetworkOrigin(host: "localhost", port: "8443"))
        #expect(NetworkOrigin.of(url: "https://u:p@[::1]:08443/r") == NetworkOrigin(host: "::1", port: "8443"))
        #expect(NetworkOrigin.of(url: "https://[::1]/r")?.description == "[::1]:443")
        #expect(NetworkOrigin.of(url: "https://host:/r") == NetworkOrigin(host: "host", port: "443"))
        #expect(NetworkOrigin.of(url: "ssh://git@host/r") == nil)
        #expect(NetworkOrigin.of(url: "git@host:r.git") == nil)
        #expect(NetworkOrigin.of(url: "https:///r") == nil)
        #expect(NetworkOrigin(host: "LOCALHOST", port: "0443") == NetworkOrigin(host: "localhost", port: "443"))
    }

    @Test func anHTTPSessionConnectsOnlyToItsOrigin() throws {
        let session = try RemoteSession(url: "https://isc:secret-value@localhost:8443/r.git", options: RemoteOptions(proxy: .direct), operation: "fetch")
        #expect(session.allowConnection(to: NetworkOrigin(host: "localhost", port: "8443")) == 0)
        #expect(session.allowConnection(to: NetworkOrigin(host: "LocalHost", port: "8443")) == 0)
        #expect(session.allowConnection(to: NetworkOrigin(host: "localhost", port: "8444")) != 0)
        let failure = session.failure
        #expect(failure?.kind == .redirectRefused)
        #expect(failure?.code == "redirect-refused")
        #expect(failure?.message.contains("localhost:8444") == true && failure?.message.contains("localhost:8443") == true)
        #expect(failure?.message.contains("secret-value") == false)
        // Any other host is refused too; ssh and git:// have no redirects: no origin check.
        let other = try RemoteSession(url: "http://127.0.0.1:80/r.git", options: RemoteOptions(proxy: .direct), operation: "fetch")
        #expect(other.allowConnection(to: NetworkOrigin(host: "evil.example", port: "80")) != 0)
        let ssh = try RemoteSession(url: "ssh://git@host:2222/r.git", options: RemoteOptions(proxy: .direct), operation: "fetch")
        #expect(ssh.allowConnection(to: NetworkOrigin(host: "host", port: "2222")) == 0)
    }

    @Test func theDefaultIdleTimeoutIsSixtySeconds() {
        #expect(RemoteOptions().idleTimeout == .seconds(60))
        #expect(RemoteOptions.defaultIdleTimeout == .seconds(60))
        #expect(RemoteOptions().timeout == nil)
    }

    /// A listening socket that never accepts: the kernel completes the connection and takes the
    /// request, and no answer ever comes. Only the idle timeout can end the fetch.
    @Test func aSilentServerEndsWithTheIdleTimeout() throws {
        let (listener, port) = try Self.blackHole()
        defer { close(listener) }

        let error = try #require(throws: GitError.self) {
            try Repository.listRemote(url: "http://127.0.0.1:\(port)/isc.git", options: RemoteOptions(idleTimeout: .milliseconds(300)))
        }
        #expect(error.kind == .timedOut, "\(error)")
        #expect(error.message.contains("127.0.0.1:\(port)") && error.message.contains("idle timeout"), "\(error.message)")
        // The total deadline ends it the same way when it comes first.
        let deadline = try #require(throws: GitError.self) {
            try Repository.listRemote(url: "http://127.0.0.1:\(port)/isc.git", options: RemoteOptions(timeout: .milliseconds(300), idleTimeout: nil))
        }
        #expect(deadline.kind == .timedOut && deadline.message.contains("timed out after 300ms"), "\(deadline.message)")
    }

    /// Over ssh libssh2 reads the socket itself (after the connect, none of our stream's waits
    /// apply): a server that never sends its banner would hold the operation for ever. The
    /// deadline shuts the operation's socket down, so it ends with the timeout (and no idle
    /// timeout is involved). Without that this test would not end.
    @Test func aSilentSSHServerEndsAtTheDeadline() throws {
        let (listener, port) = try Self.blackHole()
        defer { close(listener) }
        let error = try #require(throws: GitError.self) {
            try Repository.listRemote(
                url: "ssh://git@127.0.0.1:\(port)/isc.git",
                options: RemoteOptions(credentials: .sshAgent(username: "git"), timeout: .milliseconds(300), idleTimeout: nil))
        }
        #expect(error.kind == .timedOut, "\(error)")
        #expect(error.message == "list ssh://git@127.0.0.1:\(port)/isc.git timed out after 300ms (the timeout of one operation)", "\(error.message)")
    }

    /// A socket on 127.0.0.1 that listens and never accepts, and its port.
    static func blackHole() throws -> (Int32, Int) {
        let listener = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #expect(listener >= 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(listener, $0, length) } }
        #expect(bound == 0)
        #expect(listen(listener, 8) == 0)
        _ = withUnsafeMutablePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(listener, $0, &length) } }
        let port = Int(UInt16(bigEndian: address.sin_port))
        return (listener, port)
    }
}
