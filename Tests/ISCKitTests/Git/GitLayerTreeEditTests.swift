import Foundation
import ISCTestSupport
import Testing

@testable import ISCCore
@testable import ISCKit

/// `writeTree` by path copying: only the trees along the changed paths are written, and the
/// result equals what the changes mean on a plain dictionary model (random property test).
@Suite("GitLayer writeTree (path copying) and in-memory objects")
struct GitLayerTreeEditTests {
    let d = GitLayerFixtures.data

    @Test("one changed file in a 20,000-file tree writes one blob and the trees along its path")
    func writesOnlyTheChangedPath() throws {
        let dir = try GitLayerFixtures.temporaryDirectory()
        defer { GitLayerFixtures.remove(dir) }
        let repo = try Repository.createBare(at: dir + "/r.git")
        try repo.keepNewObjectsInMemory()
        var changes: [String: Data?] = [:]
        for n in 0..<20_000 { changes["runtimes/r\(n / 10)/c\(n % 10).yaml"] = Data("n: \(n)\n".utf8) }
        let base = try repo.writeTree(base: nil, changes: changes)
        try repo.writePendingObjects()
        #expect(repo.pendingObjectCount == 0)

        let changed = try repo.writeTree(base: base, changes: ["runtimes/r7/c3.yaml": d("changed\n")])
        // blob + runtimes/r7 + runtimes + root.
        #expect(repo.pendingObjectCount == 4)
        #expect(try repo.blob(at: "runtimes/r7/c3.yaml", inCommit: changed) == d("changed\n"))
        try repo.discardPendingObjects()

        // Deleting a whole runtime directory: the two trees above it change, nothing else.
        let removed = try repo.writeTree(base: base, changes: ["runtimes/r9": nil])
        #expect(repo.pendingObjectCount == 2)
        #expect(try repo.entries(inDirectory: "runtimes/r9", ofCommit: removed).isEmpty)
        #expect(try repo.entries(inDirectory: "runtimes", ofCommit: removed).count == 1_999)
        try repo.discardPendingObjects()
        // Dropped objects are gone: only what was written to a pack is there.
        #expect(try !repo.hasObject(changed))
        #expect(try repo.hasObject(base))
    }

    @Test("random change sets give the same files as a dictionary model; the git CLI agrees (fsck)")
    func randomChangesMatchTheModel() throws {
        let dir = try GitLayerFixtures.temporaryDirectory()
        defer { GitLayerFixtures.remove(dir) }
        let repo = try Repository.createBare(at: dir + "/r.git")
        var generator = SeededGenerator(seed: 7)
        let names = ["a", "b", "c", "isc.yaml", "x.yaml"]
        func randomPath(_ g: inout SeededGenerator) -> String {
            (0..<Int.random(in: 1...3, using: &g)).map { _ in g.pick(names) }.joined(separator: "/")
        }
        var model: [String: Data] = [:]
        var tree: ObjectID? = nil
        for round in 0..<150 {
            var changes: [String: Data?] = [:]
            for _ in 0..<Int.random(in: 1...6, using: &generator) {
                let path = randomPath(&generator)
                changes[path] = generator.chance(0.35) ? .some(nil) : Data("\(round) \(path)\n".utf8)
            }
            // The model: deletions (of a file or everything below a directory) first, then
            // additions in sorted order; a file replaces a directory and vice versa.
            for (path, data) in changes where data == nil {
                model = model.filter { $0.key != path && !$0.key.hasPrefix(path + "/") }
            }
            for (path, data) in changes.sorted(by: { $0.key < $1.key }) {
                guard let data else { continue }
                model = model.filter { !$0.key.hasPrefix(path + "/") }
                let components = path.split(separator: "/")
                for length in 1..<components.count { model[components.prefix(length).joined(separator: "/")] = nil }
                model[path] = data
            }
            tree = try repo.writeTree(base: tree, changes: changes)
            let paths = try repo.allFilePaths(ofCommit: tree!)
            #expect(paths == model.keys.sorted(), "seed 7, round \(round), changes \(changes.keys.sorted())")
            if paths != model.keys.sorted() { return }
            for (path, data) in model { #expect(try repo.blob(at: path, inCommit: tree!) == data) }
        }
        let commit = try repo.createCommit(
            tree: tree!, parents: [], author: GitLayerFixtures.author,
            committer: GitLayerFixtures.author, message: "random")
        try repo.setReference("refs/heads/main", to: commit)
        try GitLayerFixtures.git(["--git-dir=\(dir)/r.git", "fsck", "--strict", "--no-dangling"])
    }

    @Test("deleting the last file of a directory removes the directory; deleting below a file keeps the file")
    func emptyDirectoriesDisappear() throws {
        let dir = try GitLayerFixtures.temporaryDirectory()
        defer { GitLayerFixtures.remove(dir) }
        let repo = try Repository.createBare(at: dir + "/r.git")
        let base = try repo.writeTree(base: nil, changes: ["a/b/c.txt": d("1"), "f": d("2")])
        let emptied = try repo.writeTree(base: base, changes: ["a/b/c.txt": nil, "f/g": nil])
        #expect(try repo.allFilePaths(ofCommit: emptied) == ["f"])
        #expect(try repo.entries(inDirectory: "", ofCommit: emptied).map(\.name) == ["f"])
        #expect(try repo.writeTree(base: emptied, changes: ["f": nil]).hex == "4b825dc642cb6eb9a060e54bf8d69288fbee4904")
    }

    @Test("a snapshot reads files and directories through one open root tree")
    func snapshotReads() throws {
        let dir = try GitLayerFixtures.temporaryDirectory()
        defer { GitLayerFixtures.remove(dir) }
        let repo = try Repository.createBare(at: dir + "/r.git")
        var files: [String: Data?] = [:]
        for n in 0..<700 { files["runtimes/r\(n)/runtime.yaml"] = Data("name: r\(n)\n".utf8) }
        files["isc.yaml"] = d("v2\n")
        let commit = try GitLayerFixtures.commit(repo, parent: nil, files)
        let snapshot = try TreeSnapshot(repository: repo, commit: commit)
        // More directories than the reader keeps open: it starts over and still reads right.
        for n in 0..<700 { #expect(try snapshot.file("runtimes/r\(n)/runtime.yaml") == Data("name: r\(n)\n".utf8)) }
        #expect(try snapshot.file("isc.yaml") == d("v2\n"))
        #expect(try snapshot.file("/isc.yaml/") == d("v2\n"))
        #expect(try snapshot.file("runtimes") == nil)
        #expect(try snapshot.file("runtimes/r1") == nil)
        #expect(try snapshot.file("isc.yaml/x") == nil)
        #expect(try snapshot.file("missing/x/y") == nil)
        #expect(try snapshot.entries("runtimes").count == 700)
        #expect(try snapshot.entries("runtimes/r5").map(\.name) == ["runtime.yaml"])
        #expect(try snapshot.entries("isc.yaml").isEmpty)
        #expect(try snapshot.entries("nope").isEmpty)
        #expect(try snapshot.list("").map(\.name) == ["isc.yaml", "runtimes"])
    }

    @Test("a snapshot reads a file with a size limit: over it, only the size from the object header; on disk and in memory")
    func snapshotBoundedReads() throws {
        let dir = try GitLayerFixtures.temporaryDirectory()
        defer { GitLayerFixtures.remove(dir) }
        let repo = try Repository.createBare(at: dir + "/r.git")
        let large = Data(repeating: UInt8(ascii: "x"), count: 3 << 20)
        let commit = try GitLayerFixtures.commit(repo, parent: nil, ["big.yaml": large, "small.yaml": d("a: 1\n"), "dir/f": d("")])
        let snapshot = try TreeSnapshot(repository: repo, commit: commit)
        #expect(try snapshot.file("big.yaml", limit: 1 << 20) == .tooLarge(size: 3 << 20))
        #expect(try snapshot.file("small.yaml", limit: 5) == .contents(d("a: 1\n")))
        #expect(try snapshot.file("small.yaml", limit: 4) == .tooLarge(size: 5))
        #expect(try snapshot.file("dir/f", limit: 0) == .contents(Data()))
        #expect(try snapshot.file("dir", limit: 10) == nil)
        #expect(try snapshot.file("missing", limit: 10) == nil)
        try repo.keepNewObjectsInMemory()
        let pending = try GitLayerFixtures.commit(repo, parent: commit, ["memory.yaml": Data(repeating: 0x61, count: 100)])
        let memory = try TreeSnapshot(repository: repo, commit: pending)
        #expect(try memory.file("memory.yaml", limit: 99) == .tooLarge(size: 100))
        #expect(try memory.file("memory.yaml", limit: 100) == .contents(Data(repeating: 0x61, count: 100)))
    }
}
