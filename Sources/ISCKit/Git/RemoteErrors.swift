internal import CLibGit2
import Foundation

/// Turns what a remote operation ended with into a ``GitError`` of the right kind: libgit2's
/// error (whose code is often generic, so its message is read too), or a reference update the
/// server refused although libgit2 reported success. Pure: no libgit2 call.
enum RemoteErrorClassifier {
    /// `error` (built from libgit2's code, class and message) with its kind refined from the
    /// message where libgit2 has no specific code, and a hint appended to a terse message.
    ///
    /// - Parameter ref: the reference a push was updating (nil for fetch and list): a server that
    ///   failed to update it ("failed to update ref", "cannot lock ref") is a refusal of that
    ///   reference, which the caller checks against the remote tip before calling it a lost race.
    static func refine(_ error: GitError, pushing ref: String? = nil) -> GitError {
        let kind = self.kind(of: error, pushing: ref)
        let hint = self.hint(error.message)
        if kind == error.kind && hint.isEmpty { return error }
        var refined = GitError(kind: kind, message: error.message + hint, returnCode: error.returnCode, errorClass: error.errorClass)
        refined.credentialRequests = error.credentialRequests
        refined.isLocal = error.isLocal
        return refined
    }

    /// The kind of an error libgit2 reported during a remote operation.
    static func kind(of error: GitError, pushing ref: String? = nil) -> GitError.Kind {
        let lower = error.message.lowercased()
        if let ref, isRefUpdateFailure(lower) { return .refusedByServer(ref: ref, reason: "failed to update ref") }
        if error.kind == .nonFastForward || isNonFastForward(lower) { return .nonFastForward }
        if error.kind == .authentication || lower.contains("status code: 401") || lower.contains("status code: 403")
            || lower.contains("error authenticating")
        {
            return .authentication
        }
        if error.kind == .notFound || lower.contains("status code: 404") || lower.contains("no such repository")
            || lower.contains("does not appear to be a git repository") || lower.contains("repository not found")
            || lower.contains("failed to resolve path")
        {
            return .notFound
        }
        if error.kind == .other && error.errorClass == errorClassOS { return .network }
        return error.kind
    }

    /// libgit2's `GIT_ERROR_OS`: a failed system call (connect, read) during a remote operation.
    static let errorClassOS = Int32(bitPattern: GIT_ERROR_OS.rawValue)

    /// What a terse libgit2 message about a broken answer means, to append to it ("" if nothing).
    static func hint(_ message: String) -> String {
        let lower = message.lowercased()
        if lower.contains("stream ended at an unexpected time") || lower.contains("early eof")
            || lower.contains("unexpected eof")
        {
            return " (the server closed the connection in the middle of its answer)"
        }
        if lower.contains("http parser error") || lower.contains("failed to parse") && lower.contains("http") {
            return " (the server's answer is not HTTP)"
        }
        if lower.contains("bad packet length") || lower.contains("invalid packet") || lower.contains("invalid pkt")
            || lower.contains("unexpected pkt") || lower.contains("invalid content-type")
        {
            return " (the answer is not from a Git server)"
        }
        if lower.contains("too many redirects") { return " (the server redirects in a loop)" }
        return ""
    }

    /// libgit2's own refusal of a push that is not a fast-forward of the tip it was just
    /// advertised (made before anything is sent: the remote has commits we do not have, so the
    /// branch moved since we read it).
    static func isNonFastForward(_ lower: String) -> Bool {
        ["non-fast-forward", "nonfastforward", "non-fastforwardable", "fetch first", "not present locally", "stale info"]
            .contains { lower.contains($0) }
    }

    /// The server could not update the reference after receiving the pack: another push may
    /// have won the reference's lock, or something else went wrong there (a stale lock file, a
    /// full disk). Only the remote tip tells which.
    static func isRefUpdateFailure(_ lower: String) -> Bool {
        lower.contains("failed to update ref") || lower.contains("cannot lock ref")
    }

    /// What fixes a refusal whose cause the server's words name (GitHub, GitLab, Bitbucket,
    /// Azure DevOps, Gitea and plain hooks word them differently): a missing or unverified
    /// signature → the signing flags; a protected branch → another branch and a pull request.
    /// `nil` when the cause is not recognized (the server's own lines are shown either way).
    static func refusalHint(_ text: String) -> String? {
        let lower = text.lowercased()
        let signature = ["signature", "unsigned", "must be signed", "signed commit", "verify-commit", "gpg", "verified signatures"]
        if signature.contains(where: { lower.contains($0) }) {
            return
                "the server accepts only signed commits: sign with --signing-key KEY [--signing-format ssh|openpgp], or set git config commit.gpgSign and user.signingKey"
        }
        let protected = [
            "protected branch", "branch is protected", "gh006", "not allowed to push", "tf402455", "pull request", "merge request",
            "can only be modified through", "not allowed to force push",
        ]
        if protected.contains(where: { lower.contains($0) }) {
            return
                "the branch is protected: write to another branch (add ?ref=BRANCH to the URL and --create-branch) and merge it with a pull request, or get push rights to it"
        }
        return nil
    }

    /// The error for a reference update the server refused (`status` from libgit2's
    /// `push_update_reference` callback; libgit2 returns success for the push), with what the
    /// server said on the side band (its hook's output) folded into one line.
    ///
    /// Always ``GitError/Kind/refusedByServer(ref:reason:)``, even for "non-fast-forward" or
    /// "failed to update ref": the server said no after our pack arrived, and whether that was a
    /// lost race is decided by re-reading the remote tip (``Transaction``), not by the words.
    static func refusal(ref: String, status: String, remoteMessages: String, displayURL: String, secrets: [String]) -> GitError {
        let said =
            remoteMessages
            .split(whereSeparator: \.isNewline)  // "\r\n" is one Character: not "\n" nor "\r"
            .map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }
            .joined(separator: " | ")
        var message = "push of \(ref) to \(displayURL) was refused by the server: \(status)"
        if !said.isEmpty { message += " (remote: \(said.prefix(500)))" }
        if let hint = refusalHint(status + " " + said) { message += "; hint: " + hint }
        return GitError(kind: .refusedByServer(ref: ref, reason: status), message: GitError.scrub(message, secrets: secrets))
    }
}

extension GitError {
    /// The same error with libgit2's return code `returnCode` (what a callback returned).
    func withReturnCode(_ returnCode: Int32) -> GitError {
        var copy = GitError(kind: kind, message: message, returnCode: returnCode, errorClass: errorClass)
        copy.credentialRequests = credentialRequests
        copy.isLocal = isLocal
        return copy
    }
}
