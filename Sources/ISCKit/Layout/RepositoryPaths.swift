/// Repository-relative paths: joining the ISC root with a relative path, safely.
public enum RepositoryPaths {
    /// `root` + `/` + `relative`, refusing what could escape the root or touch Git's own files:
    /// an absolute path, empty, `.`, `..` or `.git` segments, control characters.
    public static func join(_ root: String, _ relative: String) throws -> String {
        guard !relative.hasPrefix("/") else {
            throw OperationError.invalidInput("invalid-path", "'\(relative)' must be relative to the repository path")
        }
        let segments = relative.split(separator: "/", omittingEmptySubsequences: false)
        for segment in segments {
            if segment.isEmpty || segment == "." || segment == ".." || segment.lowercased() == ".git"
                || segment.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
                throw OperationError.invalidInput("invalid-path", "invalid path '\(Display.safe(relative))': segment '\(Display.safe(segment))' is not allowed")
            }
        }
        return root.isEmpty ? relative : root + "/" + relative
    }
}
