/// The three ways an iscctl operation can fail, each with its own process exit code
/// (spec section 6).
public enum ErrorCategory: Sendable, Hashable {
    /// Talking to Git failed: network, authentication, a push still rejected after retries. Exit 1.
    case gitFailure
    /// The input is invalid: a flag, the repository URL, a setting. Exit 2.
    case invalidInput
    /// The input is valid but conflicts with what the repository holds. Exit 3.
    case conflict

    /// The process exit code the CLI uses for this category.
    public var exitCode: Int32 {
        switch self {
        case .gitFailure: return 1
        case .invalidInput: return 2
        case .conflict: return 3
        }
    }
}

/// An error that ISCKit reports to its users: a stable kebab-case code, a category that decides
/// the exit code, and a one-line message that never contains a secret.
public protocol ISCError: Error, Sendable, CustomStringConvertible {
    /// A stable kebab-case identifier, printed as `error.code` in JSON output.
    var code: String { get }
    /// Whether this is a Git failure, an invalid input or a conflict.
    var category: ErrorCategory { get }
    /// One line for people, without the `error:` prefix. Never contains a password or token.
    var message: String { get }
}

extension ISCError {
    /// The message, so that `"\(error)"` prints what a user should read.
    public var description: String { message }
}
