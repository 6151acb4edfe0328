import ArgumentParser
import ISCKit

/// The usage hint an argument error keeps, on its one `error:` line: the command's `--help`, or,
/// for a word that is no command, the commands there are (as kubectl and helm point the way).
enum UsageHint {
    /// The names of iscctl's commands, in `--help` order.
    static var commands: [String] { Iscctl.configuration.subcommands.map { $0._commandName } }

    /// `message` (the argument parser's first line) with the hint for `arguments` appended; an
    /// unknown first word is said as an unknown command.
    static func apply(to message: String, arguments: [String]) -> String {
        let names = commands
        guard let first = arguments.first, !first.hasPrefix("-") else {
            return message + " (see 'iscctl --help')"
        }
        guard names.contains(first) else {
            return "unknown command '\(Display.safe(first))' (commands: \(names.joined(separator: ", ")); see 'iscctl --help')"
        }
        return message + " (see 'iscctl \(first) --help')"
    }

    /// The one line an argument parser's message is reported as: its first line, with the list
    /// of valid values that follows it as bullets (an option with six values or more) joined into
    /// it, so that the line still names every valid value.
    static func firstLine(of message: String) -> String {
        let lines = message.split(whereSeparator: \.isNewline)
        guard let first = lines.first else { return "invalid arguments" }
        let values = lines.dropFirst().prefix { $0.hasPrefix("  - ") }.map { $0.dropFirst(4) }
        guard first.hasSuffix(":"), !values.isEmpty else { return String(first) }
        return first + " " + values.joined(separator: ", ")
    }
}
