/// Why a repository URL, `--provider` or `--api-url` was refused.
///
/// Every case is an invalid input (exit code 2). The message names the offending part (the
/// query key, the path segment, the ref rule, the flag) and never contains a password or token
/// that was inside the URL.
public struct RepositoryURLError: ISCError, Hashable {
    /// What kind of part was wrong. The raw value is the error's ``code``.
    public enum Reason: String, Sendable, Hashable, CaseIterable {
        /// Not a URL of a supported form: scheme, host, port, user name, white space, escapes.
        case invalidURL = "invalid-url"
        /// The user info holds a password or token (`user:secret@`).
        case credentialsInURL = "credentials-in-url"
        /// The repository part: empty, `.`/`..`/`.git`/empty segments, wrong shape for the host.
        case invalidRepository = "invalid-repository"
        /// The `<path>` part: `.`/`..`/`.git` segments, control characters, bad escapes, too long.
        case invalidPath = "invalid-path"
        /// The query: a fragment, an unknown key, a repeated `ref`, an empty piece.
        case invalidQuery = "invalid-query"
        /// The `ref` value is empty or not a valid branch name.
        case invalidRef = "invalid-ref"
        /// `--provider` is unknown or does not fit the host.
        case invalidProvider = "invalid-provider"
        /// `--api-url` is malformed or does not apply.
        case invalidAPIURL = "invalid-api-url"
    }

    /// What kind of part was wrong.
    public let reason: Reason
    /// One line, without the `error:` prefix.
    public let message: String

    /// Creates an error; `message` must not contain secrets.
    public init(_ reason: Reason, _ message: String) {
        self.reason = reason
        self.message = message
    }

    /// The kebab-case error code, e.g. `invalid-ref`.
    public var code: String { reason.rawValue }
    /// Always ``ErrorCategory/invalidInput``.
    public var category: ErrorCategory { .invalidInput }
}
