import Foundation
import ISCTestSupport
import Testing

@testable import ISCCore
@testable import ISCKit

/// The transaction with a cache directory, against the real servers: incremental fetches, a
/// lost race, dry runs, damaged mirrors, consolidation, leftovers. Assertions are on what the
/// Result reports and on the mirror as the git CLI sees it; nothing is timed.
@Suite("Cache: transactions with a mirror")
struct CacheTransactionTests {
    static let transports = ["https", "file", "ssh", "git-daemon"]

    @Test("a second run fetches only what is new; a run with nothing new receives nothing", arguments: transports)
    func incrementalFetch(_ transport: String) throws {
        let remote = try CacheRemote(transport)
        // Some history first: 12 commits of 5 files each, written by another writer.
        for commit in 0..<12 {
            var files: [String: Data] = [:]
            for file in 0..<5 { files["runtimes/r\(commit)/f\(file).yaml"] = Data("c\(commit) f\(file)\n".utf8) }
            try remote.otherWriter(files)
        }
        let history = try remote.reachableObjects()
        #expect(history > 80)
        let cache = try GitLayerFixtures.temporaryDirectory("cache")
        defer { GitLayerFixtures.remove(cache) }
        let cacheURL = URL(fileURLWithPath: cache)

        let first = try Transaction(url: remote.url, options: remote.options(cache: cacheURL)).run { _ in ["mine/a.txt": Data("1".utf8)] }
        #expect(first.pushed)
        #expect(first.receivedObjects == history, "first run received \(first.receivedObjects) of \(history)")
        #expect(first.receivedBytes > 0)

        // One new commit on the server: a commit, its root tree and one blob.
        try remote.otherWriter(["theirs.txt": Data("theirs\n".utf8)])
        let second = try Transaction(url: remote.url, options: remote.options(cache: cacheURL)).run { _ in ["mine/b.txt": Data("2".utf8)] }
        #expect(second.pushed)
        #expect(second.receivedObjects == 3, "second run received \(second.receivedObjects)")
        #expect(second.receivedBytes > 0 && second.receivedBytes < first.receivedBytes)

        // Nothing new on the server but our own push: nothing to receive.
        let third = try Transaction(url: remote.url, options: remote.options(cache: cacheURL)).run { _ in ["mine/c.txt": Data("3".utf8)] }
        #expect(third.pushed)
        #expect(third.receivedObjects == 0 && third.receivedBytes == 0)
        // A read receives nothing either, and sees everything.
        let files = try Transaction(url: remote.url, options: remote.options(cache: cacheURL)).read { try $0.allFiles(under: "mine") }
        #expect(files == ["mine/a.txt", "mine/b.txt", "mine/c.txt"])

        #expect(try remote.servers.git(remote.name, ["ls-tree", "-r", "--name-only", "main", "mine"]) == "mine/a.txt\nmine/b.txt\nmine/c.txt\n")
        let inspector = CacheInspector(directory: cacheURL)
        let mirror = try inspector.mirror()
        try inspector.fsck(mirror)
        #expect(
            try GitLayerFixtures.git(["--git-dir=\(mirror)", "rev-parse", "refs/remotes/origin/main"])
                .trimmingCharacters(in: .whitespacesAndNewlines) == (try remote.tip()))
        // The push source reference is gone, no branch of our own, no credentials in the config.
        #expect(try GitLayerFixtures.git(["--git-dir=\(mirror)", "for-each-ref", "--format=%(refname)"]) == "refs/remotes/origin/main\n")
        let config = try String(contentsOfFile: mirror + "/config", encoding: .utf8)
        #expect(!config.contains("remote") && !config.contains(remote.servers.httpToken))
    }

    @Test("a retry after a lost race fetches only the winner's objects", arguments: ["https", "file"])
    func retryFetchesOnlyTheWinner(_ transport: String) throws {
        let remote = try CacheRemote(transport, prefix: "race")
        let cache = try GitLayerFixtures.temporaryDirectory("cache")
        defer { GitLayerFixtures.remove(cache) }
        let cacheURL = URL(fileURLWithPath: cache)
        _ = try Transaction(url: remote.url, options: remote.options(cache: cacheURL)).run { _ in ["warm.txt": Data("0".utf8)] }

        final class Calls: @unchecked Sendable { var count = 0 }
        let calls = Calls()
        let result = try Transaction(url: remote.url, options: remote.options(cache: cacheURL)).run { tree in
            calls.count += 1
            if calls.count == 1 { try remote.otherWriter(["winner/w.txt": Data("won\n".utf8)]) }  // lands before our push
            return ["mine.txt": Data("2".utf8)]
        }
        #expect(calls.count == 2)
        #expect(result.retries == 1 && result.pushed)
        // The winner's commit: commit, root tree, tree `winner`, blob. Nothing else came again.
        #expect(result.receivedObjects == 4, "received \(result.receivedObjects)")
        #expect(try remote.servers.git(remote.name, ["ls-tree", "--name-only", "main"]) == "README.md\nmine.txt\nwarm.txt\nwinner\n")

        // The losing attempt's objects never reached the mirror: every object there is reachable.
        let inspector = CacheInspector(directory: cacheURL)
        let mirror = try inspector.mirror()
        #expect(try inspector.allObjects(mirror) == inspector.reachableObjects(mirror))
        try inspector.fsck(mirror)
    }

    @Test("a dry run writes nothing into the mirror")
    func dryRunWritesNothing() throws {
        let remote = try CacheRemote("file", prefix: "dry")
        let cache = try GitLayerFixtures.temporaryDirectory("cache")
        defer { GitLayerFixtures.remove(cache) }
        let cacheURL = URL(fileURLWithPath: cache)
        _ = try Transaction(url: remote.url, options: remote.options(cache: cacheURL)).run { _ in ["a.txt": Data("1".utf8)] }
        let inspector = CacheInspector(directory: cacheURL)
        let mirror = try inspector.mirror()
        let before = try inspector.allObjects(mirror)
        let packs = inspector.packs(mirror)
        let dry = try Transaction(url: remote.url, options: remote.options(cache: cacheURL, dryRun: true)).run { _ in
            ["a.txt": Data("2".utf8), "new/b.txt": Data("3".utf8)]
        }
        #expect(dry.diff?.contains("+++ b/new/b.txt") == true && !dry.pushed && dry.commit == nil)
        #expect(try inspector.allObjects(mirror) == before)
        #expect(inspector.packs(mirror) == packs)
        #expect(inspector.looseObjects(mirror).isEmpty)
    }

    @Test("the cache is keyed without the user name: both URLs use one mirror; other hosts, ports, paths and schemes do not")
    func cacheKey() throws {
        #expect(MirrorCache.key(forCloneURL: "https://alice@host/a/b.git") == MirrorCache.key(forCloneURL: "https://host/a/b.git"))
        #expect(MirrorCache.mirrorName(forCloneURL: "https://alice@host/a/b.git") == MirrorCache.mirrorName(forCloneURL: "https://host/a/b.git"))
        #expect(MirrorCache.mirrorName(forCloneURL: "ssh://git@h:2222/x.git") == MirrorCache.mirrorName(forCloneURL: "ssh://bob@h:2222/x.git"))
        #expect(MirrorCache.mirrorName(forCloneURL: "git@github.com:acme/isc.git") == MirrorCache.mirrorName(forCloneURL: "deploy@github.com:acme/isc.git"))
        let distinct = [
            "https://host/a/b.git", "https://other/a/b.git", "https://host:8443/a/b.git", "https://host/a/c.git",
            "http://host/a/b.git", "ssh://host/a/b.git", "git://host/a/b.git", "git@host:a/b.git", "file:///a/b.git",
            "https://host/a/b",
        ]
        #expect(Set(distinct.map(MirrorCache.mirrorName(forCloneURL:))).count == distinct.count)
        let name = MirrorCache.mirrorName(forCloneURL: "https://alice@localhost:8443/team/isc.git")
        #expect(name.hasPrefix("localhost-8443-team-isc.git-") && !name.contains("alice"), "\(name)")
        #expect(name.allSatisfy { $0.isLetter || $0.isNumber || "-._".contains($0) })
        let long = MirrorCache.mirrorName(forCloneURL: "https://host/" + String(repeating: "segment/", count: 40) + "isc.git")
        #expect(
            long.count <= 64 + 13
                && long.hasSuffix(MirrorCache.mirrorName(forCloneURL: "https://host/" + String(repeating: "segment/", count: 40) + "isc.git").suffix(12)))
    }

    @Test("many writes: packs stay few (geometric roll-up), no loose objects, fsck clean; loose objects are rolled up")
    func consolidation() throws {
        let remote = try CacheRemote("file", prefix: "roll")
        let cache = try GitLayerFixtures.temporaryDirectory("cache")
        defer { GitLayerFixtures.remove(cache) }
        let cacheURL = URL(fileURLWithPath: cache)
        let inspector = CacheInspector(directory: cacheURL)
        var most = 0
        for index in 0..<40 {
            if index % 5 == 4 { try remote.otherWriter(["others/o\(index).txt": Data("o\(index)\n".utf8)]) }
            let result = try Transaction(url: remote.url, options: remote.options(cache: cacheURL)).run { _ in
                ["runtimes/r\(index)/in-cluster.yaml": Data("r\(index)\n".utf8)]
            }
            #expect(result.pushed)
            most = max(most, inspector.packs(try inspector.mirror()).count)
        }
        let mirror = try inspector.mirror()
        // 40 pushes and 8 fetches made 49 packs; the roll-up keeps a handful.
        #expect(most <= 8, "at most \(most) packs")
        #expect(inspector.looseObjects(mirror).isEmpty)
        try inspector.fsck(mirror)
        #expect(try inspector.allObjects(mirror) == inspector.reachableObjects(mirror))

        // Loose objects (libgit2 never writes them here; git could) are rolled into a pack.
        let blob = try GitLayerFixtures.run(["sh", "-c", "echo loose | git --git-dir='\(mirror)' hash-object -w --stdin"])
            .trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(inspector.looseObjects(mirror).count == 1)
        _ = try Transaction(url: remote.url, options: remote.options(cache: cacheURL)).read { _ in 0 }
        #expect(inspector.looseObjects(mirror).isEmpty)
        #expect(try inspector.allObjects(mirror).contains(blob))
        try inspector.fsck(mirror)
    }

    @Test("the geometric split: small packs below a factor-2 progression roll up, the big pack stays")
    func geometricSplit() {
        func packs(_ counts: [Int]) -> [MirrorMaintenance.Pack] {
            counts.enumerated().map { MirrorMaintenance.Pack(base: "p\($0.offset)", objects: $0.element) }
        }
        func rolled(_ counts: [Int], loose: Int = 0) -> [Int] {
            MirrorMaintenance.packsToRollUp(packs(counts), looseObjects: loose).map(\.objects)
        }
        #expect(rolled([50_000, 3, 4]) == [])  // too few packs to bother
        #expect(rolled([50_000, 3, 4, 3]) == [3, 3, 4])  // the big pack is not touched
        #expect(rolled([50_000, 40, 10, 3]) == [])  // already a progression
        #expect(rolled([50_000, 40, 10, 3, 3]) == [3, 3, 10])  // 3 + 3 would not be half of 10
        #expect(rolled([50_000, 12, 5, 4, 3]) == [3, 4, 5, 12])  // the new pack (12) would not be half of 12
        #expect(rolled([100, 60, 30, 20]) == [20, 30, 60, 100])  // everything, when the sizes are alike
        #expect(rolled([50_000], loose: 7) == [])  // loose objects alone: their own pack
        #expect(rolled([50_000, 5], loose: 7) == [5])
    }

    @Test("what a killed process left in the mirror is removed under the lock; the run succeeds")
    func leftoversRemoved() throws {
        let remote = try CacheRemote("file", prefix: "leftovers")
        let cache = try GitLayerFixtures.temporaryDirectory("cache")
        defer { GitLayerFixtures.remove(cache) }
        let cacheURL = URL(fileURLWithPath: cache)
        _ = try Transaction(url: remote.url, options: remote.options(cache: cacheURL)).run { _ in ["a.txt": Data("1".utf8)] }
        let inspector = CacheInspector(directory: cacheURL)
        let mirror = try inspector.mirror()
        let planted = [
            "objects/pack/pack_git2_a1b2c3", "objects/pack/tmp_pack_XYZ", "objects/pack/tmp_idx_XYZ",
            "objects/pack/pack-0123456789012345678901234567890123456789.pack",  // a pack without its index
            "objects/pack/pack-1111111111111111111111111111111111111111.idx",  // an index without its pack
            "objects/pack/pack-2222222222222222222222222222222222222222.idx.lock",
            "objects/tmp_object_git2_q1w2e3", "refs/remotes/origin/main.lock", "packed-refs.lock", "config.lock",
            "refs/iscctl/push",
        ]
        for file in planted {
            let url = URL(fileURLWithPath: mirror + "/" + file)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data("junk".utf8).write(to: url)
        }
        let result = try Transaction(url: remote.url, options: remote.options(cache: cacheURL)).run { _ in ["b.txt": Data("2".utf8)] }
        #expect(result.pushed)
        for file in planted {
            #expect(!FileManager.default.fileExists(atPath: mirror + "/" + file), "\(file) is still there")
        }
        try inspector.fsck(mirror)
    }

    @Test(
        "a damaged mirror is rebuilt with a notice, and the result is right",
        arguments: ["garbage HEAD", "no objects directory", "truncated pack", "flipped bytes", "missing tip object", "garbage tracking ref"])
    func damagedMirror(_ damage: String) throws {
        let remote = try CacheRemote("https", prefix: "damage")
        // A big incompressible file makes up most of the first pack, so that its middle is there.
        var generator = SeededGenerator(seed: 42)
        let big = Data((0..<200_000).map { _ in UInt8.random(in: 0...255, using: &generator) })
        try remote.otherWriter(["big.bin": big])
        let cache = try GitLayerFixtures.temporaryDirectory("cache")
        defer { GitLayerFixtures.remove(cache) }
        let cacheURL = URL(fileURLWithPath: cache)
        _ = try Transaction(url: remote.url, options: remote.options(cache: cacheURL)).run { _ in ["a.txt": Data("1".utf8)] }
        let inspector = CacheInspector(directory: cacheURL)
        let mirror = try inspector.mirror()
        let largest = inspector.packs(mirror).map { mirror + "/objects/pack/" + $0 }
            .max {
                (try? FileManager.default.attributesOfItem(atPath: $0)[.size] as? Int) ?? 0
                    < (try? FileManager.default.attributesOfItem(atPath: $1)[.size] as? Int) ?? 0
            }!
        switch damage {
        case "garbage HEAD":
            try Data("garbage\n".utf8).write(to: URL(fileURLWithPath: mirror + "/HEAD"))
        case "no objects directory":
            try FileManager.default.removeItem(atPath: mirror + "/objects")
        case "truncated pack":
            let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: largest))
            try handle.truncate(atOffset: (try handle.seekToEnd()) / 2)
            try handle.close()
        case "flipped bytes":
            var data = try Data(contentsOf: URL(fileURLWithPath: largest))
            for offset in (data.count / 2)..<(data.count / 2 + 16) { data[offset] ^= 0xFF }
            try data.write(to: URL(fileURLWithPath: largest))
        case "missing tip object":
            for pack in inspector.packs(mirror) {
                try FileManager.default.removeItem(atPath: mirror + "/objects/pack/" + pack)
                try FileManager.default.removeItem(atPath: mirror + "/objects/pack/" + pack.replacingOccurrences(of: ".pack", with: ".idx"))
            }
        default:
            try Data("not a ref\n".utf8).write(to: URL(fileURLWithPath: mirror + "/refs/remotes/origin/main"))
        }
        let before = try remote.tip()
        let notices = Notices()
        final class Seen: @unchecked Sendable { var big: Data? }
        let seen = Seen()
        // Changing big.bin reads its old contents, so damage anywhere in it is seen.
        let result = try Transaction(url: remote.url, options: remote.options(cache: cacheURL, notices: notices)).run { tree in
            seen.big = try tree.file("big.bin")
            return ["big.bin": Data("replaced\n".utf8)]
        }
        #expect(seen.big == big)
        #expect(result.pushed && result.changed == ["big.bin"])
        #expect(
            notices.all.count == 1 && notices.all.first?.contains("is damaged") == true && notices.all.first?.contains("rebuilding") == true,
            "\(notices.all)")
        #expect(try remote.servers.git(remote.name, ["rev-parse", "main^"]).trimmingCharacters(in: .whitespacesAndNewlines) == before)
        #expect(try remote.servers.git(remote.name, ["show", "main:big.bin"]) == "replaced\n")
        // Healthy afterwards: fsck clean, and the next run has nothing to say.
        try inspector.fsck(try inspector.mirror())
        let quiet = Notices()
        let next = try Transaction(url: remote.url, options: remote.options(cache: cacheURL, notices: quiet)).run { _ in ["b.txt": Data("2".utf8)] }
        #expect(next.pushed && next.receivedObjects == 0 && quiet.all.isEmpty, "\(quiet.all)")
    }

    @Test("a read whose body swallows a failed read still gets the mirror rebuilt, and then reads right")
    func readSwallowingDamage() throws {
        let remote = try CacheRemote("file", prefix: "swallow")
        var generator = SeededGenerator(seed: 5)
        let big = Data((0..<150_000).map { _ in UInt8.random(in: 0...255, using: &generator) })
        try remote.otherWriter(["big.bin": big])
        let cache = try GitLayerFixtures.temporaryDirectory("cache")
        defer { GitLayerFixtures.remove(cache) }
        let cacheURL = URL(fileURLWithPath: cache)
        _ = try Transaction(url: remote.url, options: remote.options(cache: cacheURL)).read { _ in 0 }
        let inspector = CacheInspector(directory: cacheURL)
        let mirror = try inspector.mirror()
        let pack = mirror + "/objects/pack/" + inspector.packs(mirror)[0]
        var data = try Data(contentsOf: URL(fileURLWithPath: pack))
        for offset in (data.count / 2)..<(data.count / 2 + 16) { data[offset] ^= 0xFF }
        try data.write(to: URL(fileURLWithPath: pack))
        let notices = Notices()
        let read = try Transaction(url: remote.url, options: remote.options(cache: cacheURL, notices: notices)).read { tree in
            try? tree.file("big.bin")
        }
        #expect(read == big)
        #expect(notices.all.count == 1, "\(notices.all)")
        try inspector.fsck(try inspector.mirror())
    }

    @Test("without a cache directory nothing is kept, and every run fetches the whole history")
    func temporaryMirror() throws {
        let remote = try CacheRemote("file", prefix: "temporary")
        let scratch = try GitLayerFixtures.temporaryDirectory("scratch")
        defer { GitLayerFixtures.remove(scratch) }
        var options = remote.options(cache: nil)
        options.scratchDirectory = URL(fileURLWithPath: scratch)
        let first = try Transaction(url: remote.url, options: options).run { _ in ["a.txt": Data("1".utf8)] }
        let second = try Transaction(url: remote.url, options: options).run { _ in ["b.txt": Data("2".utf8)] }
        #expect(first.receivedObjects == 3 && second.receivedObjects == 6)
        #expect(try FileManager.default.contentsOfDirectory(atPath: scratch).isEmpty)
    }
}
