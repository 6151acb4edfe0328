import Foundation
import ISCKit
import ISCTestSupport
import Testing

/// `targetRevision` always resolves (issue 8, item 7), through the built `iscctl` against
/// repositories served by the test servers: empty bare repositories made by `git init --bare`
/// (HEAD naming `master` or `main`), a repository whose HEAD names the branch, and one whose
/// HEAD moved to another branch. What landed is read back with the git CLI.
@Suite("targetRevision end to end")
struct TargetRevisionEndToEndTests {
    static let tunnel = ISCEndToEndTests.tunnel
    static let application = "gitops/runtimes/codefresh/in-cluster.yaml"

    /// A repository and how to reach it.
    struct Setup {
        let run: ISCEndToEndTests.Run
        let servers: TestServers
        let sandbox: Sandbox
        let repo: String
        let cacheFlags: [String]

        func iscctl(_ command: String, _ args: [String]) throws -> ProcessResult {
            try run.iscctl(command, args + cacheFlags)
        }

        /// `spec.source.targetRevision` of an Application on `main`, as the git CLI shows it.
        func targetRevision(_ path: String = application) throws -> String? {
            try ApplicationManifest.read(Data(try servers.git(repo, ["show", "main:\(path)"]).utf8), source: path).targetRevision
        }

        func commits() throws -> String {
            try servers.git(repo, ["rev-list", "--count", "main"]).trimmingCharacters(in: .whitespacesAndNewlines)
        }
    }

    /// An empty bare repository made by the git CLI (`git init --bare --initial-branch=head`),
    /// served by every transport, reached over `transport` at the folder `gitops`.
    static func emptyRepository(head: String, transport name: String, cached: Bool, sandbox: Sandbox) throws -> Setup {
        let servers = try TestServers.running()
        let repo = TestServers.uniqueName("rev-\(head)") + ".git"
        let path = servers.repositoryPath(repo)
        for arguments in [["init", "-q", "--bare", "--initial-branch=\(head)", path], ["--git-dir=\(path)", "config", "http.receivepack", "true"]] {
            let result = try ProcessRunner.tool("git", arguments)
            guard result.status == 0 else { throw TestServersError.command(result.stderr) }
        }
        let transport = Transport(name: name)
        let run = ISCEndToEndTests.Run(transport: transport, servers: servers, sandbox: sandbox, url: transport.url(servers, repo) + "/gitops")
        return Setup(run: run, servers: servers, sandbox: sandbox, repo: repo, cacheFlags: cached ? [] : ["--no-cache"])
    }

    static func expectUnchanged(_ result: ProcessResult, _ what: String) throws {
        #expect(result.status == 0, "\(what): \(result.stderr)")
        #expect(try writeResult(result)["commit"] is NSNull, "\(what) must be a no-op: \(result.stdout)")
    }

    static func expectValid(_ setup: Setup) throws {
        let valid = try setup.iscctl("validate", [])
        #expect(valid.status == 0 && valid.stdout.contains("ok"), "\(valid.stdout)\(valid.stderr)")
    }

    @Test(
        "an empty repository whose HEAD names master: init pushes main and writes targetRevision main; add-runtime too; re-runs are no-ops; validate is clean",
        arguments: ["file", "git-daemon", "https"], [true, false])
    func emptyMaster(_ transport: String, _ cached: Bool) throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let setup = try Self.emptyRepository(head: "master", transport: transport, cached: cached, sandbox: sandbox)

        let initialized = try setup.iscctl("init", Self.tunnel)
        #expect(initialized.status == 0, "\(initialized.stderr)")
        #expect(initialized.stdout.contains(" to main: "), "\(initialized.stdout)")
        #expect(try setup.servers.git(setup.repo, ["for-each-ref", "--format=%(refname)"]) == "refs/heads/main\n")
        #expect(try setup.servers.git(setup.repo, ["symbolic-ref", "HEAD"]) == "refs/heads/master\n")
        let text = try setup.servers.git(setup.repo, ["show", "main:\(Self.application)"])
        #expect(text.contains("\n    targetRevision: main\n"), "\(text)")

        let added = try setup.iscctl("add-runtime", ["--runtime", "r2"] + Self.tunnel)
        #expect(added.status == 0, "\(added.stderr)")
        #expect(try setup.targetRevision("gitops/runtimes/r2/in-cluster.yaml") == "main")

        try Self.expectUnchanged(try setup.iscctl("init", Self.tunnel + ["--json"]), "init again")
        try Self.expectUnchanged(try setup.iscctl("add-runtime", ["--runtime", "r2", "--json"] + Self.tunnel), "add-runtime again")
        #expect(try setup.commits() == "2")
        try Self.expectValid(setup)
    }

    @Test(
        "an empty repository whose HEAD names main: main first (HEAD unknown while empty), then no flip-flop to HEAD; validate is clean",
        arguments: ["file", "git-daemon", "https"])
    func emptyMain(_ transport: String) throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let setup = try Self.emptyRepository(head: "main", transport: transport, cached: true, sandbox: sandbox)

        #expect(try setup.iscctl("init", Self.tunnel).status == 0)
        #expect(try setup.targetRevision() == "main")
        // The remote's HEAD now names main: HEAD would be written, and main is equivalent.
        try Self.expectUnchanged(try setup.iscctl("init", Self.tunnel + ["--json"]), "init again")
        try Self.expectUnchanged(
            try setup.iscctl("add-runtime", ["--runtime", "codefresh", "--json"] + Self.tunnel), "add-runtime of the configuration runtime")
        try Self.expectValid(setup)
        // A runtime added now gets HEAD, which resolves to main.
        #expect(try setup.iscctl("add-runtime", ["--runtime", "r2"] + Self.tunnel).status == 0)
        #expect(try setup.targetRevision("gitops/runtimes/r2/in-cluster.yaml") == "HEAD")
        #expect(try setup.targetRevision() == "main")
        try Self.expectValid(setup)
        #expect(try setup.commits() == "2")
    }

    @Test(
        "a repository whose HEAD names the branch: HEAD; then HEAD moved to another branch: validate reports it, init with ?ref=main repairs it",
        arguments: ["file", "git-daemon"])
    func headMoved(_ transport: String) throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let servers = try TestServers.running()
        let repo = try servers.newRepository(TestServers.uniqueName("rev-head"), withCommitOn: "main")
        let kind = Transport(name: transport)
        let url = kind.url(servers, repo) + "/gitops"
        let setup = Setup(
            run: .init(transport: kind, servers: servers, sandbox: sandbox, url: url), servers: servers, sandbox: sandbox, repo: repo, cacheFlags: [])

        #expect(try setup.iscctl("init", Self.tunnel).status == 0)
        #expect(try setup.targetRevision() == "HEAD")
        try Self.expectUnchanged(try setup.iscctl("init", Self.tunnel + ["--json"]), "init again")
        try Self.expectValid(setup)

        // Someone makes master the default branch: the Applications' HEAD now means master.
        _ = try servers.git(repo, ["branch", "master", "main"])
        _ = try servers.git(repo, ["symbolic-ref", "HEAD", "refs/heads/master"])
        let onMain = ISCEndToEndTests.Run(transport: kind, servers: servers, sandbox: sandbox, url: url + "?ref=main")
        let invalid = try onMain.iscctl("validate", [])
        #expect(invalid.status == 3, "\(invalid.stdout)\(invalid.stderr)")
        #expect(
            invalid.stdout.contains(
                "problem: \(Self.application): spec.source.targetRevision is HEAD, which Argo CD resolves to the remote's default branch 'master', not to the branch 'main' iscctl writes; expected 'main'"
            ),
            "\(invalid.stdout)")

        let repaired = try onMain.iscctl("init", Self.tunnel + ["--json"])
        #expect(repaired.status == 0, "\(repaired.stderr)")
        #expect(try writeResult(repaired)["changed"] as? [String] == [Self.application])
        #expect(try setup.targetRevision() == "main")
        let valid = try onMain.iscctl("validate", [])
        #expect(valid.status == 0, "\(valid.stdout)\(valid.stderr)")
        try Self.expectUnchanged(try onMain.iscctl("init", Self.tunnel + ["--json"]), "init after the repair")
        #expect(try servers.git(repo, ["rev-parse", "master"]) != servers.git(repo, ["rev-parse", "main"]))
    }
}
