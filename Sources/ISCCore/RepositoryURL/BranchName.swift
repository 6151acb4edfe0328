/// Branch-name rules of `git check-ref-format --branch`.
public enum BranchName {
    /// Returns why `name` is not a valid branch name, or `nil` when it is.
    ///
    /// The rules are those of `git check-ref-format --branch` applied to `refs/heads/<name>`:
    /// no `..`, no control character, space, `~ ^ : ? * [ \`, no `@{`, no component that starts
    /// with `.` or ends with `.lock`, no empty component (leading, trailing or double `/`),
    /// does not end with `.`, does not start with `-`, and is not `HEAD`.
    public static func violation(in name: String) -> String? {
        if name.isEmpty { return "a branch name must not be empty" }
        if name == "HEAD" { return "'HEAD' is not a valid branch name" }
        if name.hasPrefix("-") { return "a branch name must not start with '-'" }
        for scalar in name.unicodeScalars {
            switch scalar {
            case "\u{00}"..."\u{1F}", "\u{7F}":
                return "a branch name must not contain control characters"
            case " ":
                return "a branch name must not contain a space"
            case "~", "^", ":", "?", "*", "[", "\\":
                return "a branch name must not contain '\(scalar)'"
            default:
                continue
            }
        }
        if name.contains("..") { return "a branch name must not contain '..'" }
        if name.contains("@{") { return "a branch name must not contain '@{'" }
        if name.hasPrefix("/") || name.hasSuffix("/") || name.contains("//") {
            return "a branch name must not start or end with '/' or contain '//'"
        }
        for component in name.split(separator: "/") {
            if component.hasPrefix(".") { return "a branch name component must not start with '.'" }
            if component.hasSuffix(".lock") { return "a branch name component must not end with '.lock'" }
        }
        if name.hasSuffix(".") { return "a branch name must not end with '.'" }
        return nil
    }

    /// True when `name` is a valid branch name (see ``violation(in:)``).
    public static func isValid(_ name: String) -> Bool { violation(in: name) == nil }
}
