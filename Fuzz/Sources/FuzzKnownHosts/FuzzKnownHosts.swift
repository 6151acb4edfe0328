@testable import ISCCore
@testable import ISCKit

/// libFuzzer target for the known_hosts parser (`KnownHosts(parsing:)`, internal to ISCKit,
/// reached through `@testable import`; see `scripts/fuzz.sh`).
///
/// Checked: no crash, no sanitizer report; parsing is deterministic; every host line of a kept
/// entry has a non-empty key type and at least one pattern; a plain line names a host whose own
/// key it trusts (unless it is also revoked); the key blob helpers take any blob.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzKnownHosts(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    let hosts = KnownHosts(parsing: text)
    check(KnownHosts(parsing: text).entries == hosts.entries, "parsing is not deterministic")
    for entry in hosts.entries {
        check(!entry.patterns.isEmpty && !entry.keyType.isEmpty, "an entry without patterns or key type")
        _ = KnownHosts.keyType(ofBlob: entry.key)
        _ = KnownHosts.displayName(ofKeyType: entry.keyType)
        _ = KnownHosts.fingerprint(sha256: entry.key)
        guard entry.marker == .none, case .plain(let name, negated: false)? = entry.patterns.first,
            !name.contains(where: { $0 == "*" || $0 == "?" })
        else { continue }
        check(KnownHosts.glob(name, name), "'\(name)' does not match itself")
        // The line's own host with the line's own key: trusted, or revoked by an @revoked line,
        // or not matched at all when a `!pattern` of the same line excludes it.
        let verdict = hosts.verify(host: name, port: nil, keyType: entry.keyType, key: entry.key)
        if KnownHosts.matches(entry, name: name) {
            check(verdict == .trusted || verdict == .revoked, "'\(name)' with its own key is \(verdict)")
        }
    }
    return 0
}

func check(_ condition: Bool, _ message: @autoclosure () -> String) {
    if !condition { fatalError("property violated: \(message())") }
}
