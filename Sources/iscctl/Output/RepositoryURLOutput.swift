import ISCKit

/// How `iscctl parse` shows a parsed repository URL.
enum RepositoryURLOutput {
    /// The object of spec section 3, every key present, in the spec's order.
    static func json(_ url: RepositoryURL) -> JSONValue {
        .object([
            ("input", .string(url.input)),
            ("scheme", .string(url.scheme.rawValue)),
            ("username", .string(url.username)),
            ("host", .string(url.host)),
            ("port", .int(url.port)),
            ("repository", .string(url.repository)),
            ("cloneURL", .string(url.cloneURL)),
            ("path", .string(url.path)),
            ("ref", .string(url.ref)),
            ("provider", .string(url.provider?.id)),
            ("apiURL", .string(url.apiURL)),
        ])
    }

    /// An aligned `key  value` listing; `-` marks a value that does not apply.
    static func listing(_ url: RepositoryURL) -> String {
        let rows: [(String, String?)] = [
            ("input", JSONValue.quote(url.input)),
            ("scheme", url.isSCPLike ? "ssh (scp-like)" : url.scheme.rawValue),
            ("username", url.username),
            ("host", url.host),
            ("port", url.port.map(String.init)),
            ("repository", url.repository),
            ("cloneURL", url.cloneURL),
            ("path", url.path.isEmpty ? "(repository root)" : url.path),
            ("ref", url.ref ?? "- (the remote's default branch)"),
            ("provider", url.provider?.id),
            ("apiURL", url.apiURL),
        ]
        let width = rows.map(\.0.count).max()! + 2
        return rows.map { key, value in
            key + String(repeating: " ", count: width - key.count) + (value ?? "-")
        }.joined(separator: "\n")
    }
}
