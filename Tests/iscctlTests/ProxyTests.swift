import Foundation
import ISCTestSupport
import Testing

/// Writes through the real tinyproxy proxies of `Tests/Servers/proxy.sh` (one open, one requiring
/// Basic credentials), read back from the server with the git CLI and checked in the proxies'
/// logs. Serialized: the assertions count the lines each run adds to a proxy's log.
@Suite("Proxy: writes through tinyproxy (CONNECT for https, absolute-form for http), no_proxy, credentials, a dead proxy", .serialized)
struct ProxyTests {
    /// No proxy setting of the machine leaks in.
    static let noProxyEnvironment: [String: String?] = [
        "https_proxy": nil, "HTTPS_PROXY": nil, "http_proxy": nil, "HTTP_PROXY": nil, "no_proxy": nil, "NO_PROXY": nil,
        "ALL_PROXY": nil, "all_proxy": nil, "ISC_PROXY_USER": nil, "ISC_PROXY_PASSWORD": nil,
    ]

    struct Setup {
        let servers: TestServers
        let sandbox: Sandbox
        let repo: String
        var httpsURL: String { servers["ISC_TEST_HTTPS_URL"] + repo }
        var httpsPort: String { servers["ISC_TEST_HTTPS_PORT"] }
        var openProxy: String { servers["ISC_TEST_PROXY_URL"] }
        var authProxy: String { servers["ISC_TEST_PROXY_AUTH_URL"] }
        var proxyUser: String { servers["ISC_TEST_PROXY_USER"] }
        var proxyPassword: String { servers["ISC_TEST_PROXY_PASSWORD"] }

        init(_ name: String) throws {
            servers = try TestServers.running()
            sandbox = try Sandbox()
            repo = try servers.newRepository(TestServers.uniqueName(name), withCommitOn: "main")
        }

        /// `write-files --json` putting `file` over https (or `url`), with `extra` flags and environment.
        func write(_ file: String, url: String? = nil, _ extra: [String] = [], env: [String: String?] = [:]) throws -> ProcessResult {
            let transport = url?.hasPrefix("http://") == true ? ["--allow-insecure-http"] : ["--ca-file", servers.caFile]
            return try sandbox.iscctl(
                ["write-files", "--repo", url ?? httpsURL, "--provider", "git", "--json", "--put", "\(file)=1"] + transport + extra,
                environment: ProxyTests.noProxyEnvironment
                    .merging(["ISC_GIT_TOKEN": servers.httpToken, "ISC_GIT_USER": servers.httpUser]) { $1 }
                    .merging(env) { $1 })
        }

        func landed(_ file: String) -> Bool { (try? servers.git(repo, ["show", "main:\(file)"])) == "1" }

        /// The request lines a proxy's log gained while `body` ran.
        func requests(_ logKey: String, during body: () throws -> Void) rethrows -> [String] {
            let log = servers[logKey]
            let before = Self.requestLines(log).count
            try body()
            return Array(Self.requestLines(log).dropFirst(before))
        }

        static func requestLines(_ path: String) -> [String] {
            let text = (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
            return text.split(separator: "\n").compactMap { line in
                line.range(of: "): ").flatMap { line.contains("Request (file descriptor") ? String(line[$0.upperBound...]) : nil }
            }
        }
    }

    @Test("https through --proxy, HTTPS_PROXY and git config http.proxy lands, each time a CONNECT in the proxy's log; no_proxy=localhost bypasses it")
    func httpsThroughTheProxy() throws {
        let setup = try Setup("proxy-https")
        defer { setup.sandbox.remove() }
        let connect = "CONNECT localhost:\(setup.httpsPort) HTTP/1.1"
        let home = setup.sandbox.root.appendingPathComponent("home")

        var result: ProcessResult!
        var lines = try setup.requests("ISC_TEST_PROXY_LOG") { result = try setup.write("flag.txt", ["--proxy", setup.openProxy]) }
        #expect(result.status == 0, "\(result.stderr)")
        #expect(setup.landed("flag.txt"))
        #expect(!lines.isEmpty && lines.allSatisfy { $0 == connect }, "\(lines)")

        lines = try setup.requests("ISC_TEST_PROXY_LOG") { result = try setup.write("env.txt", env: ["HTTPS_PROXY": setup.openProxy]) }
        #expect(result.status == 0, "\(result.stderr)")
        #expect(setup.landed("env.txt"))
        #expect(!lines.isEmpty && lines.allSatisfy { $0 == connect }, "\(lines)")

        // git's http.proxy, from the sandbox's ~/.gitconfig (read with libgit2).
        try "[http]\n\tproxy = \(setup.openProxy)\n".write(to: home.appendingPathComponent(".gitconfig"), atomically: true, encoding: .utf8)
        lines = try setup.requests("ISC_TEST_PROXY_LOG") { result = try setup.write("config.txt") }
        #expect(result.status == 0, "\(result.stderr)")
        #expect(setup.landed("config.txt"))
        #expect(!lines.isEmpty && lines.allSatisfy { $0 == connect }, "\(lines)")

        // no_proxy exempts localhost from all three (a dead port in the variable proves it is not used either).
        lines = try setup.requests("ISC_TEST_PROXY_LOG") {
            result = try setup.write(
                "direct.txt", ["--proxy", setup.openProxy], env: ["no_proxy": "example.org, LOCALHOST", "HTTPS_PROXY": "http://127.0.0.1:1"])
        }
        #expect(result.status == 0, "\(result.stderr)")
        #expect(setup.landed("direct.txt"))
        #expect(lines.isEmpty, "\(lines)")
        try FileManager.default.removeItem(at: home.appendingPathComponent(".gitconfig"))
        #expect(try setup.servers.git(setup.repo, ["rev-list", "--count", "main"]).trimmingCharacters(in: .whitespacesAndNewlines) == "5")
    }

    @Test("a plain http remote through the proxy: absolute-form GET and POST for this repository in the proxy's log, and the write lands")
    func plainHTTPThroughTheProxy() throws {
        let setup = try Setup("proxy-http")
        defer { setup.sandbox.remove() }
        let url = setup.servers["ISC_TEST_HTTP_URL"] + setup.repo
        var result: ProcessResult!
        let lines = try setup.requests("ISC_TEST_PROXY_LOG") { result = try setup.write("plain.txt", url: url, ["--proxy", setup.openProxy]) }
        #expect(result.status == 0, "\(result.stderr)")
        #expect(setup.landed("plain.txt"))
        #expect(lines.contains { $0.hasPrefix("GET \(url)/info/refs?service=git-upload-pack ") }, "\(lines)")
        #expect(lines.contains { $0.hasPrefix("POST \(url)/git-receive-pack ") }, "\(lines)")
        #expect(lines.allSatisfy { $0.contains(url + "/") }, "\(lines)")
    }

    @Test(
        "the proxy requiring Basic credentials: they work from the URL and from ISC_PROXY_USER/PASSWORD; none or wrong ones are exit 1 naming the proxy; the password shows up nowhere"
    )
    func credentialedProxy() throws {
        let setup = try Setup("proxy-auth")
        defer { setup.sandbox.remove() }
        let password = setup.proxyPassword
        let wrong = "isc-proxy-wrong-canary-\(UUID().uuidString)"
        let proxyHost = setup.authProxy.dropFirst("http://".count)
        var outputs: [ProcessResult] = []

        var lines = try setup.requests("ISC_TEST_PROXY_AUTH_LOG") {
            outputs.append(try setup.write("url.txt", ["--proxy", "http://\(setup.proxyUser):\(password)@\(proxyHost)"]))
        }
        #expect(outputs.last?.status == 0, "\(outputs.last?.stderr ?? "")")
        #expect(setup.landed("url.txt"))
        #expect(lines.contains("CONNECT localhost:\(setup.httpsPort) HTTP/1.1"), "\(lines)")

        lines = try setup.requests("ISC_TEST_PROXY_AUTH_LOG") {
            outputs.append(
                try setup.write("env.txt", env: ["HTTPS_PROXY": setup.authProxy, "ISC_PROXY_USER": setup.proxyUser, "ISC_PROXY_PASSWORD": password]))
        }
        #expect(outputs.last?.status == 0, "\(outputs.last?.stderr ?? "")")
        #expect(setup.landed("env.txt"))
        #expect(lines.contains("CONNECT localhost:\(setup.httpsPort) HTTP/1.1"), "\(lines)")

        let refusals = [
            try setup.write("none.txt", ["--proxy", setup.authProxy]),
            try setup.write("wrong.txt", ["--proxy", setup.authProxy], env: ["ISC_PROXY_USER": setup.proxyUser, "ISC_PROXY_PASSWORD": wrong]),
            try setup.write("wrong2.txt", ["--proxy", "http://\(setup.proxyUser):\(wrong)@\(proxyHost)"]),
        ]
        for (index, result) in refusals.enumerated() {
            #expect(result.status == 1, "\(index): \(result.stderr)")
            #expect(result.stdout.contains("\"proxy-authentication-failed\""), "\(index): \(result.stdout)")
            #expect(result.stderr.hasPrefix("error: ") && result.stderr.split(separator: "\n").count == 1, "\(index): \(result.stderr)")
            #expect(result.stderr.contains("the proxy \(setup.authProxy) "), "\(index): \(result.stderr)")
        }
        #expect(refusals[0].stderr.contains("no proxy credentials were given"), "\(refusals[0].stderr)")
        #expect(refusals[1].stderr.contains("rejected the credentials of user \(setup.proxyUser)"), "\(refusals[1].stderr)")
        #expect(!setup.landed("none.txt") && !setup.landed("wrong.txt") && !setup.landed("wrong2.txt"))
        outputs += refusals

        // Neither password in any output, in any file left in the sandbox (HOME, TMPDIR, the
        // cache), or in the remote's objects and config.
        for output in outputs {
            for secret in [password, wrong] {
                #expect(!output.stdout.contains(secret) && !output.stderr.contains(secret))
            }
        }
        for file in setup.sandbox.files() {
            let data = try Data(contentsOf: file)
            for secret in [password, wrong] { #expect(data.range(of: Data(secret.utf8)) == nil, "\(file.path) holds a proxy password") }
        }
        let objects = try setup.servers.git(setup.repo, ["cat-file", "--batch-all-objects", "--batch"])
        let config = try String(contentsOfFile: setup.servers.repositoryPath(setup.repo) + "/config", encoding: .utf8)
        for secret in [password, wrong] { #expect(!objects.contains(secret) && !config.contains(secret)) }
    }

    @Test(
        "a dead proxy (a closed port) is exit 1 naming it without its credentials; a malformed --proxy is exit 2 before anything is cloned; ssh ignores --proxy with a warning"
    )
    func deadMalformedAndIgnoredProxies() throws {
        let setup = try Setup("proxy-dead")
        defer { setup.sandbox.remove() }
        let port = try Self.closedPort()
        let canary = "isc-dead-proxy-canary-\(UUID().uuidString.prefix(8))"
        let dead = try setup.write("dead.txt", ["--proxy", "http://someone:\(canary)@127.0.0.1:\(port)"])
        #expect(dead.status == 1, "\(dead.stderr)")
        #expect(dead.stdout.contains("\"network-error\""), "\(dead.stdout)")
        #expect(dead.stderr.contains("cannot connect to the proxy http://127.0.0.1:\(port): Connection refused"), "\(dead.stderr)")
        #expect(!dead.stderr.contains(canary) && !dead.stdout.contains(canary) && !dead.stderr.contains("someone"))
        let viaEnvironment = try setup.write("dead.txt", env: ["https_proxy": "127.0.0.1:\(port)"])
        #expect(viaEnvironment.status == 1 && viaEnvironment.stderr.contains("the proxy http://127.0.0.1:\(port)"), "\(viaEnvironment.stderr)")
        #expect(!setup.landed("dead.txt"))

        // Checked before cloning: the server (port 1) is never reached, or this would be exit 1.
        for (value, says) in [
            ("socks5://127.0.0.1:1080", "only http:// proxies"), ("https://127.0.0.1:3128", "https:// proxies"), ("127.0.0.1:3128", "needs a scheme"),
            ("http://127.0.0.1:99999", "port"), ("http://proxy/path", "no path"),
        ] {
            let result = try setup.sandbox.iscctl(["list", "--repo", "https://localhost:1/isc.git", "--provider", "git", "--proxy", value])
            #expect(result.status == 2, "\(value): \(result.stderr)")
            #expect(result.stderr.hasPrefix("error: --proxy: ") && result.stderr.contains(says), "\(value): \(result.stderr)")
        }
        let badVariable = try setup.write("x.txt", env: ["HTTPS_PROXY": "socks5://127.0.0.1:1080"])
        #expect(badVariable.status == 2 && badVariable.stderr.contains("HTTPS_PROXY: "), "\(badVariable.stderr)")

        // ssh is never proxied: --proxy is ignored with one warning line, and the write lands.
        let ssh = try setup.sandbox.iscctl(
            [
                "write-files", "--repo", setup.servers["ISC_TEST_SSH_URL"] + setup.repo, "--provider", "git",
                "--ssh-key", setup.servers["ISC_TEST_SSH_KEY"], "--known-hosts", setup.servers["ISC_TEST_KNOWN_HOSTS"],
                "--put", "ssh.txt=1", "--proxy", "http://127.0.0.1:\(port)",
            ], environment: Self.noProxyEnvironment)
        #expect(ssh.status == 0, "\(ssh.stderr)")
        #expect(ssh.stderr == "warning: --proxy is ignored for this ssh remote: only http:// and https:// remotes go through a proxy\n", "\(ssh.stderr)")
        #expect(setup.landed("ssh.txt"))
    }

    @Test("through the proxy, a redirect to another origin is refused before the proxy is asked for it")
    func redirectThroughTheProxy() throws {
        let setup = try Setup("proxy-redirect")
        defer { setup.sandbox.remove() }
        let faults = try FaultServer(setup.servers)
        defer { faults.stop() }
        var result: ProcessResult!
        let lines = try setup.requests("ISC_TEST_PROXY_LOG") {
            result = try setup.sandbox.iscctl(
                [
                    "list", "--repo", faults.url("redirect-away", "isc.git"), "--provider", "git", "--json",
                    "--ca-file", setup.servers.caFile, "--proxy", setup.openProxy,
                ],
                environment: Self.noProxyEnvironment.merging(["ISC_GIT_TOKEN": "isc-redirect-proxy-canary"]) { $1 })
        }
        #expect(result.status == 1, "\(result.stderr)")
        #expect(result.stdout.contains("\"redirect-refused\""), "\(result.stdout)")
        #expect(lines == ["CONNECT localhost:\(faults.port("redirect-away")) HTTP/1.1"], "\(lines)")
        #expect(!faults.log.contains { $0.hasPrefix("auth401") }, "\(faults.log)")
    }

    @Test("a silent proxy (accepts, never answers) is ended by --idle-timeout and by --timeout, naming the proxy's address")
    func silentProxy() throws {
        let setup = try Setup("proxy-silent")
        defer { setup.sandbox.remove() }
        let proxy = try BlackHoleServer()
        defer { proxy.stop() }
        let idle = try setup.write("idle.txt", ["--proxy", "http://127.0.0.1:\(proxy.port)", "--idle-timeout", "300ms"])
        #expect(idle.status == 1, "\(idle.stderr)")
        #expect(idle.stdout.contains("\"timed-out\""), "\(idle.stdout)")
        #expect(idle.stderr.contains("127.0.0.1:\(proxy.port)") && idle.stderr.contains("idle timeout"), "\(idle.stderr)")
        let total = try setup.write("total.txt", ["--proxy", "http://127.0.0.1:\(proxy.port)", "--idle-timeout", "0", "--timeout", "300ms"])
        #expect(total.status == 1, "\(total.stderr)")
        #expect(total.stdout.contains("\"timed-out\"") && total.stderr.contains("timed out after 300ms"), "\(total.stderr)")
        #expect(!setup.landed("idle.txt") && !setup.landed("total.txt"))
    }

    /// A port on 127.0.0.1 that nothing listens on (bound, then closed).
    static func closedPort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0 }
        }
        guard bound else { throw TestServersError.command("cannot bind a port") }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}
