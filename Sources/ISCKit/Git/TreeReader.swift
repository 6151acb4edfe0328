internal import CLibGit2
import Foundation

/// Reads the files and directories of one tree, keeping its root tree and the directories it
/// looked up recently (up to ``capacity``), so that reading thousands of files does not look up
/// the commit, the root tree and every parent directory again for each one.
///
/// A path that is not there reads as "no file" / "no entries"; an object that cannot be read
/// (missing or damaged in the object database) is an error, never an absent file.
final class TreeReader {
    let repository: Repository
    private let root: OpaquePointer
    private var directories: [String: OpaquePointer] = [:]
    /// How many directory trees are kept open at most (then the cache starts over).
    static let capacity = 512

    /// A reader of `treeish` (a tree, or a commit whose tree is read).
    init(repository: Repository, treeish: ObjectID) throws {
        self.repository = repository
        self.root = try repository.peelToTree(treeish)
    }

    deinit {
        for tree in directories.values { git_tree_free(tree) }
        git_tree_free(root)
    }

    /// The contents of the file at `path`, or nil when there is no file there (absent, or a
    /// directory, a symbolic link is read as the file it is stored as).
    func file(_ path: String) throws -> Data? {
        guard let id = try blobID(path) else { return nil }
        return try read(id, path)
    }

    /// The contents of the file at `path` when its blob holds at most `limit` bytes; only its
    /// size, from the object header, when it is larger; nil when there is no file there.
    func file(_ path: String, limit: Int) throws -> BoundedFile? {
        guard let id = try blobID(path) else { return nil }
        var odb: OpaquePointer?
        try check(git_repository_odb(&odb, repository.handle), "open the object database")
        defer { git_odb_free(odb) }
        var size = 0
        var type = GIT_OBJECT_INVALID
        var raw = id
        try check(git_odb_read_header(&size, &type, odb, &raw), "read the header of blob \(path)")
        guard size <= limit else { return .tooLarge(size: size) }
        return .contents(try read(id, path))
    }

    /// The entry at `path` whatever its kind, nil when there is none.
    func entry(_ path: String) throws -> TreeEntryInfo? {
        let components = Self.components(path)
        guard let name = components.last,
            let directory = try directory(components.dropLast()),
            let entry = git_tree_entry_byname(directory, name)
        else { return nil }
        return Repository.entryInfo(entry)
    }

    /// The blob of the file at `path`, nil when there is no file there.
    private func blobID(_ path: String) throws -> git_oid? {
        let components = Self.components(path)
        guard let name = components.last,
            let directory = try directory(components.dropLast()),
            let entry = git_tree_entry_byname(directory, name),
            git_tree_entry_type(entry) == GIT_OBJECT_BLOB
        else { return nil }
        return git_tree_entry_id(entry).pointee
    }

    private func read(_ id: git_oid, _ path: String) throws -> Data {
        var blob: OpaquePointer?
        var id = id
        try check(git_blob_lookup(&blob, repository.handle, &id), "read blob \(Self.components(path).joined(separator: "/"))")
        defer { git_blob_free(blob) }
        let size = Int(git_blob_rawsize(blob))
        guard size > 0, let raw = git_blob_rawcontent(blob) else { return Data() }
        return Data(bytes: raw, count: size)
    }

    /// The entries of the directory at `path` (`""` for the root), in Git's order; empty when
    /// there is no directory there.
    func entries(_ path: String) throws -> [TreeEntryInfo] {
        guard let tree = try directory(Self.components(path)[...]) else { return [] }
        let count = git_tree_entrycount(tree)
        var result: [TreeEntryInfo] = []
        result.reserveCapacity(count)
        for index in 0..<count {
            guard let entry = git_tree_entry_byindex(tree, index) else { continue }
            result.append(Repository.entryInfo(entry))
        }
        return result
    }

    /// The tree of the directory `components` (owned by the reader), nil when there is none.
    private func directory(_ components: ArraySlice<String>) throws -> OpaquePointer? {
        guard let name = components.last else { return root }
        let key = components.joined(separator: "/")
        if let cached = directories[key] { return cached }
        guard let parent = try directory(components.dropLast()),
            let entry = git_tree_entry_byname(parent, name),
            git_tree_entry_type(entry) == GIT_OBJECT_TREE
        else { return nil }
        var tree: OpaquePointer?
        try check(git_tree_lookup(&tree, repository.handle, git_tree_entry_id(entry)), "read tree \(key)")
        if directories.count >= Self.capacity {
            for cached in directories.values { git_tree_free(cached) }
            directories.removeAll(keepingCapacity: true)
        }
        directories[key] = tree!
        return tree!
    }

    static func components(_ path: String) -> [String] {
        path.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
    }
}
