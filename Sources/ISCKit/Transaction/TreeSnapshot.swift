import Foundation

/// The files of one commit of the branch, read straight from Git objects (no work tree), as an
/// operation sees them when it computes its change.
///
/// The commit's root tree and the directories read recently stay open for the snapshot's
/// lifetime, so reading many files (`list`, `validate`) costs one tree lookup per new directory
/// and one blob read per file.
public struct TreeSnapshot {
    let repository: Repository
    /// The commit the snapshot shows; `nil` for a branch that has no commit yet.
    public let commit: ObjectID?
    /// The branch the snapshot was read from, which a write goes to (a ``Transaction`` sets it);
    /// `nil` when not known.
    public let branch: String?
    /// The branch the remote's HEAD named when the snapshot was fetched
    /// (``RemoteHeads/defaultBranch``): `nil` for an empty remote, a HEAD that names no
    /// advertised branch, or a snapshot not read by a ``Transaction``.
    public let remoteHead: String?
    private let reader: TreeReader?
    /// The first object that could not be read (a damaged cache mirror is rebuilt on it).
    let failures: ReadFailures

    init(repository: Repository, commit: ObjectID?, branch: String? = nil, remoteHead: String? = nil) throws {
        self.repository = repository
        self.commit = commit
        self.branch = branch
        self.remoteHead = remoteHead
        self.reader = try commit.map { try TreeReader(repository: repository, treeish: $0) }
        self.failures = ReadFailures()
    }

    /// The contents of the file at a repository-relative `path`, or `nil` when there is none.
    ///
    /// - Throws: ``GitError`` when an object of the commit cannot be read.
    public func file(_ path: String) throws -> Data? {
        guard let reader else { return nil }
        do {
            return try reader.file(path)
        } catch let error as GitError {
            failures.record(error)
            throw error
        }
    }

    /// The file at `path`, read only when its blob holds at most `limit` bytes (the size comes
    /// from the object header).
    ///
    /// - Throws: ``GitError`` when an object of the commit cannot be read.
    public func file(_ path: String, limit: Int) throws -> BoundedFile? {
        guard let reader else { return nil }
        do {
            return try reader.file(path, limit: limit)
        } catch let error as GitError {
            failures.record(error)
            throw error
        }
    }

    /// The entry at `path` (any kind), nil when there is none.
    ///
    /// - Throws: ``GitError`` when an object of the commit cannot be read.
    public func entryInfo(_ path: String) throws -> TreeEntryInfo? {
        guard let reader else { return nil }
        do {
            return try reader.entry(path)
        } catch let error as GitError {
            failures.record(error)
            throw error
        }
    }

    /// The entries of the directory at `path` (`""` for the root); empty when it does not exist.
    ///
    /// - Throws: ``GitError`` when an object of the commit cannot be read.
    public func entries(_ path: String) throws -> [TreeEntryInfo] {
        guard let reader else { return [] }
        do {
            return try reader.entries(path)
        } catch let error as GitError {
            failures.record(error)
            throw error
        }
    }
}

/// Remembers the first Git error a snapshot read ran into.
final class ReadFailures {
    private(set) var first: GitError?
    func record(_ error: GitError) {
        if first == nil { first = error }
    }
}

extension TreeSnapshot: FileTree {
    /// The entries of a directory of the snapshot's commit (symbolic links count as files).
    public func list(_ path: String) throws -> [FileTreeEntry] {
        try entries(path).map { FileTreeEntry(name: $0.name, isDirectory: $0.kind == .directory) }
            .sorted { $0.name < $1.name }
    }

    /// The entry at `path` (a symbolic link or a submodule is no directory), nil when none.
    public func entry(_ path: String) throws -> FileTreeEntry? {
        try entryInfo(path).map { FileTreeEntry(name: $0.name, isDirectory: $0.kind == .directory) }
    }
}

extension ISCOperations {
    /// These operations for the branch `snapshot` was read from (``TreeSnapshot/branch`` and
    /// ``TreeSnapshot/remoteHead``); unchanged for a snapshot that knows no branch.
    public func writing(for snapshot: TreeSnapshot) -> ISCOperations {
        guard let branch = snapshot.branch else { return self }
        return writing(to: branch, remoteHead: snapshot.remoteHead)
    }
}
