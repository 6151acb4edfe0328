import Foundation
import ISCKit

/// The check every command-line argument passes before the arguments are parsed (so before
/// anything is cloned): no control characters (newline, ESC, DEL, …) in any flag's value, except
/// line breaks and tabs in `--message` (and in `write-files --put` text); the repository URL (`--repo`, `parse <url>`) is left to
/// the URL parser, which refuses them too (`invalid-url`). The error names the flag and shows at most a short,
/// escaped prefix of the value (exit 2, `invalid-argument`).
enum ArgumentCheck {
    /// Flags that take no value: the argument after one of them is not its value.
    static let flagsWithoutValue: Set<String> = [
        "--json", "--dry-run", "--quiet", "-q", "--no-cache", "--create-branch", "--insecure-skip-tls-verify",
        "--allow-insecure-http", "--help", "-h", "--version",
    ]

    /// Values the repository URL parser decides itself (surrounding white space is trimmed,
    /// a control character inside is `invalid-url`, also before anything is cloned).
    static let urlArguments: Set<String> = ["the argument", "--repo"]

    /// Flags whose value may span lines: the commit message, and `write-files --put PATH=TEXT`
    /// (its PATH is held to the portable-path rule, which refuses control characters).
    static let multiLineFlags: Set<String> = ["--message", "--put"]

    /// Refuses the first argument that holds a control character.
    static func check(_ arguments: [String]) throws(OperationError) {
        var pendingFlag: String?
        var onlyPositionals = false
        for argument in arguments {
            let flag: String
            let value: String
            if !onlyPositionals, argument == "--" {
                onlyPositionals = true
                pendingFlag = nil
                continue
            }
            if !onlyPositionals, argument.hasPrefix("-"), argument.count > 1 {
                if let equals = argument.firstIndex(of: "="), argument.hasPrefix("--") {
                    flag = String(argument[..<equals])
                    value = String(argument[argument.index(after: equals)...])
                    pendingFlag = nil
                } else {
                    try InputRules.noControlCharacters(argument, flag: "the argument")
                    pendingFlag = flagsWithoutValue.contains(argument) ? nil : argument
                    continue
                }
            } else {
                flag = pendingFlag ?? "the argument"
                value = argument
                pendingFlag = nil
            }
            if urlArguments.contains(flag) { continue }
            try InputRules.noControlCharacters(value, flag: flag, allowingLineBreaks: multiLineFlags.contains(flag))
        }
    }

    /// `message` (from the argument parser) with every long argument value it repeats replaced
    /// by its short, escaped prefix (``Display/safe(_:limit:)``).
    static func shortened(_ message: String, arguments: [String]) -> String {
        var out = message
        for argument in arguments {
            var value = Substring(argument)
            if argument.hasPrefix("--"), let equals = argument.firstIndex(of: "=") {
                value = argument[argument.index(after: equals)...]
            }
            guard value.count > 80 else { continue }
            out = out.replacingOccurrences(of: String(value), with: Display.safe(value))
        }
        return out
    }
}
