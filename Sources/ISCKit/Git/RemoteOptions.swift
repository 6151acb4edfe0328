import Foundation

/// How to authenticate to a remote.
///
/// Its descriptions and mirror never show a password, token or passphrase.
public enum Credentials: Sendable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// No credentials: a server that asks for some fails with ``GitError/Kind/authentication``.
    case none
    /// HTTP Basic (or SSH password) authentication; `password` is usually an access token.
    case userPassword(username: String, password: String)
    /// An SSH key pair read from files. For SSH, the user name in the URL wins over `username`.
    case sshKey(username: String, privateKeyPath: String, publicKeyPath: String? = nil, passphrase: String? = nil)
    /// The keys of the running ssh-agent (`SSH_AUTH_SOCK`).
    case sshAgent(username: String)

    /// A description without secrets.
    public var description: String {
        switch self {
        case .none: return "none"
        case .userPassword(let username, _): return "userPassword(username: \(username), password: ***)"
        case .sshKey(let username, let privateKeyPath, _, let passphrase):
            return "sshKey(username: \(username), privateKeyPath: \(privateKeyPath)\(passphrase == nil ? "" : ", passphrase: ***"))"
        case .sshAgent(let username): return "sshAgent(username: \(username))"
        }
    }

    /// Same as ``description``.
    public var debugDescription: String { description }

    /// A mirror without secrets (for `dump`).
    public var customMirror: Mirror { Mirror(self, children: ["redacted": description]) }

    /// The secrets to scrub from messages.
    var secrets: [String] {
        switch self {
        case .userPassword(_, let password): return [password]
        case .sshKey(_, _, _, let passphrase): return passphrase.map { [$0] } ?? []
        default: return []
        }
    }
}

/// Which servers to trust.
public struct TrustPolicy: Sendable, Equatable {
    /// A PEM file of CA certificates to verify HTTPS servers with, instead of the system bundle.
    ///
    /// libgit2 keeps CA locations in process-global state (`GIT_OPT_SET_SSL_CERT_LOCATIONS`):
    /// this layer sets it at the start of every HTTP(S) operation (back to the system bundle when
    /// nil) and runs HTTP(S) operations of the process one at a time so that they never see each
    /// other's setting.
    public var caFile: String?
    /// Accept any TLS certificate (testing only).
    public var insecureSkipTLSVerify: Bool
    /// The OpenSSH known_hosts file SSH host keys are checked against (`~` is expanded).
    public var knownHostsPath: String

    /// Creates a policy; by default the system CA bundle and `~/.ssh/known_hosts`.
    public init(
        caFile: String? = nil, insecureSkipTLSVerify: Bool = false,
        knownHostsPath: String = "~/.ssh/known_hosts"
    ) {
        self.caFile = caFile
        self.insecureSkipTLSVerify = insecureSkipTLSVerify
        self.knownHostsPath = knownHostsPath
    }

    /// ``knownHostsPath`` with a leading `~` replaced by the home directory.
    public var expandedKnownHostsPath: String {
        (knownHostsPath as NSString).expandingTildeInPath
    }
}

/// Progress of a transfer, reported through ``RemoteOptions/progress``.
public struct TransferProgress: Sendable, Equatable {
    /// The direction of the transfer.
    public enum Direction: Sendable, Equatable {
        /// Objects are being received (fetch).
        case fetch
        /// Objects are being compressed into the pack a push sends (libgit2's deltification
        /// stage); ``push`` follows when the pack is sent.
        case packing
        /// Objects are being sent (push).
        case push
    }

    /// Whether this is a fetch or a push.
    public var direction: Direction
    /// Objects to transfer in total (0 while unknown).
    public var totalObjects: Int
    /// Objects received (fetch), compressed (packing) or sent (push) so far.
    public var completedObjects: Int
    /// Objects indexed so far (fetch only).
    public var indexedObjects: Int
    /// Bytes received or sent so far.
    public var bytes: Int

    /// Creates a progress report.
    public init(direction: Direction, totalObjects: Int, completedObjects: Int, indexedObjects: Int, bytes: Int) {
        self.direction = direction
        self.totalObjects = totalObjects
        self.completedObjects = completedObjects
        self.indexedObjects = indexedObjects
        self.bytes = bytes
    }
}

/// Options for every operation that talks to a remote.
public struct RemoteOptions: Sendable {
    /// How to authenticate.
    public var credentials: Credentials
    /// Which servers to trust.
    public var trust: TrustPolicy
    /// Give up with ``GitError/Kind/timedOut`` when the operation runs longer than this (a total,
    /// for the whole operation). It is checked whenever libgit2 reports progress and by every
    /// wait of the connection (http, https, git://; for ssh only while connecting).
    public var timeout: Duration?
    /// Give up with ``GitError/Kind/timedOut`` when the server accepts no connection, or sends or
    /// takes no byte, for this long (nil: wait for ever). It ends a silent server without limiting
    /// a long transfer that keeps moving. It applies to every wait of http, https and git://
    /// connections; over ssh only to connecting (libssh2 reads the socket itself).
    /// Default: ``defaultIdleTimeout``.
    public var idleTimeout: Duration?
    /// The default ``idleTimeout``: 60 seconds.
    public static let defaultIdleTimeout: Duration = .seconds(60)
    /// Called on the calling thread with transfer progress. It must not start another remote
    /// operation (HTTP(S) operations hold a process-wide lock while they run).
    public var progress: (@Sendable (TransferProgress) -> Void)?
    /// Which HTTP(S) proxy http:// and https:// operations go through (ssh, git:// and file://
    /// never use one). Default: ``ProxySetting/automatic``.
    public var proxy: ProxySetting

    /// Creates options; by default no credentials, system trust, no total timeout, an idle
    /// timeout of ``defaultIdleTimeout``, no progress, the proxy chosen from the environment.
    public init(
        credentials: Credentials = .none, trust: TrustPolicy = TrustPolicy(),
        timeout: Duration? = nil, idleTimeout: Duration? = RemoteOptions.defaultIdleTimeout,
        progress: (@Sendable (TransferProgress) -> Void)? = nil, proxy: ProxySetting = .automatic
    ) {
        self.credentials = credentials
        self.trust = trust
        self.timeout = timeout
        self.idleTimeout = idleTimeout
        self.progress = progress
        self.proxy = proxy
    }
}

/// How a remote operation chooses its HTTP(S) proxy. libgit2's own proxy detection is never
/// used: the operation tells libgit2 the proxy, or that there is none.
public enum ProxySetting: Sendable, Equatable {
    /// Decide when the operation starts, from this process's environment (`https_proxy`,
    /// `HTTPS_PROXY`, `http_proxy`, `HTTP_PROXY`, `no_proxy`, `NO_PROXY`, `ISC_PROXY_USER`,
    /// `ISC_PROXY_PASSWORD`) and git's `http.proxy`, by ISCCore's `ProxySelection` rules. A
    /// malformed setting that applies fails the operation with an invalid-input error.
    case automatic
    /// Connect directly.
    case direct
    /// Connect http:// and https:// remotes through this proxy (`no_proxy` is not consulted:
    /// the caller decided), authenticating with its user name and password when it asks.
    case through(ProxyURL)
}

/// What a remote advertises.
public struct RemoteHeads: Sendable, Equatable {
    /// The branch the remote's HEAD points at (e.g. `main`), nil for an empty remote.
    public var defaultBranch: String?
    /// Every branch (name without `refs/heads/`) and its tip.
    public var heads: [String: ObjectID]

    /// Creates a value.
    public init(defaultBranch: String?, heads: [String: ObjectID]) {
        self.defaultBranch = defaultBranch
        self.heads = heads
    }
}
