import Foundation
import ISCKit

/// Prints failures: one `error:` line on stderr, and with `--json` the error object on stdout.
enum ErrorReporter {
    static func report(code: String, message: String, json: Bool) {
        let line = message.split(whereSeparator: \.isNewline).joined(separator: " ")
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
