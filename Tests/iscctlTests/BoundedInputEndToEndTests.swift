import Foundation
import ISCTestSupport
import Testing

/// Hostile Shared Configuration Repositories (issue 9, item 2) through the built `iscctl` over
/// file:// repositories of the test servers: each is made by `iscctl init` + `add-runtime
/// tmplrt`, then one commit of `scripts/isc_hostile.py` (git fast-import: symbolic links,
/// submodule entries and files where folders belong, a 50 MB file, aliases, deep nesting,
/// 100,000 runtime folders, bytes that are not UTF-8). Time and memory are measured by
/// `scripts/hostile.sh`, never here.
@Suite("Bounded input end to end")
struct BoundedInputEndToEndTests {
    static let flags = ["--provider", "git", "--access-mode", "tunnel", "--account-id", "acc1", "--argocd-token-secret", "argocd-token:token"]

    struct ISC {
        let servers: TestServers
        let sandbox: Sandbox
        let repo: String
        var url: String { "file://" + servers.repositoryPath(repo) }

        /// A fresh ISC with `tmplrt` registered, then the hostile `case` committed on main.
        init(_ name: String, case hostile: String?) throws {
            servers = try TestServers.running()
            sandbox = try Sandbox()
            repo = try servers.newRepository(TestServers.uniqueName("bounded-\(name)"))
            #expect(try iscctl("init", BoundedInputEndToEndTests.flags).status == 0)
            #expect(try iscctl("add-runtime", ["--runtime", "tmplrt"] + BoundedInputEndToEndTests.flags).status == 0)
            if let hostile {
                let script = TestPaths.packageRoot.appendingPathComponent("scripts/isc_hostile.py").path
                let path = servers.repositoryPath(repo)
                // Smaller than scripts/hostile.sh makes them (50 MB, 100,000), as far over the limits.
                let made = try ProcessRunner.tool(
                    "sh",
                    [
                        "-c",
                        "HOSTILE_BYTES=5000000 HOSTILE_RUNTIMES=25000 python3 \"$0\" hostile --git-dir \"$1\" --case \"$2\" | git --git-dir=\"$1\" fast-import --quiet",
                        script, path, hostile,
                    ])
                #expect(made.status == 0, "\(made.stderr)")
            }
        }

        func iscctl(_ command: String, _ args: [String]) throws -> ProcessResult {
            try sandbox.iscctl([command, "--repo", url] + args)
        }

        func tip() throws -> String { try servers.git(repo, ["rev-parse", "main"]).trimmingCharacters(in: .whitespacesAndNewlines) }

        func paths() throws -> [String] {
            try servers.git(repo, ["ls-tree", "-r", "--name-only", "main"]).split(separator: "\n").map(String.init)
        }
    }

    /// Runs `command`: exit 3, one line on stderr containing `fragment`, the remote unchanged.
    static func expectRefused(_ isc: ISC, _ command: String, _ args: [String], _ fragment: String) throws {
        let before = try isc.tip()
        let result = try isc.iscctl(command, args)
        #expect(result.status == 3, "\(command): \(result.stdout) \(result.stderr)")
        let lines = result.stderr.split(separator: "\n")
        #expect(lines.count == 1 && lines[0].hasPrefix("error: "), "\(command): \(result.stderr)")
        #expect(result.stderr.contains(fragment) || result.stdout.contains(fragment), "\(command): \(result.stdout) \(result.stderr)")
        #expect(try isc.tip() == before, "\(command) pushed")
    }

    /// `(case, what list, add-runtime and remove-runtime say: exit 3; validate reports it)`.
    static let everywhereCases: [(String, String)] = [
        ("big-isc-yaml", "bytes, larger than iscctl reads there (2 MiB)"),
        ("alias-amplification", "isc.yaml: line 7: uses a YAML anchor or alias"),
        ("deep-flow", "isc.yaml: line 2: nested more than 64 levels deep"),
    ]

    @Test(
        "a 5 MB isc.yaml, alias amplification, 100,000 '[': every command exits 3 with one line naming the file, nothing pushed",
        arguments: everywhereCases.map(\.0))
    func refusedEverywhere(_ hostile: String) throws {
        let fragment = Self.everywhereCases.first { $0.0 == hostile }!.1
        let isc = try ISC(hostile, case: hostile)
        defer { isc.sandbox.remove() }
        try Self.expectRefused(isc, "list", [], fragment)
        try Self.expectRefused(isc, "add-runtime", ["--runtime", "newrt"] + Self.flags, fragment)
        try Self.expectRefused(isc, "remove-runtime", ["--runtime", "tmplrt"], fragment)
        try Self.expectRefused(isc, "validate", [], fragment)
    }

    /// `(case, what list and remove-runtime tmplrt say)`: a hostile runtime.yaml of tmplrt.
    static let runtimeFileCases: [(String, String)] = [
        ("alias-runtime-yaml", "runtimes/tmplrt/runtime.yaml: line 11: uses a YAML anchor or alias"),
        ("deep-block", "runtimes/tmplrt/runtime.yaml: line 2: nested more than 64 levels deep"),
        ("non-utf8", "runtimes/tmplrt/runtime.yaml: is not UTF-8 text"),
    ]

    @Test(
        "a hostile runtime.yaml: list, validate and remove-runtime of it exit 3 naming it; add-runtime of another runtime is unaffected",
        arguments: runtimeFileCases.map(\.0))
    func hostileRuntimeFile(_ hostile: String) throws {
        let fragment = Self.runtimeFileCases.first { $0.0 == hostile }!.1
        let isc = try ISC(hostile, case: hostile)
        defer { isc.sandbox.remove() }
        try Self.expectRefused(isc, "list", [], fragment)
        try Self.expectRefused(isc, "remove-runtime", ["--runtime", "tmplrt"], fragment)
        try Self.expectRefused(isc, "validate", [], fragment)
        // A write reads isc.yaml and its own runtime's folder only.
        #expect(try isc.iscctl("add-runtime", ["--runtime", "newrt"] + Self.flags).status == 0)
    }

    @Test("25,000 runtime folders: list and validate exit 3 (too-many-runtimes); writes, which read their own folder only, work")
    func manyRuntimes() throws {
        let isc = try ISC("many", case: "many-runtimes")
        defer { isc.sandbox.remove() }
        try Self.expectRefused(isc, "list", [], "runtimes/ holds 25002 entries, more than the 20000 runtimes iscctl reads")
        try Self.expectRefused(isc, "validate", [], "more than the 20000 runtimes")
        #expect(try isc.iscctl("add-runtime", ["--runtime", "newrt"] + Self.flags).status == 0)
        #expect(try isc.paths().contains("runtimes/newrt/runtime.yaml"))
    }

    @Test(
        "runtimes or resources a symbolic link or a file: writes exit 3 (not-a-folder), nothing replaced; validate reports it",
        arguments: ["runtimes-symlink", "runtimes-file", "resources-symlink"])
    func foldersThatAreNot(_ hostile: String) throws {
        let isc = try ISC(hostile, case: hostile)
        defer { isc.sandbox.remove() }
        let folder = hostile.hasPrefix("runtimes") ? "runtimes" : "resources"
        try Self.expectRefused(
            isc, "add-runtime", ["--runtime", "newrt"] + Self.flags, "\(folder) is a file, a symbolic link or a submodule where the ISC has a folder")
        let validate = try isc.iscctl("validate", [])
        #expect(validate.status == 3 && validate.stdout.contains("problem: \(folder) is a file, a symbolic link or a submodule"), "\(validate.stdout)")
        if folder == "runtimes" {
            try Self.expectRefused(isc, "list", [], "runtimes is a file, a symbolic link or a submodule")
        }
    }

    @Test(
        "remove-runtime removes a symbolic link, a submodule entry or a file at runtimes/<R> or resources/runtimes/<R>: nothing left, validate passes",
        arguments: [
            "runtime-symlink", "runtime-gitlink", "runtime-file",
            "resources-runtime-symlink", "resources-runtime-gitlink", "resources-runtime-file",
        ])
    func removeWhateverIsThere(_ hostile: String) throws {
        let isc = try ISC(hostile, case: hostile)
        defer { isc.sandbox.remove() }
        let runtime = hostile.hasPrefix("runtime-") ? "evil" : "tmplrt"
        let before = try isc.iscctl("validate", [])
        #expect(before.status == 3, "\(before.stdout)")
        let removed = try isc.iscctl("remove-runtime", ["--runtime", runtime, "--json"])
        #expect(removed.status == 0, "\(removed.stdout) \(removed.stderr)")
        let json = try writeResult(removed)
        #expect((json["changed"] as? [String])?.contains(hostile.hasPrefix("runtime-") ? "runtimes/evil" : "resources/runtimes/tmplrt") == true, "\(json)")
        let left = try isc.servers.git(isc.repo, ["ls-tree", "-r", "-t", "--name-only", "main"]).split(separator: "\n")
        #expect(!left.contains { $0.hasSuffix("/\(runtime)") || $0.contains("/\(runtime)/") }, "\(left)")
        let after = try isc.iscctl("validate", [])
        #expect(after.status == 0, "\(after.stdout) \(after.stderr)")
    }
}
