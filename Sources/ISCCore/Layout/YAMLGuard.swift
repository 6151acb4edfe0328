import Foundation
import Yams

/// What iscctl checks in its own YAML files (`isc.yaml`, `runtime.yaml`, the Applications)
/// before and while they are parsed, so that a hostile file costs neither memory nor time:
///
/// - **Nesting.** Before parsing, a byte scan (``depthEstimate(_:)``) estimates how deeply the
///   text nests (the indentation levels and `- ` / `? ` indicators of each line plus the open
///   `[` / `{`); more than ``maxDepth`` is refused. iscctl's files nest at most 6 levels. Behind
///   the scan, libyaml itself stops at 1,000 levels, a depth Yams composes without running out of
///   stack (tested): a text the scan underestimates is still refused, only later.
/// - **Anchors and aliases.** iscctl never writes them, and an alias repeats a whole subtree
///   (one runtime entry with many clusters, repeated thousands of times, is an "amplification":
///   what is read grows with the product). They are refused, naming the line of the first one.
///   A byte scan (``AliasScan``) finds every place that may hold one; only when it finds one is
///   the composed document walked for an anchor (Yams shares an aliased node, so composing costs
///   no more than the text, and the walk stops at the first anchor, which comes before any alias).
///   A text whose aliases could sit in a mapping key (which Yams would hash, expanding it) is
///   refused without parsing.
enum YAMLGuard {
    /// The deepest nesting accepted (``depthEstimate(_:)``).
    static let maxDepth = 64

    /// A reason to refuse a text, with its 1-based line.
    enum Refusal: Equatable {
        /// Nested deeper than ``maxDepth`` (an estimate from the text).
        case tooDeep(line: Int)
        /// A YAML anchor (`&name`) or alias (`*name`).
        case anchor(line: Int)
        /// An alias where a mapping key may be (refused before parsing).
        case aliasInKey

        /// The problem, without the file name.
        var message: String {
            switch self {
            case .tooDeep(let line):
                return "line \(line): nested more than \(YAMLGuard.maxDepth) levels deep; iscctl's files nest a few levels only"
            case .anchor(let line):
                return "line \(line): uses a YAML anchor or alias (&name, *name); iscctl's files use none: write the values out"
            case .aliasInKey:
                return "uses YAML aliases (*name) and a mapping key that may hold one; iscctl's files use none: write the values out"
            }
        }
    }

    /// The refusal of `text` before parsing, or nil: too deep, or aliases next to a complex key.
    static func preflight(_ text: String) -> Refusal? {
        if let line = tooDeep(text) { return .tooDeep(line: line) }
        let scan = AliasScan(text)
        if scan.aliases > 0 && scan.complexKey { return .aliasInKey }
        return nil
    }

    /// True when `text` may hold an anchor or an alias: a `&` or `*` followed by a name character
    /// where a token may start (conservative: also in comments and quoted strings).
    static func mayHoldAnchors(_ text: String) -> Bool {
        var previous = UInt8(ascii: "\n")
        var iterator = text.utf8.makeIterator()
        guard var byte = iterator.next() else { return false }
        while true {
            let next = iterator.next()
            if (byte == UInt8(ascii: "&") || byte == UInt8(ascii: "*")), AliasScan.startsToken(after: previous),
                let next, AliasScan.isNameByte(next)
            {
                return true
            }
            guard let next else { return false }
            previous = byte
            byte = next
        }
    }

    /// The 1-based line of the first node of `root` (document order) that has an anchor (an
    /// aliased node carries its anchor too, and comes after it), or nil. Iterative: no recursion
    /// however deep the document. `parser` must be the one that composed `root` (it keeps the
    /// anchors alive).
    static func firstAnchor(in root: Node, parser: Parser) -> Int? {
        withExtendedLifetime(parser) {
            var stack: [Node] = [root]
            while let node = stack.popLast() {
                switch node {
                case .scalar(let scalar):
                    if scalar.anchor != nil { return line(scalar.mark) }
                case .sequence(let sequence):
                    if sequence.anchor != nil { return line(sequence.mark) }
                    stack.append(contentsOf: sequence.reversed())
                case .mapping(let mapping):
                    if mapping.anchor != nil { return line(mapping.mark) }
                    for (key, value) in mapping.reversed() {
                        stack.append(value)
                        stack.append(key)
                    }
                case .alias:
                    return line(node.mark)
                }
            }
            return nil
        }
    }

    private static func line(_ mark: Mark?) -> Int { mark?.line ?? 1 }

    /// The 1-based line where the ``depthEstimate(_:)`` of `text` first exceeds ``maxDepth``.
    static func tooDeep(_ text: String) -> Int? {
        var result: Int?
        _ = depthEstimate(text) { depth, line in
            if depth > maxDepth {
                result = line
                return false
            }
            return true
        }
        return result
    }

    /// An estimate of the nesting of `text`, from its bytes alone, linear in its length: at each
    /// line, the number of indentation levels open (a stack of the indentations of the lines
    /// with content before, continuation lines of a `[`/`{` left alone), plus the `- ` and `? `
    /// indicators that start the line, plus the most `[` and `{` open on the line (counted
    /// everywhere, also in strings and comments; a `]` or `}` never takes the count below zero).
    /// `visit` gets each line's estimate and its 1-based number and returns false to stop.
    /// Returns the largest estimate seen.
    @discardableResult
    static func depthEstimate(_ text: String, _ visit: (Int, Int) -> Bool = { _, _ in true }) -> Int {
        let bytes = Array(text.utf8)
        let space = UInt8(ascii: " "), newline = UInt8(ascii: "\n")
        var indents: [Int] = []
        var flow = 0
        var deepest = 0
        var line = 1
        var index = 0
        while index < bytes.count {
            let start = index
            var end = start
            while end < bytes.count, bytes[end] != newline { end += 1 }
            defer {
                index = end + 1
                line += 1
            }
            var position = start
            while position < end, bytes[position] == space { position += 1 }
            let indent = position - start
            let blank = position == end || bytes[position] == UInt8(ascii: "#") || bytes[position] == UInt8(ascii: "\r")
            if !blank && flow == 0 {
                while let last = indents.last, last > indent { indents.removeLast() }
                if indents.last != indent { indents.append(indent) }
            }
            // `- `, `? ` (or at the end of the line) start a nested block collection.
            var indicators = 0
            while position < end, bytes[position] == UInt8(ascii: "-") || bytes[position] == UInt8(ascii: "?"),
                position + 1 == end || bytes[position + 1] == space || bytes[position + 1] == UInt8(ascii: "\r")
            {
                indicators += 1
                position += 1
                while position < end, bytes[position] == space { position += 1 }
            }
            var lineFlow = flow
            for byte in bytes[start..<end] {
                switch byte {
                case UInt8(ascii: "["), UInt8(ascii: "{"):
                    flow += 1
                    lineFlow = max(lineFlow, flow)
                case UInt8(ascii: "]"), UInt8(ascii: "}"):
                    flow = max(0, flow - 1)
                default:
                    break
                }
            }
            guard !blank || lineFlow > 0 else { continue }
            let estimate = indents.count + indicators + lineFlow
            deepest = max(deepest, estimate)
            if !visit(estimate, line) { return deepest }
        }
        return deepest
    }
}
