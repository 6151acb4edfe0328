internal import CLibGit2

/// The id (SHA-1) of a Git object, kept in its 40-character lowercase hexadecimal form.
public struct ObjectID: Hashable, Sendable, CustomStringConvertible, Comparable {
    /// The 40 lowercase hexadecimal characters.
    public let hex: String

    /// Creates an id from 40 hexadecimal characters (either case); nil when `hex` is not one.
    public init?(hex: String) {
        guard hex.utf8.count == 40,
            hex.utf8.allSatisfy({ ($0 >= 48 && $0 <= 57) || ($0 >= 97 && $0 <= 102) || ($0 >= 65 && $0 <= 70) })
        else { return nil }
        self.hex = hex.lowercased()
    }

    /// Creates an id from a libgit2 `git_oid`.
    init(_ oid: git_oid) {
        var copy = oid
        var buffer = [CChar](repeating: 0, count: 41)
        _ = git_oid_tostr(&buffer, 41, &copy)
        self.hex = String(decoding: buffer.prefix(40).map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// Creates an id from a pointer to a libgit2 `git_oid`.
    init(_ pointer: UnsafePointer<git_oid>) {
        self.init(pointer.pointee)
    }

    /// The id as a libgit2 `git_oid`.
    var oid: git_oid {
        var oid = git_oid()
        _ = git_oid_fromstrn(&oid, hex, 40)
        return oid
    }

    /// The 40-character hexadecimal form.
    public var description: String { hex }

    /// Orders ids by their hexadecimal form.
    public static func < (lhs: ObjectID, rhs: ObjectID) -> Bool { lhs.hex < rhs.hex }
}
