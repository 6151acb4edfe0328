internal import CLibGit2
import Foundation

/// The author or committer of a commit.
public struct Signature: Sendable, Equatable {
    /// The person's name.
    public var name: String
    /// The person's e-mail address.
    public var email: String
    /// When the commit was authored or committed (second precision is stored).
    public var date: Date
    /// The time zone offset from UTC in minutes recorded with the date (e.g. 120 for +0200).
    public var offsetMinutes: Int

    /// Creates a signature; `date` defaults to now and `offsetMinutes` to the local offset at `date`.
    public init(name: String, email: String, date: Date = Date(), offsetMinutes: Int? = nil) {
        self.name = name
        self.email = email
        self.date = date
        self.offsetMinutes = offsetMinutes ?? TimeZone.current.secondsFromGMT(for: date) / 60
    }

    /// Reads a libgit2 signature.
    init(_ sig: UnsafePointer<git_signature>) {
        self.name = sig.pointee.name.map { String(cString: $0) } ?? ""
        self.email = sig.pointee.email.map { String(cString: $0) } ?? ""
        self.date = Date(timeIntervalSince1970: TimeInterval(sig.pointee.when.time))
        self.offsetMinutes = Int(sig.pointee.when.offset)
    }

    /// Calls `body` with a libgit2 signature that lives for the duration of the call.
    func withGitSignature<R>(_ body: (UnsafePointer<git_signature>) throws -> R) throws -> R {
        var sig: UnsafeMutablePointer<git_signature>?
        let seconds = git_time_t(date.timeIntervalSince1970.rounded(.down))
        try check(
            git_signature_new(&sig, name, email, seconds, Int32(offsetMinutes)),
            "invalid signature \(name) <\(email)>")
        defer { git_signature_free(sig) }
        return try body(UnsafePointer(sig!))
    }
}
