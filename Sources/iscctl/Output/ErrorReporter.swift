import Foundation
import ISCKit

/// Prints failures: one `error:` line on stderr, and with `--json` the error object on stdout.
enum ErrorReporter {
    /// The longest message printed; a longer one is cut (with its size).
    static let maxMessageCharacters = 1000

    static func report(code: String, message: String, json: Bool) {
        // One line, and never a whole long value: messages quote values through Display.safe;
        // this bounds anything that slipped through.
        let joined = message.split(whereSeparator: \.isNewline).joined(separator: " ")
        let line = joined.count > maxMessageCharacters ? Display.safe(joined, limit: maxMessageCharacters) : joined
        Console.error("error: \(line)")
        if json {
            let object = JSONValue.object([("error", .object([("code", .string(code)), ("message", .string(line))]))])
            print(object.rendered)
        }
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
