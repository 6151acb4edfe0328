import Foundation

/// How a commit is signed, decided the way git decides it: from `--signing-key` and
/// `--signing-format` when given, else from git's configuration (`commit.gpgSign`,
/// `user.signingKey`, `gpg.format`, `gpg.ssh.program`, `gpg.openpgp.program`, `gpg.program`).
///
/// Pure: the configuration values are handed in (ISCKit reads them with libgit2), so the rules
/// are tested without git or a key.
public struct SigningConfiguration: Sendable, Hashable {
    /// The signature format (`gpg.format`, `--signing-format`).
    public enum Format: String, Sendable, Hashable, CaseIterable {
        /// An SSH signature made by `ssh-keygen -Y sign -n git` (git's `gpg.format=ssh`).
        case ssh
        /// An OpenPGP signature made by `gpg --detach-sign --armor` (git's default).
        case openpgp
    }

    /// The format.
    public var format: Format
    /// The key: for ssh a key file (private, or public with the private key in the ssh-agent)
    /// or a literal public key (`key::ssh-ed25519 AAAA…`, used through the agent); for openpgp a
    /// key id, fingerprint or user id, `nil` for the committer's `Name <email>` (as git does).
    public var key: String?
    /// The program that signs: `ssh-keygen` or `gpg` unless git's configuration names another.
    public var program: String

    /// A configuration.
    public init(format: Format, key: String?, program: String) {
        self.format = format
        self.key = key
        self.program = program
    }

    /// The git configuration keys the decision reads.
    public static let configurationKeys = [
        "commit.gpgSign", "user.signingKey", "gpg.format", "gpg.ssh.program", "gpg.openpgp.program", "gpg.program",
    ]

    /// Decides whether and how to sign.
    ///
    /// - `flagKey` / `flagFormat` (`--signing-key`, `--signing-format`): either one turns signing
    ///   on. The format is `flagFormat`, else the shape of `flagKey` (a `key::` or `ssh-…`
    ///   literal, or a path — anything with a `/` or ending in `.pub` — is ssh; anything else an
    ///   OpenPGP key id), else `gpg.format`, else openpgp. The key is `flagKey`, else
    ///   `user.signingKey`.
    /// - Without flags: signs only when `commit.gpgSign` is true (git's boolean spellings), with
    ///   `user.signingKey` and `gpg.format`.
    /// - `noSign` (`--no-sign`) turns signing off whatever git's configuration says.
    ///
    /// A leading `~/` of an ssh key path is expanded with `home`.
    ///
    /// - Returns: `nil` when the commit is not signed.
    /// - Throws: ``OperationError`` (exit 2) for a format other than ssh and openpgp in
    ///   `gpg.format` (x509 is not supported), an ssh signature with no key (git's
    ///   `gpg.ssh.defaultKeyCommand` is not supported), a key with control characters, a bad
    ///   `commit.gpgSign` value, or `noSign` together with a signing flag.
    public static func resolve(
        flagKey: String?, flagFormat: Format?, noSign: Bool = false, config: [String: String], home: String?
    ) throws(OperationError) -> SigningConfiguration? {
        if noSign {
            if flagKey != nil || flagFormat != nil {
                throw .invalidInput("invalid-signing", "--no-sign cannot be combined with --signing-key or --signing-format")
            }
            return nil
        }
        let configured = try gitBool(config["commit.gpgSign"], key: "commit.gpgSign") ?? false
        guard flagKey != nil || flagFormat != nil || configured else { return nil }

        let configKey = config["user.signingKey"].flatMap { $0.isEmpty ? nil : $0 }
        let key = flagKey ?? configKey
        if let key {
            let source = flagKey != nil ? "--signing-key" : "git config user.signingKey"
            if key.isEmpty { throw .invalidInput("invalid-signing-key", "\(source) is empty") }
            if key.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
                throw .invalidInput("invalid-signing-key", "\(source) contains a control character")
            }
        }
        let format: Format
        if let flagFormat {
            format = flagFormat
        } else if let flagKey {
            format = looksLikeSSHKey(flagKey) ? .ssh : .openpgp
        } else if let configured = config["gpg.format"], !configured.isEmpty {
            guard let parsed = Format(rawValue: configured.lowercased()) else {
                throw .invalidInput(
                    "unsupported-signing-format",
                    "git config gpg.format is \(Display.safe(configured, limit: 20)); iscctl signs with ssh or openpgp")
            }
            format = parsed
        } else {
            format = .openpgp
        }

        switch format {
        case .ssh:
            guard let key else {
                throw .invalidInput(
                    "missing-signing-key",
                    "an ssh signature needs a key: give --signing-key or set git config user.signingKey (gpg.ssh.defaultKeyCommand is not supported)")
            }
            let program = nonEmpty(config["gpg.ssh.program"]) ?? "ssh-keygen"
            return SigningConfiguration(format: .ssh, key: expandHome(key, home: home), program: program)
        case .openpgp:
            let program = nonEmpty(config["gpg.openpgp.program"]) ?? nonEmpty(config["gpg.program"]) ?? "gpg"
            return SigningConfiguration(format: .openpgp, key: key, program: program)
        }
    }

    /// True for a literal ssh public key (`key::…`, `ssh-…`, `ecdsa-…`, `sk-…`) or a key file path.
    static func looksLikeSSHKey(_ key: String) -> Bool {
        isLiteralSSHKey(key) || key.contains("/") || key.hasSuffix(".pub") || key.hasPrefix("~")
    }

    /// The public key of a literal ssh key (`key::ssh-ed25519 AAAA…` or the deprecated bare
    /// `ssh-ed25519 AAAA…`), or `nil` when `key` names a file.
    public static func literalSSHKey(_ key: String) -> String? {
        if key.hasPrefix("key::") { return String(key.dropFirst(5)) }
        if key.hasPrefix("ssh-") || key.hasPrefix("ecdsa-") || key.hasPrefix("sk-") { return key }
        return nil
    }

    static func isLiteralSSHKey(_ key: String) -> Bool { literalSSHKey(key) != nil }

    /// Whether the ssh key is used through the ssh-agent (`ssh-keygen -U`): a literal public key
    /// or a `.pub` file.
    public var usesAgent: Bool {
        guard format == .ssh, let key else { return false }
        return Self.isLiteralSSHKey(key) || key.hasSuffix(".pub")
    }

    /// git's boolean spellings: true/yes/on/1 and false/no/off/0 (any case); an empty value is
    /// false; a missing key is `nil`.
    static func gitBool(_ value: String?, key: String) throws(OperationError) -> Bool? {
        guard let value else { return nil }
        switch value.lowercased() {
        case "true", "yes", "on", "1": return true
        case "false", "no", "off", "0", "": return false
        default:
            throw .invalidInput("invalid-git-config", "git config \(key) is \(Display.safe(value, limit: 20)), not a boolean")
        }
    }

    private static func nonEmpty(_ value: String?) -> String? {
        guard let value, !value.isEmpty else { return nil }
        return value
    }

    private static func expandHome(_ path: String, home: String?) -> String {
        guard path.hasPrefix("~/"), let home, !home.isEmpty else { return path }
        return home + String(path.dropFirst(1))
    }
}

/// What signed a commit, for the report and `--json`: the format and the key's fingerprint
/// (`SHA256:…` for ssh, the OpenPGP fingerprint for openpgp) — never key material.
public struct CommitSignatureInfo: Sendable, Hashable {
    /// The signature's format.
    public var format: SigningConfiguration.Format
    /// The signing key's fingerprint.
    public var fingerprint: String

    /// A description of a signature.
    public init(format: SigningConfiguration.Format, fingerprint: String) {
        self.format = format
        self.fingerprint = fingerprint
    }
}
