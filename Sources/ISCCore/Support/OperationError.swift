/// A failure of an iscctl operation that is not about the URL: a conflict with what the
/// repository holds, an invalid setting, or a Git failure with its context.
public struct OperationError: ISCError, Hashable {
    /// Whether this is a Git failure, an invalid input or a conflict.
    public let category: ErrorCategory
    /// A stable kebab-case code, e.g. `branch-not-found`.
    public let code: String
    /// One line, without secrets.
    public let message: String

    /// Creates an error.
    public init(_ category: ErrorCategory, code: String, _ message: String) {
        self.category = category
        self.code = code
        self.message = message
    }

    /// A conflict with what the repository holds (exit 3).
    public static func conflict(_ code: String, _ message: String) -> OperationError {
        OperationError(.conflict, code: code, message)
    }

    /// An invalid input (exit 2).
    public static func invalidInput(_ code: String, _ message: String) -> OperationError {
        OperationError(.invalidInput, code: code, message)
    }

    /// A failure talking to Git (exit 1).
    public static func gitFailure(_ code: String, _ message: String) -> OperationError {
        OperationError(.gitFailure, code: code, message)
    }
}
