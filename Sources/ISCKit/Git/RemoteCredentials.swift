import Foundation

/// The kinds of credential a server accepts, as libgit2 says when it asks (its `allowed_types`).
struct CredentialTypes: OptionSet, Sendable {
    let rawValue: UInt32
    /// A user name alone (ssh asks for it before the key).
    static let username = CredentialTypes(rawValue: 1 << 0)
    /// A user name and password (HTTP Basic: the token).
    static let userPassword = CredentialTypes(rawValue: 1 << 1)
    /// An SSH key (from a file or the agent).
    static let sshKey = CredentialTypes(rawValue: 1 << 2)
}

/// One credential to give libgit2.
enum CredentialOffer: Sendable, Equatable {
    case username(String)
    case password(username: String, password: String)
    case keyFile(username: String, publicKey: String?, privateKey: String, passphrase: String?)
    case agent(username: String)

    /// What is offered, for the loop guard: a user name, a password, a key.
    var kind: String {
        switch self {
        case .username: return "username"
        case .password: return "password"
        case .keyFile, .agent: return "key"
        }
    }
}

/// Which credential to answer each request of libgit2 with, and when to stop.
///
/// libgit2 calls its credentials callback again whenever the server rejects what it got, for
/// ever. The policy gives each kind of credential once per URL (a second request for the same
/// one means it was rejected: ``GitError/Kind/authentication``), and never answers more than
/// ``maximumRequests`` requests in one operation. Pure: no libgit2 call; tested alone.
struct CredentialPolicy {
    /// The credentials of the operation.
    let credentials: Credentials
    /// A hard bound on the requests of one operation, whatever libgit2 does.
    static let maximumRequests = 6
    /// Requests answered so far (tests and ``GitError``'s count).
    private(set) var requests = 0
    /// `url#kind` of every credential given.
    private var offered: Set<String> = []
    /// Whether a file can be read (the private key); replaceable in tests.
    var isReadable: (String) -> Bool = { FileManager.default.isReadableFile(atPath: $0) }

    init(credentials: Credentials) {
        self.credentials = credentials
    }

    /// The answer to one request: the credential to give, or the authentication error to end
    /// the operation with (its message scrubbed of the secrets).
    ///
    /// - Parameters:
    ///   - url: the URL libgit2 is authenticating to (after redirects); shown scrubbed.
    ///   - usernameFromURL: the user name in the URL, if any (for SSH it wins over the
    ///     credentials' user name).
    ///   - allowed: what the server accepts.
    mutating func answer(url: String, usernameFromURL: String?, allowed: CredentialTypes) -> Result<CredentialOffer, GitError> {
        requests += 1
        let secrets = credentials.secrets
        let shownURL = GitError.scrub(url, secrets: secrets)
        func refuse(_ message: String) -> Result<CredentialOffer, GitError> {
            .failure(GitError(kind: .authentication, message: GitError.scrub(message, secrets: secrets)))
        }
        if requests > Self.maximumRequests { return refuse("authentication failed for \(shownURL)") }

        let offer: CredentialOffer
        switch credentials {
        case .none:
            return refuse("authentication required for \(shownURL) but no credentials were given")
        case .userPassword(let username, let password):
            if allowed.contains(.userPassword) {
                offer = .password(username: username, password: password)
            } else if allowed.contains(.username) {
                offer = .username(username)
            } else {
                return refuse("\(shownURL) does not accept a user name and password")
            }
        case .sshKey(let username, let privateKeyPath, let publicKeyPath, let passphrase):
            let user = usernameFromURL ?? username
            if allowed.contains(.sshKey) {
                let privateKey = (privateKeyPath as NSString).expandingTildeInPath
                guard isReadable(privateKey) else { return refuse("cannot read SSH private key \(privateKey)") }
                offer = .keyFile(
                    username: user, publicKey: publicKeyPath.map { ($0 as NSString).expandingTildeInPath },
                    privateKey: privateKey, passphrase: passphrase)
            } else if allowed.contains(.username) {
                offer = .username(user)
            } else {
                return refuse("\(shownURL) does not accept SSH keys")
            }
        case .sshAgent(let username):
            let user = usernameFromURL ?? username
            if allowed.contains(.sshKey) {
                offer = .agent(username: user)
            } else if allowed.contains(.username) {
                offer = .username(user)
            } else {
                return refuse("\(shownURL) does not accept SSH keys")
            }
        }

        // Asked again for what we already gave to this URL (its query aside): it was rejected.
        let base = url.split(separator: "?", maxSplits: 1).first.map(String.init) ?? url
        let key = base + "#" + offer.kind
        if offered.contains(key) { return refuse("authentication failed for \(shownURL)") }
        offered.insert(key)
        return .success(offer)
    }
}
