import Foundation
import Testing

@testable import ISCCore
@testable import ISCKit

/// The one rule for paths iscctl writes (``PortablePath``), the name rules built on it, and the
/// early input rules.
@Suite("Portable paths and early input rules")
struct PortablePathTests {
    /// Every refused component with a word its reason must contain.
    static let refused: [(String, String)] = [
        ("", "empty"),
        (".", "current or parent"),
        ("..", "current or parent"),
        (String(repeating: "a", count: 256), "256 bytes"),
        (String(repeating: "é", count: 128), "256 bytes"),  // 128 characters, 256 bytes
        ("a\nb", "U+000A"), ("a\u{0}b", "U+0000"), ("a\u{1B}b", "U+001B"), ("a\u{7F}", "U+007F"), ("a\u{85}", "U+0085"), ("\t", "U+0009"),
        ("a/b", "'/'"),
        (".git", "'.git'"), (".GIT", "'.git'"), (".Git", "'.git'"),
        (".git.", "'.git'"), (".git ", "'.git'"), (".git. . ", "'.git'"), (".git::$INDEX_ALLOCATION", "'.git'"), (".git:stream", "'.git'"),
        (".g\u{200C}it", "'.git'"), (".git\u{200D}", "'.git'"), ("\u{FEFF}.git", "'.git'"), (".gi\u{202E}t", "'.git'"), (".g\u{206A}it", "'.git'"),
        ("git~1", "'.git'"), ("GIT~1", "'.git'"), ("git~2", "'.git'"), ("git~1.", "'.git'"),
        (".gitmodules", "'.gitmodules'"), (".GitModules", "'.gitmodules'"), (".gitmodules.", "'.gitmodules'"), (".gitmodules ", "'.gitmodules'"),
        (".git\u{200C}modules", "'.gitmodules'"), ("gitmod~1", "'.gitmodules'"), ("GI7EBA~1", "'.gitmodules'"), (".gitmodules::$DATA", "'.gitmodules'"),
        (".gitattributes", "'.gitattributes'"), ("gitatt~1", "'.gitattributes'"), (".gitignore", "'.gitignore'"), ("gitign~3", "'.gitignore'"),
        ("con", "device"), ("CON", "device"), ("Prn", "device"), ("aux", "device"), ("NUL", "device"), ("nul.yaml", "device"), ("NUL.tar.gz", "device"),
        ("com1", "device"), ("COM9", "device"), ("com0", "device"), ("lpt1", "device"), ("LPT9.txt", "device"), ("com\u{B9}", "device"),
        ("lpt\u{B3}", "device"),
        ("conin$", "device"), ("CONOUT$", "device"), ("nul .yaml", "device"), ("con ", "device"),
        ("a<b", "'<'"), ("a>b", "'>'"), ("a:b", "':'"), ("a\"b", "'\"'"), ("a\\b", "'\\'"), ("a|b", "'|'"), ("a?b", "'?'"), ("a*b", "'*'"),
        ("..\\..", "'\\'"),
        ("a.", "dot or a space"), ("a ", "dot or a space"), ("...", "dot or a space"), ("a／..", "dot or a space"),
    ]

    /// Components that are portable, hostile-looking ones included.
    static let accepted: [String] = [
        "a", "isc.yaml", "README.md", ".keep", "in-cluster.yaml", String(repeating: "a", count: 255), String(repeating: "é", count: 127) + "a",
        ".github", ".gitkeep", ".git-credentials", "git", "git~", "git~x", "sub.git", "x.git", ".gitmodule", ".gitmodulesx", "gitmod~", "my env",
        "été", "e\u{301}te\u{301}", "日本語", "a／b", "．git", "‥", "․․", "com10", "lpt", "console", "nul-x", "aux1", "conin", "con-1.yaml", "a.b.c",
        "-", "_", "~", "a b", "a\u{200C}b", "x.yaml.yaml",
    ]

    @Test("every refused component is refused with its reason")
    func refusedComponents() {
        for (component, reason) in Self.refused {
            let violation = PortablePath.violation(component: component)
            #expect(violation != nil, "'\(component.debugDescription)' must be refused")
            #expect(violation?.contains(reason) == true, "'\(component.debugDescription)': \(violation ?? "nil") lacks \(reason)")
        }
    }

    @Test("hostile-looking but portable components are accepted")
    func acceptedComponents() {
        for component in Self.accepted {
            #expect(
                PortablePath.violation(component: component) == nil, "'\(component.debugDescription)': \(PortablePath.violation(component: component) ?? "")")
        }
    }

    @Test("a path: relative, at most 4096 bytes, every segment portable, the segment named")
    func paths() {
        #expect(PortablePath.violation(path: "envs/prod/runtimes/a/in-cluster.yaml") == nil)
        #expect(PortablePath.violation(path: "")?.contains("empty") == true)
        #expect(PortablePath.violation(path: "/etc/passwd")?.contains("absolute") == true)
        #expect(PortablePath.violation(path: "a//b")?.contains("segment ''") == true)
        #expect(PortablePath.violation(path: "a/")?.contains("empty") == true)
        #expect(PortablePath.violation(path: "a/../b")?.contains("segment '..'") == true)
        #expect(PortablePath.violation(path: "x/.git./config")?.contains("segment '.git.'") == true)
        #expect(PortablePath.violation(path: "x/Nul.yaml")?.contains("device") == true)
        let deep = Array(repeating: String(repeating: "d", count: 200), count: 20).joined(separator: "/")  // 4019 bytes
        #expect(PortablePath.violation(path: deep) == nil)
        #expect(PortablePath.violation(path: deep + "/" + String(repeating: "e", count: 80))?.contains("4100 bytes") == true)
        // The segment is shown escaped and cut short.
        let message = PortablePath.violation(path: "a/" + String(repeating: "z", count: 1000) + "\n") ?? ""
        #expect(message.contains("…(1001 bytes)") && !message.contains("\n") && message.count < 200, "\(message)")
    }

    @Test("collision keys: case, HFS-ignorable code points and Unicode normalization collide; other names do not")
    func collisionKeys() {
        #expect(PortablePath.collisionKey("Envs") == PortablePath.collisionKey("envs"))
        #expect(PortablePath.collisionKey("README.md") == PortablePath.collisionKey("readme.MD"))
        #expect(PortablePath.collisionKey("e\u{301}t\u{E9}") == PortablePath.collisionKey("\u{E9}te\u{301}"))
        #expect(PortablePath.collisionKey("a\u{200C}b") == PortablePath.collisionKey("ab"))
        #expect(PortablePath.collisionKey("ÉTÉ") == PortablePath.collisionKey("été"))
        #expect(PortablePath.collisionKey("a-b") != PortablePath.collisionKey("a_b"))
        #expect(PortablePath.collisionKey("prod") != PortablePath.collisionKey("prod.yaml"))
    }

    @Test("Display.safe: control and format characters escaped, long values cut to 80 characters with their size")
    func displaySafe() {
        #expect(Display.safe("plain") == "plain")
        #expect(Display.safe("a\nb\u{0}c\u{1B}") == "a\\u{a}b\\u{0}c\\u{1b}")
        #expect(Display.safe(".git\u{200C}") == ".git\\u{200c}")
        #expect(Display.safe("a\u{202E}b") == "a\\u{202e}b")
        let long = String(repeating: "9", count: 100_000)
        let shown = Display.safe(long)
        #expect(shown == String(repeating: "9", count: 80) + "…(100000 bytes)")
        #expect(Display.safe(String(repeating: "x", count: 80)) == String(repeating: "x", count: 80))
        #expect(Display.safe("abcdef", limit: 3) == "abc…(6 bytes)")
    }

    @Test("cluster names: new ones are DNS-1123 labels of at most 63 with a portable file; stored dotted names still read")
    func clusterNames() throws {
        try SettingRules.clusterName(String(repeating: "a", count: 63))
        try SettingRules.clusterName("prod-eu-1")
        try SettingRules.clusterName("1")
        for bad in [
            String(repeating: "a", count: 64), String(repeating: "a", count: 251), "x.yaml", "prod.eu", "a.b.c", "Prod", "-a", "a-", "", "a_b",
            "in-cluster", "nul", "con", "aux", "prn", "com1", "lpt9",
        ] {
            #expect(throws: OperationError.self, "\(bad)") { try SettingRules.clusterName(bad) }
        }
        let error = try #require(throws: OperationError.self) { try SettingRules.clusterName("x.yaml") }
        #expect(error.category == .invalidInput && error.message.contains("--cluster") && error.message.contains("DNS-1123 label"))
        // What an earlier iscctl wrote still reads (accept on read, refuse on write).
        try SettingRules.storedClusterName("prod.eu")
        try SettingRules.storedClusterName("x.yaml")
        #expect(throws: OperationError.self) { try SettingRules.storedClusterName("in-cluster") }
        #expect(throws: OperationError.self) { try SettingRules.storedClusterName("Prod") }
    }

    @Test("runtime names: a new runtime's folder must be portable; an existing name is only held to the syntax")
    func runtimeNames() throws {
        for device in ["con", "prn", "aux", "nul", "com1", "com9", "lpt1", "lpt0"] {
            #expect(throws: OperationError.self, "\(device)") { try SettingRules.newRuntimeName(device) }
            try SettingRules.runtimeName(device)
        }
        try SettingRules.newRuntimeName("console")
        try SettingRules.newRuntimeName("com10")
        try SettingRules.newRuntimeName("a" + String(repeating: "9", count: 37))
        var settings = RuntimeSettings(
            accessMode: .tunnel(accountId: "a"), argoCD: ArgoCDSettings(auth: .token(tokenSecretKeyRef: SecretKeyRef(name: "s", key: "k"))))
        settings.clusters = ["in-cluster", "prod.eu"]
        try settings.validate()
        #expect(throws: OperationError.self) { try settings.validateNew() }
        settings.clusters = ["in-cluster", "prod-eu"]
        try settings.validateNew()
    }

    @Test("authors and messages: empty, '<', '>', control characters refused naming the flag; multi-line messages allowed")
    func authorsAndMessages() throws {
        try InputRules.author(name: "Jane Doe", email: "jane@example.com")
        try InputRules.author(name: "Zoë", email: "x")
        for (name, email, flag) in [
            ("", "a@b", "--author-name"), ("  ", "a@b", "--author-name"), ("a\nb", "a@b", "--author-name"),
            ("a<b", "a@b", "--author-name"), ("a", "", "--author-email"), ("a", ">", "--author-email"),
            ("a", "a@b\r", "--author-email"), ("a", "<a@b>", "--author-email"), ("a\u{0}", "a@b", "--author-name"),
        ] {
            let error = try #require(throws: OperationError.self, "\(name.debugDescription) \(email.debugDescription)") {
                try InputRules.author(name: name, email: email)
            }
            #expect(error.category == .invalidInput && error.message.hasPrefix(flag), "\(error.message)")
            #expect(!error.message.contains("\n") && !error.message.contains("\r") && !error.message.contains("\u{0}"))
        }
        try InputRules.commitMessage("subject\n\nbody\r\n\twith a tab")
        for bad in ["a\u{0}b", "a\u{1B}[31m", "\u{7F}"] {
            let error = try #require(throws: OperationError.self) { try InputRules.commitMessage(bad) }
            #expect(error.message.hasPrefix("--message") && error.category == .invalidInput)
        }
    }

    @Test("http(s) URL settings: out-of-range, empty or non-numeric ports refused, the value cut short")
    func urlPorts() throws {
        for good in ["https://h", "https://h:1", "https://h:65535/x", "http://[::1]:8080", "https://[::1]", "https://10.0.0.1:6443"] {
            try SettingRules.httpURL(good, flag: "--server")
        }
        for bad in [
            "https://h:99999", "https://h:0", "https://h:", "https://h:-1", "https://h:8a", "https://[::1]:99999", "https://:443",
            "https://h:" + String(repeating: "9", count: 100_000),
        ] {
            let error = try #require(throws: OperationError.self, "\(bad.prefix(40))") { try SettingRules.httpURL(bad, flag: "--server") }
            #expect(error.message.hasPrefix("--server") && error.message.count < 200, "\(error.message.prefix(300))")
        }
    }

    @Test("write-files paths are joined under the root only when portable")
    func joinedPaths() throws {
        #expect(try RepositoryPaths.join("envs/prod", "a/b.yaml") == "envs/prod/a/b.yaml")
        for bad in ["/abs", "../x", "a/./b", ".git/config", ".GIT./x", "git~1/x", "a/.gitmodules", "nul.yaml", "a:b", "a\\b", "x.", "a//b", "a/"] {
            let error = try #require(throws: OperationError.self, "\(bad)") { try RepositoryPaths.join("envs", bad) }
            #expect(error.code == "invalid-path" && error.category == .invalidInput)
        }
    }
}
