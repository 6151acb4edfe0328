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
    public init(tokenFile: String? = nil, sshKey: String? = nil, allowInsecureHTTP: Bool = false,
                environment: [String: String] = ProcessInfo.processInfo.environment) {
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

    /// The Git token: the first line of `tokenFile`, else `ISC_GIT_TOKEN`; `nil` when neither.
    func token() throws -> String? {
        if let tokenFile {
            guard let data = FileManager.default.contents(atPath: tokenFile) else {
                throw OperationError.invalidInput("invalid-credentials", "cannot read --git-token-file \(tokenFile)")
            }
            let token = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            guard !token.isEmpty else {
                throw OperationError.invalidInput("invalid-credentials", "--git-token-file \(tokenFile) is empty")
            }
            guard !token.contains(where: \.isNewline) else {
                throw OperationError.invalidInput("invalid-credentials", "--git-token-file \(tokenFile) must hold the token on one line")
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
