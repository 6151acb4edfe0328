import ISCKit

/// How commands that write report what they did (spec section 6).
enum WriteResultOutput {
    /// `{"commit": ..., "pushed": ..., "changed": [...], "retries": N}`.
    static func json(_ result: Transaction.Result) -> JSONValue {
        .object([
            ("commit", .string(result.commit?.hex)),
            ("pushed", .bool(result.pushed)),
            ("changed", .array(result.changed.map(JSONValue.string))),
            ("retries", .int(result.retries)),
            ("signed", result.signature.map { .object([("format", .string($0.format.rawValue)), ("key", .string($0.fingerprint))]) } ?? .null),
        ])
    }

    static func print(_ result: Transaction.Result, json: Bool) {
        if json {
            Swift.print(Self.json(result).rendered)
            return
        }
        if let diff = result.diff {
            Swift.print(diff.isEmpty ? "dry run: nothing would change" : diff, terminator: diff.isEmpty ? "\n" : "")
            return
        }
        guard let commit = result.commit else {
            Swift.print("nothing to change: the repository already holds this")
            return
        }
        let retries = result.retries == 0 ? "" : " after \(result.retries) \(result.retries == 1 ? "retry" : "retries")"
        let signed = result.signature.map { " (signed, \($0.format.rawValue) key \($0.fingerprint))" } ?? ""
        Swift.print("pushed \(commit.hex.prefix(12)) to \(result.branch)\(retries)\(signed): \(result.changed.count) file(s) changed")
        for path in result.changed { Swift.print("  \(path)") }
    }
}
