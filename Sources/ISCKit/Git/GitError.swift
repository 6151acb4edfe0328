internal import CLibGit2
import Foundation

/// The one error type of the Git layer.
///
/// It is built right after the failing libgit2 call (libgit2 keeps its last error per thread), or
/// by the layer itself for conditions libgit2 reports as success (a push refused by a hook) or
/// does not know about (a timeout). ``message`` never contains a password or token.
public struct GitError: ISCError {
    /// What went wrong, as far as a caller needs to decide what to do next.
    public enum Kind: Sendable, Equatable {
        /// The server rejected the credentials, or needed some and none were given.
        case authentication
        /// The HTTP(S) proxy refused the connection for want of credentials (`407`): none were
        /// given, or it rejected them. The message names the proxy as `scheme://host:port`.
        case proxyAuthentication
        /// The server's TLS certificate or SSH host key could not be trusted.
        case certificate
        /// A repository, object, reference or path does not exist.
        case notFound
        /// The push is not a fast-forward of the remote branch: libgit2 refused it before sending
        /// because the remote tip is not in the commit's history (the branch moved). Fetch
        /// again, recompute on the new tip and retry.
        case nonFastForward
        /// The server refused to update `ref` for `reason` (a pre-receive hook, a protected
        /// branch, "failed to update ref", "cannot lock ref") after receiving the push. It may
        /// have lost a race for the ref: only a remote tip that moved says so.
        case refusedByServer(ref: String, reason: String)
        /// ``RemoteOptions/timeout`` elapsed before the operation finished, or the server sent
        /// nothing for ``RemoteOptions/idleTimeout``.
        case timedOut
        /// The server redirected to another origin (host or port): refused, and nothing (no
        /// credentials either) was sent there.
        case redirectRefused
        /// The operation was cancelled by a callback.
        case cancelled
        /// The network transport failed (connection refused, host unknown, protocol error).
        case network
        /// Anything else.
        case other
    }

    /// What went wrong, classified.
    public let kind: Kind
    /// The libgit2 return code (`GIT_ENOTFOUND` = -3, ...), or -1 when the error is our own.
    public let returnCode: Int32
    /// The libgit2 error class (`GIT_ERROR_NET` = 12, ...) of `git_error_last`, or 0 when unknown.
    public let errorClass: Int32
    /// A human-readable, single-line message without secrets.
    public let message: String
    /// How many times the credentials callback was called during the failed operation (tests).
    internal var credentialRequests: Int = 0
    /// Set by the remote operations when the failure was in the local repository (reading or
    /// writing its objects, references or configuration), not in talking to the server: for a
    /// cache mirror, a sign of damage.
    internal var isLocal: Bool = false

    /// Creates an error. The message is scrubbed of URL passwords.
    public init(kind: Kind, message: String, returnCode: Int32 = -1, errorClass: Int32 = 0) {
        self.kind = kind
        self.returnCode = returnCode
        self.errorClass = errorClass
        self.message = GitError.scrub(message)
    }

    /// The message.
    public var description: String { message }

    /// Always `ErrorCategory.gitFailure` (exit 1).
    public var category: ErrorCategory { .gitFailure }

    /// The kebab-case code printed in JSON errors, one per ``Kind``.
    public var code: String {
        switch kind {
        case .authentication: return "authentication-failed"
        case .proxyAuthentication: return "proxy-authentication-failed"
        case .certificate: return "untrusted-server"
        case .notFound: return "not-found"
        case .nonFastForward: return "push-rejected"
        case .refusedByServer: return "push-refused"
        case .timedOut: return "timed-out"
        case .redirectRefused: return "redirect-refused"
        case .cancelled: return "cancelled"
        case .network: return "network-error"
        case .other: return "git-error"
        }
    }

    /// The same error marked as a failure of the local repository (see ``isLocal``).
    func markedLocal() -> GitError {
        var copy = self
        copy.isLocal = true
        return copy
    }

    /// An invalid path or reference name given by the caller (`GIT_EINVALIDSPEC`).
    var isInvalidInput: Bool { returnCode == GIT_EINVALIDSPEC.rawValue }

    /// Whether the failure is about the server or the connection to it (credentials, trust,
    /// transport, time, a refusal), as opposed to the local repository.
    var isAboutTheServer: Bool {
        switch kind {
        case .authentication, .proxyAuthentication, .certificate, .timedOut, .redirectRefused, .cancelled, .network, .nonFastForward, .refusedByServer:
            return true
        case .notFound:
            let errorClass = UInt32(bitPattern: errorClass)
            return errorClass == GIT_ERROR_NET.rawValue || errorClass == GIT_ERROR_HTTP.rawValue
                || errorClass == GIT_ERROR_SSH.rawValue
        case .other:
            return false
        }
    }

    /// Builds the error for a failed libgit2 call from `rc` and `git_error_last()`, then clears
    /// libgit2's error (as git2-rs does), so that its message cannot surface again with a later,
    /// unrelated failure that sets none.
    ///
    /// Call it immediately after the failing call, on the same thread.
    static func fromLast(_ rc: Int32, _ what: String, secrets: [String] = []) -> GitError {
        var errorClass: Int32 = 0
        var detail: String?
        if let last = git_error_last() {
            errorClass = last.pointee.klass
            if let text = last.pointee.message {
                detail = String(cString: text).trimmingCharacters(in: .whitespacesAndNewlines)
            }
        }
        git_error_clear()
        var message = what
        if let detail, !detail.isEmpty {
            message += ": " + detail
        } else {
            message += " failed (libgit2 error \(rc))"
        }
        message = scrub(message, secrets: secrets)
        return GitError(kind: classify(rc, errorClass), message: message, returnCode: rc, errorClass: errorClass)
    }

    /// Maps a libgit2 return code and error class to a ``Kind``.
    static func classify(_ rc: Int32, _ errorClass: Int32) -> Kind {
        switch rc {
        case GIT_EAUTH.rawValue: return .authentication
        case GIT_ECERTIFICATE.rawValue: return .certificate
        case GIT_ENOTFOUND.rawValue: return .notFound
        case GIT_ENONFASTFORWARD.rawValue: return .nonFastForward
        case GIT_EUSER.rawValue: return .cancelled
        default: break
        }
        switch UInt32(bitPattern: errorClass) {
        case GIT_ERROR_NET.rawValue, GIT_ERROR_SSH.rawValue, GIT_ERROR_HTTP.rawValue: return .network
        case GIT_ERROR_SSL.rawValue: return .certificate
        default: return .other
        }
    }

    /// Removes secrets from a message: the password of every `scheme://user:password@` URL, and
    /// every occurrence of the given secret strings.
    static func scrub(_ message: String, secrets: [String] = []) -> String {
        var text = message
        for secret in secrets where secret.count >= 3 {
            text = text.replacingOccurrences(of: secret, with: "***")
        }
        return scrubURLPasswords(text)
    }

    /// Replaces `user:password@` after `://` with `user:***@`.
    static func scrubURLPasswords(_ text: String) -> String {
        guard text.contains("://") else { return text }
        var out = ""
        var rest = Substring(text)
        while let range = rest.range(of: "://") {
            out += rest[..<range.upperBound]
            rest = rest[range.upperBound...]
            // The authority ends at the first '/', whitespace, quote or end of text.
            let end = rest.firstIndex(where: { $0 == "/" || $0 == "\"" || $0 == "'" || $0.isWhitespace }) ?? rest.endIndex
            let authority = rest[..<end]
            if let at = authority.lastIndex(of: "@") {
                let userinfo = authority[..<at]
                if let colon = userinfo.firstIndex(of: ":") {
                    out += userinfo[..<colon] + ":***"
                    rest = rest[at...]
                    continue
                }
            }
        }
        out += rest
        return out
    }
}

/// Throws a ``GitError`` built from `git_error_last()` when `rc` is negative.
///
/// - Parameters:
///   - rc: the return code of the libgit2 call just made.
///   - what: what was being done, e.g. `"open repository at /x"`; it starts the message.
@discardableResult
func check(_ rc: Int32, _ what: @autoclosure () -> String) throws -> Int32 {
    if rc < 0 { throw GitError.fromLast(rc, what()) }
    return rc
}
