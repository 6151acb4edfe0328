import Foundation

/// The documents of a YAML stream, split at the `---` lines without parsing, so that each can be
/// checked (``AliasScan``) and parsed on its own, a broken one not hiding those after it.
///
/// A line that starts with `---` followed by a space, a tab or its end is a document marker in
/// every context (YAML forbids it inside content), so the split agrees with a parser: the parts
/// come in the parser's order, a leading part holding only comments or directives stays with
/// the document after it, and an empty document (`---` alone) is a part of its own.
enum YAMLDocuments {
    /// One document's text and the number of lines of the stream before it.
    struct Part: Equatable {
        var text: String
        var line: Int
    }

    static func split(_ text: String) -> [Part] {
        var parts: [Part] = []
        var current = ""
        var currentLine = 0
        var hasContent = false
        var startsWithMarker = false
        // Directives (and what follows them) after a document's content: they belong to the next.
        var pending = ""
        var pendingLine = 0
        var line = 0
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        if lines.last?.isEmpty == true { lines.removeLast() }
        for raw in lines {
            defer { line += 1 }
            if isMarker(raw) {
                if hasContent || startsWithMarker {
                    parts.append(Part(text: current, line: currentLine))
                    current = pending
                    currentLine = pending.isEmpty ? line : pendingLine
                    pending = ""
                }
                startsWithMarker = true
                hasContent = false
            } else if hasContent && (!pending.isEmpty || raw.utf8.first == UInt8(ascii: "%")) {
                if pending.isEmpty { pendingLine = line }
                pending += raw
                pending += "\n"
                if isContent(raw) {
                    current += pending
                    pending = ""
                }
                continue
            } else if isContent(raw) {
                hasContent = true
            }
            current += raw
            current += "\n"
        }
        current += pending
        if hasContent || startsWithMarker {
            parts.append(Part(text: current, line: currentLine))
        }
        return parts
    }

    /// `---` at the start of a line, followed by whitespace or nothing.
    static func isMarker(_ line: Substring) -> Bool {
        let bytes = line.utf8
        guard bytes.starts(with: "---".utf8) else { return false }
        guard let next = bytes.dropFirst(3).first else { return true }
        return next == UInt8(ascii: " ") || next == UInt8(ascii: "\t") || next == UInt8(ascii: "\r")
    }

    /// A line that is more than blanks, a comment or a directive (`%YAML`).
    static func isContent(_ line: Substring) -> Bool {
        guard let first = line.utf8.first(where: { $0 != UInt8(ascii: " ") && $0 != UInt8(ascii: "\t") && $0 != UInt8(ascii: "\r") }) else {
            return false
        }
        return first != UInt8(ascii: "#") && line.utf8.first != UInt8(ascii: "%")
    }
}

/// A conservative count of the YAML aliases (`*name`) of one document, from its text alone,
/// before any parsing, and whether it may have a mapping key that holds one.
///
/// Yams shares an aliased node instead of copying it (composing an alias bomb costs no more than
/// its text), but hashes every mapping key: an alias inside a key can cost time exponential in the
/// number of aliases. A document with such a key is composed only with very few aliases.
///
/// The scan takes no context into account (a scanner that skipped quoted or block scalars could
/// be led astray by text that only looks like one): it counts every `*` followed by a name
/// character (what libyaml allows in a name) where a token can start, also inside comments and
/// strings. It may count more aliases, or see a complex key where there is none, never fewer.
struct AliasScan {
    /// The aliases, or more.
    private(set) var aliases = 0
    /// The text may have a mapping key that is a collection or an alias: an explicit key (`?`),
    /// or an alias, `]` or `}` followed by `:`.
    private(set) var complexKey = false

    init(_ text: String) {
        let bytes = Array(text.utf8)
        var previous: UInt8 = Self.newline
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            let next = index + 1 < bytes.count ? bytes[index + 1] : Self.newline
            switch byte {
            case UInt8(ascii: "*") where Self.startsToken(after: previous) && Self.isNameByte(next):
                aliases += 1
                var end = index + 1
                while end < bytes.count, Self.isNameByte(bytes[end]) { end += 1 }
                if Self.colonFollows(bytes, end) { complexKey = true }
                previous = bytes[end - 1]
                index = end
                continue
            case UInt8(ascii: "?") where Self.startsToken(after: previous):
                complexKey = true
            case UInt8(ascii: "]"), UInt8(ascii: "}"):
                if Self.colonFollows(bytes, index + 1) { complexKey = true }
            default:
                break
            }
            previous = byte
            index += 1
        }
    }

    private static let newline = UInt8(ascii: "\n")

    /// After a blank, a flow indicator, an indicator or a quote: where libyaml may start a token.
    static func startsToken(after byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"), newline,
            UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: "{"), UInt8(ascii: "}"), UInt8(ascii: ","),
            UInt8(ascii: ":"), UInt8(ascii: "?"), UInt8(ascii: "\""), UInt8(ascii: "'"):
            return true
        default:
            return false
        }
    }

    /// What libyaml accepts in an anchor or alias name.
    static func isNameByte(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
            || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-")
    }

    /// True when only spaces and tabs separate `index` from a `:`.
    private static func colonFollows(_ bytes: [UInt8], _ index: Int) -> Bool {
        var probe = index
        while probe < bytes.count, bytes[probe] == UInt8(ascii: " ") || bytes[probe] == UInt8(ascii: "\t") { probe += 1 }
        return probe < bytes.count && bytes[probe] == UInt8(ascii: ":")
    }
}
