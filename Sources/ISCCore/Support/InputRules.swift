/// Rules for the free-text inputs of a write that do not belong to the runtime settings: the
/// commit author and message, and any value given on the command line. They are decided before
/// anything is cloned (exit 2, naming the flag).
public enum InputRules {
    /// The first control character of `value` (newline, NUL, ESC, DEL, …), or `nil`. With
    /// `allowingLineBreaks`, newline, carriage return and tab are allowed (a commit message).
    public static func controlCharacter(in value: some StringProtocol, allowingLineBreaks: Bool = false) -> Unicode.Scalar? {
        value.unicodeScalars.first { scalar in
            guard scalar.properties.generalCategory == .control else { return false }
            return !(allowingLineBreaks && (scalar == "\n" || scalar == "\r" || scalar == "\t"))
        }
    }

    /// Refuses a value with a control character, naming `flag` and the character, never the
    /// value's tail (at most ``Display/safe(_:limit:)`` of it).
    public static func noControlCharacters(_ value: String, flag: String, allowingLineBreaks: Bool = false) throws(OperationError) {
        if let scalar = controlCharacter(in: value, allowingLineBreaks: allowingLineBreaks) {
            throw .invalidInput(
                "invalid-argument",
                "\(flag) '\(Display.safe(value, limit: 40))' contains the control character U+\(PortablePath.hex(scalar)); it is not allowed")
        }
    }

    /// `--author-name` and `--author-email`: not empty (after trimming white space), no `<` or
    /// `>` (they delimit the e-mail in a commit) and no control characters (a newline would
    /// forge commit headers).
    public static func author(name: String, email: String, nameFlag: String = "--author-name", emailFlag: String = "--author-email") throws(OperationError) {
        try authorPart(name, flag: nameFlag, what: "name")
        try authorPart(email, flag: emailFlag, what: "e-mail")
    }

    /// One of the two author parts (``author(name:email:nameFlag:emailFlag:)``); `what` is
    /// `name` or `e-mail`.
    public static func authorPart(_ value: String, flag: String, what: String) throws(OperationError) {
        try noControlCharacters(value, flag: flag)
        guard value.unicodeScalars.contains(where: { !$0.properties.isWhitespace }) else {
            throw .invalidInput("invalid-author", "\(flag) must not be empty: the commit author needs a \(what)")
        }
        guard !value.contains("<"), !value.contains(">") else {
            throw .invalidInput("invalid-author", "\(flag) '\(Display.safe(value, limit: 40))' must not contain '<' or '>'")
        }
    }

    /// `--message`: any text, several lines included, but no NUL or other control character
    /// than newline, carriage return and tab.
    public static func commitMessage(_ message: String, flag: String = "--message") throws(OperationError) {
        try noControlCharacters(message, flag: flag, allowingLineBreaks: true)
    }
}
