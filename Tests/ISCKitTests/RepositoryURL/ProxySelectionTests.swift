import Foundation
import Testing

@testable import ISCCore
@testable import ISCKit

@Suite("Proxy: URL parsing, selection, no_proxy rules, the stream's conversation with the proxy")
struct ProxySelectionTests {
    // MARK: ProxyURL

    @Test func parsesProxyURLs() throws {
        let plain = try ProxyURL(parsing: "http://proxy.example:3128", source: "--proxy")
        #expect(plain == ProxyURL(scheme: .http, host: "proxy.example", port: 3128))
        #expect(plain.display == "http://proxy.example:3128" && !plain.hasCredentials)
        #expect(try ProxyURL(parsing: "HTTP://Proxy.Example/", source: "x").display == "http://proxy.example:80")
        #expect(try ProxyURL(parsing: " http://[::1]:8080 ", source: "x").display == "http://[::1]:8080")
        #expect(try ProxyURL(parsing: "http://127.0.0.1:3128", source: "x").host == "127.0.0.1")
        let withUser = try ProxyURL(parsing: "http://alice:p%40ss%3Aw0rd@proxy:3128", source: "x")
        #expect(withUser.username == "alice" && withUser.password == "p@ss:w0rd")
        #expect(withUser.display == "http://proxy:3128")
        #expect(withUser.withoutCredentials == ProxyURL(scheme: .http, host: "proxy", port: 3128))
        let userOnly = try ProxyURL(parsing: "http://bob@proxy:3128", source: "x")
        #expect(userOnly.username == "bob" && userOnly.password == nil)
        // Without a scheme: http, where allowed (the environment and http.proxy, as curl and git).
        #expect(try ProxyURL(parsing: "proxy:8080", source: "HTTPS_PROXY", requireScheme: false).display == "http://proxy:8080")
    }

    @Test(arguments: [
        ("", "empty proxy"), ("proxy:3128", "needs a scheme"), ("socks5://proxy:1080", "only http:// proxies"),
        ("https://proxy:443", "https:// proxies (TLS to the proxy) are not supported"),
        ("ftp://proxy", "only http://"), ("http://", "no host"), ("http://:3128", "no host"),
        ("http://proxy:0", "port"), ("http://proxy:65536", "port"), ("http://proxy:80a", "port"), ("http://proxy:", "port"),
        ("http://proxy:3128/path", "no path"), ("http://proxy?x=1", "no path"), ("http://pro xy:1", "space"),
        ("http://proxy\u{7}:1", "control"), ("http://[::1:3128", "unclosed"), ("http://[zz]:1", "IPv6"),
        ("http://@proxy:1", "user name"), ("http://pr@xy!:1", "malformed host"), ("http://u:%zz@proxy:1", "password"),
    ])
    func refusesMalformedProxies(text: String, why: String) {
        #expect {
            try ProxyURL(parsing: text, source: "--proxy")
        } throws: { error in
            let error = error as? OperationError
            return error?.category == .invalidInput && error?.code == "invalid-proxy"
                && error!.message.hasPrefix("--proxy: ") && error!.message.contains(why)
        }
    }

    @Test func neverShowsCredentials() throws {
        let proxy = try ProxyURL(parsing: "http://alice:s3cret-canary@proxy:3128", source: "x")
        for text in [
            "\(proxy)", String(reflecting: proxy), proxy.display,
            {
                var out = ""; dump(proxy, to: &out); return out
            }(),
        ] {
            #expect(!text.contains("s3cret-canary") && !text.contains("alice"), "\(text)")
        }
        // An error about a malformed proxy names the source, not the text.
        #expect {
            try ProxyURL(parsing: "http://alice:s3cret-canary@proxy:99999", source: "HTTPS_PROXY")
        } throws: { error in
            let message = (error as? OperationError)?.message ?? ""
            return message.hasPrefix("HTTPS_PROXY: ") && !message.contains("s3cret-canary")
        }
    }

    // MARK: Selection

    func select(_ url: String, flag: String? = nil, env: [String: String] = [:], config: String? = nil) throws -> ProxySelection {
        try ProxySelection.select(remoteURL: url, flag: flag, environment: env, gitConfigProxy: config)
    }

    @Test func theFlagWinsThenTheSchemesVariableLowercaseFirstThenGitConfig() throws {
        let env = ["https_proxy": "http://lower:1", "HTTPS_PROXY": "http://upper:2", "http_proxy": "http://plain:3", "HTTP_PROXY": "http://PLAIN:4"]
        let url = "https://git.example.com/org/repo.git"
        #expect(try select(url, flag: "http://flag:9", env: env, config: "http://config:5").proxy?.display == "http://flag:9")
        #expect(try select(url, flag: "http://flag:9", env: env).source == .flag)
        #expect(try select(url, env: env, config: "http://config:5").proxy?.display == "http://lower:1")
        #expect(try select(url, env: env).source == .environment("https_proxy"))
        #expect(try select(url, env: ["HTTPS_PROXY": "http://upper:2"]).proxy?.display == "http://upper:2")
        #expect(try select(url, env: ["https_proxy": " ", "HTTPS_PROXY": "http://upper:2"]).proxy?.display == "http://upper:2")
        #expect(try select(url, env: ["http_proxy": "http://plain:3"], config: "http://config:5").proxy?.display == "http://config:5")
        #expect(try select(url, env: ["http_proxy": "http://plain:3"], config: "http://config:5").source == .gitConfig)
        // http remotes read the http variables.
        let plain = "http://git.example.com/r.git"
        #expect(try select(plain, env: env).proxy?.display == "http://plain:3")
        #expect(try select(plain, env: ["HTTP_PROXY": "http://upper:4"]).proxy?.display == "http://upper:4")
        #expect(try select(plain, env: ["https_proxy": "http://lower:1"]).proxy == nil)
        #expect(try select(plain, flag: "", env: [:], config: "").proxy == nil)
        #expect(try select(plain).reason == "no proxy is configured")
        // Without a scheme in the environment or git config: http.
        #expect(try select(url, env: ["https_proxy": "proxy:3128"]).proxy?.display == "http://proxy:3128")
        #expect(try select(url, config: "proxy:3128").proxy?.display == "http://proxy:3128")
    }

    @Test func sshGitAndFileAreNeverProxiedAndTheFlagIsIgnoredWithAWarning() throws {
        let env = ["https_proxy": "http://p:1", "http_proxy": "http://p:1", "HTTPS_PROXY": "http://p:1"]
        for url in ["ssh://git@host/r.git", "git@host:org/r.git", "git://host/r.git", "file:///srv/r.git"] {
            let quiet = try select(url, env: env, config: "http://p:1")
            #expect(quiet.proxy == nil && quiet.warning == nil, "\(url)")
            let flagged = try select(url, flag: "http://p:1", env: env)
            #expect(flagged.proxy == nil, "\(url)")
            #expect(flagged.warning?.contains("--proxy is ignored") == true, "\(url)")
            // Not even checked: a malformed value that does not apply is no error.
            #expect(try select(url, flag: "socks5://x", env: ["https_proxy": "::"]).proxy == nil)
        }
        #expect(try select("ssh://git@host/r.git", flag: "http://p:1").warning?.contains("ssh remote") == true)
        #expect(try select("git@host:org/r.git", flag: "http://p:1").warning?.contains("ssh remote") == true)
    }

    @Test func aMalformedSettingThatAppliesIsInvalidInputNamingItsSource() throws {
        for (env, config, source) in [
            (["https_proxy": "socks5://p:1"], nil, "https_proxy"),
            (["HTTPS_PROXY": "http://p:99999"], nil, "HTTPS_PROXY"),
            ([:], "http://p:1/path", "git config http.proxy"),
        ] as [([String: String], String?, String)] {
            #expect {
                try select("https://host/r.git", env: env, config: config)
            } throws: { error in
                (error as? OperationError)?.code == "invalid-proxy" && (error as? OperationError)?.message.hasPrefix(source + ": ") == true
            }
        }
        // One that does not apply (another scheme's variable, a host no_proxy exempts) is not read.
        #expect(try select("https://host/r.git", env: ["http_proxy": "socks5://p:1"]).proxy == nil)
        #expect(try select("https://host/r.git", env: ["https_proxy": "socks5://p:1", "no_proxy": "host"]).proxy == nil)
    }

    @Test func credentialsFromTheURLElseTheVariables() throws {
        let url = "https://host/r.git"
        let fromURL = try #require(try select(url, flag: "http://u:pw@p:1", env: ["ISC_PROXY_USER": "other", "ISC_PROXY_PASSWORD": "x"]).proxy)
        #expect(fromURL.username == "u" && fromURL.password == "pw")
        let fromEnv = try #require(try select(url, flag: "http://p:1", env: ["ISC_PROXY_USER": "v", "ISC_PROXY_PASSWORD": "pw2"]).proxy)
        #expect(fromEnv.username == "v" && fromEnv.password == "pw2")
        // A user in the URL without a password takes ISC_PROXY_PASSWORD.
        let mixed = try #require(try select(url, flag: "http://w@p:1", env: ["ISC_PROXY_PASSWORD": "pw3"]).proxy)
        #expect(mixed.username == "w" && mixed.password == "pw3")
        let userOnly = try #require(try select(url, flag: "http://p:1", env: ["ISC_PROXY_USER": "v"]).proxy)
        #expect(userOnly.username == "v" && userOnly.password == "")
        #expect(try select(url, flag: "http://p:1").proxy?.hasCredentials == false)
        #expect {
            try select(url, flag: "http://p:1", env: ["ISC_PROXY_PASSWORD": "pw-canary"])
        } throws: { error in
            let message = (error as? OperationError)?.message ?? ""
            return message.contains("ISC_PROXY_USER") && !message.contains("pw-canary")
        }
        // The variables apply only when a proxy does.
        #expect(try select(url, env: ["ISC_PROXY_PASSWORD": "pw"]).proxy == nil)
    }

    @Test func noProxyExemptsFromEverySourceAndTheLowercaseVariableWins() throws {
        let url = "https://git.example.com:8443/r.git"
        for flag in ["http://p:1", nil] as [String?] {
            let selection = try select(url, flag: flag, env: ["https_proxy": "http://p:1", "no_proxy": "example.com"], config: "http://p:1")
            #expect(selection.proxy == nil)
            #expect(selection.reason == "no_proxy entry 'example.com' exempts git.example.com")
        }
        #expect(try select(url, config: "http://p:1").proxy != nil)
        #expect(try select(url, env: ["NO_PROXY": "*"], config: "http://p:1").proxy == nil)
        // no_proxy set (even to something else) wins over NO_PROXY, as in curl.
        #expect(try select(url, env: ["no_proxy": "other.org", "NO_PROXY": "*"], config: "http://p:1").proxy != nil)
        #expect(try select(url, env: ["no_proxy": "", "NO_PROXY": "*"], config: "http://p:1").proxy == nil)
    }

    // MARK: no_proxy

    @Test(
        arguments: [
            // entry list, host, port, matches
            ("*", "anything.example", 443, true),
            ("localhost", "localhost", 443, true),
            ("LocalHost", "localhost", 443, true),
            ("localhost", "LOCALHOST.", 443, true),
            ("example.com", "example.com", 443, true),
            ("example.com", "git.example.com", 443, true),
            ("example.com", "a.b.example.com", 443, true),
            (".example.com", "git.example.com", 443, true),
            (".example.com", "example.com", 443, true),
            ("*.example.com", "git.example.com", 443, true),
            ("example.com.", "git.example.com", 443, true),
            ("example.com", "badexample.com", 443, false),
            ("example.com", "example.com.evil.org", 443, false),
            ("git.example.com", "example.com", 443, false),
            ("other.org, example.com", "git.example.com", 443, true),
            (" other.org ,, example.com ", "git.example.com", 443, true),
            ("other.org", "git.example.com", 443, false),
            ("", "git.example.com", 443, false),
            ("localhost:8443", "localhost", 8443, true),
            ("localhost:8443", "localhost", 443, false),
            (".example.com:443", "git.example.com", 443, true),
            ("127.0.0.1", "127.0.0.1", 80, true),
            ("127.0.0.1", "127.0.0.10", 80, false),
            ("0.0.1", "127.0.0.1", 80, false),
            ("127.0.0.1:80", "127.0.0.1", 80, true),
            ("127.0.0.1:80", "127.0.0.1", 81, false),
            ("10.0.0.0/8", "10.20.30.40", 443, true),
            ("10.0.0.0/8", "11.0.0.1", 443, false),
            ("192.168.1.0/24", "192.168.1.77", 443, true),
            ("192.168.1.0/24", "192.168.2.1", 443, false),
            ("0.0.0.0/0", "8.8.8.8", 443, true),
            ("10.0.0.0/33", "10.0.0.1", 443, false),
            ("10.0.0.0/8", "ten.example", 443, false),
            ("::1", "::1", 443, true),
            ("[::1]", "[::1]", 443, true),
            ("[::1]:8443", "::1", 8443, true),
            ("[::1]:8443", "::1", 443, false),
            ("0:0:0:0:0:0:0:1", "::1", 443, true),
            ("::2", "::1", 443, false),
            ("1", "127.0.0.1", 443, false),
            ("com", "127.0.0.1", 443, false),
            ("localhost:http", "localhost", 80, false),
        ] as [(String, String, Int, Bool)])
    func noProxyRules(list: String, host: String, port: Int, matches: Bool) {
        #expect((NoProxyRule.firstMatch(in: list, host: host, port: port) != nil) == matches, "\(list) vs \(host):\(port)")
    }

    @Test func theFirstMatchingEntryIsReportedAsWritten() {
        #expect(NoProxyRule.firstMatch(in: "a.org, .Example.COM, *", host: "git.example.com", port: 443) == ".Example.COM")
    }

    // MARK: The stream's conversation with the proxy

    final class Record: @unchecked Sendable {
        var targets: [String] = []
        var rejected = 0
        var refused: [String] = []
    }

    func conversation(headers: String = "", tunnels: Bool, origin: String = "localhost:8443") -> (ProxyConversation, Record) {
        let record = Record()
        let conversation = ProxyConversation(
            headers: headers, tunnels: tunnels,
            judge: ProxyConversation.Judge(
                allowTarget: {
                    record.targets.append($0.description); return $0.description == origin
                },
                rejected: { record.rejected += 1 },
                refused: { record.refused.append($0) }))
        return (conversation, record)
    }

    func send(_ conversation: ProxyConversation, _ text: String) -> ProxyConversation.Outgoing {
        Array(text.utf8).withUnsafeBytes { conversation.outgoing($0) }
    }

    func receive(_ conversation: ProxyConversation, _ text: String) {
        Array(text.utf8).withUnsafeBytes { conversation.incoming($0) }
    }

    @Test func aConnectGetsTheProxyHeaderAndOpensTheTunnelOn200() {
        let (proxy, record) = conversation(headers: "Proxy-Authorization: Basic dTpw\r\n", tunnels: true)
        let head = "CONNECT localhost:8443 HTTP/1.1\r\nHost: localhost:8443\r\n\r\n"
        #expect(
            send(proxy, head)
                == .head(Array("CONNECT localhost:8443 HTTP/1.1\r\nHost: localhost:8443\r\nProxy-Authorization: Basic dTpw\r\n\r\n".utf8), number: 1))
        #expect(record.targets == ["localhost:8443"])
        // The status line may arrive in pieces.
        receive(proxy, "HTTP/1.1 2")
        #expect(!proxy.tunnelOpen)
        receive(proxy, "00 Connection established\r\n\r\n")
        #expect(proxy.tunnelOpen && record.rejected == 0 && record.refused.isEmpty)
        // Inside the tunnel TLS records pass as they are; a new CONNECT (libgit2 after a
        // redirect) is a new head, checked.
        #expect(send(proxy, "\u{17}\u{3}\u{3}\u{0}\u{20}ciphertext") == .unchanged)
        #expect(send(proxy, "GET http://evil.example/ HTTP/1.1\r\n\r\n") == .unchanged)
        #expect(record.targets == ["localhost:8443"])
        #expect(send(proxy, "CONNECT evil:1 HTTP/1.1\r\n\r\n") == .refused)
        #expect(record.targets == ["localhost:8443", "evil:1"])
        guard case .head(_, let number) = send(proxy, "CONNECT localhost:8443 HTTP/1.1\r\n\r\n") else { Issue.record("not a head"); return }
        #expect(number == 2 && !proxy.tunnelOpen)
    }

    @Test func aConnectToAnotherOriginIsRefusedBeforeItIsSent() {
        let (proxy, record) = conversation(tunnels: true)
        #expect(send(proxy, "CONNECT evil.example:443 HTTP/1.1\r\nHost: evil.example:443\r\n\r\n") == .refused)
        #expect(record.targets == ["evil.example:443"])
    }

    @Test func a407IsARejectionAndAnotherFailedConnectARefusal() {
        let (proxy, record) = conversation(tunnels: true)
        _ = send(proxy, "CONNECT localhost:8443 HTTP/1.1\r\n\r\n")
        receive(proxy, "HTTP/1.0 407 Proxy Authentication Required\r\nServer: tinyproxy\r\n")
        #expect(record.rejected == 1 && !proxy.tunnelOpen)
        _ = send(proxy, "CONNECT localhost:8443 HTTP/1.1\r\n\r\n")
        receive(proxy, "HTTP/1.0 401 Unauthorized\r\n")  // tinyproxy, wrong credentials
        #expect(record.rejected == 2)
        _ = send(proxy, "CONNECT localhost:8443 HTTP/1.1\r\n\r\n")
        receive(proxy, "HTTP/1.1 403 Forbidden\r\n\r\n")
        #expect(record.refused == ["HTTP/1.1 403 Forbidden"] && !proxy.tunnelOpen)
    }

    @Test func plainHTTPRequestsAreCheckedCountedAndOnly407IsTheProxys() {
        let (proxy, record) = conversation(tunnels: false, origin: "127.0.0.1:8080")
        let first = send(proxy, "GET http://127.0.0.1:8080/r.git/info/refs?service=git-upload-pack HTTP/1.1\r\nHost: 127.0.0.1:8080\r\n\r\n")
        guard case .head(_, let number) = first else { Issue.record("not a head: \(first)"); return }
        #expect(number == 1)
        receive(proxy, "HTTP/1.1 401 Unauthorized\r\n\r\n")  // the server's: not about the proxy
        #expect(record.rejected == 0 && record.refused.isEmpty && !proxy.tunnelOpen)
        let second = send(proxy, "POST http://127.0.0.1:8080/r.git/git-upload-pack HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n")
        guard case .head(_, let again) = second else { Issue.record("not a head: \(second)"); return }
        #expect(again == 2)
        // The body is sent as it is.
        #expect(send(proxy, "32\r\n0032want 0123456789012345678901234567890123456789\n\r\n") == .unchanged)
        receive(proxy, "HTTP/1.1 407 Proxy Authentication Required\r\n")
        #expect(record.rejected == 1)
        #expect(send(proxy, "GET http://evil.example/r.git HTTP/1.1\r\n\r\n") == .refused)
    }

    @Test func theProxyRouteTellsLibgit2ExactlyOneProxyOrNone() throws {
        let proxy = ProxyURL(scheme: .http, host: "127.0.0.1", port: 3128, username: "u", password: "pw-canary")
        let https = try ProxyRoute(setting: .through(proxy), url: "https://localhost:8443/r.git")
        #expect(https.tunnels && https.origin == NetworkOrigin(host: "127.0.0.1", port: "3128"))
        #expect(https.secrets == ["pw-canary"])
        #expect(https.requestHeaders == "Proxy-Authorization: Basic \(Data("u:pw-canary".utf8).base64EncodedString())\r\n")
        #expect(https.connectionTarget(for: NetworkOrigin(host: "127.0.0.1", port: "3128")) == (NetworkOrigin(host: "127.0.0.1", port: "3128"), true))
        let http = try ProxyRoute(setting: .through(proxy.withoutCredentials), url: "http://127.0.0.1:8080/r.git")
        #expect(!http.tunnels && http.requestHeaders.isEmpty)
        #expect(http.connectionTarget(for: NetworkOrigin(host: "127.0.0.1", port: "8080")) == (NetworkOrigin(host: "127.0.0.1", port: "3128"), true))
        for url in ["ssh://git@host/r.git", "git://host/r.git", "file:///r.git"] {
            #expect(try ProxyRoute(setting: .through(proxy), url: url).proxy == nil)
        }
        #expect(try ProxyRoute(setting: .direct, url: "https://host/r.git").proxy == nil)
        #expect(try ProxyRoute(setting: .automatic, url: "https://host/r.git", environment: ["https_proxy": "http://p:1"]).proxy?.display == "http://p:1")
        #expect(try ProxyRoute(setting: .automatic, url: "https://host/r.git", environment: ["https_proxy": "http://p:1", "no_proxy": "host"]).proxy == nil)
        #expect(throws: OperationError.self) {
            try ProxyRoute(setting: .automatic, url: "https://host/r.git", environment: ["https_proxy": "socks5://p:1"])
        }
        // The error for a 407 names the proxy without credentials.
        let noCredentials = try ProxyRoute(setting: .through(proxy.withoutCredentials), url: "https://h/r.git")
        #expect(noCredentials.authenticationError(displayURL: "https://h/r.git").message.contains("no proxy credentials were given"))
        let rejected = https.authenticationError(displayURL: "https://h/r.git")
        #expect(rejected.kind == .proxyAuthentication && rejected.code == "proxy-authentication-failed")
        #expect(rejected.message.contains("http://127.0.0.1:3128") && !rejected.message.contains("pw-canary"))
    }

    @Test func aSessionThroughAProxyConnectsOnlyToTheProxyForHTTPSAndChecksTheOriginForHTTP() throws {
        let proxy = ProxyURL(scheme: .http, host: "127.0.0.1", port: 3128)
        let https = try RemoteSession(url: "https://localhost:8443/r.git", options: RemoteOptions(proxy: .through(proxy)), operation: "fetch")
        #expect(https.allowConnection(to: NetworkOrigin(host: "127.0.0.1", port: "3128")) == 0)
        #expect(https.allowTunnel(to: NetworkOrigin(host: "localhost", port: "8443")) == 0)
        #expect(https.allowTunnel(to: NetworkOrigin(host: "localhost", port: "8444")) != 0)
        #expect(https.failure?.kind == .redirectRefused)
        let direct = try RemoteSession(url: "https://localhost:8443/r.git", options: RemoteOptions(proxy: .through(proxy)), operation: "fetch")
        #expect(direct.allowConnection(to: NetworkOrigin(host: "localhost", port: "8443")) != 0)
        let http = try RemoteSession(url: "http://127.0.0.1:8080/r.git", options: RemoteOptions(proxy: .through(proxy)), operation: "fetch")
        #expect(http.allowConnection(to: NetworkOrigin(host: "127.0.0.1", port: "8080")) == 0)
        #expect(http.allowConnection(to: NetworkOrigin(host: "127.0.0.1", port: "3128")) != 0)
    }
}
