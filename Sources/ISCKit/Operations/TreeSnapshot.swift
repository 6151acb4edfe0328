import Foundation

/// The files of one commit of the branch, read straight from Git objects (no work tree), as an
/// operation sees them when it computes its change.
public struct TreeSnapshot {
    let repository: Repository
    /// The commit the snapshot shows; `nil` for a branch that has no commit yet.
    public let commit: ObjectID?

    init(repository: Repository, commit: ObjectID?) {
        self.repository = repository
        self.commit = commit
    }

    /// The contents of the file at a repository-relative `path`, or `nil` when there is none.
    public func file(_ path: String) throws -> Data? {
        guard let commit else { return nil }
        return try repository.blob(at: path, inCommit: commit)
    }

    /// The entries of the directory at `path` (`""` for the root); empty when it does not exist.
    public func entries(_ path: String) throws -> [TreeEntryInfo] {
        guard let commit else { return [] }
        do {
            return try repository.entries(inDirectory: path, ofCommit: commit)
        } catch let error as GitError where error.kind == .notFound {
            return []
        }
    }
}

/// A set of file changes: repository-relative path → new contents, or `nil` to delete the file.
public typealias FileChanges = [String: Data?]
