import Foundation

/// An HTTP proxy: `http://[user[:password]@]host[:port][/]`.
///
/// iscctl talks plain HTTP to the proxy; an https remote still runs TLS end to end with the Git
/// server through the proxy's `CONNECT` tunnel. `https://` proxies (TLS to the proxy itself) are
/// not supported: through one, the stream could neither check the `CONNECT` target nor send the
/// proxy's credentials.
///
/// Its ``description``, debug description and mirror never show the user name or password:
/// only ``display`` (`scheme://host:port`), which is what messages name the proxy with.
public struct ProxyURL: Sendable, Equatable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// How iscctl talks to the proxy itself.
    public enum Scheme: String, Sendable, Equatable {
        /// Plain HTTP to the proxy (https remotes still run TLS end to end through a `CONNECT`
        /// tunnel).
        case http
    }

    /// The scheme.
    public let scheme: Scheme
    /// The host, lowercased; an IPv6 literal without its brackets.
    public let host: String
    /// The port (default 80).
    public let port: Int
    /// The user name for the proxy (Basic authentication), if any.
    public let username: String?
    /// The password for the proxy, if any.
    public let password: String?

    /// Creates a proxy URL from its parts (`host` is lowercased, brackets removed).
    public init(scheme: Scheme, host: String, port: Int? = nil, username: String? = nil, password: String? = nil) {
        var host = host.lowercased()
        if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        self.scheme = scheme
        self.host = host
        self.port = port ?? 80
        self.username = username
        self.password = password
    }

    /// Parses a proxy setting.
    ///
    /// - Parameters:
    ///   - text: `http://host:port`, optionally with `user:password@`
    ///     (percent-encoded) and a trailing `/`; no path, query or fragment.
    ///   - source: what the text came from (`--proxy`, `HTTPS_PROXY`, `http.proxy`), to name in
    ///     the error.
    ///   - requireScheme: when false, text without `://` is taken as `http://` (as curl and git
    ///     read the environment variables and `http.proxy`).
    /// - Throws: ``OperationError`` `invalid-proxy` (exit 2), whose message names `source` and
    ///   never shows the credentials.
    public init(parsing text: String, source: String, requireScheme: Bool = true) throws {
        func invalid(_ why: String) -> OperationError {
            .invalidInput("invalid-proxy", "\(source): \(why) (expected http://host:port)")
        }
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty else { throw invalid("empty proxy") }
        guard InputRules.controlCharacter(in: trimmed) == nil, !trimmed.contains(" ") else {
            throw invalid("the proxy contains a space or a control character")
        }
        var rest = Substring(trimmed)
        let scheme: Scheme
        if let range = rest.range(of: "://") {
            switch rest[..<range.lowerBound].lowercased() {
            case "http": scheme = .http
            case "https":
                throw invalid(
                    "https:// proxies (TLS to the proxy) are not supported: use the proxy's http:// address (https remotes still run TLS end to end through it)"
                )
            default: throw invalid("only http:// proxies are supported (SOCKS is not)")
            }
            rest = rest[range.upperBound...]
        } else if requireScheme {
            throw invalid("the proxy needs a scheme")
        } else {
            scheme = .http
        }
        if rest.hasSuffix("/") { rest = rest.dropLast() }
        guard !rest.contains(where: { "/?#".contains($0) }) else { throw invalid("a proxy URL has no path, query or fragment") }
        var username: String?
        var password: String?
        if let at = rest.lastIndex(of: "@") {
            let userinfo = rest[..<at]
            rest = rest[rest.index(after: at)...]
            let parts = userinfo.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
            guard let user = PercentEncoding.decode(parts[0]), !user.isEmpty else { throw invalid("empty or malformed user name before '@'") }
            username = user
            if parts.count == 2 {
                guard let decoded = PercentEncoding.decode(parts[1]) else { throw invalid("malformed password before '@'") }
                password = decoded
            }
        }
        var host = rest
        var port: Int?
        if rest.hasPrefix("[") {
            guard let close = rest.firstIndex(of: "]") else { throw invalid("unclosed '[' in the host") }
            host = rest[rest.index(after: rest.startIndex)..<close]
            let after = rest[rest.index(after: close)...]
            if !after.isEmpty {
                guard after.hasPrefix(":") else { throw invalid("unexpected text after the IPv6 address") }
                port = try Self.port(after.dropFirst(), invalid)
            }
            guard !host.isEmpty, host.allSatisfy({ $0.isHexDigit || $0 == ":" || $0 == "." }) else {
                throw invalid("malformed IPv6 address")
            }
        } else if let colon = rest.lastIndex(of: ":") {
            host = rest[..<colon]
            port = try Self.port(rest[rest.index(after: colon)...], invalid)
        }
        guard !host.isEmpty else { throw invalid("no host") }
        if !rest.hasPrefix("[") {
            guard host.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == ".") || $0 == "_" }) else {
                throw invalid("malformed host")
            }
        }
        self.init(scheme: scheme, host: String(host), port: port, username: username, password: password)
    }

    private static func port(_ text: Substring, _ invalid: (String) -> OperationError) throws -> Int {
        guard !text.isEmpty, text.count <= 5, text.allSatisfy(\.isASCII), text.allSatisfy(\.isNumber),
            let port = Int(text), (1...65535).contains(port)
        else {
            throw invalid("the port must be a number from 1 to 65535")
        }
        return port
    }

    /// `scheme://host:port` (`[v6]` for an IPv6 literal): the proxy as messages name it, and the
    /// URL given to libgit2. Never the credentials.
    public var display: String {
        let shownHost = host.contains(":") ? "[\(host)]" : host
        return "\(scheme.rawValue)://\(shownHost):\(port)"
    }

    /// Whether a user name (and so credentials) is set.
    public var hasCredentials: Bool { username != nil }

    /// The same proxy without user name and password.
    public var withoutCredentials: ProxyURL { ProxyURL(scheme: scheme, host: host, port: port) }

    /// ``display``.
    public var description: String { display }
    /// ``display``, with whether credentials are set.
    public var debugDescription: String { hasCredentials ? "\(display) (with credentials)" : display }
    /// A mirror without credentials (for `dump`).
    public var customMirror: Mirror { Mirror(self, children: ["redacted": debugDescription]) }
}

/// Which proxy, if any, a remote operation goes through: the pure decision, made before anything
/// is cloned.
///
/// Only `http://` and `https://` remotes go through a proxy; ssh, `git://` and `file://` never
/// do. The proxy is, in this order: `--proxy`; the environment variable for the remote's scheme,
/// lowercase first as curl reads them (`https_proxy`, `HTTPS_PROXY` for https; `http_proxy`,
/// `HTTP_PROXY` for http); git's `http.proxy`. An empty value counts as unset. `no_proxy` (else
/// `NO_PROXY`) then exempts hosts from every one of them, `--proxy` included (see
/// ``NoProxyRule``). The proxy credentials are the proxy URL's user info, else
/// `ISC_PROXY_USER` / `ISC_PROXY_PASSWORD`.
public struct ProxySelection: Sendable, Equatable {
    /// Where the proxy setting came from.
    public enum Source: Sendable, Equatable, CustomStringConvertible {
        /// The `--proxy` flag.
        case flag
        /// An environment variable (its name).
        case environment(String)
        /// git's `http.proxy`.
        case gitConfig

        /// `--proxy`, the variable's name, or `git config http.proxy`.
        public var description: String {
            switch self {
            case .flag: return "--proxy"
            case .environment(let name): return name
            case .gitConfig: return "git config http.proxy"
            }
        }
    }

    /// The proxy to connect through (with its credentials); nil: connect directly.
    public let proxy: ProxyURL?
    /// Where the proxy setting came from (also when `no_proxy` exempted the remote).
    public let source: Source?
    /// Why this decision, one line without credentials (for diagnostics and tests).
    public let reason: String
    /// A notice to print as a `warning:` line (`--proxy` given for an ssh remote), or nil.
    public let warning: String?

    /// Creates a decision.
    public init(proxy: ProxyURL?, source: Source?, reason: String, warning: String? = nil) {
        self.proxy = proxy
        self.source = source
        self.reason = reason
        self.warning = warning
    }

    /// The user and password variables read when the proxy URL has no user info.
    public static let userVariable = "ISC_PROXY_USER"
    /// See ``userVariable``.
    public static let passwordVariable = "ISC_PROXY_PASSWORD"

    /// Decides the proxy for `remoteURL`.
    ///
    /// - Parameters:
    ///   - remoteURL: the URL libgit2 will talk to (its scheme, host and port matter).
    ///   - flag: `--proxy`, if given (nil or empty: not given).
    ///   - environment: where the proxy, `no_proxy` and credential variables are read.
    ///   - gitConfigProxy: git's `http.proxy`, if set.
    /// - Throws: ``OperationError`` `invalid-proxy` (exit 2) when the setting that applies is
    ///   malformed, or when `ISC_PROXY_PASSWORD` is set without a user; a setting that does not
    ///   apply (another scheme's variable, a host `no_proxy` exempts) is not checked.
    public static func select(
        remoteURL: String, flag: String?, environment: [String: String],
        gitConfigProxy: String?
    ) throws -> ProxySelection {
        func given(_ value: String?) -> String? {
            guard let value, !value.trimmingCharacters(in: .whitespaces).isEmpty else { return nil }
            return value
        }
        let lower = remoteURL.lowercased()
        let https = lower.hasPrefix("https://")
        guard https || lower.hasPrefix("http://") else {
            let scheme = lower.range(of: "://").map { String(lower[..<$0.lowerBound]) } ?? "ssh"
            let notice =
                given(flag) == nil
                ? nil
                : "--proxy is ignored for this \(scheme) remote: only http:// and https:// remotes go through a proxy"
            return ProxySelection(proxy: nil, source: nil, reason: "\(scheme) remotes are not proxied", warning: notice)
        }
        guard let target = ProxyTarget(url: remoteURL) else {
            return ProxySelection(proxy: nil, source: nil, reason: "the URL has no host")
        }

        var setting: (text: String, source: Source)?
        if let flag = given(flag) {
            setting = (flag, .flag)
        } else {
            let names = https ? ["https_proxy", "HTTPS_PROXY"] : ["http_proxy", "HTTP_PROXY"]
            if let name = names.first(where: { given(environment[$0]) != nil }) {
                setting = (environment[name]!, .environment(name))
            } else if let configured = given(gitConfigProxy) {
                setting = (configured, .gitConfig)
            }
        }
        guard let setting else {
            return ProxySelection(proxy: nil, source: nil, reason: "no proxy is configured")
        }
        for name in ["no_proxy", "NO_PROXY"] {
            guard let list = given(environment[name]) else { continue }
            if let entry = NoProxyRule.firstMatch(in: list, host: target.host, port: target.port) {
                return ProxySelection(
                    proxy: nil, source: setting.source,
                    reason: "\(name) entry '\(entry)' exempts \(target.host)")
            }
            break  // the lowercase variable wins when set, as in curl
        }
        var proxy = try ProxyURL(
            parsing: setting.text, source: setting.source.description,
            requireScheme: setting.source == .flag)
        if !proxy.hasCredentials {
            let user = given(environment[userVariable])
            let password = environment[passwordVariable].flatMap { $0.isEmpty ? nil : $0 }
            if let user {
                proxy = ProxyURL(scheme: proxy.scheme, host: proxy.host, port: proxy.port, username: user, password: password ?? "")
            } else if password != nil {
                throw OperationError.invalidInput(
                    "invalid-proxy", "\(passwordVariable) is set but no proxy user is: set \(userVariable) (or put the user in the proxy URL)")
            }
        } else if proxy.password == nil {
            proxy = ProxyURL(
                scheme: proxy.scheme, host: proxy.host, port: proxy.port, username: proxy.username,
                password: environment[passwordVariable] ?? "")
        }
        return ProxySelection(proxy: proxy, source: setting.source, reason: "\(setting.source) for \(https ? "https" : "http") remotes")
    }
}

/// The host and port of an http(s) remote URL, as `no_proxy` matches them.
struct ProxyTarget: Equatable {
    /// Lowercased, without a trailing dot or IPv6 brackets.
    let host: String
    let port: Int

    init?(url: String) {
        let lower = url.lowercased()
        let defaultPort: Int
        var rest: Substring
        if lower.hasPrefix("https://") {
            defaultPort = 443; rest = Substring(lower.dropFirst(8))
        } else if lower.hasPrefix("http://") {
            defaultPort = 80; rest = Substring(lower.dropFirst(7))
        } else {
            return nil
        }
        rest = rest.prefix { $0 != "/" && $0 != "?" && $0 != "#" }
        if let at = rest.lastIndex(of: "@") { rest = rest[rest.index(after: at)...] }
        var host = rest
        var port = defaultPort
        if rest.hasPrefix("[") {
            guard let close = rest.firstIndex(of: "]") else { return nil }
            host = rest[rest.index(after: rest.startIndex)..<close]
            let after = rest[rest.index(after: close)...]
            if after.hasPrefix(":"), let value = Int(after.dropFirst()) { port = value }
        } else if let colon = rest.lastIndex(of: ":") {
            host = rest[..<colon]
            if let value = Int(rest[rest.index(after: colon)...]) { port = value }
        }
        if host.hasSuffix(".") { host = host.dropLast() }
        guard !host.isEmpty else { return nil }
        self.host = String(host)
        self.port = port
    }
}

/// How a `no_proxy` / `NO_PROXY` list exempts a host, as curl reads it.
///
/// The list is separated by commas (white space around entries is ignored). An entry matches,
/// comparing case-insensitively:
/// - `*` alone: every host;
/// - a name (`example.com`, `.example.com` or `*.example.com`): that host and every host under
///   it (`git.example.com`), never a host that merely ends with the same letters
///   (`badexample.com`);
/// - an IP literal (`127.0.0.1`, `::1`, `[::1]`): that address exactly; an IPv4 CIDR range
///   (`10.0.0.0/8`): every address in it;
/// - any of them followed by `:port` (`localhost:8443`, `[::1]:8443`): only that port.
public enum NoProxyRule {
    /// The first entry of `list` that exempts `host` on `port` (as written in the list), or nil.
    public static func firstMatch(in list: String, host: String, port: Int) -> String? {
        var host = host.lowercased()
        if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        if host.hasSuffix(".") { host.removeLast() }
        for raw in list.split(separator: ",") {
            let written = raw.trimmingCharacters(in: .whitespaces)
            if written.isEmpty { continue }
            if matches(entry: written.lowercased(), host: host, port: port) { return written }
        }
        return nil
    }

    static func matches(entry: String, host: String, port: Int) -> Bool {
        if entry == "*" { return true }
        var name = Substring(entry)
        var wantedPort: Int?
        if name.hasPrefix("[") {
            guard let close = name.firstIndex(of: "]") else { return false }
            let after = name[name.index(after: close)...]
            if after.hasPrefix(":") { wantedPort = Int(after.dropFirst()); if wantedPort == nil { return false } } else if !after.isEmpty { return false }
            name = name[name.index(after: name.startIndex)..<close]
        } else if name.filter({ $0 == ":" }).count == 1, let colon = name.firstIndex(of: ":") {
            guard let value = Int(name[name.index(after: colon)...]) else { return false }
            wantedPort = value
            name = name[..<colon]
        }
        if let wantedPort, wantedPort != port { return false }
        if name.contains(":") {  // an IPv6 literal: exact
            return normalizedIPv6(name) != nil && normalizedIPv6(name) == normalizedIPv6(Substring(host))
        }
        if let slash = name.firstIndex(of: "/") {
            guard let bits = Int(name[name.index(after: slash)...]), (0...32).contains(bits),
                let network = ipv4(name[..<slash]), let address = ipv4(Substring(host))
            else { return false }
            let mask: UInt32 = bits == 0 ? 0 : ~UInt32(0) << UInt32(32 - bits)
            return network & mask == address & mask
        }
        if ipv4(name) != nil { return ipv4(name) == ipv4(Substring(host)) }
        if name.hasPrefix("*.") { name = name.dropFirst(2) } else if name.hasPrefix(".") { name = name.dropFirst() }
        if name.hasSuffix(".") { name = name.dropLast() }
        if name.isEmpty { return false }
        if ipv4(Substring(host)) != nil || host.contains(":") { return false }  // names never match an IP
        return host == name || host.hasSuffix("." + name)
    }

    /// A dotted-quad IPv4 address as a number, or nil.
    static func ipv4(_ text: Substring) -> UInt32? {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4 else { return nil }
        var value: UInt32 = 0
        for part in parts {
            guard !part.isEmpty, part.count <= 3, part.allSatisfy(\.isASCII), part.allSatisfy(\.isNumber),
                let byte = UInt32(part), byte <= 255
            else { return nil }
            value = value << 8 | byte
        }
        return value
    }

    /// An IPv6 literal as eight groups (`::` expanded), or nil when malformed.
    static func normalizedIPv6(_ text: Substring) -> [UInt16]? {
        let halves = text.components(separatedBy: "::")
        guard halves.count <= 2 else { return nil }
        func groups(_ part: String) -> [UInt16]? {
            if part.isEmpty { return [] }
            var result: [UInt16] = []
            for group in part.split(separator: ":", omittingEmptySubsequences: false) {
                guard !group.isEmpty, group.count <= 4, let value = UInt16(group, radix: 16) else { return nil }
                result.append(value)
            }
            return result
        }
        guard let head = groups(halves[0]) else { return nil }
        if halves.count == 1 { return head.count == 8 ? head : nil }
        guard let tail = groups(halves[1]), head.count + tail.count < 8 else { return nil }
        return head + Array(repeating: 0, count: 8 - head.count - tail.count) + tail
    }
}
