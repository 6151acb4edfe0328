import Foundation

/// Whether to trust the server: its TLS certificate (mbedTLS's verdict, or none with
/// `insecureSkipTLSVerify`) or its SSH host key (checked against the known_hosts file).
/// Pure: it gets the facts libgit2 gave the certificate callback, and returns a decision.
struct ServerTrust {
    /// What to tell libgit2.
    enum Decision: Sendable, Equatable {
        /// Trust the server.
        case accept
        /// Let libgit2 decide as it would without a callback (a valid TLS chain).
        case passthrough
        /// Refuse, with this message (``GitError/Kind/certificate``).
        case refuse(String)
    }

    /// The operation's trust settings.
    let policy: TrustPolicy

    /// A TLS certificate of `host` that mbedTLS found `valid` (or not) against the CA bundle.
    func tlsCertificate(host: String, valid: Bool) -> Decision {
        if policy.insecureSkipTLSVerify { return .accept }
        if valid { return .passthrough }
        let source = policy.caFile.map { "the CA file \($0)" } ?? "the system CA bundle"
        return .refuse("the TLS certificate of \(host) is not trusted: verification against \(source) failed")
    }

    /// The SSH host key `key` (SSH wire format) that `host` presented on `port` (nil: 22), with
    /// its SHA-256 digest when libgit2 gave one, checked against `knownHosts` (read from
    /// ``TrustPolicy/expandedKnownHostsPath``; an error reading it refuses).
    func sshHostKey(
        host: String, port: Int?, key: [UInt8], sha256: [UInt8]?,
        knownHosts: () throws -> KnownHosts
    ) -> Decision {
        let name = KnownHosts.lookupName(host: host, port: port)
        guard !key.isEmpty else {
            return .refuse("cannot verify the SSH host key of \(name): libgit2 did not provide the key")
        }
        let type = KnownHosts.keyType(ofBlob: key) ?? "unknown"
        let fingerprint =
            sha256.map(KnownHosts.fingerprint(sha256:))
            ?? "SHA1:" + SHA1.hash(key).map { String(format: "%02x", $0) }.joined()
        let described = "\(KnownHosts.displayName(ofKeyType: type)) \(fingerprint)"
        let path = policy.expandedKnownHostsPath
        let known: KnownHosts
        do {
            known = try knownHosts()
        } catch {
            return .refuse("cannot read known hosts file \(path): \(error.localizedDescription)")
        }
        switch known.verify(host: host, port: port, keyType: type, key: key) {
        case .trusted:
            return .accept
        case .unknown:
            return .refuse("unknown SSH host key for \(name) (\(described)); add it to \(path)")
        case .changed:
            return .refuse("SSH host key for \(name) has CHANGED (now \(described)); if this is expected, replace its line in \(path)")
        case .revoked:
            return .refuse("SSH host key for \(name) (\(described)) is marked @revoked in \(path)")
        }
    }

    /// The host key check reading the policy's known_hosts file.
    func sshHostKey(host: String, port: Int?, key: [UInt8], sha256: [UInt8]?) -> Decision {
        sshHostKey(host: host, port: port, key: key, sha256: sha256) { try KnownHosts(contentsOf: policy.expandedKnownHostsPath) }
    }

    /// The port an SSH URL names (22 when it names none, and for the scp-like form), from
    /// ``RepositoryURL``; nil for other schemes and for text that is not a repository URL.
    static func sshPort(ofURL url: String) -> Int? {
        // A known provider's host is parsed as that provider; any other host as a plain Git server.
        let parsed =
            (try? RepositoryURL(parsing: url, provider: GitProvider?.none))
            ?? (try? RepositoryURL(parsing: url, provider: GitProvider.git))
        guard let parsed, parsed.scheme == .ssh else { return nil }
        return parsed.port ?? 22
    }
}
