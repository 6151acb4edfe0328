internal import CLibGit2
import Foundation

/// Keeps a cache mirror small and tidy, under its lock, at a cost that does not grow with the
/// repository: removes what a killed process left behind, and rolls small packs (and any loose
/// objects) up into one pack so that packs form a geometric progression (factor 2), like
/// `git repack --geometric=2`.
enum MirrorMaintenance {
    /// Below this many packs (and with no loose objects) nothing is rolled up.
    static let packsBeforeRollUp = 4

    /// A pack of the mirror: its base path (without `.pack`/`.idx`) and object count.
    struct Pack: Equatable {
        var base: String
        var objects: Int
    }

    // MARK: Leftovers

    /// Removes temporary and lock files a killed process can leave in a mirror (nothing else
    /// writes there while the cache lock is held): libgit2's `objects/pack/pack_git2_*`
    /// (indexer), `objects/tmp_object_git2_*` (loose writes), git's `tmp_*`, `*.lock` files of
    /// references, config and packs, a `.pack` without its `.idx` and the reverse, and the
    /// transaction's own push reference `refs/iscctl/`.
    static func removeLeftovers(in mirror: String) {
        let manager = FileManager.default
        let packDirectory = mirror + "/objects/pack"
        let packFiles = (try? manager.contentsOfDirectory(atPath: packDirectory)) ?? []
        let names = Set(packFiles)
        for file in packFiles {
            var remove = file.hasPrefix("pack_git2_") || file.hasPrefix("tmp_") || file.hasSuffix(".lock")
            if file.hasPrefix("pack-") {
                let base = String(file[..<(file.lastIndex(of: ".") ?? file.endIndex)])
                if file.hasSuffix(".pack") { remove = !names.contains(base + ".idx") }
                if file.hasSuffix(".idx") || file.hasSuffix(".rev") || file.hasSuffix(".bitmap") {
                    remove = !names.contains(base + ".pack")
                }
            }
            if remove { try? manager.removeItem(atPath: packDirectory + "/" + file) }
        }
        let objects = mirror + "/objects"
        for file in (try? manager.contentsOfDirectory(atPath: objects)) ?? [] {
            if file.hasPrefix("tmp_") || file.hasSuffix(".lock") { try? manager.removeItem(atPath: objects + "/" + file) }
            guard isLooseDirectory(file) else { continue }
            for entry in (try? manager.contentsOfDirectory(atPath: objects + "/" + file)) ?? []
            where entry.hasPrefix("tmp_") || entry.hasSuffix(".lock") {
                try? manager.removeItem(atPath: objects + "/" + file + "/" + entry)
            }
        }
        for file in ["HEAD.lock", "config.lock", "packed-refs.lock", "index.lock", "shallow.lock", "FETCH_HEAD.lock"] {
            try? manager.removeItem(atPath: mirror + "/" + file)
        }
        try? manager.removeItem(atPath: mirror + "/refs/iscctl")
        if let walker = manager.enumerator(atPath: mirror + "/refs") {
            for case let relative as String in walker where relative.hasSuffix(".lock") {
                try? manager.removeItem(atPath: mirror + "/refs/" + relative)
            }
        }
    }

    // MARK: Geometric roll-up

    /// Rolls up the small packs and loose objects of `repository` when they break the factor-2
    /// progression (see ``packsToRollUp(_:looseObjects:)``). Returns how many packs were
    /// replaced (0: nothing to do).
    @discardableResult
    static func consolidate(_ repository: Repository) throws -> Int {
        let objects = repository.objectsDirectory
        let packs = try listPacks(in: objects + "/pack")
        let loose = looseObjects(in: objects)
        let rolled = packsToRollUp(packs, looseObjects: loose.count)
        guard !rolled.isEmpty || !loose.isEmpty else { return 0 }

        var ids: [git_oid] = []
        for pack in rolled { ids += try objectIDs(ofIndex: pack.base + ".idx") }
        for (_, id) in loose { ids.append(id.oid) }
        var builder: OpaquePointer?
        try check(git_packbuilder_new(&builder, repository.handle), "create a pack builder")
        defer { git_packbuilder_free(builder) }
        var seen = Set<ObjectID>()
        for var oid in ids where seen.insert(ObjectID(oid)).inserted {
            try check(git_packbuilder_insert(builder, &oid, nil), "pack object \(ObjectID(oid))")
        }
        try check(git_packbuilder_write(builder, objects + "/pack", 0, nil, nil), "write a pack into \(repository.path)")
        let written = git_packbuilder_name(builder).map { "pack-" + String(cString: $0) }
        let manager = FileManager.default
        for pack in rolled where (pack.base as NSString).lastPathComponent != written {
            // The index first: without it the pack is invisible, so no reader ever sees half a pack.
            for suffix in [".idx", ".pack", ".rev", ".bitmap"] {
                try? manager.removeItem(atPath: pack.base + suffix)
            }
        }
        for (path, _) in loose { try? manager.removeItem(atPath: path) }
        for directory in Set(loose.map { ($0.path as NSString).deletingLastPathComponent }) {
            if (try? manager.contentsOfDirectory(atPath: directory))?.isEmpty == true {
                try? manager.removeItem(atPath: directory)
            }
        }
        return rolled.count
    }

    /// The packs to roll into one, smallest first: git's geometric split with factor 2. Packs
    /// sorted by object count must each hold at least twice as many objects as the one before;
    /// the smallest packs up to the last one that breaks this are rolled up, plus any larger
    /// pack the new pack would not be half the size of. Nothing is rolled up while there are
    /// fewer than ``packsBeforeRollUp`` packs and no loose objects; a pack that stays in the
    /// progression (such as the big first pack) is never touched.
    static func packsToRollUp(_ packs: [Pack], looseObjects: Int) -> [Pack] {
        guard packs.count >= packsBeforeRollUp || looseObjects > 0 else { return [] }
        let sorted = packs.sorted { $0.objects != $1.objects ? $0.objects < $1.objects : $0.base < $1.base }
        var split = sorted.count - 1
        while split > 0 {
            if sorted[split].objects < 2 * sorted[split - 1].objects { break }
            split -= 1
        }
        if split > 0 { split += 1 }
        var total = looseObjects + sorted.prefix(split).reduce(0) { $0 + $1.objects }
        while split < sorted.count, total > 0, sorted[split].objects < 2 * total {
            total += sorted[split].objects
            split += 1
        }
        return Array(sorted.prefix(split))
    }

    /// The packs in `directory` that have both a `.pack` and an `.idx` and no `.keep`.
    static func listPacks(in directory: String) throws -> [Pack] {
        let files = Set((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? [])
        var packs: [Pack] = []
        for file in files where file.hasPrefix("pack-") && file.hasSuffix(".idx") {
            let name = String(file.dropLast(4))
            guard files.contains(name + ".pack"), !files.contains(name + ".keep") else { continue }
            let base = directory + "/" + name
            packs.append(Pack(base: base, objects: try objectCount(ofIndex: base + ".idx")))
        }
        return packs
    }

    /// Loose object files (`objects/xx/<38 hex>`) and their ids.
    static func looseObjects(in objects: String) -> [(path: String, id: ObjectID)] {
        let manager = FileManager.default
        var result: [(String, ObjectID)] = []
        for directory in (try? manager.contentsOfDirectory(atPath: objects)) ?? [] where isLooseDirectory(directory) {
            for file in (try? manager.contentsOfDirectory(atPath: objects + "/" + directory)) ?? [] {
                if file.utf8.count == 38, let id = ObjectID(hex: directory + file) {
                    result.append((objects + "/" + directory + "/" + file, id))
                }
            }
        }
        return result
    }

    static func isLooseDirectory(_ name: String) -> Bool {
        name.utf8.count == 2 && name.utf8.allSatisfy { ($0 >= 48 && $0 <= 57) || ($0 >= 97 && $0 <= 102) }
    }

    // MARK: Pack index files

    /// The number of objects a pack index (`.idx`, version 1 or 2) lists: the last entry of its
    /// 256-entry fan-out table.
    static func objectCount(ofIndex path: String) throws -> Int {
        // Only the header and fan-out are read, whatever the size of the pack.
        guard let handle = FileHandle(forReadingAtPath: path) else { throw damaged(path, "cannot read") }
        defer { try? handle.close() }
        let data = (try? handle.read(upToCount: 8 + 256 * 4)) ?? Data()
        guard data.count == 8 + 256 * 4 else { throw damaged(path, "truncated pack index") }
        let fanout = data.starts(with: indexMagic) ? 8 : 0
        return Int(bigEndianUInt32(data, at: fanout + 255 * 4))
    }

    /// The object ids a pack index lists. Version 2: magic `\377tOc`, version, 256 fan-out
    /// entries, then N sorted 20-byte SHA-1s. Version 1: the fan-out, then N entries of a
    /// 4-byte offset and a SHA-1.
    static func objectIDs(ofIndex path: String) throws -> [git_oid] {
        let data = try readIndex(path, atLeast: 8 + 256 * 4)
        let isVersion2 = data.starts(with: indexMagic)
        if isVersion2, bigEndianUInt32(data, at: 4) != 2 {
            throw damaged(path, "unsupported pack index version \(bigEndianUInt32(data, at: 4))")
        }
        let fanout = isVersion2 ? 8 : 0
        let count = Int(bigEndianUInt32(data, at: fanout + 255 * 4))
        let first = fanout + 256 * 4
        let stride = isVersion2 ? 20 : 24
        let skip = isVersion2 ? 0 : 4
        guard data.count >= first + count * stride else { throw damaged(path, "truncated pack index") }
        var ids: [git_oid] = []
        ids.reserveCapacity(count)
        data.withUnsafeBytes { raw in
            for index in 0..<count {
                var oid = git_oid()
                withUnsafeMutableBytes(of: &oid.id) { target in
                    target.copyMemory(from: UnsafeRawBufferPointer(rebasing: raw[(first + index * stride + skip)..<(first + index * stride + skip + 20)]))
                }
                ids.append(oid)
            }
        }
        return ids
    }

    private static let indexMagic: [UInt8] = [0xFF, 0x74, 0x4F, 0x63]

    private static func readIndex(_ path: String, atLeast size: Int) throws -> Data {
        guard let data = FileManager.default.contents(atPath: path) else { throw damaged(path, "cannot read") }
        guard data.count >= size else { throw damaged(path, "truncated pack index") }
        return data
    }

    private static func bigEndianUInt32(_ data: Data, at offset: Int) -> UInt32 {
        data.withUnsafeBytes { raw -> UInt32 in
            var value: UInt32 = 0
            for index in 0..<4 { value = value << 8 | UInt32(raw[offset + index]) }
            return value
        }
    }

    private static func damaged(_ path: String, _ what: String) -> GitError {
        GitError(kind: .other, message: "\(what): \(path)")
    }
}
