import Foundation
import ISCTestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// Many writers on one branch over https, as in a CI fleet: nothing is lost, history stays
/// linear, nothing is forced, and a name registered twice at once has exactly one winner.
///
/// The assertions are invariants that hold for every interleaving: how often writers collide
/// depends on scheduling and is only reported, never asserted. A writer that runs out of retries
/// must exit 1 with one `error:` line and push nothing; the test runs it again until it succeeds.
@Suite("Load and races: concurrent writers over https", .serialized)
struct LoadTests {
    static let https = Transport(name: "https")
    static let tunnel = ["--access-mode", "tunnel", "--account-id", "acc1", "--argocd-token-secret", "argocd-token:token"]
    /// With n writers racing, a writer's push can be beaten at most once by each of the n - 1
    /// others (each of them pushes once and is done), so `--retries` ≥ n - 1 means no writer
    /// runs out of retries from lost races alone; 40 leaves room for 32 writers.
    static let retries = "40"

    struct Context {
        let servers: TestServers
        let sandbox: Sandbox
        let repo: String
        var url: String { LoadTests.https.url(servers, repo) + "/gitops" }

        func arguments(_ command: String, cache: URL, _ extra: [String]) -> [String] {
            [command, "--repo", url, "--provider", "git", "--ca-file", servers.caFile, "--json", "--cache-dir", cache.path] + extra
        }

        func spawn(_ args: [String]) throws -> SpawnedProcess {
            try SpawnedProcess(TestPaths.iscctl, args, environment: sandbox.environment.merging(LoadTests.https.environment(servers)) { $1 })
        }

        func git(_ args: [String]) throws -> String { try servers.git(repo, args) }
        func tip() throws -> String { try git(["rev-parse", "main"]).trimmingCharacters(in: .whitespacesAndNewlines) }
        func isAncestor(_ commit: String, of tip: String) throws -> Bool {
            try ProcessRunner.tool("git", ["--git-dir=\(servers.repositoryPath(repo))", "merge-base", "--is-ancestor", commit, tip]).status == 0
        }
        func runtimes() throws -> Set<String> {
            Set(try git(["ls-tree", "--name-only", "main", "gitops/runtimes/"]).split(separator: "\n").map { String($0.dropFirst("gitops/runtimes/".count)) })
        }

        /// History is linear (one parent each, one root), every update of `main` on the server
        /// started where the previous one ended (no forced update), and fsck --strict is clean.
        func expectLinearUnforcedClean() throws {
            let parents = try git(["rev-list", "--parents", "main"]).split(separator: "\n")
            #expect(
                parents.dropLast().allSatisfy { $0.split(separator: " ").count == 2 } && parents.last?.split(separator: " ").count == 1,
                "not linear")
            let log = try String(contentsOfFile: servers.repositoryPath(repo) + "/push.log", encoding: .utf8)
                .split(separator: "\n").map { $0.split(separator: " ").map(String.init) }.filter { $0.count == 3 && $0[2] == "refs/heads/main" }
            for (before, after) in zip(log, log.dropFirst()) {
                #expect(after[0] == before[1], "forced or out-of-order update: \(before) → \(after)")
            }
            let fsck = try ProcessRunner.tool("git", ["--git-dir=\(servers.repositoryPath(repo))", "fsck", "--strict", "--no-dangling"])
            #expect(fsck.status == 0 && fsck.stderr.isEmpty, "\(fsck.stdout)\(fsck.stderr)")
        }
    }

    static func context(_ prefix: String) throws -> Context {
        let servers = try TestServers.running()
        let sandbox = try Sandbox()
        let repo = try servers.newRepository(TestServers.uniqueName(prefix), withCommitOn: "main")
        let context = Context(servers: servers, sandbox: sandbox, repo: repo)
        let initialized = try sandbox.iscctl(
            context.arguments("init", cache: sandbox.root.appendingPathComponent("cache-init"), tunnel),
            environment: https.environment(servers))
        #expect(initialized.status == 0, "\(initialized.stderr)")
        return context
    }

    /// What one writer printed: its commit (nil when nothing changed) and retries, or its error.
    static func json(_ process: SpawnedProcess) -> [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(process.stdout.utf8)) as? [String: Any]) ?? [:]
    }

    /// Figures of a run of concurrent writers.
    struct Figures {
        var writes = 0
        var retries = 0
        var failures: [String: Int] = [:]
        var commits: [String] = []
    }

    /// Starts every writer at once; writers that exit 1 (with one `error:` line, pushing
    /// nothing) are started again, all at once, until all succeed (at most 8 waves).
    static func runConcurrently(_ context: Context, _ writers: [[String]], figures: inout Figures) throws {
        var pending = writers
        for _ in 0..<8 where !pending.isEmpty {
            let processes = try pending.map { try context.spawn($0) }
            var again: [[String]] = []
            for (args, process) in zip(pending, processes) {
                let ending = process.wait()
                let object = json(process)
                if ending == .exited(0) {
                    figures.writes += 1
                    figures.retries += object["retries"] as? Int ?? 0
                    if let commit = object["commit"] as? String { figures.commits.append(commit) }
                } else {
                    #expect(ending == .exited(1), "\(ending): \(process.stderr)")
                    let lines = process.stderr.split(separator: "\n")
                    #expect(lines.count == 1 && lines[0].hasPrefix("error: "), "\(process.stderr)")
                    let code = (object["error"] as? [String: Any])?["code"] as? String ?? "?"
                    figures.failures[code, default: 0] += 1
                    if ending == .exited(1) { again.append(args) }
                }
            }
            pending = again
        }
        #expect(pending.isEmpty, "\(pending.count) writers still failing after 8 waves")
    }

    @Test("32 concurrent add-runtimes of different names × 3 rounds (own caches, one shared cache, own caches again): 0 lost, linear, no forced update")
    func thirtyTwoWriters() throws {
        let context = try Self.context("load32")
        defer { context.sandbox.remove() }
        let started = Date()
        let cpu = childrenCPUSeconds()
        var figures = Figures()
        var expected: Set<String> = ["codefresh"]
        var previousTip = try context.tip()
        for round in 0..<3 {
            let shared = context.sandbox.root.appendingPathComponent("cache-shared")
            let writers = (0..<32).map { index -> [String] in
                let cache = round == 1 ? shared : context.sandbox.root.appendingPathComponent("cache-\(index)")
                return context.arguments(
                    "add-runtime", cache: cache,
                    ["--runtime", "w\(round)x\(index)", "--namespace", "ns\(index)", "--retries", Self.retries] + Self.tunnel)
            }
            try Self.runConcurrently(context, writers, figures: &figures)
            expected.formUnion((0..<32).map { "w\(round)x\($0)" })
            // Nothing lost: every runtime so far is there, and this round's tip descends from the last.
            #expect(try context.runtimes() == expected, "round \(round)")
            let tip = try context.tip()
            #expect(try context.isAncestor(previousTip, of: tip), "round \(round) does not descend from round \(round - 1)")
            previousTip = tip
        }
        #expect(figures.writes == 96)
        // Every reported commit is on the branch; 1 initial + 1 init + 96 commits, none twice.
        let tip = try context.tip()
        for commit in figures.commits {
            #expect(try context.isAncestor(commit, of: tip), "commit \(commit) lost")
        }
        #expect(Set(figures.commits).count == 96)
        #expect(try context.git(["rev-list", "--count", "main"]).trimmingCharacters(in: .whitespacesAndNewlines) == "98")
        try context.expectLinearUnforcedClean()
        print(
            "LoadTests.thirtyTwoWriters: 32 writers × 3 rounds, 96 runtimes, 0 lost; retries after lost races \(figures.retries); "
                + "writers that exited 1 and were run again \(figures.failures); \(Int(Date().timeIntervalSince(started)))s, "
                + "children's CPU \(Int(childrenCPUSeconds() - cpu))s")
    }

    @Test("8 concurrent add-runtimes of one name with different settings: exactly one winner (exit 0), seven runtime-exists (exit 3)")
    func oneName() throws {
        let context = try Self.context("load-one-name")
        defer { context.sandbox.remove() }
        var winners: [Int] = []
        var conflicts = 0
        var pending = Array(0..<8)
        var reruns = 0
        for _ in 0..<8 where !pending.isEmpty {
            let processes = try pending.map { index in
                try context.spawn(
                    context.arguments(
                        "add-runtime", cache: context.sandbox.root.appendingPathComponent("cache-\(index)"),
                        ["--runtime", "contested", "--namespace", "ns\(index)", "--retries", Self.retries] + Self.tunnel))
            }
            var again: [Int] = []
            for (index, process) in zip(pending, processes) {
                switch process.wait() {
                case .exited(0):
                    winners.append(index)
                case .exited(3):
                    #expect(process.stdout.contains("\"runtime-exists\""), "\(process.stdout)")
                    conflicts += 1
                case let ending:
                    // Out of retries or a transport failure: exit 1, one line, run again.
                    #expect(ending == .exited(1), "\(ending): \(process.stderr)")
                    #expect(process.stderr.split(separator: "\n").count == 1 && process.stderr.hasPrefix("error: "), "\(process.stderr)")
                    again.append(index)
                    reruns += 1
                }
            }
            pending = again
        }
        #expect(winners.count == 1 && conflicts == 7, "winners \(winners), conflicts \(conflicts)")
        if let winner = winners.first {
            let runtime = try context.git(["show", "main:gitops/runtimes/contested/runtime.yaml"])
            #expect(runtime.contains("namespace: ns\(winner)\n"), "\(runtime)")
        }
        // init + the winner's commit.
        #expect(try context.git(["rev-list", "--count", "main"]).trimmingCharacters(in: .whitespacesAndNewlines) == "3")
        try context.expectLinearUnforcedClean()
        print("LoadTests.oneName: 8 writers of one name: winner ns\(winners.first ?? -1), \(conflicts) × exit 3, \(reruns) re-runs after exit 1")
    }

    @Test("iscctl racing the git CLI on one branch: neither side loses a commit")
    func racingGitCLI() throws {
        let context = try Self.context("load-git-cli")
        defer { context.sandbox.remove() }
        let servers = context.servers
        // The git CLI side: a clone over https (token in the URL: tests only), pushing commits of
        // unrelated files; a rejected push is rebased on the new tip and pushed again.
        let clone = context.sandbox.root.appendingPathComponent("clone")
        let port = servers["ISC_TEST_HTTPS_URL"].split(separator: ":").last.map { String($0.prefix { $0.isNumber }) } ?? ""
        let authenticated = "https://\(servers.httpUser):\(servers.httpToken)@localhost:\(port)/\(context.repo)"
        let gitEnvironment: [String: String?] = [
            "GIT_SSL_CAINFO": servers.caFile, "GIT_CONFIG_GLOBAL": "/dev/null", "GIT_CONFIG_NOSYSTEM": "1",
            "GIT_TERMINAL_PROMPT": "0",
        ]
        @Sendable func git(_ args: [String]) throws -> ProcessResult {
            try ProcessRunner.tool("git", ["-C", clone.path, "-c", "user.name=cli", "-c", "user.email=cli@iscctl.invalid"] + args, environment: gitEnvironment)
        }
        #expect(try ProcessRunner.tool("git", ["clone", "-q", authenticated, clone.path], environment: gitEnvironment).status == 0)

        let cliCommits = LockedList()
        let cliFailures = LockedList()
        let cli = Thread {
            for index in 0..<16 {
                do {
                    try Data("\(index)\n".utf8).write(to: clone.appendingPathComponent("cli-\(index).txt"))
                    _ = try git(["add", "cli-\(index).txt"])
                    _ = try git(["commit", "-qm", "cli \(index)"])
                    var pushed = false
                    for _ in 0..<60 where !pushed {
                        if try git(["push", "-q", "origin", "HEAD:main"]).status == 0 {
                            pushed = true
                        } else {
                            _ = try git(["pull", "-q", "--rebase", "origin", "main"])
                        }
                    }
                    if pushed {
                        cliCommits.append(try git(["rev-parse", "HEAD"]).stdout.trimmingCharacters(in: .whitespacesAndNewlines))
                    } else {
                        cliFailures.append("cli-\(index) never pushed")
                    }
                } catch {
                    cliFailures.append("\(error)")
                }
            }
            cliCommits.finish()
        }
        cli.start()

        // The iscctl side, at the same time: 4 writers (own caches), 3 add-runtimes each.
        var figures = Figures()
        for round in 0..<3 {
            let writers = (0..<4).map { index in
                context.arguments(
                    "add-runtime", cache: context.sandbox.root.appendingPathComponent("cache-\(index)"),
                    ["--runtime", "i\(round)x\(index)", "--retries", Self.retries] + Self.tunnel)
            }
            try Self.runConcurrently(context, writers, figures: &figures)
        }
        cliCommits.waitUntilFinished()
        #expect(cliFailures.values.isEmpty, "\(cliFailures.values)")

        let tip = try context.tip()
        #expect(cliCommits.values.count == 16 && figures.commits.count == 12)
        for commit in cliCommits.values + figures.commits {
            #expect(try context.isAncestor(commit, of: tip), "commit \(commit) lost")
        }
        let files = try context.git(["ls-tree", "--name-only", "main"]).split(separator: "\n").filter { $0.hasPrefix("cli-") }
        #expect(files.count == 16)
        #expect(try context.runtimes() == Set(["codefresh"] + (0..<3).flatMap { round in (0..<4).map { "i\(round)x\($0)" } }))
        try context.expectLinearUnforcedClean()
        print(
            "LoadTests.racingGitCLI: 16 git CLI pushes and 12 iscctl add-runtimes on one branch, 0 lost; iscctl retries \(figures.retries), "
                + "iscctl re-runs \(figures.failures)")
    }
}

/// Strings collected by one thread, read by another once it is finished.
final class LockedList: @unchecked Sendable {
    private let condition = NSCondition()
    private var items: [String] = []
    private var finished = false

    func append(_ item: String) { condition.lock(); items.append(item); condition.unlock() }
    func finish() { condition.lock(); finished = true; condition.broadcast(); condition.unlock() }
    func waitUntilFinished() { condition.lock(); while !finished { condition.wait() }; condition.unlock() }
    var values: [String] { condition.lock(); defer { condition.unlock() }; return items }
}
