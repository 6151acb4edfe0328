import Foundation
import ISCKit
import ISCTestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// The cache through the built `iscctl` against the real servers: where it lives, sharing it
/// between processes, a lock left by a killed process, damaged mirrors, secrets.
@Suite("Cache: iscctl and its cache directory")
struct CacheTests {
    let https = Transport(name: "https")

    /// `write-files` over https with the test token, `--json`, and `extra` flags.
    func write(
        _ sandbox: Sandbox, _ servers: TestServers, _ repo: String, _ extra: [String], url: String? = nil,
        env: [String: String?] = [:]
    ) throws -> ProcessResult {
        let base: [String: String?] = ["XDG_CACHE_HOME": nil, "ISC_CACHE_DIR": nil]
        return try sandbox.iscctl(
            ["write-files", "--repo", url ?? https.url(servers, repo), "--provider", "git", "--json", "--ca-file", servers.caFile] + extra,
            environment: base.merging(https.environment(servers)) { $1 }.merging(env) { $1 })
    }

    /// The mirrors in a cache directory.
    static func mirrors(_ cache: URL) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: cache.path)) ?? []).filter { $0.hasSuffix(".git") }.sorted()
    }

    static func git(_ args: [String]) throws -> String {
        let result = try ProcessRunner.tool("git", args)
        guard result.status == 0 else { throw TestServersError.command("git \(args.joined(separator: " ")): \(result.stderr)") }
        return result.stdout
    }

    static func fsck(_ mirror: String) throws {
        _ = try git(["--git-dir=\(mirror)", "fsck", "--strict", "--no-dangling"])
    }

    @Test("where the cache is: --cache-dir, else ISC_CACHE_DIR, else $XDG_CACHE_HOME/iscctl, else ~/.cache/iscctl; --no-cache leaves nothing")
    func location() throws {
        let servers = try TestServers.running()
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let repo = try servers.newRepository(TestServers.uniqueName("cache-where"), withCommitOn: "main")
        let root = sandbox.root

        #expect(try write(sandbox, servers, repo, ["--put", "a=1", "--no-cache"]).status == 0)
        #expect(sandbox.files().isEmpty, "--no-cache left \(sandbox.files())")

        #expect(try write(sandbox, servers, repo, ["--put", "a=2"]).status == 0)
        #expect(Self.mirrors(root.appendingPathComponent("home/.cache/iscctl")).count == 1)
        #expect(FileManager.default.fileExists(atPath: root.appendingPathComponent("home/.cache/iscctl/CACHEDIR.TAG").path))

        #expect(try write(sandbox, servers, repo, ["--put", "a=3"], env: ["XDG_CACHE_HOME": root.appendingPathComponent("xdg").path]).status == 0)
        #expect(Self.mirrors(root.appendingPathComponent("xdg/iscctl")).count == 1)

        let fromEnvironment = root.appendingPathComponent("env-cache")
        #expect(try write(sandbox, servers, repo, ["--put", "a=4"], env: ["ISC_CACHE_DIR": fromEnvironment.path]).status == 0)
        #expect(Self.mirrors(fromEnvironment).count == 1)

        let flag = root.appendingPathComponent("flag-cache")
        #expect(try write(sandbox, servers, repo, ["--put", "a=5", "--cache-dir", flag.path], env: ["ISC_CACHE_DIR": fromEnvironment.path]).status == 0)
        #expect(Self.mirrors(flag).count == 1)
        let attributes = try FileManager.default.attributesOfItem(atPath: flag.path)
        #expect((attributes[.posixPermissions] as? Int) == 0o700)

        let both = try write(sandbox, servers, repo, ["--put", "a=6", "--cache-dir", flag.path, "--no-cache"])
        #expect(both.status == 2 && both.stderr.contains("--no-cache"), "\(both.stderr)")
        #expect(try servers.git(repo, ["show", "main:a"]) == "5")

        // A cache directory that cannot be made: a warning, and a temporary mirror does the work.
        let file = root.appendingPathComponent("a-file")
        try Data("x".utf8).write(to: file)
        let unusable = try write(sandbox, servers, repo, ["--put", "a=7", "--cache-dir", file.appendingPathComponent("cache").path])
        #expect(unusable.status == 0, "\(unusable.stderr)")
        #expect(
            unusable.stderr.hasPrefix("warning: cannot use the cache directory") && unusable.stderr.contains("temporary mirror"),
            "\(unusable.stderr)")
        #expect(try servers.git(repo, ["show", "main:a"]) == "7")
    }

    @Test("one mirror per repository whatever the user name in the URL; never a credential in any file of the cache")
    func keyAndSecrets() throws {
        let servers = try TestServers.running()
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let repo = try servers.newRepository(TestServers.uniqueName("cache-key"), withCommitOn: "main")
        let cache = sandbox.root.appendingPathComponent("cache")
        let canary = servers.httpToken
        let base = https.url(servers, repo)
        let withUser = base.replacingOccurrences(of: "https://", with: "https://\(servers.httpUser)@")
        var outputs: [ProcessResult] = []
        outputs.append(try write(sandbox, servers, repo, ["--put", "a=1", "--cache-dir", cache.path]))
        outputs.append(try write(sandbox, servers, repo, ["--put", "b=1", "--cache-dir", cache.path], url: withUser))
        outputs.append(try write(sandbox, servers, repo, ["--put", "c=1", "--cache-dir", cache.path, "--dry-run"], url: withUser))
        outputs.append(try write(sandbox, servers, repo, ["--put", "d=1", "--cache-dir", cache.path], url: base + "/sub/dir"))
        outputs.append(
            try sandbox.iscctl(
                [
                    "write-files", "--repo", https.url(servers, repo), "--provider", "git", "--ca-file", servers.caFile,
                    "--cache-dir", cache.path, "--put", "e=1",
                ],
                environment: ["ISC_GIT_TOKEN": "isc-wrong-\(canary)", "ISC_GIT_USER": servers.httpUser]))
        #expect(outputs.map(\.status) == [0, 0, 0, 0, 1], "\(outputs.map(\.stderr))")
        #expect(Self.mirrors(cache).count == 1, "\(Self.mirrors(cache))")
        // Another transport is another mirror.
        let ssh = Transport(name: "ssh")
        let viaSSH = try sandbox.iscctl(
            ["write-files", "--repo", ssh.url(servers, repo), "--provider", "git", "--cache-dir", cache.path, "--put", "f=1"]
                + ssh.arguments(servers))
        #expect(viaSSH.status == 0, "\(viaSSH.stderr)")
        #expect(Self.mirrors(cache).count == 2)

        let enumerator = FileManager.default.enumerator(at: cache, includingPropertiesForKeys: [.isRegularFileKey])
        var scanned = 0
        for case let file as URL in enumerator! where (try? file.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true {
            scanned += 1
            let data = try Data(contentsOf: file)
            #expect(data.range(of: Data(canary.utf8)) == nil, "\(file.path) holds the token")
            #expect(data.range(of: Data("isc-wrong-".utf8)) == nil, "\(file.path) holds the wrong token")
        }
        #expect(scanned > 10)
        for output in outputs { #expect(!output.stdout.contains(canary) && !output.stderr.contains(canary)) }
        for mirror in Self.mirrors(cache) {
            let config = try String(contentsOfFile: cache.appendingPathComponent(mirror + "/config").path, encoding: .utf8)
            #expect(!config.contains("url") && !config.contains("remote"), "\(config)")
            #expect(!FileManager.default.fileExists(atPath: cache.appendingPathComponent(mirror + "/index").path))
            try Self.fsck(cache.appendingPathComponent(mirror).path)
        }
    }

    @Test("two iscctl processes share one cache: both wait for the lock, both changes land, the mirror stays clean")
    func twoProcessesShareTheCache() throws {
        let servers = try TestServers.running()
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let repo = try servers.newRepository(TestServers.uniqueName("cache-share"), withCommitOn: "main")
        let cache = sandbox.root.appendingPathComponent("cache")
        #expect(try write(sandbox, servers, repo, ["--put", "warm=1", "--cache-dir", cache.path]).status == 0)

        // Hold the mirror's lock ourselves, as a third process would.
        let cloneURL = try RepositoryURL(parsing: https.url(servers, repo)).cloneURL
        let lockPath = cache.appendingPathComponent(MirrorCache.mirrorName(forCloneURL: cloneURL) + ".lock").path
        let held = HeldLock(path: lockPath)
        #expect(held.isHeld)

        let environment = sandbox.environment.merging(https.environment(servers)) { $1 }
        let processes = try (0..<2).map { index in
            try BackgroundProcess(
                TestPaths.iscctl,
                [
                    "write-files", "--repo", https.url(servers, repo), "--provider", "git", "--json",
                    "--ca-file", servers.caFile, "--cache-dir", cache.path, "--retries", "10",
                    "--put", "writers/w\(index).txt=\(index)",
                ],
                environment: environment, in: sandbox.root)
        }
        // Both say once that they wait for the cache lock; neither can finish meanwhile.
        for process in processes {
            #expect(process.waitForStderr(containing: "waiting for the cache lock", seconds: 60), "\(process.stderr)")
        }
        let stillRunning = processes.allSatisfy { $0.isRunning }
        #expect(stillRunning)
        held.release()
        let results = processes.map { $0.wait() }
        for result in results {
            #expect(result.status == 0, "\(result.stderr)")
            let waits = result.stderr.components(separatedBy: "warning: waiting for the cache lock").count - 1
            #expect(waits == 1, "\(result.stderr)")
        }
        #expect(try servers.git(repo, ["ls-tree", "--name-only", "main", "writers/"]) == "writers/w0.txt\nwriters/w1.txt\n")
        // One after the other, not racing: no retry was needed.
        #expect(results.allSatisfy { $0.stdout.contains("\"retries\": 0") }, "\(results.map(\.stdout))")
        #expect(Self.mirrors(cache).count == 1)
        try Self.fsck(cache.appendingPathComponent(Self.mirrors(cache)[0]).path)
    }

    @Test("a lock held by a process that was killed never blocks the next run")
    func killedLockHolder() throws {
        let servers = try TestServers.running()
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let repo = try servers.newRepository(TestServers.uniqueName("cache-killed"), withCommitOn: "main")
        let cache = sandbox.root.appendingPathComponent("cache")
        #expect(try write(sandbox, servers, repo, ["--put", "warm=1", "--cache-dir", cache.path]).status == 0)
        let cloneURL = try RepositoryURL(parsing: https.url(servers, repo)).cloneURL
        let lockPath = cache.appendingPathComponent(MirrorCache.mirrorName(forCloneURL: cloneURL) + ".lock").path

        // util-linux flock(1) takes the lock and holds it in its own process (-o: its command,
        // which writes its pid so that it can be ended by id, does not inherit the lock).
        let pidFile = sandbox.root.appendingPathComponent("sleep.pid").path
        let holder = try BackgroundProcess(
            URL(fileURLWithPath: "/usr/bin/flock"),
            ["-o", lockPath, "sh", "-c", "echo $$ > '\(pidFile)'; exec sleep 300"],
            environment: [:], in: sandbox.root)
        #expect(HeldLock.waitUntilLocked(lockPath, seconds: 30))
        for _ in 0..<1_500 where !FileManager.default.fileExists(atPath: pidFile) { usleep(20_000) }
        holder.kill()
        let result = try write(sandbox, servers, repo, ["--put", "after=1", "--cache-dir", cache.path])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(!result.stderr.contains("waiting"), "\(result.stderr)")
        #expect(try servers.git(repo, ["show", "main:after"]) == "1")
        // End flock's command by its id (Foundation notices flock's end only once it is gone too).
        if let text = try? String(contentsOfFile: pidFile, encoding: .utf8), let pid = Int32(text.trimmingCharacters(in: .whitespacesAndNewlines)) {
            Glibc.kill(pid, SIGKILL)
        }
        _ = holder.wait()
    }

    @Test(
        "a damaged mirror: one warning on stderr, exit 0, the right result, a healthy mirror afterwards",
        arguments: ["flipped bytes in the largest pack", "truncated largest pack", "garbage HEAD", "no objects directory"])
    func damagedMirror(_ damage: String) throws {
        let servers = try TestServers.running()
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let repo = try servers.newRepository(TestServers.uniqueName("cache-damage"), withCommitOn: "main")
        // Most of the first pack is one big random file, so its middle bytes belong to it.
        let work = sandbox.root.appendingPathComponent("work")
        _ = try Self.git(["clone", "-q", servers.repositoryPath(repo), work.path])
        var generator = SeededGenerator(seed: 9)
        try Data((0..<200_000).map { _ in UInt8.random(in: 0...255, using: &generator) }).write(to: work.appendingPathComponent("big.bin"))
        _ = try Self.git(["-C", work.path, "add", "big.bin"])
        _ = try Self.git(["-C", work.path, "-c", "user.name=T", "-c", "user.email=t@example.com", "commit", "-qm", "big"])
        _ = try Self.git(["-C", work.path, "push", "-q", "origin", "HEAD:main"])
        let cache = sandbox.root.appendingPathComponent("cache")
        #expect(try write(sandbox, servers, repo, ["--put", "a=1", "--cache-dir", cache.path]).status == 0)
        let mirror = cache.appendingPathComponent(Self.mirrors(cache)[0]).path
        let packs = try FileManager.default.contentsOfDirectory(atPath: mirror + "/objects/pack").filter { $0.hasSuffix(".pack") }
            .map { mirror + "/objects/pack/" + $0 }
        let sizes = try packs.map { try FileManager.default.attributesOfItem(atPath: $0)[.size] as? Int ?? 0 }
        let largest = packs[sizes.firstIndex(of: sizes.max()!)!]
        switch damage {
        case "flipped bytes in the largest pack":
            var data = try Data(contentsOf: URL(fileURLWithPath: largest))
            for offset in (data.count / 2)..<(data.count / 2 + 32) { data[offset] ^= 0x5A }
            try data.write(to: URL(fileURLWithPath: largest))
        case "truncated largest pack":
            let data = try Data(contentsOf: URL(fileURLWithPath: largest))
            try data.prefix(data.count / 3).write(to: URL(fileURLWithPath: largest))
        case "garbage HEAD":
            try "ref: \u{1}garbage\n".write(toFile: mirror + "/HEAD", atomically: false, encoding: .utf8)
        default:
            try FileManager.default.removeItem(atPath: mirror + "/objects")
        }
        let before = try servers.git(repo, ["rev-parse", "main"]).trimmingCharacters(in: .whitespacesAndNewlines)
        // Replacing big.bin reads its old contents: damage in it cannot go unnoticed.
        let result = try write(sandbox, servers, repo, ["--put", "big.bin=replaced", "--cache-dir", cache.path])
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stderr.split(separator: "\n")
        #expect(lines.count == 1 && lines[0].hasPrefix("warning: the cache mirror ") && lines[0].contains("rebuilding"), "\(result.stderr)")
        let json = try writeResult(result)
        #expect(json["pushed"] as? Bool == true && json["changed"] as? [String] == ["big.bin"])
        #expect(try servers.git(repo, ["rev-parse", "main^"]).trimmingCharacters(in: .whitespacesAndNewlines) == before)
        #expect(try servers.git(repo, ["show", "main:big.bin"]) == "replaced")
        try Self.fsck(mirror)
        let next = try write(sandbox, servers, repo, ["--put", "b=2", "--cache-dir", cache.path])
        #expect(next.status == 0 && next.stderr.isEmpty, "\(next.stderr)")
    }
}

/// An exclusive flock on a file, held by this process until `release()`.
final class HeldLock {
    private var descriptor: Int32

    init(path: String) {
        descriptor = open(path, O_RDWR | O_CREAT, 0o600)
        if descriptor >= 0, flock(descriptor, LOCK_EX) != 0 {
            close(descriptor)
            descriptor = -1
        }
    }

    var isHeld: Bool { descriptor >= 0 }

    func release() {
        if descriptor >= 0 { close(descriptor) }
        descriptor = -1
    }

    deinit { release() }

    /// Waits until someone else holds the lock on `path` (a non-blocking try fails).
    static func waitUntilLocked(_ path: String, seconds: Double) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            let fd = open(path, O_RDWR)
            if fd >= 0 {
                let free = flock(fd, LOCK_EX | LOCK_NB) == 0
                close(fd)
                if !free { return true }
            }
            usleep(20_000)
        }
        return false
    }
}

/// A program running in the background with its output going to files, readable while it runs.
final class BackgroundProcess {
    private let process = Process()
    private let directory: URL

    init(_ executable: URL, _ arguments: [String], environment: [String: String?], in workingDirectory: URL) throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("isc-bg-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        _ = FileManager.default.createFile(atPath: directory.appendingPathComponent("out").path, contents: nil)
        _ = FileManager.default.createFile(atPath: directory.appendingPathComponent("err").path, contents: nil)
        process.executableURL = executable
        process.arguments = arguments
        var env = ProcessInfo.processInfo.environment
        for (key, value) in environment { env[key] = value }
        process.environment = env
        process.currentDirectoryURL = workingDirectory
        process.standardOutput = try FileHandle(forWritingTo: directory.appendingPathComponent("out"))
        process.standardError = try FileHandle(forWritingTo: directory.appendingPathComponent("err"))
        process.standardInput = FileHandle.nullDevice
        try process.run()
    }

    deinit {
        kill()
        process.waitUntilExit()
        try? FileManager.default.removeItem(at: directory)
    }

    var isRunning: Bool { process.isRunning }
    var stdout: String { (try? String(contentsOf: directory.appendingPathComponent("out"), encoding: .utf8)) ?? "" }
    var stderr: String { (try? String(contentsOf: directory.appendingPathComponent("err"), encoding: .utf8)) ?? "" }

    /// Waits (polling, bounded) until stderr contains `text`.
    func waitForStderr(containing text: String, seconds: Double) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if stderr.contains(text) { return true }
            if !process.isRunning { return stderr.contains(text) }
            usleep(20_000)
        }
        return false
    }

    /// SIGKILL (the test runner's children may inherit an ignored SIGTERM).
    func kill() {
        if process.isRunning { Glibc.kill(process.processIdentifier, SIGKILL) }
    }

    /// Waits for the end and returns status and output.
    func wait() -> (status: Int32, stdout: String, stderr: String) {
        process.waitUntilExit()
        return (process.terminationStatus, stdout, stderr)
    }
}
