internal import CLibGit2

extension Repository {
    /// The unified diff (`git diff` patch format, repository-relative `a/` and `b/` paths) from
    /// tree `old` (`nil`: the empty tree) to tree `new`.
    public func unifiedDiff(from old: ObjectID?, to new: ObjectID) throws -> String {
        try withTree(old) { oldTree in
            try withTree(new) { newTree in
                var options = git_diff_options()
                try check(git_diff_options_init(&options, UInt32(GIT_DIFF_OPTIONS_VERSION)), "diff options")
                var diff: OpaquePointer?
                try check(git_diff_tree_to_tree(&diff, handle, oldTree, newTree, &options), "diff trees")
                defer { git_diff_free(diff) }
                var buffer = git_buf()
                try check(git_diff_to_buf(&buffer, diff, GIT_DIFF_FORMAT_PATCH), "format diff")
                defer { git_buf_dispose(&buffer) }
                guard let pointer = buffer.ptr else { return "" }
                return String(decoding: UnsafeRawBufferPointer(start: pointer, count: buffer.size), as: UTF8.self)
            }
        }
    }

    /// Calls `body` with the looked-up tree (or `nil`), freeing it afterwards.
    private func withTree<R>(_ id: ObjectID?, _ body: (OpaquePointer?) throws -> R) throws -> R {
        guard let id else { return try body(nil) }
        var oid = id.oid
        var tree: OpaquePointer?
        try check(git_tree_lookup(&tree, handle, &oid), "look up tree \(id)")
        defer { git_tree_free(tree) }
        return try body(tree)
    }
}
