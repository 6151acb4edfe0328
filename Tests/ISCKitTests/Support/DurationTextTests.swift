import Foundation
import ISCKit
import Testing

/// `--timeout` and `--idle-timeout` values: the one parser and formatter of durations.
@Suite("Durations: parsing and formatting")
struct DurationTextTests {
    static let valid: [(String, Duration)] = [
        ("0", .zero), ("1", .seconds(1)), ("30", .seconds(30)), ("86400", .seconds(86_400)), ("007", .seconds(7)),
        ("0s", .zero), ("500ms", .milliseconds(500)), ("1ms", .milliseconds(1)), ("30s", .seconds(30)), ("2m", .seconds(120)),
        ("1h", .seconds(3600)), ("1m30s", .seconds(90)), ("1h30m", .seconds(5400)), ("1h0m5s", .seconds(3605)),
        ("1h2m3s4ms", .seconds(3723) + .milliseconds(4)), ("1.5s", .milliseconds(1500)), (".5s", .milliseconds(500)),
        ("0.25h", .seconds(900)), ("1.5ms", .microseconds(1500)), ("90s", .seconds(90)), ("1m90s", .seconds(150)),
        ("2400h", .seconds(2400 * 3600)), ("0.000000001s", .nanoseconds(1)),
    ]

    static let invalid: [(String, String)] = [
        ("", "empty"), (" 30s", "unexpected ' '"), ("30s ", "unknown unit 's '"), ("-1", "no sign"), ("+5s", "no sign"),
        ("-5s", "no sign"), ("s", "unexpected 's'"), ("5x", "unknown unit 'x'"), ("5sec", "unknown unit 'sec'"),
        ("5S", "unknown unit 'S'"), ("1us", "unknown unit 'us'"), ("1d", "unknown unit 'd'"), ("1.5", "has no unit"),
        ("1m30", "has no unit"), ("1.s", "followed by digits"), ("1..5s", "followed by digits"), ("1s1m", "largest to the smallest"),
        ("1s1s", "largest to the smallest"), ("1m1h", "largest to the smallest"), ("2401h", "longer than 100 days"),
        ("8640001", "longer than 100 days"), ("99999999999", "too long"), ("1234567890123s", "too many digits"),
        ("1,5s", "unknown unit ','"), ("1_000s", "unknown unit '_'"), ("٣s", "unexpected '٣'"), ("1\ns", "unknown unit '?s'"),
    ]

    @Test("accepted forms, as kubectl, helm and flux take them; a bare number is seconds", arguments: valid)
    func parses(_ text: String, _ expected: Duration) throws {
        #expect(try DurationText.parse(text) == expected)
    }

    @Test("refused forms: one line naming the text, the reason, and the forms to use", arguments: invalid)
    func refuses(_ text: String, _ reason: String) {
        do {
            let parsed = try DurationText.parse(text)
            Issue.record("'\(text)' parsed as \(parsed)")
        } catch {
            #expect(error.message.contains(reason), "\(error.message)")
            #expect(error.message.contains("30s, 2m, 1h, 1m30s or 500ms"), "\(error.message)")
            #expect(!error.message.contains("\n"), "one line: \(error.message)")
        }
    }

    @Test("formatting: compact, and parsing gives the same duration back")
    func formats() throws {
        let cases: [(Duration, String)] = [
            (.zero, "0s"), (.milliseconds(300), "300ms"), (.microseconds(1500), "1.5ms"), (.seconds(1), "1s"),
            (.milliseconds(1500), "1.5s"), (.seconds(2), "2s"), (.seconds(60), "1m"), (.seconds(90), "1m30s"), (.seconds(3600), "1h"),
            (.seconds(3605), "1h0m5s"), (.seconds(5400), "1h30m"), (.seconds(86_400), "24h"), (.milliseconds(-250), "-250ms"),
        ]
        for (duration, text) in cases {
            #expect(DurationText.format(duration) == text)
            if duration >= .zero { #expect(try DurationText.parse(text) == duration) }
        }
        for (_, duration) in Self.valid { #expect(try DurationText.parse(DurationText.format(duration)) == duration) }
    }

    @Test("conversions: seconds as a Double, milliseconds clamped for poll(2)")
    func conversions() {
        #expect(DurationText.seconds(.milliseconds(1500)) == 1.5)
        #expect(DurationText.milliseconds(.milliseconds(1500)) == 1500)
        #expect(DurationText.milliseconds(.seconds(-3)) == 0)
        #expect(DurationText.milliseconds(.seconds(Int64.max)) == Int32.max)
    }
}
