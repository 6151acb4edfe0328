internal import CLibGit2
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

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
        if lower.hasPrefix("https://") {
            scheme = "https://"; defaultPort = "443"
        } else if lower.hasPrefix("http://") {
            scheme = "http://"; defaultPort = "80"
        } else {
            return nil
        }
        return authority(of: url.dropFirst(scheme.count), defaultPort: defaultPort)
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
}

/// The TCP connections of libgit2 go through a stream of ours (registered once for
/// `GIT_STREAM_STANDARD`; TLS runs on top of it, libssh2 gets its socket). While a
/// ``RemoteSession`` runs on a thread, every connection libgit2 opens on that thread asks the
/// session first: an http(s) operation may only connect to the origin of its URL (or its proxy,
/// see ``ProxyRoute``: a `CONNECT` to another origin is refused too), so a redirect to another host or port is refused before a single byte, credentials
/// included, is sent there; every connect, read and write waits at most the session's idle
/// timeout and never past its deadline, so a silent server ends the operation; and the socket is
/// registered with the session's ``ConnectionCanceller``, which shuts it down at the deadline
/// (the only way to end an ssh transfer, whose reads libssh2 makes itself). Connections made
/// outside a session have no limits.
///
/// The stream is a C struct of the layout libgit2's SSH transport expects (`isc_socket_stream`
/// in `shim.h`) whose function pointers are the `@convention(c)` functions below; its `owner`
/// is a retained ``SocketConnection``, released by `free`.
enum NetworkStream {
    /// Registers the stream; called once by ``LibGit2/initialize()``.
    static func register() -> Int32 {
        var registration = git_stream_registration()
        registration.version = Int32(GIT_STREAM_VERSION)
        registration.`init` = initStream
        registration.wrap = nil
        return git_stream_register(GIT_STREAM_STANDARD, &registration)
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

    private static let initStream:
        @convention(c) (
            UnsafeMutablePointer<UnsafeMutablePointer<git_stream>?>?, UnsafePointer<CChar>?, UnsafePointer<CChar>?
        ) -> Int32 = { out, host, port in
            guard let out, let host, let port else {
                git_error_set_str(Int32(GIT_ERROR_NET.rawValue), "no host or port to connect to")
                return -1
            }
            let origin = NetworkOrigin(host: String(cString: host), port: String(cString: port))
            let session = NetworkStream.current
            var connection = SocketConnection(host: String(cString: host), port: String(cString: port), session: session)
            if let session {
                let rc = session.allowConnection(to: origin)
                if rc != 0 { return rc }
                let route = session.proxyRoute.connectionTarget(for: origin)
                if route.toProxy {
                    connection = SocketConnection(
                        host: route.target.host, port: route.target.port, session: session,
                        conversation: session.proxyConversation())
                }
            }
            let stream = UnsafeMutablePointer<isc_socket_stream>.allocate(capacity: 1)
            stream.initialize(to: isc_socket_stream())
            stream.pointee.host = strdup(host)
            stream.pointee.port = strdup(port)
            stream.pointee.s = -1
            stream.pointee.owner = Unmanaged.passRetained(connection).toOpaque()
            stream.pointee.parent.version = Int32(GIT_STREAM_VERSION)
            stream.pointee.parent.encrypted = 0
            stream.pointee.parent.proxy_support = 0
            stream.pointee.parent.connect = { stream in
                guard let stream else { return -1 }
                return NetworkStream.connection(stream).establish(stream)
            }
            stream.pointee.parent.read = { stream, data, length in
                guard let stream, let data else { return -1 }
                return NetworkStream.connection(stream).receive(stream, into: data, length: length)
            }
            stream.pointee.parent.write = { stream, data, length, _ in
                guard let stream, let data else { return -1 }
                return NetworkStream.connection(stream).transmit(stream, from: data, length: length)
            }
            stream.pointee.parent.close = { stream in
                guard let stream else { return 0 }
                NetworkStream.connection(stream).shut(stream)
                return 0
            }
            stream.pointee.parent.free = { stream in
                guard let stream else { return }
                let socketStream = UnsafeMutableRawPointer(stream).assumingMemoryBound(to: isc_socket_stream.self)
                let owner = Unmanaged<SocketConnection>.fromOpaque(socketStream.pointee.owner!)
                owner.takeUnretainedValue().shut(stream)
                owner.release()
                free(socketStream.pointee.host)
                free(socketStream.pointee.port)
                socketStream.deinitialize(count: 1)
                socketStream.deallocate()
            }
            out.pointee = UnsafeMutableRawPointer(stream).assumingMemoryBound(to: git_stream.self)
            return 0
        }

    /// The ``SocketConnection`` behind a stream of ours.
    static func connection(_ stream: UnsafeMutablePointer<git_stream>) -> SocketConnection {
        let socketStream = UnsafeMutableRawPointer(stream).assumingMemoryBound(to: isc_socket_stream.self)
        return Unmanaged<SocketConnection>.fromOpaque(socketStream.pointee.owner!).takeUnretainedValue()
    }
}

/// One TCP connection of libgit2: a plain blocking socket whose connect, reads and writes wait
/// (with `poll(2)`) at most the idle timeout for the peer and never past the operation's
/// deadline. The socket lives in the C struct's `s` (libssh2 reads it from there).
final class SocketConnection {
    let host: String
    let port: String
    /// The session that opened it (nil outside a session: no limits).
    let session: RemoteSession?
    /// Idle timeout in milliseconds (0: none).
    let idle: Int32
    /// The operation's end (nil: none).
    let deadline: ContinuousClock.Instant?
    /// For a connection to the operation's proxy: what is said to it before the server is
    /// reached (checked, with the proxy's header lines added). Its failure to connect names the
    /// proxy.
    let conversation: ProxyConversation?
    var toProxy: Bool { conversation != nil }

    init(host: String, port: String, session: RemoteSession?, conversation: ProxyConversation? = nil) {
        self.host = host
        self.port = port
        self.session = session
        self.conversation = conversation
        let limits = session?.deadline.streamLimits() ?? (idle: 0, remaining: -1)
        idle = limits.idle
        deadline = limits.remaining < 0 ? nil : ContinuousClock.now + .milliseconds(limits.remaining)
    }

    private func descriptor(of stream: UnsafeMutablePointer<git_stream>) -> UnsafeMutablePointer<Int32> {
        let socketStream = UnsafeMutableRawPointer(stream).assumingMemoryBound(to: isc_socket_stream.self)
        return UnsafeMutableRawPointer(socketStream).advanced(by: MemoryLayout<isc_socket_stream>.offset(of: \.s)!)
            .assumingMemoryBound(to: Int32.self)
    }

    private func setError(_ errorClass: git_error_t, _ what: String, _ code: Int32 = 0) {
        var message = "\(what) \(host):\(port)"
        if code != 0 { message += ": " + String(cString: strerror(code)) }
        git_error_set_str(Int32(errorClass.rawValue), message)
    }

    /// Waits until `fd` is ready for `events` (or failed: the next call reports it). False on
    /// timeout or failure (the error is set, and the session told of a timeout).
    private func wait(_ fd: Int32, _ events: Int16) -> Bool {
        while true {
            var wait: Int32 = idle > 0 ? idle : -1
            var idleLimited = true
            if let deadline {
                let left = DurationText.milliseconds(deadline - .now)
                if wait < 0 || left < wait { wait = left; idleLimited = false }
            }
            var poller = pollfd(fd: fd, events: events, revents: 0)
            let rc = poll(&poller, 1, wait)
            if rc > 0 { return true }
            if rc < 0 && errno == EINTR { continue }
            if rc == 0 {
                session?.streamTimedOut(idle: idleLimited, origin: NetworkOrigin(host: host, port: port))
                setError(GIT_ERROR_NET, idleLimited ? "no data for too long from" : "out of time talking to")
                return false
            }
            setError(GIT_ERROR_OS, "cannot wait for", errno)
            return false
        }
    }

    func establish(_ stream: UnsafeMutablePointer<git_stream>) -> Int32 {
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        var info: UnsafeMutablePointer<addrinfo>?
        let resolved = getaddrinfo(host, port, &hints, &info)
        guard resolved == 0 else {
            let reason = "failed to resolve address for \(host): \(String(cString: gai_strerror(resolved)))"
            git_error_set_str(Int32(GIT_ERROR_NET.rawValue), reason)
            if toProxy { session?.proxyUnreachable(reason) }
            return -1
        }
        defer { freeaddrinfo(info) }
        var fd: Int32 = -1
        var last: Int32 = 0
        var timedOut = false
        var candidate = info
        while let address = candidate, !timedOut {
            candidate = address.pointee.ai_next
            fd = socket(address.pointee.ai_family, address.pointee.ai_socktype | Int32(SOCK_CLOEXEC.rawValue), address.pointee.ai_protocol)
            if fd < 0 { last = errno; continue }
            let flags = fcntl(fd, F_GETFL, 0)
            _ = fcntl(fd, F_SETFL, flags | O_NONBLOCK)
            var rc = connect(fd, address.pointee.ai_addr, address.pointee.ai_addrlen)
            if rc < 0 && errno == EINPROGRESS {
                if !wait(fd, Int16(POLLOUT)) {
                    timedOut = true
                } else {
                    var failure: Int32 = 0
                    var length = socklen_t(MemoryLayout<Int32>.size)
                    getsockopt(fd, SOL_SOCKET, SO_ERROR, &failure, &length)
                    rc = failure == 0 ? 0 : -1
                    errno = failure
                }
            }
            if rc == 0 && !timedOut {
                _ = fcntl(fd, F_SETFL, flags)
                break
            }
            if !timedOut { last = errno }
            close(fd)
            fd = -1
        }
        guard fd >= 0 else {
            if !timedOut {
                setError(GIT_ERROR_OS, "failed to connect to", last)
                if toProxy { session?.proxyUnreachable(String(cString: strerror(last))) }
            }
            return -1
        }
        descriptor(of: stream).pointee = fd
        session?.canceller.register(fd)
        return 0
    }

    func receive(_ stream: UnsafeMutablePointer<git_stream>, into data: UnsafeMutableRawPointer, length: Int) -> Int {
        let fd = descriptor(of: stream).pointee
        guard wait(fd, Int16(POLLIN)) else { return -1 }
        var count: Int
        repeat { count = recv(fd, data, length, 0) } while count < 0 && errno == EINTR
        if count < 0 { setError(GIT_ERROR_OS, "error receiving data from", errno) }
        if count > 0, let conversation, !conversation.tunnelOpen {
            conversation.incoming(UnsafeRawBufferPointer(start: data, count: count))
        }
        return count
    }

    func transmit(_ stream: UnsafeMutablePointer<git_stream>, from data: UnsafePointer<CChar>, length: Int) -> Int {
        let fd = descriptor(of: stream).pointee
        if let conversation {
            switch conversation.outgoing(UnsafeRawBufferPointer(start: data, count: length)) {
            case .unchanged: break
            case .refused: return -1
            case .head(let bytes, let number):
                if number > 1 {
                    // Each request head after the first on a new connection (ProxyConversation).
                    shut(stream)
                    guard establish(stream) == 0 else { return -1 }
                }
                let fd = descriptor(of: stream).pointee
                // The whole head, then report the caller's bytes as sent.
                var offset = 0
                while offset < bytes.count {
                    guard wait(fd, Int16(POLLOUT)) else { return -1 }
                    var count: Int
                    repeat {
                        count = bytes.withUnsafeBytes { send(fd, $0.baseAddress! + offset, bytes.count - offset, Int32(MSG_NOSIGNAL)) }
                    } while count < 0 && errno == EINTR
                    if count < 0 { setError(GIT_ERROR_OS, "error sending data to", errno); return -1 }
                    offset += count
                }
                return length
            }
        }
        guard wait(fd, Int16(POLLOUT)) else { return -1 }
        var count: Int
        repeat { count = send(fd, data, length, Int32(MSG_NOSIGNAL)) } while count < 0 && errno == EINTR
        if count < 0 { setError(GIT_ERROR_OS, "error sending data to", errno) }
        return count
    }

    /// Closes the socket (unregistered from the canceller first, under its lock).
    func shut(_ stream: UnsafeMutablePointer<git_stream>) {
        let pointer = descriptor(of: stream)
        let fd = pointer.pointee
        guard fd >= 0 else { return }
        if let session {
            session.canceller.unregister(fd) { _ = close(fd) }
        } else {
            _ = close(fd)
        }
        pointer.pointee = -1
    }
}
