import Foundation
import ISCTestSupport
import Testing

/// Inputs decided before anything is cloned, and the hostile-but-valid names that are accepted
/// landing in a real repository that `git fsck --strict` and a protected clone accept.
@Suite("Portable paths and early input checks (iscctl)")
struct PortablePathEndToEndTests {
    /// Nothing listens here: a valid input fails with exit 1 (connection refused), an invalid
    /// one must fail with exit 2 before any connection is tried.
    static let unreachable = "https://127.0.0.1:9/x.git"
    static let common = ["--repo", unreachable, "--provider", "git", "--no-cache"]
    static let runtimeFlags = ["--account-id", "acc", "--argocd-token-secret", "tok:key"]
    static let long = String(repeating: "9", count: 100_000)

    /// Each bad input with the flag its error must name.
    static let badInputs: [(String, [String], String)] = [
        ("newline in --author-name", ["write-files", "--put", "a=1", "--author-name", "a\nb"], "--author-name"),
        ("empty --author-name", ["write-files", "--put", "a=1", "--author-name", ""], "--author-name"),
        ("blank --author-name", ["write-files", "--put", "a=1", "--author-name", "   "], "--author-name"),
        ("'<' in --author-name", ["write-files", "--put", "a=1", "--author-name", "a<b"], "--author-name"),
        ("'>' as --author-email", ["write-files", "--put", "a=1", "--author-email", ">"], "--author-email"),
        ("empty --author-email", ["write-files", "--put", "a=1", "--author-email", ""], "--author-email"),
        ("CR in --author-email", ["write-files", "--put", "a=1", "--author-email=a@b\r"], "--author-email"),
        ("ESC in --message", ["write-files", "--put", "a=1", "--message", "x\u{1B}[2J"], "--message"),
        ("DEL in --message", ["write-files", "--put", "a=1", "--message", "x\u{7F}"], "--message"),
        ("newline in --put", ["write-files", "--put", "a\nb=1"], "--put"),
        ("tab in --cache-dir", ["write-files", "--put", "a=1", "--cache-dir", "/tmp/a\tb"], "--cache-dir"),
        ("newline in --namespace", ["init", "--namespace", "ns\n"] + runtimeFlags, "--namespace"),
        ("ESC in --runtime", ["add-runtime", "--runtime", "a\u{1B}"] + runtimeFlags, "--runtime"),
        ("Windows device name as --runtime", ["init", "--runtime", "nul"] + runtimeFlags, "--runtime"),
        ("port 99999 in --server", ["add-cluster", "--runtime", "codefresh", "--cluster", "c1", "--server", "https://h:99999"], "--server"),
        (
            "port 0 in --ingress-url", ["add-runtime", "--access-mode", "service-mesh", "--ingress-url", "https://h:0", "--argocd-token-secret", "t:k"],
            "--ingress-url"
        ),
        ("100 KB port in --server", ["add-cluster", "--runtime", "codefresh", "--cluster", "c1", "--server", "https://h:" + long], "--server"),
        ("100 KB --argocd-server-port", ["init", "--argocd-server-port", long] + runtimeFlags, "--argocd-server-port"),
        (
            "251-character --cluster", ["add-cluster", "--runtime", "codefresh", "--cluster", String(repeating: "c", count: 251), "--server", "https://h"],
            "--cluster"
        ),
        (
            "64-character --cluster", ["add-cluster", "--runtime", "codefresh", "--cluster", String(repeating: "c", count: 64), "--server", "https://h"],
            "--cluster"
        ),
        ("dotted --cluster x.yaml", ["add-cluster", "--runtime", "codefresh", "--cluster", "x.yaml", "--server", "https://h"], "--cluster"),
        ("--cluster nul", ["add-cluster", "--runtime", "codefresh", "--cluster", "nul", "--server", "https://h"], "--cluster"),
        ("write-files path .git.", ["write-files", "--put", ".git./config=x"], "'.git.'"),
        ("write-files path nul.yaml", ["write-files", "--put", "x/NUL.yaml=x"], "'NUL.yaml'"),
    ]

    @Test("every bad input: exit 2 before any connection, naming the flag, echoing at most a short prefix")
    func badInputsExitTwo() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        // The same command with good input reaches the network and fails there (exit 1).
        let good = try sandbox.iscctl(
            [
                "write-files", "--put", "a=1", "--author-name", "Jane", "--author-email", "j@example.com",
                "--message", "subject\n\nbody",
            ] + Self.common)
        #expect(good.status == 1, "\(good.stderr)")
        for (name, arguments, flag) in Self.badInputs {
            let result = try sandbox.iscctl(arguments + Self.common)
            #expect(result.status == 2, "\(name): \(result.stderr.prefix(300))")
            #expect(result.stderr.hasPrefix("error: ") && result.stderr.contains(flag), "\(name): \(result.stderr.prefix(300))")
            #expect(!result.stderr.contains("127.0.0.1"), "\(name): reached the network: \(result.stderr.prefix(300))")
            #expect(result.stderr.split(separator: "\n").count == 1, "\(name)")
            #expect(result.stderr.utf8.count < 400, "\(name): \(result.stderr.utf8.count) bytes of error")
        }
    }

    @Test("bad repository URLs are refused by the parser before cloning: exit 2, the code, no secret")
    func badURLs() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let cases: [(String, String)] = [
            ("https://127.0.0.1:9/x.git/git~1", "invalid-path"), ("https://127.0.0.1:9/x.git/.git.", "invalid-path"),
            ("https://127.0.0.1:9/x.git/.git%20", "invalid-path"), ("https://127.0.0.1:9/x.git/.git%e2%80%8c", "invalid-path"),
            ("https://127.0.0.1:9/x.git/.gitmodules", "invalid-path"), ("https://127.0.0.1:9/x.git/%2e%2e/x", "invalid-path"),
            ("https://127.0.0.1:99999/x.git", "invalid-url"), ("https://user%3AcanaryPw9@127.0.0.1:9/x.git", "credentials-in-url"),
            ("ssh://user%3acanaryPw9@127.0.0.1:9/x.git", "credentials-in-url"), ("user%3AcanaryPw9@127.0.0.1:x.git", "credentials-in-url"),
        ]
        for (url, code) in cases {
            let result = try sandbox.iscctl(["write-files", "--repo", url, "--provider", "git", "--json", "--put", "a=1"])
            #expect(result.status == 2, "\(url): \(result.stderr)")
            #expect(result.stdout.contains("\"\(code)\""), "\(url): \(result.stdout)")
            #expect(!result.stderr.contains("canaryPw9") && !result.stdout.contains("canaryPw9"))
        }
    }

    @Test("--git-token-file: the first line is the token, the rest is ignored; an empty first line is exit 2")
    func tokenFileFirstLine() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let file = sandbox.root.appendingPathComponent("token")
        try Data("tok-first-line\nsecond line\n".utf8).write(to: file)
        let twoLines = try sandbox.iscctl(["write-files", "--put", "a=1", "--git-token-file", file.path] + Self.common)
        #expect(twoLines.status == 1, "\(twoLines.stderr)")  // accepted: it reached the (absent) server
        #expect(!twoLines.stderr.contains("tok-first-line") && !twoLines.stderr.contains("second line"))
        for bad in ["\nsecond-line-token\n", "", "   \r\n"] {
            try Data(bad.utf8).write(to: file)
            let refused = try sandbox.iscctl(["write-files", "--put", "a=1", "--git-token-file", file.path] + Self.common)
            #expect(refused.status == 2 && refused.stderr.contains("--git-token-file"), "\(refused.stderr)")
            #expect(!refused.stderr.contains("second-line-token"))
        }
    }

    @Test("hostile but valid names land in a real repository: git fsck --strict and a clone with protectNTFS/protectHFS pass")
    func hostileValidNamesCheckOut() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let remote = sandbox.root.appendingPathComponent("remote.git").path
        _ = try ProcessRunner.tool("git", ["init", "--bare", "-q", "-b", "main", remote])
        let runtime = "r" + String(repeating: "7", count: 37)  // 38: the longest runtime name
        let label = "c" + String(repeating: "-9", count: 30) + "z1"  // 63: the longest cluster label
        let roots = [
            "envs/été/日本語/a／b/．git/‥/con-1/x.yaml.d",  // unicode and look-alikes that are ordinary names
            Array(repeating: String(repeating: "d", count: 199), count: 5).joined(separator: "/"),  // 999 bytes, five 199-byte segments
        ]
        for root in roots {
            let url = "file://\(remote)/\(root)"
            let initialized = try sandbox.iscctl(["init", "--repo", url, "--provider", "git", "--runtime", runtime] + Self.runtimeFlags)
            #expect(initialized.status == 0, "\(initialized.stderr)")
            for cluster in [label, "1", "0-0"] {
                let added = try sandbox.iscctl(["add-cluster", "--repo", url, "--runtime", runtime, "--cluster", cluster, "--server", "https://10.0.0.1:6443"])
                #expect(added.status == 0, "\(added.stderr)")
            }
        }
        // A root that differs only in case from a folder already there would collide on macOS and Windows.
        let colliding = try sandbox.iscctl(
            ["init", "--repo", "file://\(remote)/ENVS/x", "--provider", "git", "--runtime", "b"] + Self.runtimeFlags + ["--json"])
        #expect(colliding.status == 3, "\(colliding.stderr)")
        #expect(colliding.stdout.contains("\"path-case-conflict\""), "\(colliding.stdout)")

        let paths = try ProcessRunner.tool("git", ["--git-dir", remote, "ls-tree", "-r", "-z", "--name-only", "main"]).stdout
            .split(separator: "\0").map(String.init)
        // Per ISC: isc.yaml, README.md, three .keep, runtime.yaml, in-cluster.yaml and three clusters.
        #expect(paths.count == 2 * 10, "\(paths)")
        for path in paths {
            #expect(roots.contains { path.hasPrefix($0 + "/") }, "\(path) is outside every root")
            #expect(path.utf8.count <= 4096)
            #expect(path.split(separator: "/").allSatisfy { $0.utf8.count <= 255 })
        }
        #expect(paths.contains { $0.hasSuffix("runtimes/\(runtime)/\(label).yaml") })
        let fsck = try ProcessRunner.tool("git", ["--git-dir", remote, "fsck", "--strict", "--no-dangling"])
        #expect(fsck.status == 0, "\(fsck.stdout) \(fsck.stderr)")
        let checkout = sandbox.root.appendingPathComponent("checkout").path
        let clone = try ProcessRunner.tool(
            "git",
            [
                "-c", "core.protectNTFS=true", "-c", "core.protectHFS=true", "-c", "fetch.fsckObjects=true",
                "-c", "transfer.fsckObjects=true", "clone", "-q", "file://\(remote)", checkout,
            ])
        #expect(clone.status == 0, "\(clone.stderr)")
        for path in paths {
            #expect(FileManager.default.fileExists(atPath: checkout + "/" + path), "\(path) not checked out")
        }
    }
}
