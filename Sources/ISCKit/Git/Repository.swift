internal import CLibGit2
import Foundation

/// A commit read from the object database.
public struct CommitInfo: Sendable, Equatable {
    /// The commit's own id.
    public let id: ObjectID
    /// The id of its root tree.
    public let tree: ObjectID
    /// The ids of its parents, in order (empty for a root commit).
    public let parents: [ObjectID]
    /// The full commit message.
    public let message: String
    /// Who wrote the change.
    public let author: Signature
    /// Who made the commit.
    public let committer: Signature
}

/// One entry of a Git tree (a directory listing).
public struct TreeEntryInfo: Sendable, Equatable {
    /// What an entry is.
    public enum Kind: Sendable, Equatable {
        /// A blob: a regular or executable file (symbolic links are ``other``).
        case file
        /// A subtree.
        case directory
        /// A symbolic link or a submodule (gitlink).
        case other
    }

    /// The entry's name within its directory.
    public let name: String
    /// Whether it is a file, a directory or something else.
    public let kind: Kind
    /// The Git file mode, e.g. `0o100644`, `0o100755`, `0o040000`, `0o120000`, `0o160000`.
    public let mode: UInt32
    /// The id of the blob, tree or commit it points to.
    public let id: ObjectID
}

/// A bare Git repository on disk, owning its libgit2 handle (freed when the object goes away).
///
/// There is never a work tree: files are read from and written to the object database directly.
/// A `Repository` is not `Sendable`: use one instance from one thread at a time (open another
/// instance for another thread).
public final class Repository {
    /// The `git_repository *` this object owns.
    let handle: OpaquePointer
    /// The path the repository was created or opened at.
    public let path: String
    /// The in-memory object store, once ``keepNewObjectsInMemory()`` was called.
    var memoryStore: InMemoryObjects?

    private init(handle: OpaquePointer, path: String) {
        self.handle = handle
        self.path = path
    }

    deinit {
        git_repository_free(handle)
    }

    /// Creates a new bare repository at `path` (creating missing directories), or opens the one
    /// already there (libgit2 re-initialisation is harmless).
    public static func createBare(at path: String) throws -> Repository {
        LibGit2.initialize()
        var repo: OpaquePointer?
        try check(git_repository_init(&repo, path, 1), "create bare repository at \(path)")
        return Repository(handle: repo!, path: path)
    }

    /// Opens the existing bare repository at `path` (no search in parent directories).
    ///
    /// - Throws: ``GitError`` with kind ``GitError/Kind/notFound`` when there is no repository there.
    public static func openBare(at path: String) throws -> Repository {
        LibGit2.initialize()
        var repo: OpaquePointer?
        try check(git_repository_open_bare(&repo, path), "open repository at \(path)")
        return Repository(handle: repo!, path: path)
    }

    // MARK: - Reading objects

    /// Reads the commit `id`.
    ///
    /// - Throws: ``GitError`` (``GitError/Kind/notFound`` when there is no such commit).
    public func commit(_ id: ObjectID) throws -> CommitInfo {
        let commit = try lookupCommit(id)
        defer { git_commit_free(commit) }
        var parents: [ObjectID] = []
        let count = git_commit_parentcount(commit)
        for index in 0..<count {
            if let parent = git_commit_parent_id(commit, index) { parents.append(ObjectID(parent)) }
        }
        return CommitInfo(
            id: id,
            tree: ObjectID(git_commit_tree_id(commit)!),
            parents: parents,
            message: git_commit_message(commit).map { String(cString: $0) } ?? "",
            author: Signature(git_commit_author(commit)!),
            committer: Signature(git_commit_committer(commit)!)
        )
    }

    /// The contents of the file at `path` (e.g. `runtimes/a/config.yaml`) in commit `inCommit`
    /// (a tree id is accepted too), or nil when no file is there (absent, or a directory).
    public func blob(at path: String, inCommit commit: ObjectID) throws -> Data? {
        let clean = Repository.trimSlashes(path)
        guard !clean.isEmpty else { return nil }
        let tree = try peelToTree(commit)
        defer { git_tree_free(tree) }
        var entry: OpaquePointer?
        let rc = git_tree_entry_bypath(&entry, tree, clean)
        if rc == GIT_ENOTFOUND.rawValue { return nil }
        try check(rc, "look up \(clean) in \(commit)")
        defer { git_tree_entry_free(entry) }
        guard git_tree_entry_type(entry) == GIT_OBJECT_BLOB else { return nil }
        var blob: OpaquePointer?
        try check(git_blob_lookup(&blob, handle, git_tree_entry_id(entry)), "read blob \(clean) in \(commit)")
        defer { git_blob_free(blob) }
        let size = Int(git_blob_rawsize(blob))
        guard size > 0, let raw = git_blob_rawcontent(blob) else { return Data() }
        return Data(bytes: raw, count: size)
    }

    /// The entries of the directory `path` (`""` for the root) in commit `ofCommit` (a tree id is
    /// accepted too), in Git's order (by name). Empty when there is no directory at `path`.
    public func entries(inDirectory path: String, ofCommit commit: ObjectID) throws -> [TreeEntryInfo] {
        let clean = Repository.trimSlashes(path)
        let root = try peelToTree(commit)
        defer { git_tree_free(root) }
        var tree = root
        var subtree: OpaquePointer?
        defer { if let subtree { git_tree_free(subtree) } }
        if !clean.isEmpty {
            var entry: OpaquePointer?
            let rc = git_tree_entry_bypath(&entry, root, clean)
            if rc == GIT_ENOTFOUND.rawValue { return [] }
            try check(rc, "look up \(clean) in \(commit)")
            defer { git_tree_entry_free(entry) }
            guard git_tree_entry_type(entry) == GIT_OBJECT_TREE else { return [] }
            try check(git_tree_lookup(&subtree, handle, git_tree_entry_id(entry)), "read tree \(clean) in \(commit)")
            tree = subtree!
        }
        var result: [TreeEntryInfo] = []
        let count = git_tree_entrycount(tree)
        result.reserveCapacity(count)
        for index in 0..<count {
            guard let entry = git_tree_entry_byindex(tree, index) else { continue }
            result.append(Repository.entryInfo(entry))
        }
        return result
    }

    /// Every file path (blobs, including symbolic links) in commit `ofCommit` (a tree id is
    /// accepted too), recursively, sorted.
    public func allFilePaths(ofCommit commit: ObjectID) throws -> [String] {
        let tree = try peelToTree(commit)
        defer { git_tree_free(tree) }
        final class Collector { var paths: [String] = [] }
        let collector = Collector()
        let rc = withExtendedLifetime(collector) { () -> Int32 in
            git_tree_walk(
                tree, GIT_TREEWALK_PRE,
                { root, entry, payload in
                    guard let entry, let payload else { return 0 }
                    guard git_tree_entry_type(entry) == GIT_OBJECT_BLOB else { return 0 }
                    let box = Unmanaged<Collector>.fromOpaque(payload).takeUnretainedValue()
                    let prefix = root.map { String(cString: $0) } ?? ""
                    box.paths.append(prefix + String(cString: git_tree_entry_name(entry)))
                    return 0
                }, Unmanaged.passUnretained(collector).toOpaque())
        }
        try check(rc, "walk tree of \(commit)")
        return collector.paths.sorted()
    }

    // MARK: - Writing objects

    /// Writes a new tree: `base` (a tree, or a commit whose tree is used; nil for an empty tree)
    /// with `changes` applied, and returns its id. Nothing is checked out and no file is written
    /// outside the object database. Only the trees along the changed paths are read and written
    /// (path copying with `git_treebuilder`); every other subtree is reused by id, so the cost
    /// grows with the number of changes and the size of the directories they touch, not with the
    /// number of files in the tree.
    ///
    /// - Parameters:
    ///   - base: the tree the changes apply to; nil for an empty tree.
    ///   - changes: repository-relative path → new contents (a blob of mode `100644` added or
    ///     replaced), or nil to delete the path. Deleting a path that is not there is a no-op;
    ///     deleting a directory's path deletes everything below it. Deletions are applied first,
    ///     then additions, each in sorted order; a file replaces a directory at the same path and
    ///     vice versa. A directory left empty disappears.
    /// - Throws: ``GitError`` (kind ``GitError/Kind/other``, return code `GIT_EINVALIDSPEC`) for
    ///   an invalid path (empty, absolute, `.`, `..` or `.git` segments). `OperationError`
    ///   `non-portable-path` (a conflict, exit 3) for a file added at a path that breaks the
    ///   `PortablePath` rule, and `path-case-conflict` for a new name that differs only in case
    ///   from another name of its folder: such a tree could not be checked out on Windows or
    ///   macOS. Deleting is always allowed.
    public func writeTree(base: ObjectID?, changes: [String: Data?]) throws -> ObjectID {
        var deletions: [String] = []
        var additions: [(String, Data)] = []
        for (path, data) in changes {
            try Repository.validate(path: path)
            if let data {
                try Repository.requirePortable(path: path)
                additions.append((path, data))
            } else {
                deletions.append(path)
            }
        }
        let edit = TreeEdit()
        for path in deletions.sorted() {
            edit.delete(path.split(separator: "/").map(String.init))
        }
        for (path, data) in additions.sorted(by: { $0.0 < $1.0 }) {
            var blobID = git_oid()
            let rc = data.withUnsafeBytes { raw in
                git_blob_create_from_buffer(&blobID, handle, raw.baseAddress, raw.count)
            }
            try check(rc, "write blob for \(path)")
            recordWritten(blobID)
            edit.put(path.split(separator: "/").map(String.init), blob: blobID)
        }
        var baseTree: OpaquePointer?
        if let base { baseTree = try peelToTree(base) }
        defer { if let baseTree { git_tree_free(baseTree) } }
        if let written = try apply(edit, to: baseTree, at: "") { return ObjectID(written) }
        return try writeEmptyTree()
    }

    /// Creates a commit object for `tree` with `parents` and returns its id. No reference is
    /// updated. A final newline is added to `message` when it has none (as `git commit` does).
    ///
    /// With `sign`, the commit is made as git makes a signed one: its buffer
    /// (`git_commit_create_buffer`) is handed to `sign`, and the armored signature it returns is
    /// stored in the `gpgsig` header (`git_commit_create_with_signature`).
    public func createCommit(
        tree: ObjectID, parents: [ObjectID], author: Signature,
        committer: Signature, message: String,
        sign: ((String) throws -> String)? = nil
    ) throws -> ObjectID {
        let treeHandle = try peelToTree(tree)
        defer { git_tree_free(treeHandle) }
        var parentHandles: [OpaquePointer?] = []
        defer { for parent in parentHandles { git_commit_free(parent) } }
        for parent in parents { parentHandles.append(try lookupCommit(parent)) }
        let text = message.hasSuffix("\n") ? message : message + "\n"
        var commitID = git_oid()
        try author.withGitSignature { authorSig in
            try committer.withGitSignature { committerSig in
                guard let sign else {
                    let rc = parentHandles.withUnsafeMutableBufferPointer { buffer in
                        git_commit_create(
                            &commitID, handle, nil, authorSig, committerSig, "UTF-8", text,
                            treeHandle, buffer.count, buffer.baseAddress)
                    }
                    try check(rc, "create commit")
                    return
                }
                var buffer = git_buf()
                defer { git_buf_dispose(&buffer) }
                let rc = parentHandles.withUnsafeMutableBufferPointer { parents in
                    git_commit_create_buffer(
                        &buffer, handle, authorSig, committerSig, "UTF-8", text,
                        treeHandle, parents.count, parents.baseAddress)
                }
                try check(rc, "create commit")
                let content = String(decoding: UnsafeRawBufferPointer(start: buffer.ptr, count: buffer.size), as: UTF8.self)
                let signature = try sign(content)
                try check(git_commit_create_with_signature(&commitID, handle, content, signature, "gpgsig"), "create signed commit")
            }
        }
        recordWritten(commitID)
        return ObjectID(commitID)
    }

    // MARK: - References

    /// Points the reference `name` (e.g. `refs/heads/main`) at `to`, creating or moving it.
    public func setReference(_ name: String, to target: ObjectID) throws {
        try Repository.validate(referenceName: name)
        var oid = target.oid
        var ref: OpaquePointer?
        try check(
            git_reference_create(&ref, handle, name, &oid, 1, "iscctl: set \(name)"),
            "set reference \(name) to \(target)")
        git_reference_free(ref)
    }

    /// The object the reference `name` points at (symbolic references are resolved), or nil
    /// when it does not exist.
    public func referenceTarget(_ name: String) throws -> ObjectID? {
        try Repository.validate(referenceName: name)
        var oid = git_oid()
        let rc = git_reference_name_to_id(&oid, handle, name)
        if rc == GIT_ENOTFOUND.rawValue { return nil }
        try check(rc, "resolve reference \(name)")
        return ObjectID(oid)
    }

    /// Deletes the reference `name`; a no-op when it does not exist.
    public func deleteReference(_ name: String) throws {
        try Repository.validate(referenceName: name)
        var ref: OpaquePointer?
        let rc = git_reference_lookup(&ref, handle, name)
        if rc == GIT_ENOTFOUND.rawValue { return }
        try check(rc, "look up reference \(name)")
        defer { git_reference_free(ref) }
        try check(git_reference_delete(ref), "delete reference \(name)")
    }

    // MARK: - Helpers

    /// Looks up a commit; the caller frees it with `git_commit_free`.
    func lookupCommit(_ id: ObjectID) throws -> OpaquePointer {
        var oid = id.oid
        var commit: OpaquePointer?
        try check(git_commit_lookup(&commit, handle, &oid), "read commit \(id)")
        return commit!
    }

    /// Looks up `id` and peels it to a tree (a commit gives its tree); the caller frees it with
    /// `git_tree_free`.
    func peelToTree(_ id: ObjectID) throws -> OpaquePointer {
        var oid = id.oid
        var object: OpaquePointer?
        try check(git_object_lookup(&object, handle, &oid, GIT_OBJECT_ANY), "read object \(id)")
        defer { git_object_free(object) }
        var tree: OpaquePointer?
        try check(git_object_peel(&tree, object, GIT_OBJECT_TREE), "peel \(id) to a tree")
        return tree!
    }

    static func entryInfo(_ entry: OpaquePointer) -> TreeEntryInfo {
        let mode = git_tree_entry_filemode(entry).rawValue
        let kind: TreeEntryInfo.Kind
        switch mode {
        case GIT_FILEMODE_TREE.rawValue: kind = .directory
        case GIT_FILEMODE_BLOB.rawValue, GIT_FILEMODE_BLOB_EXECUTABLE.rawValue: kind = .file
        default: kind = .other
        }
        return TreeEntryInfo(
            name: String(cString: git_tree_entry_name(entry)), kind: kind,
            mode: UInt32(mode), id: ObjectID(git_tree_entry_id(entry)))
    }

    static func trimSlashes(_ path: String) -> String {
        var text = Substring(path)
        while text.hasPrefix("/") { text = text.dropFirst() }
        while text.hasSuffix("/") { text = text.dropLast() }
        return String(text)
    }

    /// A repository-relative file path: non-empty, `/`-separated, no empty, `.`, `..` or `.git`
    /// component, no NUL.
    static func validate(path: String) throws {
        let components = path.split(separator: "/", omittingEmptySubsequences: false)
        let bad =
            path.isEmpty || path.contains("\0")
            || components.contains { component in
                component.isEmpty || component == "." || component == ".." || component.lowercased() == ".git"
            }
        if bad {
            throw GitError(
                kind: .other, message: "invalid repository path \"\(path)\"",
                returnCode: GIT_EINVALIDSPEC.rawValue)
        }
    }

    /// The final guard before a file is added to a tree: the pure ``PortablePath`` rule, and
    /// libgit2's own check of the files Git reads from a tree (`git_path_is_gitfile`, NTFS and
    /// HFS look-alikes of `.gitmodules`, `.gitattributes`, `.gitignore`).
    static func requirePortable(path: String) throws {
        var reason = PortablePath.violation(path: path)
        if reason == nil {
            LibGit2.initialize()
            let kinds = [GIT_PATH_GITFILE_GITMODULES, GIT_PATH_GITFILE_GITATTRIBUTES, GIT_PATH_GITFILE_GITIGNORE]
            for segment in path.split(separator: "/") {
                let name = String(segment)
                let isGitFile = kinds.contains { kind in
                    name.withCString { git_path_is_gitfile($0, strlen($0), kind, GIT_PATH_FS_GENERIC) } > 0
                }
                if isGitFile {
                    reason = "segment '\(Display.safe(name))' is a file Git reads itself (libgit2)"
                    break
                }
            }
        }
        if let reason {
            throw OperationError.conflict(
                "non-portable-path",
                "refusing to write \(Display.safe(path, limit: 200)): \(reason); it would not check out on every system (nothing was committed)")
        }
    }

    static func validate(referenceName name: String) throws {
        var valid: Int32 = 0
        LibGit2.initialize()
        let rc = git_reference_name_is_valid(&valid, name)
        if rc < 0 || valid == 0 {
            throw GitError(
                kind: .other, message: "invalid reference name \"\(name)\"",
                returnCode: GIT_EINVALIDSPEC.rawValue)
        }
    }
}
