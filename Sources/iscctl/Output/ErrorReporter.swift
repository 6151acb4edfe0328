import Foundation
import ISCKit

/// Prints failures: one `error:` line on stderr, and with `--json` the error object on stdout.
enum ErrorReporter {
    /// The longest message printed; a longer one is cut (with its size).
    static let maxMessageCharacters = 1000

    static func report(code: String, message: String, json: Bool) {
        let text = rendered(code: code, message: message, json: json)
        FileHandle.standardError.write(Data(text.stderr.utf8))
        if let stdout = text.stdout {
            print(stdout, terminator: "")
        }
    }

    /// What ``report(code:message:json:)`` prints: the `error:` line for stderr and, with `json`,
    /// the error object for stdout (each ending in a newline).
    static func rendered(code: String, message: String, json: Bool) -> (stderr: String, stdout: String?) {
        // One line, and never a whole long value: messages quote values through Display.safe;
        // this bounds anything that slipped through.
        let joined = message.split(whereSeparator: \.isNewline).joined(separator: " ")
        let line = joined.count > maxMessageCharacters ? Display.safe(joined, limit: maxMessageCharacters) : joined
        guard json else { return ("error: \(line)\n", nil) }
        let object = JSONValue.object([("error", .object([("code", .string(code)), ("message", .string(line))]))])
        return ("error: \(line)\n", object.rendered + "\n")
    }
}

/// Standard error output.
enum Console {
    /// Writes one line to stderr.
    static func error(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }

    /// True when stderr is a terminal (progress is drawn only then).
    static var stderrIsTerminal: Bool { isatty(2) != 0 }
}
