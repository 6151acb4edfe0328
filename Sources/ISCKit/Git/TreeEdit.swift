internal import CLibGit2

/// The changes of one ``Repository/writeTree(base:changes:)`` call as a trie of directories, so
/// that each changed directory is rebuilt once from its old version (path copying).
final class TreeEdit {
    /// What happens to one name inside a directory.
    enum Node {
        /// Remove the entry (file or directory) if it is there.
        case delete
        /// Put a regular file (mode 100644) with this blob, replacing whatever is there.
        case blob(git_oid)
        /// Edit the directory of this name.
        case directory(TreeEdit)
    }

    /// Start from an empty directory instead of the old one (it was deleted or replaced first).
    var fresh: Bool
    /// Something is added below: a file at this path is replaced by a directory, and a missing
    /// directory is created. Without it (deletions only) a file or a missing entry is left alone.
    var adds = false
    /// Name → change, for the entries of this directory that change.
    var children: [String: Node] = [:]

    init(fresh: Bool = false) {
        self.fresh = fresh
    }

    /// Records the deletion of the path `components`. Deletions come before additions.
    func delete(_ components: [String]) {
        guard let name = components.first else { return }
        if components.count == 1 {
            children[name] = .delete
            return
        }
        switch children[name] {
        case .delete:
            return  // already gone with everything below it
        case .directory(let sub):
            sub.delete(Array(components.dropFirst()))
        case .blob, .none:
            let sub = TreeEdit()
            children[name] = .directory(sub)
            sub.delete(Array(components.dropFirst()))
        }
    }

    /// Records a file at the path `components`. Additions come after deletions, in sorted order,
    /// so a later, deeper path replaces a file added at one of its parents.
    func put(_ components: [String], blob: git_oid) {
        guard let name = components.first else { return }
        adds = true
        if components.count == 1 {
            children[name] = .blob(blob)
            return
        }
        let sub: TreeEdit
        switch children[name] {
        case .directory(let existing):
            sub = existing
        case .delete, .blob:
            // The old entry is gone (deleted, or replaced by a file of this change): start empty.
            sub = TreeEdit(fresh: true)
            children[name] = .directory(sub)
        case .none:
            sub = TreeEdit()
            children[name] = .directory(sub)
        }
        sub.put(Array(components.dropFirst()), blob: blob)
    }
}

extension Repository {
    /// Builds the directory `edit` on top of `base` (a `git_tree *`, or nil for none) and writes
    /// it; returns nil when the directory ends up empty (it then disappears from its parent).
    /// Only the subtrees that `edit` touches are read.
    func apply(_ edit: TreeEdit, to base: OpaquePointer?, at path: String) throws -> git_oid? {
        var builder: OpaquePointer?
        try check(git_treebuilder_new(&builder, handle, edit.fresh ? nil : base), "read tree \(path.isEmpty ? "/" : path)")
        defer { git_treebuilder_free(builder) }
        try requireNoCaseCollision(edit, builder: builder, at: path)
        for name in edit.children.keys.sorted() {
            let childPath = path.isEmpty ? name : path + "/" + name
            switch edit.children[name]! {
            case .delete:
                try remove(name, from: builder, path: childPath)
            case .blob(var oid):
                try insert(name, &oid, mode: GIT_FILEMODE_BLOB, into: builder, path: childPath)
            case .directory(let sub):
                var subtree: OpaquePointer?
                defer { if let subtree { git_tree_free(subtree) } }
                if sub.fresh {
                    // Built from nothing: the old entry, whatever it was, is replaced.
                } else if let existing = git_treebuilder_get(builder, name) {
                    if git_tree_entry_type(existing) == GIT_OBJECT_TREE {
                        try check(git_tree_lookup(&subtree, handle, git_tree_entry_id(existing)), "read tree \(childPath)")
                    } else if !sub.adds {
                        continue  // deleting below a file: nothing to do
                    }
                } else if !sub.adds {
                    continue  // deleting below a path that does not exist
                }
                if var written = try apply(sub, to: subtree, at: childPath) {
                    try insert(name, &written, mode: GIT_FILEMODE_TREE, into: builder, path: childPath)
                } else {
                    try remove(name, from: builder, path: childPath)
                }
            }
        }
        guard git_treebuilder_entrycount(builder) > 0 else { return nil }
        var written = git_oid()
        try check(git_treebuilder_write(&written, builder), "write tree \(path.isEmpty ? "/" : path)")
        recordWritten(written)
        return written
    }

    /// Writes the empty tree (`4b825dc…`) and returns its id.
    func writeEmptyTree() throws -> ObjectID {
        var builder: OpaquePointer?
        try check(git_treebuilder_new(&builder, handle, nil), "create tree")
        defer { git_treebuilder_free(builder) }
        var written = git_oid()
        try check(git_treebuilder_write(&written, builder), "write the empty tree")
        recordWritten(written)
        return ObjectID(written)
    }

    private func remove(_ name: String, from builder: OpaquePointer?, path: String) throws {
        guard git_treebuilder_get(builder, name) != nil else { return }  // not there: a no-op
        try check(git_treebuilder_remove(builder, name), "remove \(path)")
    }

    /// Refuses a name this edit adds to the directory when another name of the directory (kept
    /// or added) differs from it only in case, HFS-ignorable code points or Unicode normalization
    /// (``PortablePath/collisionKey(_:)``): the two would be one file on macOS and Windows. Names
    /// that are already there are left alone; the directory is read only when a name is new.
    private func requireNoCaseCollision(_ edit: TreeEdit, builder: OpaquePointer?, at path: String) throws {
        var added: [String] = []
        for (name, node) in edit.children {
            switch node {
            case .delete: continue
            case .directory(let sub) where !sub.adds: continue
            default: if git_treebuilder_get(builder, name) == nil { added.append(name) }
            }
        }
        guard !added.isEmpty else { return }
        var keys: [String: String] = [:]
        let count = git_treebuilder_entrycount(builder)
        if count > 0 {
            // Every name the directory keeps: the builder's entries, read through a filter that keeps them all.
            final class Names { var list: [String] = [] }
            let names = Names()
            _ = withExtendedLifetime(names) {
                git_treebuilder_filter(
                    builder,
                    { entry, payload in
                        let names = Unmanaged<Names>.fromOpaque(payload!).takeUnretainedValue()
                        names.list.append(String(cString: git_tree_entry_name(entry)))
                        return 0
                    }, Unmanaged.passUnretained(names).toOpaque())
            }
            for name in names.list {
                if case .delete = edit.children[name] { continue }
                keys[PortablePath.collisionKey(name)] = name
            }
        }
        for name in added.sorted() {
            let key = PortablePath.collisionKey(name)
            if let other = keys[key], Array(other.utf8) != Array(name.utf8) {
                let prefix = path.isEmpty ? "" : path + "/"
                throw OperationError.conflict(
                    "path-case-conflict",
                    "refusing to add \(Display.safe(prefix + name, limit: 200)): \(Display.safe(prefix + other, limit: 200)) differs only in case (or Unicode form) and both would be one file on macOS and Windows (nothing was committed)"
                )
            }
            keys[key] = name
        }
    }

    private func insert(_ name: String, _ oid: inout git_oid, mode: git_filemode_t, into builder: OpaquePointer?, path: String) throws {
        let rc = git_treebuilder_insert(nil, builder, name, &oid, mode)
        guard rc < 0 else { return }
        let error = GitError.fromLast(rc, "add \(path)")
        if UInt32(bitPattern: error.errorClass) == GIT_ERROR_TREE.rawValue, error.message.contains("invalid name") {
            // A name libgit2 refuses in a tree (e.g. a `.git` look-alike): invalid input, not damage.
            throw GitError(kind: .other, message: "invalid repository path \"\(path)\"", returnCode: GIT_EINVALIDSPEC.rawValue)
        }
        throw error
    }
}
