import Foundation

/// An OpenSSH `known_hosts` file, parsed by us (libgit2 1.5 would only read `~/.ssh/known_hosts`).
///
/// Supported: plain host names, comma-separated host lists, `[host]:port` for ports other than
/// 22, `*`/`?` wildcards and `!` negation, hashed `|1|salt|hmac` entries, `@revoked` lines
/// (a revoked key is refused) and `@cert-authority` lines (ignored: libgit2 does not give us
/// host certificates), comments and blank lines.
struct KnownHosts: Sendable {
    /// What a line says about the hosts it matches.
    enum Marker: Sendable, Equatable {
        case none
        case revoked
        case certAuthority
    }

    /// One host pattern of a line.
    enum Pattern: Sendable, Equatable {
        /// A plain or wildcard pattern; `negated` for `!pattern`.
        case plain(String, negated: Bool)
        /// `|1|salt|hmac`: HMAC-SHA1 of the host name with the salt.
        case hashed(salt: [UInt8], hmac: [UInt8])
    }

    /// One key line.
    struct Entry: Sendable, Equatable {
        var marker: Marker
        var patterns: [Pattern]
        /// e.g. `ssh-ed25519`.
        var keyType: String
        /// The decoded key blob (SSH wire format, the same bytes the server presents).
        var key: [UInt8]
    }

    /// The result of checking a presented key.
    enum Verdict: Sendable, Equatable {
        /// A matching, non-revoked line has exactly this key.
        case trusted
        /// No line for this host has a key of this type.
        case unknown
        /// The host is known with a different key of the same type.
        case changed
        /// The key is marked `@revoked`.
        case revoked
    }

    var entries: [Entry]

    init(entries: [Entry]) {
        self.entries = entries
    }

    /// Parses the text of a known_hosts file; malformed lines are skipped.
    init(parsing text: String) {
        var entries: [Entry] = []
        for rawLine in text.split(omittingEmptySubsequences: true, whereSeparator: { $0 == "\n" || $0 == "\r" }) {
            let line = rawLine.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") { continue }
            var fields = line.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
            var marker = Marker.none
            if let first = fields.first, first.hasPrefix("@") {
                switch first.lowercased() {
                case "@revoked": marker = .revoked
                case "@cert-authority": marker = .certAuthority
                default: continue
                }
                fields.removeFirst()
            }
            guard fields.count >= 3, let key = Data(base64Encoded: fields[2]) else { continue }
            let patterns = fields[0].split(separator: ",").compactMap { KnownHosts.pattern(String($0)) }
            guard !patterns.isEmpty else { continue }
            entries.append(Entry(marker: marker, patterns: patterns, keyType: fields[1], key: [UInt8](key)))
        }
        self.entries = entries
    }

    /// Reads and parses the file at `path`; a missing file is an empty list.
    init(contentsOf path: String) throws {
        guard FileManager.default.fileExists(atPath: path) else {
            self.init(entries: [])
            return
        }
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        self.init(parsing: String(decoding: data, as: UTF8.self))
    }

    private static func pattern(_ text: String) -> Pattern? {
        if text.hasPrefix("|1|") {
            let parts = text.split(separator: "|", omittingEmptySubsequences: false)
            // "", "1", salt, hmac
            guard parts.count == 4, let salt = Data(base64Encoded: String(parts[2])),
                let hmac = Data(base64Encoded: String(parts[3]))
            else { return nil }
            return .hashed(salt: [UInt8](salt), hmac: [UInt8](hmac))
        }
        if text.hasPrefix("!") {
            let rest = String(text.dropFirst())
            return rest.isEmpty ? nil : .plain(rest.lowercased(), negated: true)
        }
        return text.isEmpty ? nil : .plain(text.lowercased(), negated: false)
    }

    /// The name a host is looked up by: `host` for port 22 (or unknown), `[host]:port` otherwise.
    static func lookupName(host: String, port: Int?) -> String {
        if let port, port != 22 { return "[\(host)]:\(port)" }
        return host
    }

    /// Whether `entry`'s host list matches `name` (a negated match excludes the line).
    static func matches(_ entry: Entry, name: String) -> Bool {
        let lower = name.lowercased()
        var matched = false
        for pattern in entry.patterns {
            switch pattern {
            case .hashed(let salt, let hmac):
                if SHA1.hmac(key: salt, message: Array(name.utf8)) == hmac { matched = true }
            case .plain(let text, let negated):
                if glob(text, lower) {
                    if negated { return false }
                    matched = true
                }
            }
        }
        return matched
    }

    /// OpenSSH-style wildcard match: `*` any run of characters, `?` one character.
    static func glob(_ pattern: String, _ text: String) -> Bool {
        let p = Array(pattern.unicodeScalars), t = Array(text.unicodeScalars)
        var pi = 0, ti = 0, star = -1, mark = 0
        while ti < t.count {
            if pi < p.count && (p[pi] == "?" || p[pi] == t[ti]) {
                pi += 1; ti += 1
            } else if pi < p.count && p[pi] == "*" {
                star = pi; mark = ti; pi += 1
            } else if star >= 0 {
                pi = star + 1; mark += 1; ti = mark
            } else {
                return false
            }
        }
        while pi < p.count && p[pi] == "*" { pi += 1 }
        return pi == p.count
    }

    /// Checks the key `key` (SSH wire-format blob) of type `keyType` presented by `host`:`port`.
    func verify(host: String, port: Int?, keyType: String, key: [UInt8]) -> Verdict {
        let name = KnownHosts.lookupName(host: host, port: port)
        let relevant = entries.filter { $0.marker != .certAuthority && KnownHosts.matches($0, name: name) }
        if relevant.contains(where: { $0.marker == .revoked && $0.key == key }) { return .revoked }
        let plain = relevant.filter { $0.marker == .none }
        if plain.contains(where: { $0.key == key }) { return .trusted }
        if plain.contains(where: { $0.keyType == keyType }) { return .changed }
        return .unknown
    }

    /// The key type name at the start of an SSH wire-format key blob (`ssh-ed25519`, ...).
    static func keyType(ofBlob blob: [UInt8]) -> String? {
        guard blob.count >= 4 else { return nil }
        let length = Int(blob[0]) << 24 | Int(blob[1]) << 16 | Int(blob[2]) << 8 | Int(blob[3])
        guard length > 0, length <= blob.count - 4 else { return nil }
        return String(decoding: blob[4..<(4 + length)], as: UTF8.self)
    }

    /// How OpenSSH names a key type in messages: `ED25519`, `ECDSA`, `RSA`, `DSA`.
    static func displayName(ofKeyType type: String) -> String {
        switch type {
        case "ssh-ed25519": return "ED25519"
        case "ssh-rsa": return "RSA"
        case "ssh-dss": return "DSA"
        case let t where t.hasPrefix("ecdsa-sha2-"): return "ECDSA"
        default: return type.uppercased()
        }
    }

    /// `SHA256:<base64 without padding>` for a SHA-256 digest.
    static func fingerprint(sha256 digest: [UInt8]) -> String {
        var text = Data(digest).base64EncodedString()
        while text.hasSuffix("=") { text.removeLast() }
        return "SHA256:" + text
    }
}
