internal import CLibGit2
import Foundation

/// A host and port a remote operation connects to (the scheme is implied by the URL).
struct NetworkOrigin: Hashable, Sendable, CustomStringConvertible {
    /// Lowercased, without the brackets of an IPv6 literal.
    let host: String
    /// A port number, as text (libgit2 hands ports to the stream as text).
    let port: String

    init(host: String, port: String) {
        var host = host.lowercased()
        if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        self.host = host
        self.port = Int(port).map(String.init) ?? port
    }

    /// `host:port`, `[v6]:port` for an IPv6 literal.
    var description: String { host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)" }

    /// The origin of an `http://` or `https://` URL (default ports 80 and 443); nil for other
    /// schemes and for text that has no host. The user information is skipped.
    static func of(url: String) -> NetworkOrigin? {
        let lower = url.lowercased()
        let scheme: String, defaultPort: String
        if lower.hasPrefix("https://") { scheme = "https://"; defaultPort = "443" }
        else if lower.hasPrefix("http://") { scheme = "http://"; defaultPort = "80" }
        else { return nil }
        return authority(of: url.dropFirst(scheme.count), defaultPort: defaultPort)
    }

    /// The origin of a proxy setting (`http://host:port`, `https://host:port` or `host:port`;
    /// libgit2 treats a proxy without a scheme as http).
    static func ofProxy(_ text: String) -> NetworkOrigin? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if trimmed.isEmpty { return nil }
        if trimmed.contains("://") { return of(url: trimmed) }
        return authority(of: Substring(trimmed), defaultPort: "80")
    }

    private static func authority(of rest: Substring, defaultPort: String) -> NetworkOrigin? {
        var authority = rest.prefix { $0 != "/" && $0 != "?" && $0 != "#" }
        if let at = authority.lastIndex(of: "@") { authority = authority[authority.index(after: at)...] }
        var host = authority, port = defaultPort
        if authority.hasPrefix("[") {
            guard let close = authority.firstIndex(of: "]") else { return nil }
            host = authority[...close]
            let after = authority[authority.index(after: close)...]
            if after.hasPrefix(":"), after.count > 1 { port = String(after.dropFirst()) }
        } else if let colon = authority.lastIndex(of: ":") {
            host = authority[..<colon]
            let text = authority[authority.index(after: colon)...]
            if !text.isEmpty { port = String(text) }
        }
        if host.isEmpty { return nil }
        return NetworkOrigin(host: String(host), port: port)
    }

    /// The proxies libgit2 may connect to instead of the server for a URL of this scheme: the
    /// git configuration's `http.proxy` and the `HTTP(S)_PROXY` / `http(s)_proxy` variables.
    static func proxies(https: Bool, environment: [String: String] = ProcessInfo.processInfo.environment) -> Set<NetworkOrigin> {
        var texts: [String] = []
        if let configured = GitConfig.string("http.proxy") { texts.append(configured) }
        let names = https ? ["HTTPS_PROXY", "https_proxy"] : ["HTTP_PROXY", "http_proxy"]
        for name in names { if let value = environment[name] { texts.append(value) } }
        return Set(texts.compactMap(ofProxy))
    }
}

/// The TCP connections of libgit2 go through a stream of ours (registered once for
/// `GIT_STREAM_STANDARD`; TLS runs on top of it). While a ``RemoteSession`` runs on a thread, every
/// connection libgit2 opens on that thread asks the session first: an http(s) operation may only
/// connect to the origin of its URL (or a configured proxy), so a redirect to another host or
/// port is refused before a single byte, credentials included, is sent there; and every connect,
/// read and write waits at most the session's idle timeout (and never past its deadline), so a
/// silent server ends the operation. Connections made outside a session have no limits.
enum NetworkStream {
    /// Registers the stream; called once by ``LibGit2/initialize()``.
    static func register() -> Int32 {
        isc_register_socket_stream(initStream)
    }

    private static let key: pthread_key_t = {
        var key = pthread_key_t()
        pthread_key_create(&key, nil)
        return key
    }()

    /// The session running on this thread, if any.
    static var current: RemoteSession? {
        guard let pointer = pthread_getspecific(key) else { return nil }
        return Unmanaged<RemoteSession>.fromOpaque(pointer).takeUnretainedValue()
    }

    /// Runs `body` with `session` as the thread's current session (the caller keeps it alive).
    static func with<R>(_ session: RemoteSession, _ body: () throws -> R) rethrows -> R {
        let previous = pthread_getspecific(key)
        pthread_setspecific(key, Unmanaged.passUnretained(session).toOpaque())
        defer { pthread_setspecific(key, previous) }
        return try body()
    }

    private static let initStream: @convention(c) (
        UnsafeMutablePointer<UnsafeMutablePointer<git_stream>?>?, UnsafePointer<CChar>?, UnsafePointer<CChar>?
    ) -> Int32 = { out, host, port in
        guard let out, let host, let port else {
            git_error_set_str(Int32(GIT_ERROR_NET.rawValue), "no host or port to connect to")
            return -1
        }
        let session = NetworkStream.current
        if let session {
            let rc = session.allowConnection(to: NetworkOrigin(host: String(cString: host), port: String(cString: port)))
            if rc != 0 { return rc }
        }
        let limits = session?.streamLimits() ?? (idle: 0, remaining: -1)
        return isc_socket_stream_new(out, host, port, limits.idle, limits.remaining, onTimeout)
    }

    private static let onTimeout: @convention(c) (Int32, UnsafePointer<CChar>?, UnsafePointer<CChar>?) -> Void = { reason, host, port in
        guard let session = NetworkStream.current else { return }
        let origin = NetworkOrigin(host: host.map { String(cString: $0) } ?? "?", port: port.map { String(cString: $0) } ?? "?")
        session.streamTimedOut(idle: reason == 1, origin: origin)
    }
}
