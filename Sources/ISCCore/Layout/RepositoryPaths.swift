/// Repository-relative paths: joining the ISC root with a relative path, safely.
public enum RepositoryPaths {
    /// `root` + `/` + `relative`, refusing what could escape the root, touch Git's own files or
    /// fail to check out somewhere: whatever breaks the ``PortablePath`` rule for a path
    /// (``PortablePath/violation(path:)``: an absolute path; an empty, `.`, `..`, `.git`
    /// look-alike, control character or Windows device name segment, …), in `relative` or in the
    /// joined path (longer than ``PortablePath/maxPathBytes``).
    ///
    /// - Throws: ``OperationError`` `invalid-path` (exit 2) naming the segment and the rule.
    public static func join(_ root: String, _ relative: String) throws -> String {
        let joined = root.isEmpty ? relative : root + "/" + relative
        if let reason = PortablePath.violation(path: relative) ?? PortablePath.violation(path: joined) {
            throw OperationError.invalidInput("invalid-path", "invalid path '\(Display.safe(relative))': \(reason)")
        }
        return joined
    }
}
