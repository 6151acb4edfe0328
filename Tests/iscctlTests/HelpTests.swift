import Foundation
import ISCKit
import ISCTestSupport
import Testing

/// Every command's `--help` as rendered: its titled groups in order, exactly the flags the command
/// uses in each (no flag of another command), every line within 80 columns; the value lists of
/// the enumerated options equal to the library's; an invalid value refused on one line.
@Suite("Command help and enumerated options")
struct HelpTests {
    static let repository = ["--repo", "--provider", "--api-url"]
    static let connection = [
        "--git-token-file", "--ssh-key", "--known-hosts", "--ca-file", "--insecure-skip-tls-verify",
        "--allow-insecure-http", "--proxy", "--timeout", "--idle-timeout", "-q", "--quiet", "--cache-dir", "--no-cache",
    ]
    static let commit = [
        "--retries", "--create-branch", "--message", "--author-name", "--author-email", "--dry-run", "--signing-key", "--signing-format", "--no-sign",
    ]
    static let output = ["--json"]
    static let options = ["--version", "-h", "--help"]
    static let runtime = [
        "--namespace", "--helm-release", "--access-mode", "--account-id", "--ingress-host", "--ingress-class",
        "--ingress-url", "--git-runtime-user", "--git-runtime-token-secret", "--chart-version", "--api-key-secret",
    ]
    static let argoCD = [
        "--argocd-auth", "--argocd-token-secret", "--argocd-username", "--argocd-password-secret", "--argocd-server-svc",
        "--argocd-server-port", "--argocd-rootpath", "--argocd-repo-server-svc", "--argocd-repo-server-port", "--argocd-version",
    ]

    /// The groups of a command that reads, after its own.
    static let reads: [(String, [String])] = [("REPOSITORY", repository), ("CONNECTION, CREDENTIALS AND TRUST", connection), ("OUTPUT", output)]
    /// The groups of a command that writes, after its own.
    static let writes: [(String, [String])] = [
        ("REPOSITORY", repository), ("CONNECTION, CREDENTIALS AND TRUST", connection),
        ("COMMIT AND PUSH", commit), ("OUTPUT", output),
    ]
    static let runtimeGroups: [(String, [String])] = [("RUNTIME", ["--runtime"] + runtime), ("ARGO CD", argoCD)]

    /// Each command's help sections in order, with the flags each lists.
    static let expected: [(command: String, sections: [(String, [String])])] = [
        ("parse", [("ARGUMENTS", []), ("OPTIONS", ["--provider", "--api-url", "--json"] + options)]),
        ("init", runtimeGroups + writes + [("OPTIONS", options)]),
        ("add-runtime", runtimeGroups + writes + [("OPTIONS", options)]),
        ("update-runtime", runtimeGroups + writes + [("OPTIONS", options)]),
        ("add-cluster", [("CLUSTER", ["--runtime", "--cluster", "--server"])] + writes + [("OPTIONS", options)]),
        ("remove-runtime", [("RUNTIME", ["--runtime"])] + writes + [("OPTIONS", options)]),
        ("migrate", writes + [("OPTIONS", options)]),
        ("list", reads + [("OPTIONS", options)]),
        ("helm-values", [("INSTALL", ["--runtime", "--format", "--api-key-secret", "--argocd-version"])] + reads + [("OPTIONS", options)]),
        ("validate", reads + [("OPTIONS", options)]),
        ("completion", [("ARGUMENTS", []), ("OPTIONS", options)]),
        ("write-files", writes + [("OPTIONS", ["--put", "--delete"] + options)]),
    ]

    /// The sections of a rendered help after `USAGE`, each with the flags its entries name.
    static func sections(of help: String) -> [(String, [String])] {
        var sections: [(String, [String])] = []
        for line in help.split(separator: "\n", omittingEmptySubsequences: false) {
            if let first = line.first, first.isUppercase, line.hasSuffix(":"), line == line.uppercased() {
                sections.append((String(line.dropLast()), []))
            } else if line.hasPrefix("  -"), !sections.isEmpty {
                // "  -q, --quiet   No progress output." or "  --repo <url>   The ...": the label ends at two spaces.
                let label = line.dropFirst(2).components(separatedBy: "  ")[0]
                let flags = label.split(whereSeparator: { $0 == " " || $0 == "," }).filter { $0.hasPrefix("-") }.map(String.init)
                sections[sections.count - 1].1 += flags
            }
        }
        return sections
    }

    @Test(
        "each command's --help: its titled groups in order, only the flags it uses, within 80 columns",
        arguments: expected.map(\.command))
    func help(_ command: String) throws {
        let result = try ProcessRunner.iscctl([command, "--help"], environment: ["COLUMNS": "80"])
        #expect(result.status == 0, "\(result.stderr)")
        let expected = try #require(Self.expected.first { $0.command == command }).sections
        let rendered = Self.sections(of: result.stdout)
        #expect(rendered.map(\.0) == expected.map(\.0), "\(command): \(rendered.map(\.0))")
        for (title, flags) in expected {
            let found = rendered.first { $0.0 == title }?.1 ?? []
            #expect(found == flags, "\(command) \(title): \(found)")
        }
        let wide = result.stdout.split(separator: "\n").filter { $0.count > 80 }
        #expect(wide.isEmpty, "\(command): \(wide)")
    }

    /// The argument parser's description of iscctl (`--experimental-dump-help`, the JSON the man
    /// page is generated from).
    static func toolInfo() throws -> [String: Any] {
        let result = try ProcessRunner.iscctl(["--experimental-dump-help"])
        #expect(result.status == 0, "\(result.stderr)")
        return try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
    }

    /// The option `name` of `command` in `tool` (``toolInfo()``).
    static func option(_ name: String, of command: String, in tool: [String: Any]) throws -> [String: Any] {
        let subcommands = try #require((tool["command"] as? [String: Any])?["subcommands"] as? [[String: Any]])
        let subcommand = try #require(subcommands.first { $0["commandName"] as? String == command }, "\(command)")
        let arguments = try #require(subcommand["arguments"] as? [[String: Any]])
        return try #require(arguments.first { ($0["names"] as? [[String: Any]])?.contains { $0["name"] as? String == name } == true }, "\(command) --\(name)")
    }

    @Test("the values of --access-mode, --argocd-auth, --provider and --format are the library's, each described")
    func valueLists() throws {
        let lists: [(String, String, [String])] = [
            ("init", "access-mode", RuntimeUpdate.accessModes),
            ("update-runtime", "access-mode", RuntimeUpdate.accessModes),
            ("add-runtime", "argocd-auth", RuntimeUpdate.authTypes),
            ("init", "provider", GitProvider.allCases.map(\.id)),
            ("parse", "provider", GitProvider.allCases.map(\.id)),
            ("helm-values", "format", HelmInstall.Format.allCases.map(\.rawValue)),
        ]
        let tool = try Self.toolInfo()
        for (command, name, values) in lists {
            let option = try Self.option(name, of: command, in: tool)
            #expect(option["allValues"] as? [String] == values, "\(command) --\(name)")
            let described = option["allValueDescriptions"] as? [String: String] ?? [:]
            #expect(Set(described.keys) == Set(values) && described.values.allSatisfy { !$0.isEmpty }, "\(command) --\(name): \(described)")
        }
        // Completion offers the provider aliases too.
        let provider = try Self.option("provider", of: "list", in: tool)
        let completion = (provider["completionKind"] as? [String: Any])?["list"] as? [String: Any]
        #expect(completion?["values"] as? [String] == GitProvider.allCases.flatMap { [$0.id] + $0.aliases })
    }

    @Test(
        "an invalid value is exit 2 on one line naming every valid value and the command's help, with the library's code, before anything is cloned",
        arguments: [
            (["init", "--access-mode", "vpn"], "--access-mode <mode>", "init", RuntimeUpdate.accessModes, "invalid-setting"),
            (["add-runtime", "--access-mode=vpn"], "--access-mode <mode>", "add-runtime", RuntimeUpdate.accessModes, "invalid-setting"),
            (
                ["update-runtime", "--runtime", "r1", "--argocd-auth", "oauth"], "--argocd-auth <auth>", "update-runtime", RuntimeUpdate.authTypes,
                "invalid-setting"
            ),
            (["list", "--provider", "gitolite"], "--provider <provider>", "list", GitProvider.allCases.map(\.id), "invalid-provider"),
            (
                ["parse", "https://example.com/a/b", "--provider", "gitolite"], "--provider <provider>", "parse", GitProvider.allCases.map(\.id),
                "invalid-provider"
            ),
            (
                ["helm-values", "--runtime", "r1", "--format", "yaml"], "--format <format>", "helm-values", HelmInstall.Format.allCases.map(\.rawValue),
                "invalid-setting"
            ),
            (["completion", "tcsh"], "<shell>", "completion", ["bash", "zsh", "fish"], "invalid-arguments"),
        ])
    func invalidValue(_ arguments: [String], _ option: String, _ command: String, _ values: [String], _ code: String) throws {
        // An unreachable repository: reaching for it would be exit 1, not 2.
        let repository = ["parse", "completion"].contains(command) ? [] : ["--repo", "https://127.0.0.1:9/x.git", "--no-cache"]
        let result = try ProcessRunner.iscctl(arguments + ["--json"] + repository)
        #expect(result.status == 2, "\(result.stderr)")
        let lines = result.stderr.split(separator: "\n")
        #expect(lines.count == 1, "\(result.stderr)")
        let line = String(lines.first ?? "")
        #expect(line.hasPrefix("error: The value '") && line.contains("is invalid for '\(option)'"), "\(line)")
        for value in values { #expect(line.contains(value), "\(line) lacks \(value)") }
        #expect(line.hasSuffix("(see 'iscctl \(command) --help')"), "\(line)")
        #expect(result.stdout.contains("\"code\": \"\(code)\""), "\(result.stdout)")
    }

    @Test("the library's code only when the value is all that is wrong: a flag the command does not take stays an unknown option")
    func codeOnlyForTheValue() throws {
        let notTaken = try ProcessRunner.iscctl(["list", "--access-mode", "vpn", "--json"])
        #expect(notTaken.status == 2 && notTaken.stderr.hasPrefix("error: Unknown option '--access-mode'"), "\(notTaken.stderr)")
        #expect(notTaken.stdout.contains("\"code\": \"invalid-arguments\""), "\(notTaken.stdout)")
        let twoMistakes = try ProcessRunner.iscctl(["list", "--provider", "gitolite", "--bogus", "--json"])
        #expect(twoMistakes.status == 2 && twoMistakes.stdout.contains("\"code\": \"invalid-arguments\""), "\(twoMistakes.stdout)")
    }

    @Test("a provider alias in any case is accepted as before")
    func providerAlias() throws {
        let result = try ProcessRunner.iscctl(["parse", "https://dev.azure.com/org/project/_git/repo", "--provider", "Azure", "--json"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("\"provider\": \"azure-devops\""), "\(result.stdout)")
    }
}
