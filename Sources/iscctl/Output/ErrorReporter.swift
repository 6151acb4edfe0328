import Foundation
import ISCKit

/// Prints failures: one `error:` line on stderr, and with `--json` the error object on stdout.
enum ErrorReporter {
    /// The kebab-case code for a Git-layer failure (all exit 1).
    static func code(for error: GitError) -> String {
        switch error.kind {
        case .authentication: return "authentication-failed"
        case .certificate: return "untrusted-server"
        case .notFound: return "not-found"
        case .nonFastForward: return "push-rejected"
        case .refusedByServer: return "push-refused"
        case .timedOut: return "timed-out"
        case .cancelled: return "cancelled"
        case .network: return "network-error"
        case .other: return "git-error"
        }
    }

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
