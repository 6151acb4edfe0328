/// Repository-relative paths: joining the ISC root with a relative path, safely.
public enum RepositoryPaths {
    /// `root` + `/` + `relative`, refusing what could escape the root, touch Git's own files or
    /// fail to check out somewhere: an absolute path, and any segment that breaks the
    /// ``PortablePath`` rule (empty, `.`, `..`, `.git` and its look-alikes, control characters,
    /// Windows device names, …), or a result longer than ``PortablePath/maxPathBytes``.
    ///
    /// - Throws: ``OperationError`` `invalid-path` (exit 2) naming the segment and the rule.
    public static func join(_ root: String, _ relative: String) throws -> String {
        guard !relative.hasPrefix("/") else {
            throw OperationError.invalidInput("invalid-path", "'\(Display.safe(relative))' must be relative to the repository path")
        }
        let joined = root.isEmpty ? relative : root + "/" + relative
        for segment in relative.split(separator: "/", omittingEmptySubsequences: false) {
            if let reason = PortablePath.violation(component: segment) {
                throw OperationError.invalidInput("invalid-path", "invalid path '\(Display.safe(relative))': segment '\(Display.safe(segment))' \(reason)")
            }
        }
        if joined.utf8.count > PortablePath.maxPathBytes {
            throw OperationError.invalidInput("invalid-path", "invalid path '\(Display.safe(relative))': \(joined.utf8.count) bytes with the repository path; at most \(PortablePath.maxPathBytes) are allowed")
        }
        return joined
    }
}
