internal import CLibGit2
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The proxy of one remote operation, and how its connections reach the server.
///
/// libgit2 1.5.1 is always told explicitly: `GIT_PROXY_SPECIFIED` with `scheme://host:port` (no
/// credentials in it, so libgit2 can never print them) or `GIT_PROXY_NONE`, never
/// `GIT_PROXY_AUTO`. With a proxy, libgit2 opens the connection like this, through our
/// ``NetworkStream``:
/// - an https remote: a stream to the proxy, a `CONNECT host:port` request on it, then TLS to
///   the server inside the tunnel (`git_tls_stream_wrap` over our stream, so the idle timeout
///   and deadline apply to every byte). The stream checks that each `CONNECT` names the origin
///   of the URL: a redirect to another origin is refused before the proxy is asked for it.
/// - an http remote: libgit2 1.5.1 writes absolute-form requests (`GET http://host/...`) but
///   opens its stream to the server itself (it only connects to a proxy for `CONNECT`); the
///   stream connects that connection to the proxy instead, after the usual origin check.
///
/// The proxy's credentials (Basic) are sent preemptively, as curl does, by the stream on the
/// connection to the proxy only (``ProxyConversation``), never inside the tunnel and never in a
/// URL libgit2 holds: libgit2 1.5.1 cannot read the `407` of proxies that end its body by closing
/// the connection (tinyproxy: "unexpected EOF"), so it could not be asked to answer one. A `407`
/// therefore means the proxy wants credentials that were not given or rejected those sent: the
/// stream sees it and ends the operation with ``GitError/Kind/proxyAuthentication``, and so
/// does libgit2's proxy credentials callback when libgit2 does read the `407`.
final class ProxyRoute {
    /// The proxy for this URL (with its credentials), nil when the connection is direct.
    let proxy: ProxyURL?
    /// The proxy's host and port.
    let origin: NetworkOrigin?
    /// True for an https remote (a `CONNECT` tunnel), false for an http one (absolute-form
    /// requests on a connection to the proxy).
    let tunnels: Bool
    /// `proxy.display` as a C string for libgit2, alive as long as the route.
    private let urlText: UnsafeMutablePointer<CChar>?
    /// Requests of the proxy credentials callback so far.
    private(set) var credentialRequests = 0

    /// The route for `url` under `setting`. `.automatic` decides now (environment, git config).
    /// - Throws: ``OperationError`` `invalid-proxy` for a malformed setting that applies.
    init(setting: ProxySetting, url: String, environment: [String: String] = ProcessInfo.processInfo.environment) throws {
        let lower = url.lowercased()
        let web = lower.hasPrefix("https://") || lower.hasPrefix("http://")
        var chosen: ProxyURL?
        switch setting {
        case .direct:
            chosen = nil
        case .through(let proxy):
            chosen = web ? proxy : nil
        case .automatic:
            chosen =
                web
                ? try ProxySelection.select(
                    remoteURL: url, flag: nil, environment: environment,
                    gitConfigProxy: GitConfig.string("http.proxy")
                ).proxy : nil
        }
        proxy = chosen
        tunnels = lower.hasPrefix("https://")
        origin = chosen.map { NetworkOrigin(host: $0.host, port: String($0.port)) }
        urlText = chosen.map { strdup($0.display) }
    }

    deinit { free(urlText) }

    /// The secrets to scrub from messages: the proxy password.
    var secrets: [String] { proxy?.password.map { $0.isEmpty ? [] : [$0] } ?? [] }

    /// libgit2's proxy options: the proxy (or none), with our callback and `payload` (the
    /// session) for the proxy's credentials.
    func options(payload: UnsafeMutableRawPointer) -> git_proxy_options {
        var options = git_proxy_options()
        git_proxy_options_init(&options, UInt32(GIT_PROXY_OPTIONS_VERSION))
        guard let urlText else {
            options.type = GIT_PROXY_NONE
            return options
        }
        options.type = GIT_PROXY_SPECIFIED
        options.url = UnsafePointer(urlText)
        options.payload = payload
        options.credentials = { out, _, _, allowedTypes, payload in
            RemoteSession.from(payload).acquireProxyCredential(out, allowedTypes)
        }
        return options
    }

    /// The error for a `407` of the proxy (seen by the stream, or libgit2 asking for proxy
    /// credentials): none were given, or the proxy rejected those sent with the request.
    /// `displayURL` is the remote, for the message.
    func authenticationError(displayURL: String) -> GitError {
        credentialRequests += 1
        guard let proxy else {
            return GitError(kind: .proxyAuthentication, message: "a proxy asked for credentials, but no proxy is configured")
        }
        guard let user = proxy.username else {
            return GitError(
                kind: .proxyAuthentication,
                message: "the proxy \(proxy.display) requires authentication (407) for \(displayURL), and no proxy "
                    + "credentials were given: put them in the proxy URL or set \(ProxySelection.userVariable) and "
                    + "\(ProxySelection.passwordVariable)")
        }
        return GitError(
            kind: .proxyAuthentication,
            message: "the proxy \(proxy.display) rejected the credentials of user \(user) for \(displayURL) "
                + "(only Basic proxy authentication is supported)")
    }

    /// The header line the stream adds to every request head it sends to the proxy:
    /// `Proxy-Authorization: Basic ...` when there are credentials ("" otherwise).
    var requestHeaders: String {
        guard let proxy, let user = proxy.username else { return "" }
        let token = Data("\(user):\(proxy.password ?? "")".utf8).base64EncodedString()
        return "Proxy-Authorization: Basic \(token)\r\n"
    }

    /// Where a connection libgit2 asks for goes: for a plain-http remote through a proxy, the
    /// server's connection goes to the proxy; otherwise to what was asked.
    func connectionTarget(for requested: NetworkOrigin) -> (target: NetworkOrigin, toProxy: Bool) {
        guard let origin else { return (requested, false) }
        if !tunnels { return (origin, true) }
        return (requested, requested == origin)
    }
}

extension GitError {
    /// The same error with `text` appended to its message.
    func appending(_ text: String) -> GitError {
        var copy = GitError(kind: kind, message: message + text, returnCode: returnCode, errorClass: errorClass)
        copy.credentialRequests = credentialRequests
        copy.isLocal = isLocal
        return copy
    }
}

/// What is said on one connection to the proxy before the server is reached: the stream shows it
/// every request head libgit2 writes and every answer it reads there.
///
/// - A request head (`CONNECT host:port`, or for a plain-http remote `GET http://host/...` and
///   `POST http://host/...`) must name the origin of the URL: a redirect elsewhere is refused
///   before the proxy is asked. The proxy's header lines (``ProxyRoute/requestHeaders``) are added
///   to it.
/// - Every request head after the first goes on a new connection to the proxy (the stream
///   reconnects before sending it): for a plain-http remote libgit2 reuses its connection for the
///   next request when the server's answer allows it, but the proxy may close its side after each
///   answer (tinyproxy does), and libgit2 1.5.1 does not retry on a closed connection; after a
///   redirect libgit2 writes its new `CONNECT` on the connection that holds the old tunnel.
/// - The status line of the answer to it: `407` ends the operation with
///   ``GitError/Kind/proxyAuthentication``; another failure of a `CONNECT` (403, 502, ...) with a
///   network error naming the proxy; `200` to a `CONNECT` opens the tunnel, and from then on
///   nothing is looked at or changed (TLS to the server runs inside it).
final class ProxyConversation {
    enum Outgoing: Equatable {
        /// Send the bytes as they are (a body, or anything inside the tunnel).
        case unchanged
        /// A request head: send these bytes instead (with the proxy's header lines), all of
        /// them; `number` counts the heads of this connection from 1.
        case head([UInt8], number: Int)
        /// Send nothing: the session recorded why.
        case refused
    }

    private enum State { case idle, awaitingStatus(connect: Bool, line: [UInt8]), tunnel }

    /// Decides on targets and records failures (the session; replaceable in tests).
    struct Judge {
        var allowTarget: (NetworkOrigin) -> Bool
        var rejected: () -> Void
        var refused: (String) -> Void
    }

    /// The proxy's header lines added to each request head.
    let headers: String
    /// A `CONNECT` tunnel (https remote), else absolute-form requests (http remote).
    let tunnels: Bool
    let judge: Judge
    private var state = State.idle
    private var heads = 0

    init(headers: String, tunnels: Bool, judge: Judge) {
        self.headers = headers
        self.tunnels = tunnels
        self.judge = judge
    }

    /// Whether the `CONNECT` tunnel is open (nothing more is inspected).
    var tunnelOpen: Bool { if case .tunnel = state { return true } else { return false } }

    func outgoing(_ data: UnsafeRawBufferPointer) -> Outgoing {
        guard let first = data.first, first == UInt8(ascii: "C") || first == UInt8(ascii: "G") || first == UInt8(ascii: "P") else {
            return .unchanged
        }
        if case .tunnel = state {
            // Inside the tunnel only TLS records pass (never starting with a letter), except a new
            // CONNECT: libgit2 writes one on the same connection after a redirect.
            guard first == UInt8(ascii: "C"), Array(data.prefix(8)) == Array("CONNECT ".utf8) else { return .unchanged }
        }
        let bytes = Array(data.prefix(8192))
        guard let head = Self.requestHead(bytes) else { return .unchanged }
        guard judge.allowTarget(head.target) else { return .refused }
        state = .awaitingStatus(connect: head.connect, line: [])
        heads += 1
        // Insert the lines before the blank line that ends the head.
        var replaced = Array(data[..<head.end])
        replaced += Array(headers.utf8)
        replaced += Array(data[head.end...])
        return .head(replaced, number: heads)
    }

    func incoming(_ data: UnsafeRawBufferPointer) {
        guard case .awaitingStatus(let connect, var line) = state else { return }
        for byte in data {
            if byte == UInt8(ascii: "\n") || line.count >= 256 {
                finish(connect: connect, line: String(decoding: line, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))
                return
            }
            line.append(byte)
        }
        state = .awaitingStatus(connect: connect, line: line)
    }

    private func finish(connect: Bool, line: String) {
        let parts = line.split(separator: " ", maxSplits: 2)
        let code = parts.count >= 2 && parts[0].hasPrefix("HTTP/") ? Int(parts[1]) : nil
        state = .idle
        // tinyproxy answers a CONNECT with wrong credentials 401, not 407.
        if code == 407 || connect && code == 401 { judge.rejected(); return }
        guard connect else { return }
        if code == 200 { state = .tunnel; return }
        judge.refused(Display.safe(line, limit: 120))
    }

    /// The target and the end of the head (the index of its final CRLF) of a request head at
    /// the start of `bytes`; nil when `bytes` does not start with one we send.
    static func requestHead(_ bytes: [UInt8]) -> (connect: Bool, target: NetworkOrigin, end: Int)? {
        let text = String(decoding: bytes, as: UTF8.self)
        let connect: Bool
        if text.hasPrefix("CONNECT ") {
            connect = true
        } else if text.hasPrefix("GET http") || text.hasPrefix("POST http") {
            connect = false
        } else {
            return nil
        }
        guard let firstLineEnd = text.range(of: "\r\n"), let headEnd = text.range(of: "\r\n\r\n") else { return nil }
        let requestLine = text[..<firstLineEnd.lowerBound].split(separator: " ")
        guard requestLine.count == 3 else { return nil }
        let target: NetworkOrigin?
        if connect {
            let authority = requestLine[1]
            target = authority.lastIndex(of: ":").map {
                NetworkOrigin(host: String(authority[..<$0]), port: String(authority[authority.index(after: $0)...]))
            }
        } else {
            target = NetworkOrigin.of(url: String(requestLine[1]))
        }
        guard let target else { return nil }
        // The byte offset of the blank line's CRLF: the head's last header line ends before it.
        let end = text.utf8.distance(from: text.startIndex, to: headEnd.lowerBound) + 2
        return (connect, target, end)
    }
}
