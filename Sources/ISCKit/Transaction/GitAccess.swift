import Foundation

/// How iscctl authenticates to the repository, from the sources spec section 6 allows:
/// `ISC_GIT_TOKEN` or a token file for https, `--ssh-key` or ssh-agent for ssh. A token is never
/// taken from a flag value, so it never shows in a process list or shell history.
public struct GitAccess: Sendable {
    /// The `--git-token-file` path, read instead of `ISC_GIT_TOKEN` when given.
    public var tokenFile: String?
    /// The `--ssh-key` private key file (ed25519 or ECDSA).
    public var sshKey: String?
    /// Allow sending a token over plain `http://` (`--allow-insecure-http`).
    public var allowInsecureHTTP: Bool
    /// The environment to read `ISC_GIT_TOKEN`, `ISC_GIT_USER`, `SSH_AUTH_SOCK` and `HOME` from.
    public var environment: [String: String]

    /// Creates the access settings; `environment` defaults to this process's.
    public init(
        tokenFile: String? = nil, sshKey: String? = nil, allowInsecureHTTP: Bool = false,
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) {
        self.tokenFile = tokenFile
        self.sshKey = sshKey
        self.allowInsecureHTTP = allowInsecureHTTP
        self.environment = environment
    }

    /// The credentials to use for `url`.
    ///
    /// - https/http: the token from `tokenFile` or `ISC_GIT_TOKEN` with the user `ISC_GIT_USER`,
    ///   else the URL's user name, else `git`; no token means anonymous access. A token over
    ///   `http://` is refused unless `allowInsecureHTTP`.
    /// - ssh: `sshKey`, else the ssh-agent when `SSH_AUTH_SOCK` is set, else `~/.ssh/id_ed25519`
    ///   or `~/.ssh/id_ecdsa` when present; the user is the URL's user name, else `git`.
    /// - git://, file: none.
    public func credentials(for url: RepositoryURL) throws -> Credentials {
        switch url.scheme {
        case .https, .http:
            guard let token = try token() else {
                if sshKey != nil {
                    throw OperationError.invalidInput("invalid-credentials", "--ssh-key applies to ssh URLs, not to \(url.scheme.rawValue)://")
                }
                return .none
            }
            if url.scheme == .http, !allowInsecureHTTP {
                throw OperationError.invalidInput(
                    "insecure-http", "refusing to send a Git token over plain http://; use https, or pass --allow-insecure-http")
            }
            let user = nonEmpty(environment["ISC_GIT_USER"]) ?? url.username ?? "git"
            return .userPassword(username: user, password: token)
        case .ssh:
            let user = url.username ?? "git"
            if let sshKey {
                guard FileManager.default.isReadableFile(atPath: sshKey) else {
                    throw OperationError.invalidInput("invalid-credentials", "--ssh-key \(sshKey) is not a readable file")
                }
                return .sshKey(username: user, privateKeyPath: sshKey)
            }
            if nonEmpty(environment["SSH_AUTH_SOCK"]) != nil {
                return .sshAgent(username: user)
            }
            if let home = nonEmpty(environment["HOME"]) {
                for name in ["id_ed25519", "id_ecdsa"] {
                    let path = home + "/.ssh/" + name
                    if FileManager.default.isReadableFile(atPath: path) {
                        return .sshKey(username: user, privateKeyPath: path)
                    }
                }
            }
            return .sshAgent(username: user)
        case .git, .file:
            return .none
        }
    }

    /// The longest `--git-token-file` read (its first line must fit in it).
    static let maxTokenFileBytes = 64 * 1024

    /// The Git token: the first line of `tokenFile` (white space around it removed; what
    /// follows the first line is ignored, as users of such files expect), else `ISC_GIT_TOKEN`;
    /// `nil` when neither. A file that cannot be read, whose first line is empty or holds a
    /// control character, or without a line break in its first 64 KiB, is an invalid input.
    /// No message contains any of the file's text.
    func token() throws -> String? {
        if let tokenFile {
            let shown = Display.safe(tokenFile)
            guard let handle = FileHandle(forReadingAtPath: tokenFile) else {
                throw OperationError.invalidInput("invalid-credentials", "cannot read --git-token-file \(shown)")
            }
            defer { try? handle.close() }
            let data: Data
            do {
                data = try handle.read(upToCount: Self.maxTokenFileBytes + 1) ?? Data()
            } catch {
                throw OperationError.invalidInput("invalid-credentials", "cannot read --git-token-file \(shown)")
            }
            let newline = data.firstIndex(of: UInt8(ascii: "\n"))
            guard newline != nil || data.count <= Self.maxTokenFileBytes else {
                throw OperationError.invalidInput(
                    "invalid-credentials", "--git-token-file \(shown): the first line is longer than \(Self.maxTokenFileBytes) bytes")
            }
            let firstLine = data[..<(newline ?? data.endIndex)]
            let token = String(decoding: firstLine, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            guard !token.isEmpty else {
                throw OperationError.invalidInput("invalid-credentials", "--git-token-file \(shown): the first line is empty; it must hold the token")
            }
            guard InputRules.controlCharacter(in: token) == nil else {
                throw OperationError.invalidInput("invalid-credentials", "--git-token-file \(shown): the token on the first line contains a control character")
            }
            return token
        }
        return nonEmpty(environment["ISC_GIT_TOKEN"]?.trimmingCharacters(in: .whitespacesAndNewlines))
    }

    private func nonEmpty(_ value: String?) -> String? {
        guard let value, !value.isEmpty else { return nil }
        return value
    }
}
