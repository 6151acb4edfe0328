import Foundation
import ISCTestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// A killed or interrupted iscctl leaves nothing that grows and nothing half written: the remote
/// is at the old or the new tip, the cache is used or rebuilt by the next run, and scratch
/// folders are removed at once (SIGINT, SIGTERM, SIGHUP) or by the next run (SIGKILL).
@Suite("Crashes and signals: kills at any moment leave nothing behind", .serialized)
struct CrashTests {
    static let https = Transport(name: "https")
    static let tunnel = ["--access-mode", "tunnel", "--account-id", "acc1", "--argocd-token-secret", "argocd-token:token"]
    static let signals: [(Int32, String)] = [(SIGKILL, "SIGKILL"), (SIGINT, "SIGINT"), (SIGTERM, "SIGTERM"), (SIGHUP, "SIGHUP")]

    static func git(_ args: [String]) throws -> ProcessResult { try ProcessRunner.tool("git", args) }

    /// Waits until no process of the test servers (git-http-backend, git receive-pack or
    /// upload-pack, git daemon's children, sshd's git commands) works on `repository`, found by
    /// its path in the process's command line or environment (`/proc`). False when that does not
    /// happen within a minute (an upper bound for a hang, not a timing assumption).
    static func waitForServerQuiet(repository: String) -> Bool {
        let name = URL(fileURLWithPath: repository).lastPathComponent
        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline {
            var busy = false
            let own = getpid()
            for entry in (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? [] {
                guard let pid = Int32(entry), pid != own else { continue }
                let cmdline = (try? Data(contentsOf: URL(fileURLWithPath: "/proc/\(entry)/cmdline"))) ?? Data()
                let command = String(decoding: cmdline, as: UTF8.self)
                guard command.contains("git") else { continue }
                let environ = (try? Data(contentsOf: URL(fileURLWithPath: "/proc/\(entry)/environ"))) ?? Data()
                let text = command + String(decoding: environ, as: UTF8.self)
                if text.contains(name) && (text.contains("receive-pack") || text.contains("upload-pack") || text.contains("http-backend")) {
                    busy = true
                    break
                }
            }
            if !busy { return true }
            usleep(10_000)
        }
        return false
    }

    static func entries(_ url: URL) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []).sorted()
    }

    static func spawn(_ sandbox: Sandbox, _ servers: TestServers, _ args: [String]) throws -> SpawnedProcess {
        try SpawnedProcess(TestPaths.iscctl, args, environment: sandbox.environment.merging(https.environment(servers)) { $1 })
    }

    // MARK: Deterministic: a run blocked on a silent server

    @Test(
        "SIGINT, SIGTERM, SIGHUP during a --no-cache run: exit 130, 143, 129, one error line, the scratch folder gone at once; SIGKILL's is swept by the next run",
        arguments: [(SIGINT, "SIGINT"), (SIGTERM, "SIGTERM"), (SIGHUP, "SIGHUP"), (SIGKILL, "SIGKILL")] as [(Int32, String)])
    func signalWhileBlocked(_ signal: Int32, _ name: String) throws {
        let servers = try TestServers.running()
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let tmp = sandbox.root.appendingPathComponent("tmp")
        let server = try BlackHoleServer()
        defer { server.stop() }
        // The scratch folder (and its lock) exists before the first byte is sent, and the silent
        // server holds the run there: the signal always comes at the same point.
        let run = try SpawnedProcess(
            TestPaths.iscctl,
            [
                "write-files", "--repo", "http://127.0.0.1:\(server.port)/isc.git", "--provider", "git",
                "--no-cache", "--json", "--put", "a=1",
            ], environment: sandbox.environment)
        var scratch: [String] = []
        for _ in 0..<1_500 {
            scratch = Self.entries(tmp).filter { $0.hasPrefix("iscctl-") }
            if scratch.count == 1, FileManager.default.fileExists(atPath: tmp.appendingPathComponent(scratch[0] + "/.lock").path) { break }
            if run.hasEnded { break }
            usleep(20_000)
        }
        #expect(scratch.count == 1, "no scratch folder appeared: \(run.stderr)")
        #expect(run.send(signal))
        let ending = run.wait()
        if signal == SIGKILL {
            #expect(ending == .signaled(SIGKILL))
            #expect(Self.entries(tmp) == scratch, "SIGKILL cannot clean up: the folder stays until the next run")
            // Any next run sweeps it, with or without a cache, and leaves nothing of its own.
            let repo = try servers.newRepository(TestServers.uniqueName("sweep"), withCommitOn: "main")
            let next = try sandbox.iscctl(
                ["write-files", "--repo", Self.https.url(servers, repo), "--provider", "git", "--put", "a=1"]
                    + Self.https.arguments(servers), environment: Self.https.environment(servers))
            #expect(next.status == 0, "\(next.stderr)")
            #expect(Self.entries(tmp).isEmpty, "left: \(Self.entries(tmp))")
        } else {
            #expect(ending == .exited(128 + signal))
            #expect(run.stderr == "error: interrupted by \(name)\n")
            #expect(run.stdout.contains("\"code\": \"interrupted\""), "\(run.stdout)")
            #expect(Self.entries(tmp).isEmpty, "left: \(Self.entries(tmp))")
        }
    }

    @Test("a SIGHUP ignored by the caller (nohup) stays ignored; SIGTERM still ends the run cleanly")
    func ignoredHangup() throws {
        let servers = try TestServers.running()
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let tmp = sandbox.root.appendingPathComponent("tmp")
        let server = try BlackHoleServer()
        defer { server.stop() }
        let command =
            "trap '' HUP; exec '\(TestPaths.iscctl.path)' write-files --repo http://127.0.0.1:\(server.port)/isc.git --provider git --no-cache --put a=1"
        let run = try SpawnedProcess(URL(fileURLWithPath: "/bin/sh"), ["-c", command], environment: sandbox.environment)
        for _ in 0..<1_500 where Self.entries(tmp).isEmpty && !run.hasEnded { usleep(20_000) }
        #expect(Self.entries(tmp).count == 1)
        #expect(run.send(SIGHUP))
        // Still blocked on the silent server after the hangup: a SIGTERM now ends it.
        #expect(run.send(SIGTERM))
        #expect(run.wait() == .exited(143))
        #expect(run.stderr == "error: interrupted by SIGTERM\n", "\(run.stderr)")
        #expect(Self.entries(tmp).isEmpty)
        _ = servers
    }

    // MARK: 50 kills at random moments

    enum Mode: String, CaseIterable {
        /// The cache directory is removed first: the run clones the whole history into the cache.
        case cold
        /// The cache holds the mirror: the run fetches what is new and writes its commit into it.
        case warm
        /// `--no-cache`: a full bare clone in a scratch folder of TMPDIR.
        case noCache = "no-cache"
    }

    /// Figures of the random-kill test.
    struct Tally: CustomStringConvertible {
        var endings: [String: [String: Int]] = [:]
        var landed = 0
        var notLanded = 0
        var cacheWritesInterrupted = 0
        var scratchLeftBySIGKILL = 0
        var scratchLeftByFallback = 0
        var rebuilds = 0
        var rewrites = 0
        var fsckRetries = 0
        var lateLandings = 0
        var description: String {
            let perSignal = endings.keys.sorted().map {
                "\($0): \(endings[$0]!.sorted { $0.key < $1.key }.map { "\($0.key) ×\($0.value)" }.joined(separator: ", "))"
            }
            return "endings {\(perSignal.joined(separator: "; "))}; new tip \(landed), old tip \(notLanded); "
                + "cache writes interrupted \(cacheWritesInterrupted); scratch folders left by SIGKILL \(scratchLeftBySIGKILL), by the cleanup fallback \(scratchLeftByFallback) (all swept by the next run); "
                + "mirrors rebuilt \(rebuilds); killed writes re-run \(rewrites); "
                + "pushes the server finished after the kill was seen \(lateLandings); fsck repeated while the server finished a push \(fsckRetries)"
        }
    }

    @Test(
        "50 kills at random moments over https (SIGKILL, SIGINT, SIGTERM, SIGHUP × cold cache, warm cache, --no-cache): old or new tip, fsck clean, validate passes, the next run succeeds, nothing left"
    )
    func randomKills() throws {
        let servers = try TestServers.running()
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let started = Date()
        let cpu = childrenCPUSeconds()
        let repo = try servers.newRepository(TestServers.uniqueName("kills"), withCommitOn: "main")
        let remote = servers.repositoryPath(repo)
        var random = SeededGenerator(seed: 0x15C_C7_1)

        // A 1.5 MB incompressible file outside the ISC root, so that a cold fetch takes a while
        // (a pack being received and indexed into the cache).
        let work = sandbox.root.appendingPathComponent("work")
        #expect(try Self.git(["clone", "-q", remote, work.path]).status == 0)
        try FileManager.default.createDirectory(at: work.appendingPathComponent("data"), withIntermediateDirectories: true)
        try Data((0..<1_500_000).map { _ in UInt8.random(in: 0...255, using: &random) }).write(to: work.appendingPathComponent("data/blob.bin"))
        let identity = ["-c", "user.name=test", "-c", "user.email=test@iscctl.invalid"]
        #expect(try Self.git(["-C", work.path, "add", "data"]).status == 0)
        #expect(try Self.git(["-C", work.path] + identity + ["commit", "-qm", "data"]).status == 0)
        #expect(try Self.git(["-C", work.path, "push", "-q", "origin", "HEAD:main"]).status == 0)

        let url = Self.https.url(servers, repo) + "/gitops"
        let cache = sandbox.root.appendingPathComponent("cache")
        let tmp = sandbox.root.appendingPathComponent("tmp")
        func arguments(_ command: String, _ mode: Mode, _ extra: [String]) -> [String] {
            [command, "--repo", url, "--provider", "git", "--ca-file", servers.caFile, "--json"]
                + (mode == .noCache ? ["--no-cache"] : ["--cache-dir", cache.path]) + extra
        }
        func addRuntime(_ index: Int) -> [String] { ["--runtime", "k\(index)", "--namespace", "argocd"] + Self.tunnel }
        func tip() throws -> String { try servers.git(repo, ["rev-parse", "main"]).trimmingCharacters(in: .whitespacesAndNewlines) }

        // How long an uninterrupted run of each mode takes here and now: the window kills are
        // spread over (the moments vary with the machine; the assertions hold for any moment).
        var window: [Mode: Double] = [:]
        for (mode, args) in [
            (Mode.cold, arguments("init", .cold, Self.tunnel)), (.warm, arguments("add-runtime", .warm, addRuntime(1_000))),
            (.noCache, arguments("add-runtime", .noCache, addRuntime(1_001))),
        ] {
            let begin = Date()
            let result = try sandbox.iscctl(args, environment: Self.https.environment(servers))
            window[mode] = Date().timeIntervalSince(begin)
            #expect(result.status == 0, "\(result.stderr)")
        }

        var tally = Tally()
        let mirrorName = Self.entries(cache).first { $0.hasSuffix(".git") } ?? "?"
        let mirror = cache.appendingPathComponent(mirrorName)
        var previousTip = try tip()
        for index in 0..<50 {
            let (signal, name) = Self.signals[index % 4]
            let mode = Mode.allCases[index % 3]
            let old = try tip()
            if old != previousTip, index > 0 {
                // A late landing of the previous killed write (see the fsck below): one commit on
                // the previous tip that adds exactly that runtime.
                #expect(
                    try servers.git(repo, ["rev-parse", "main^"]).trimmingCharacters(in: .whitespacesAndNewlines) == previousTip,
                    "#\(index): the tip moved by more than one commit")
                let changed = try servers.git(repo, ["diff", "--name-only", previousTip, old]).split(separator: "\n").map(String.init)
                #expect(
                    !changed.isEmpty
                        && changed.allSatisfy { $0.hasPrefix("gitops/runtimes/k\(index - 1)/") || $0.hasPrefix("gitops/resources/runtimes/k\(index - 1)/") },
                    "#\(index): the tip moved: \(changed)")
                tally.lateLandings += 1
            } else {
                #expect(old == previousTip)
            }
            if mode == .cold { try? FileManager.default.removeItem(at: cache) }

            let run = try Self.spawn(sandbox, servers, arguments("add-runtime", mode, addRuntime(index)))
            if mode == .cold, index % 2 == 0 {
                // At a moment picked by what is on disk: while the cache receives the pack.
                let packs = mirror.appendingPathComponent("objects/pack")
                for _ in 0..<5_000 where !run.hasEnded {
                    if Self.entries(packs).contains(where: { $0.hasPrefix("pack_git2_") }) { break }
                    usleep(1_000)
                }
                usleep(UInt32.random(in: 0...20_000, using: &random))
            } else {
                usleep(UInt32(Double.random(in: 0...1.1, using: &random) * (window[mode] ?? 0.5) * 1_000_000))
            }
            run.send(signal)
            let ending = run.wait()
            // The server may still be answering the killed client's push (lighttpd lets the CGI
            // finish): wait until no git process of the server works on this repository, so that
            // what follows sees the remote as it settled (a `git fsck` running while a late
            // receive-pack migrates its pack and then updates the ref sees a reflog entry for a
            // commit in a pack it has not loaded).
            #expect(Self.waitForServerQuiet(repository: remote), "#\(index): a server process still works on \(remote)")
            tally.endings[name, default: [:]][ending.description, default: 0] += 1

            // The ending: finished before the signal, or ended by it (caught: 128 + n; a signal
            // that came before iscctl installed its handling ends it the default way).
            let caught = ending == .exited(128 + signal)
            #expect(
                ending == .exited(0) || ending == .signaled(signal) || (signal != SIGKILL && caught),
                "#\(index) \(name) \(mode): \(ending) \(run.stderr)")
            if caught {
                #expect(run.stderr.hasSuffix("error: interrupted by \(name)\n"), "#\(index): \(run.stderr)")
                // A caught signal removes the scratch folder before it exits, unless the cleanup
                // hung (the parked thread held a lock it needs) and the 5-second fallback ended
                // the process with the same status and message: then, as after SIGKILL, the
                // next run sweeps it (checked below: TMPDIR is empty afterwards).
                if Self.entries(tmp).contains(where: { $0.hasPrefix("iscctl-") }) { tally.scratchLeftByFallback += 1 }
            }

            // The remote: the old tip, or the new one (one commit on the old, adding exactly
            // this runtime); git fsck --strict clean.
            let now = try tip()
            if now == old {
                #expect(ending != .exited(0), "#\(index): exit 0 but nothing pushed")
                tally.notLanded += 1
            } else {
                #expect(
                    try servers.git(repo, ["rev-parse", "main^"]).trimmingCharacters(in: .whitespacesAndNewlines) == old,
                    "#\(index): not one commit on the old tip")
                let changed = try servers.git(repo, ["diff", "--name-only", old, now]).split(separator: "\n").map(String.init)
                #expect(
                    !changed.isEmpty
                        && changed.allSatisfy { $0.hasPrefix("gitops/runtimes/k\(index)/") || $0.hasPrefix("gitops/resources/runtimes/k\(index)/") },
                    "#\(index): \(changed)")
                tally.landed += 1
            }
            // git fsck --strict clean once the server has finished what it received. lighttpd hands a
            // push to git-http-backend only when the whole body is in, which can be just after the
            // client was killed; a fsck that runs while that late receive-pack moves its pack and
            // updates the ref sees a reflog entry for a commit in a pack it has not loaded. Such a
            // view passes on the next look; damage does not: fsck is repeated (up to a minute)
            // until it is clean, and must end clean.
            var fsck = try ProcessRunner.tool("git", ["--git-dir=\(remote)", "fsck", "--strict", "--no-dangling"])
            let settleDeadline = Date().addingTimeInterval(60)
            while !(fsck.status == 0 && fsck.stderr.isEmpty), Date() < settleDeadline {
                tally.fsckRetries += 1
                _ = Self.waitForServerQuiet(repository: remote)
                usleep(50_000)
                fsck = try ProcessRunner.tool("git", ["--git-dir=\(remote)", "fsck", "--strict", "--no-dangling"])
            }
            #expect(fsck.status == 0 && fsck.stderr.isEmpty, "#\(index): \(fsck.stdout)\(fsck.stderr)")
            #expect(try servers.git(repo, ["for-each-ref", "--format=%(refname)"]) == "refs/heads/main\n")

            // What the kill left, for the figures.
            let packFiles = Self.entries(mirror.appendingPathComponent("objects/pack"))
            if packFiles.contains(where: { $0.hasPrefix("pack_git2_") || $0.hasPrefix("tmp_") })
                || (FileManager.default.fileExists(atPath: mirror.path) && !FileManager.default.fileExists(atPath: mirror.appendingPathComponent("HEAD").path))
            {
                tally.cacheWritesInterrupted += 1
            }
            if signal == SIGKILL, Self.entries(tmp).contains(where: { $0.hasPrefix("iscctl-") }) { tally.scratchLeftBySIGKILL += 1 }

            // The next run: validate, with the same cache (or none), passes.
            let validate = try sandbox.iscctl(arguments("validate", mode == .cold ? .warm : mode, []), environment: Self.https.environment(servers))
            #expect(validate.status == 0 && validate.stdout.contains("\"valid\": true"), "#\(index) \(name) \(mode): \(validate.stdout)\(validate.stderr)")
            if validate.stderr.contains("rebuilding it") { tally.rebuilds += 1 }
            // Every fifth killed write (each signal and mode in turn) is run again: it succeeds,
            // and its runtime is there afterwards.
            if index % 5 == 4 {
                let again = try sandbox.iscctl(
                    arguments("add-runtime", mode == .cold ? .warm : mode, addRuntime(index)),
                    environment: Self.https.environment(servers))
                #expect(again.status == 0, "#\(index): \(again.stderr)")
                #expect(try servers.git(repo, ["ls-tree", "--name-only", "main", "gitops/runtimes/k\(index)/runtime.yaml"]).isEmpty == false)
                tally.rewrites += 1
            }
            previousTip = try tip()

            // Nothing left: TMPDIR is empty, the cache holds one mirror and its lock, and the
            // mirror holds no temporary files.
            #expect(Self.entries(tmp).isEmpty, "#\(index) \(name) \(mode): left in TMPDIR: \(Self.entries(tmp))")
            let cached = Self.entries(cache)
            #expect(
                cached == ["CACHEDIR.TAG", mirrorName, String(mirrorName.dropLast(4)) + ".lock"].sorted(),
                "#\(index): cache holds \(cached)")
            let stray = Self.entries(mirror.appendingPathComponent("objects/pack")).filter { !$0.hasPrefix("pack-") || $0.hasSuffix(".lock") }
            #expect(stray.isEmpty, "#\(index): \(stray)")
            #expect(!FileManager.default.fileExists(atPath: mirror.appendingPathComponent("refs/iscctl/push").path))
        }

        // History: linear (one parent each), every update a fast-forward of the previous one.
        let parents = try servers.git(repo, ["rev-list", "--parents", "main"]).split(separator: "\n")
        #expect(parents.dropLast().allSatisfy { $0.split(separator: " ").count == 2 } && parents.last?.split(separator: " ").count == 1)
        let log = try String(contentsOfFile: remote + "/push.log", encoding: .utf8).split(separator: "\n").map { $0.split(separator: " ") }
        for (before, after) in zip(log, log.dropFirst()) {
            #expect(after[0] == before[1], "forced or out-of-order update: \(before) → \(after)")
        }
        // The cache did not grow with the kills: its one mirror is no bigger than the remote's
        // objects (the server keeps small pushes as loose objects, the mirror packs them).
        let mirrorBytes = Self.bytes(mirror.appendingPathComponent("objects"))
        let remoteBytes = Self.bytes(URL(fileURLWithPath: remote + "/objects"))
        #expect(mirrorBytes <= 2 * remoteBytes, "mirror \(mirrorBytes) B, remote \(remoteBytes) B")
        print(
            "CrashTests.randomKills: 50 kills in \(Int(Date().timeIntervalSince(started)))s, children's CPU \(Int(childrenCPUSeconds() - cpu))s (windows: "
                + window.map { "\($0.key.rawValue) \(String(format: "%.2f", $0.value))s" }.sorted().joined(separator: ", ")
                + "); \(tally); mirror \(mirrorBytes / 1024) KiB, remote objects \(remoteBytes / 1024) KiB, \(log.count) pushes")
    }

    /// The bytes of the regular files under `url`.
    static func bytes(_ url: URL) -> Int {
        let enumerator = FileManager.default.enumerator(at: url, includingPropertiesForKeys: [.fileSizeKey, .isRegularFileKey])
        var total = 0
        for case let file as URL in enumerator?.allObjects ?? [] {
            let values = try? file.resourceValues(forKeys: [.fileSizeKey, .isRegularFileKey])
            if values?.isRegularFile == true { total += values?.fileSize ?? 0 }
        }
        return total
    }
}
