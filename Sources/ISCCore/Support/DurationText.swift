/// Durations as people type them and as messages show them, the one conversion of the project.
///
/// Accepted as kubectl, helm and flux accept them: a sequence of numbers with a unit, largest
/// unit first, each unit at most once: `500ms`, `30s`, `1.5s`, `2m`, `1m30s`, `1h`, `1h30m`. A bare
/// whole number means seconds (`90` is `90s`), as the flags took before they took units.
///
/// ```swift
/// try DurationText.parse("1m30s")       // .seconds(90)
/// DurationText.format(.seconds(90))      // "1m30s"
/// DurationText.format(.milliseconds(300)) // "300ms"
/// ```
public enum DurationText {
    /// Why a text is not a duration: a one-line message that names the text and shows the form.
    public struct ParseError: Error, Sendable, Equatable, CustomStringConvertible {
        /// The message, e.g. `"'2x' is not a duration: unknown unit 'x'; units are h, m, s, ms (use ...)"`.
        public let message: String
        /// The message.
        public var description: String { message }
    }

    /// The forms accepted, for messages.
    public static let examples = "a number with a unit such as 30s, 2m, 1h, 1m30s or 500ms; a bare number means seconds"

    /// The units, largest first, in nanoseconds.
    private static let units: [(name: String, nanoseconds: Int64)] = [
        ("h", 3_600_000_000_000), ("m", 60_000_000_000), ("s", 1_000_000_000), ("ms", 1_000_000),
    ]

    /// The longest duration accepted: 100 days (anything longer is surely a mistake).
    public static let maximum: Duration = .seconds(100 * 86_400)

    /// Parses `text` (see the type's description).
    ///
    /// - Throws: ``ParseError`` for an empty text, white space, a sign, a unit that is not `h`,
    ///   `m`, `s` or `ms`, units out of order or repeated, a number without a unit after another
    ///   part, or more than ``maximum``.
    public static func parse(_ text: String) throws(ParseError) -> Duration {
        func printable(_ text: String) -> String {
            text.unicodeScalars.map { $0.properties.generalCategory == .control ? "?" : String($0) }.joined()
        }
        func failure(_ reason: String) -> ParseError {
            let shown = text.count > 40 ? String(text.prefix(40)) + "…" : text
            return ParseError(message: "'\(printable(shown))' is not a duration: \(printable(reason)) (use \(examples))")
        }
        if text.isEmpty { throw ParseError(message: "an empty text is not a duration (use \(examples))") }
        let scalars = Array(text.unicodeScalars)
        if scalars.allSatisfy({ $0.isASCIIDigit }) {
            guard scalars.count <= 10, let seconds = Int64(text) else { throw failure("too long") }
            let duration = Duration.seconds(seconds)
            guard duration <= maximum else { throw failure("longer than 100 days") }
            return duration
        }
        if scalars.first == "-" || scalars.first == "+" { throw failure("no sign is allowed") }
        var total: Int64 = 0
        var index = 0
        var lastUnit = -1
        while index < scalars.count {
            // The number: digits, optionally a fraction.
            var whole = ""
            var fraction = ""
            while index < scalars.count, scalars[index].isASCIIDigit { whole.unicodeScalars.append(scalars[index]); index += 1 }
            if index < scalars.count, scalars[index] == "." {
                index += 1
                while index < scalars.count, scalars[index].isASCIIDigit { fraction.unicodeScalars.append(scalars[index]); index += 1 }
                if fraction.isEmpty { throw failure("a '.' must be followed by digits") }
            }
            if whole.isEmpty && fraction.isEmpty {
                let found = index < scalars.count ? String(scalars[index]) : ""
                throw failure(found.isEmpty ? "a number is missing" : "unexpected '\(found)'")
            }
            // The unit: letters up to the next digit.
            var unit = ""
            while index < scalars.count, !scalars[index].isASCIIDigit, scalars[index] != "." {
                unit.unicodeScalars.append(scalars[index]); index += 1
            }
            if unit.isEmpty { throw failure("the number \(whole)\(fraction.isEmpty ? "" : "." + fraction) has no unit") }
            guard let position = units.firstIndex(where: { $0.name == unit }) else {
                throw failure("unknown unit '\(unit.count > 10 ? String(unit.prefix(10)) + "…" : unit)'; units are h, m, s, ms")
            }
            guard position > lastUnit else { throw failure("units must go from the largest to the smallest, each once") }
            lastUnit = position
            guard whole.count <= 12, fraction.count <= 18 else { throw failure("too many digits") }
            let perUnit = units[position].nanoseconds
            var part = Int64(whole.isEmpty ? "0" : whole)! * perUnit
            if !fraction.isEmpty {
                // fraction × perUnit, truncated to whole nanoseconds.
                var scale = perUnit
                for digit in fraction.unicodeScalars {
                    scale /= 10
                    if scale == 0 { break }
                    part += Int64(digit.value - 48) * scale
                }
            }
            total += part
            guard total <= 100 * 86_400 * 1_000_000_000 else { throw failure("longer than 100 days") }
        }
        return .nanoseconds(total)
    }

    /// The compact form of `duration`, the inverse of ``parse(_:)``: `0s`, `300ms`, `1.5s`, `2s`,
    /// `1m30s`, `1h`, `1h0m5s`. A negative duration is shown with a leading `-`.
    public static func format(_ duration: Duration) -> String {
        if duration < .zero { return "-" + format(.zero - duration) }
        let nanoseconds = wholeNanoseconds(duration)
        if nanoseconds == 0 { return "0s" }
        if nanoseconds < 1_000_000_000 {
            return decimal(nanoseconds, per: 1_000_000) + "ms"
        }
        let hours = nanoseconds / 3_600_000_000_000
        let minutes = nanoseconds / 60_000_000_000 % 60
        let rest = nanoseconds % 60_000_000_000
        var text = ""
        if hours > 0 { text += "\(hours)h" }
        if minutes > 0 || (hours > 0 && rest > 0) { text += "\(minutes)m" }
        if rest > 0 { text += decimal(rest, per: 1_000_000_000) + "s" }
        return text
    }

    /// `value / per` with the fraction's trailing zeros removed (`1500, 1000` → `1.5`).
    private static func decimal(_ value: Int64, per: Int64) -> String {
        let whole = value / per
        var fraction = value % per
        if fraction == 0 { return "\(whole)" }
        var digits = String(fraction)
        let width = String(per).count - 1
        digits = String(repeating: "0", count: width - digits.count) + digits
        while digits.hasSuffix("0") { digits.removeLast(); fraction /= 10 }
        return "\(whole).\(digits)"
    }

    /// `duration` in seconds, as a `Double` (for APIs that take a `TimeInterval`).
    public static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }

    /// `duration` in whole milliseconds, clamped to `0...Int32.max` (for `poll(2)`).
    public static func milliseconds(_ duration: Duration) -> Int32 {
        let milliseconds = wholeNanoseconds(max(duration, .zero)) / 1_000_000
        return Int32(min(milliseconds, Int64(Int32.max)))
    }

    /// `duration` in whole nanoseconds, saturating at `Int64.max`.
    package static func wholeNanoseconds(_ duration: Duration) -> Int64 {
        let (seconds, attoseconds) = duration.components
        let (scaled, overflow) = seconds.multipliedReportingOverflow(by: 1_000_000_000)
        if overflow { return seconds < 0 ? Int64.min : Int64.max }
        let (sum, overflow2) = scaled.addingReportingOverflow(attoseconds / 1_000_000_000)
        return overflow2 ? Int64.max : sum
    }
}

extension Unicode.Scalar {
    fileprivate var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}
