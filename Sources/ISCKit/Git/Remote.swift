internal import CLibGit2
import Foundation

// Remote operations. Every one works on an anonymous, in-memory remote created from the URL: no
// remote, URL or credential is ever written to the repository's config.

extension Repository {
    /// Connects to `url` for fetching and returns what it advertises: its default branch (nil
    /// for an empty remote) and its branches. No repository is needed and nothing is written.
    public static func listRemote(url: String, options: RemoteOptions = RemoteOptions()) throws -> RemoteHeads {
        LibGit2.initialize()
        let session = try RemoteSession(url: url, options: options, operation: "list")
        return try session.run { callbacks in
            var remote: OpaquePointer?
            try session.check(git_remote_create_detached(&remote, url), "use remote \(session.displayURL)")
            defer { git_remote_free(remote) }
            try session.connect(remote, direction: GIT_DIRECTION_FETCH, callbacks: callbacks)
            defer { git_remote_disconnect(remote) }
            return try session.advertisedHeads(remote)
        }
    }

    /// Fetches `branch` from `url` (refspec `+refs/heads/<branch>:refs/remotes/origin/<branch>`)
    /// and returns its tip, or nil when the remote has no such branch (the local
    /// `refs/remotes/origin/<branch>` is then deleted). Only the missing objects are transferred.
    @discardableResult
    public func fetch(url: String, branch: String, options: RemoteOptions = RemoteOptions()) throws -> ObjectID? {
        try Repository.validate(referenceName: "refs/heads/\(branch)")
        return try fetch(url: url, options: options) { _ in [branch] }.tips[branch]
    }

    /// Fetches over one connection: connects to `url`, lists what it advertises (branches and
    /// the default branch), lets `choose` pick the branches to fetch from that, and downloads
    /// them on the same connection into `refs/remotes/origin/<branch>`. Only missing objects
    /// are transferred; when a branch's advertised tip is already in the object database
    /// nothing is downloaded for it. A chosen branch the remote does not have is skipped (its
    /// tracking reference is deleted).
    ///
    /// - Parameters:
    ///   - url: the clone URL.
    ///   - options: credentials, trust, timeouts and progress.
    ///   - choose: gets what the remote advertises and returns the branch names (without
    ///     `refs/heads/`) to fetch; an error it throws ends the fetch with nothing written.
    public func fetch(
        url: String, options: RemoteOptions = RemoteOptions(),
        selecting choose: (RemoteHeads) throws -> [String]
    ) throws -> FetchResult {
        LibGit2.initialize()
        let session = try RemoteSession(url: url, options: options, operation: "fetch")
        return try session.run { callbacks in
            let remote: OpaquePointer
            do {
                remote = try session.createRemote(in: self)
            } catch let error as GitError {
                throw error.markedLocal()  // reading the repository's configuration failed
            }
            defer { git_remote_free(remote) }
            try session.connect(remote, direction: GIT_DIRECTION_FETCH, callbacks: callbacks)
            defer { git_remote_disconnect(remote) }
            let advertised = try session.advertisedHeads(remote)
            let branches = try choose(advertised)
            var tips: [String: ObjectID] = [:]
            var missing: [String] = []
            try local {
                for branch in branches {
                    try Repository.validate(referenceName: "refs/heads/\(branch)")
                    guard let tip = advertised.heads[branch] else {
                        try deleteReference("refs/remotes/origin/\(branch)")
                        continue
                    }
                    tips[branch] = tip
                    if let known = try referenceTarget("refs/remotes/origin/\(branch)"), known != tip {
                        // The tracking reference's commit must read: the negotiation starts from it.
                        _ = try commit(known)
                    }
                    if try !hasObject(tip) { missing.append(branch) }
                }
            }
            var received = (objects: 0, bytes: 0)
            if !missing.isEmpty {
                var fetchOptions = git_fetch_options()
                git_fetch_options_init(&fetchOptions, UInt32(GIT_FETCH_OPTIONS_VERSION))
                fetchOptions.callbacks = callbacks
                fetchOptions.proxy_opts = session.proxyOptions()
                fetchOptions.prune = GIT_FETCH_NO_PRUNE
                fetchOptions.update_fetchhead = 0
                fetchOptions.download_tags = GIT_REMOTE_DOWNLOAD_TAGS_NONE
                let specs = missing.map { "+refs/heads/\($0):refs/remotes/origin/\($0)" }
                let rc = withStringArray(specs) { specs in git_remote_download(remote, &specs, &fetchOptions) }
                if rc < 0 {
                    let error = session.error(rc, "fetch \(missing.joined(separator: ", ")) from \(session.displayURL)")
                    throw error.isAboutTheServer ? error : error.markedLocal()
                }
                if let stats = git_remote_stats(remote) {
                    received = (Int(stats.pointee.received_objects), Int(stats.pointee.received_bytes))
                }
            }
            try local {
                for (branch, tip) in tips where try referenceTarget("refs/remotes/origin/\(branch)") != tip {
                    try setReference("refs/remotes/origin/\(branch)", to: tip)
                }
            }
            return FetchResult(remote: advertised, tips: tips, receivedObjects: received.objects, receivedBytes: received.bytes)
        }
    }

    /// Points the local `refs/heads/<branch>` at `commit` and pushes it to `refs/heads/<branch>`
    /// of `url`, without force. On success `refs/remotes/origin/<branch>` is set to `commit`.
    ///
    /// - Returns: what was sent.
    /// - Throws: ``GitError`` with kind ``GitError/Kind/nonFastForward`` when libgit2 refused the
    ///   push before sending it because the remote tip is not in `commit`'s history (the branch
    ///   moved: fetch, recompute and retry); ``GitError/Kind/refusedByServer(ref:reason:)`` when
    ///   the server refused the update after receiving it (a hook, a protected branch, "failed to
    ///   update ref", "cannot lock ref"), also when libgit2 reports success: read the remote tip
    ///   again to tell a lost race from a real refusal; others as for every remote call.
    @discardableResult
    public func push(url: String, commit: ObjectID, branch: String, options: RemoteOptions = RemoteOptions()) throws -> PushResult {
        let local = "refs/heads/\(branch)"
        try Repository.validate(referenceName: local)
        try setReference(local, to: commit)
        let result = try push(url: url, from: local, branch: branch, options: options)
        try setReference("refs/remotes/origin/\(branch)", to: commit)
        return result
    }

    /// Pushes the local reference `source` to `refs/heads/<branch>` of `url`, without force.
    /// No other reference is changed.
    func push(url: String, from source: String, branch: String, options: RemoteOptions) throws -> PushResult {
        LibGit2.initialize()
        let target = "refs/heads/\(branch)"
        try Repository.validate(referenceName: target)
        let session = try RemoteSession(url: url, options: options, operation: "push")
        try session.run { callbacks in
            let remote: OpaquePointer
            do {
                remote = try session.createRemote(in: self)
            } catch let error as GitError {
                throw error.markedLocal()
            }
            defer { git_remote_free(remote) }
            var pushOptions = git_push_options()
            git_push_options_init(&pushOptions, UInt32(GIT_PUSH_OPTIONS_VERSION))
            pushOptions.callbacks = callbacks
            pushOptions.proxy_opts = session.proxyOptions()
            let rc = withStringArray(["\(source):\(target)"]) { specs in
                git_remote_push(remote, &specs, &pushOptions)
            }
            if rc < 0 {
                let error = session.error(rc, "push \(branch) to \(session.displayURL)", pushing: target)
                throw error.isAboutTheServer ? error : error.markedLocal()
            }
            if let refusal = session.refusals.first {
                throw session.refusalError(ref: refusal.ref, status: refusal.status)
            }
        }
        return PushResult(sentObjects: session.sent.objects, sentBytes: session.sent.bytes)
    }

    /// Runs `body`; a ``GitError`` it throws is marked as a failure of the local repository
    /// (unless it is about an invalid name the caller gave).
    func local<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as GitError where !error.isInvalidInput {
            throw error.markedLocal()
        }
    }
}

/// What ``Repository/fetch(url:options:selecting:)`` did.
public struct FetchResult: Sendable, Equatable {
    /// What the remote advertised: its default branch and every branch's tip.
    public var remote: RemoteHeads
    /// The fetched branches that the remote has, and their tips (now also the local
    /// `refs/remotes/origin/<branch>`).
    public var tips: [String: ObjectID]
    /// Objects received from the server (0 when everything was already here).
    public var receivedObjects: Int
    /// Bytes received from the server for those objects (the pack; as libgit2 counts them).
    public var receivedBytes: Int

    /// Creates a value.
    public init(remote: RemoteHeads, tips: [String: ObjectID], receivedObjects: Int, receivedBytes: Int) {
        self.remote = remote
        self.tips = tips
        self.receivedObjects = receivedObjects
        self.receivedBytes = receivedBytes
    }
}

/// What a push sent.
public struct PushResult: Sendable, Equatable {
    /// Objects sent (as libgit2 reports them while sending; 0 when it reports nothing).
    public var sentObjects: Int
    /// Bytes sent for those objects (the pack, as libgit2 reports it).
    public var sentBytes: Int

    /// Creates a value.
    public init(sentObjects: Int, sentBytes: Int) {
        self.sentObjects = sentObjects
        self.sentBytes = sentBytes
    }
}

/// Calls `body` with a `git_strarray` of copies of `strings`, freed afterwards.
func withStringArray<R>(_ strings: [String], _ body: (inout git_strarray) throws -> R) rethrows -> R {
    var pointers: [UnsafeMutablePointer<CChar>?] = strings.map { strdup($0) }
    defer { for pointer in pointers { free(pointer) } }
    return try pointers.withUnsafeMutableBufferPointer { buffer in
        var array = git_strarray(strings: buffer.baseAddress, count: buffer.count)
        return try body(&array)
    }
}

/// HTTPS trust settings are process-global in libgit2: HTTP(S) operations run one at a time.
enum TLSSettings {
    static let lock = NSLock()
    /// The CA file currently configured; nil means the system bundle. Guarded by `lock`.
    nonisolated(unsafe) static var current: String?
    /// The system bundle libgit2 1.5 on Debian is built with; used to undo a private CA file.
    static let systemBundle = "/etc/ssl/certs/ca-certificates.crt"
    static let systemDirectory = "/etc/ssl/certs"

    /// Makes `caFile` (or the system bundle) the CA location. Call with `lock` held.
    static func apply(caFile: String?) throws {
        guard caFile != current else { return }
        if let caFile {
            guard FileManager.default.isReadableFile(atPath: caFile) else {
                throw GitError(kind: .certificate, message: "cannot read CA file \(caFile)")
            }
            try check(isc_git_opts_set_ssl_cert_locations(caFile, nil), "load CA file \(caFile)")
        } else if FileManager.default.fileExists(atPath: systemBundle) {
            try check(isc_git_opts_set_ssl_cert_locations(systemBundle, nil), "load the system CA bundle")
        } else {
            _ = isc_git_opts_set_ssl_cert_locations(nil, systemDirectory)
        }
        current = caFile
    }
}

/// One remote operation (a fetch, push or list): the coordinator that wires the small types into
/// libgit2's callbacks, shared with them through their payload.
///
/// - ``CredentialPolicy``: which credential answers each request, and the loop guard.
/// - ``ServerTrust``: TLS certificates and SSH host keys.
/// - ``OperationDeadline``, ``TransferMonitor`` and ``ConnectionCanceller``: the operation's time
///   limits, its progress, and ending its connections at the deadline.
/// - ``RemoteErrorClassifier``: libgit2 errors and server refusals as ``GitError`` kinds.
///
/// Each operation makes its own session, so ``RemoteOptions/timeout`` is counted per operation.
final class RemoteSession {
    let url: String
    let displayURL: String
    let options: RemoteOptions
    let operation: String
    /// The origin of an http(s) URL: the only server its connections may go to (through the
    /// proxy of ``proxyRoute``, if any); nil for other schemes.
    let origin: NetworkOrigin?
    /// The proxy (or none) and how connections go through it.
    let proxyRoute: ProxyRoute

    var credentials: CredentialPolicy
    let trust: ServerTrust
    let deadline: OperationDeadline
    var monitor: TransferMonitor
    let canceller = ConnectionCanceller()
    /// The last connection opened (its port is the one an SSH host key is looked up with).
    var lastConnection: NetworkOrigin?
    /// The error a callback decided on; it wins over what libgit2 reports afterwards.
    var failure: GitError?
    var refusals: [(ref: String, status: String)] = []

    /// - Throws: ``OperationError`` `invalid-proxy` when ``RemoteOptions/proxy`` is
    ///   ``ProxySetting/automatic`` and the environment's or git's proxy setting that applies is
    ///   malformed.
    init(url: String, options: RemoteOptions, operation: String) throws {
        LibGit2.initialize()  // its callbacks set libgit2's error, which needs it initialised
        self.url = url
        self.options = options
        self.operation = operation
        self.displayURL = GitError.scrub(url, secrets: options.credentials.secrets)
        self.origin = NetworkOrigin.of(url: url)
        proxyRoute = try ProxyRoute(setting: options.proxy, url: url)
        credentials = CredentialPolicy(credentials: options.credentials)
        trust = ServerTrust(policy: options.trust)
        deadline = OperationDeadline(
            operation: operation, displayURL: displayURL, timeout: options.timeout,
            idleTimeout: options.idleTimeout)
        monitor = TransferMonitor(report: options.progress)
    }

    var secrets: [String] { options.credentials.secrets + proxyRoute.secrets }
    var sent: (objects: Int, bytes: Int) { monitor.sent }

    static func from(_ payload: UnsafeMutableRawPointer?) -> RemoteSession {
        Unmanaged<RemoteSession>.fromOpaque(payload!).takeUnretainedValue()
    }

    /// Runs `body` with callbacks whose payload is this session, kept alive for the call, and
    /// the deadline armed; HTTP(S) operations hold the process-wide TLS settings lock.
    func run<R>(_ body: (git_remote_callbacks) throws -> R) throws -> R {
        try withExtendedLifetime(self) {
            var callbacks = git_remote_callbacks()
            git_remote_init_callbacks(&callbacks, UInt32(GIT_REMOTE_CALLBACKS_VERSION))
            callbacks.payload = Unmanaged.passUnretained(self).toOpaque()
            installCallbacks(&callbacks)
            canceller.arm(deadline)
            defer { canceller.finish() }
            return try NetworkStream.with(self) {
                let lower = url.lowercased()
                if lower.hasPrefix("https://") || lower.hasPrefix("http://") {
                    TLSSettings.lock.lock()
                    defer { TLSSettings.lock.unlock() }
                    try TLSSettings.apply(caFile: options.trust.caFile)
                    return try body(callbacks)
                }
                return try body(callbacks)
            }
        }
    }

    /// Throws the callback's error or one built from `git_error_last()` when `rc` is negative.
    func check(_ rc: Int32, _ what: @autoclosure () -> String) throws {
        guard rc < 0 else { return }
        throw error(rc, what())
    }

    /// The error of a failed call: the one a callback decided on, a timeout when the deadline
    /// ended the connections, else libgit2's, classified. libgit2's error is read and cleared
    /// either way.
    func error(_ rc: Int32, _ what: String, pushing ref: String? = nil) -> GitError {
        let built = GitError.fromLast(rc, what, secrets: secrets)
        var result: GitError
        if let failure {
            result = failure
        } else if canceller.hasCancelled || deadline.isPast() {
            result = deadline.timeoutError()
        } else {
            result = RemoteErrorClassifier.refine(built, pushing: ref)
            if let proxy = proxyRoute.proxy, result.kind == .network, !result.message.contains(proxy.display) {
                result = result.appending(" (through the proxy \(proxy.display))")
            }
        }
        result.credentialRequests = credentials.requests
        return result
    }

    /// libgit2's proxy options for this operation (``ProxyRoute``).
    func proxyOptions() -> git_proxy_options {
        proxyRoute.options(payload: Unmanaged.passUnretained(self).toOpaque())
    }

    /// The error for a reference update the server refused (see
    /// ``RemoteErrorClassifier/refusal(ref:status:remoteMessages:displayURL:secrets:)``).
    func refusalError(ref: String, status: String) -> GitError {
        var result = RemoteErrorClassifier.refusal(
            ref: ref, status: status, remoteMessages: monitor.remoteMessages,
            displayURL: displayURL, secrets: secrets)
        result.credentialRequests = credentials.requests
        return result
    }

    /// An anonymous in-memory remote for `url` in `repository` (no insteadOf rewriting, no
    /// fetch refspec, nothing written to the config). The caller frees it.
    func createRemote(in repository: Repository) throws -> OpaquePointer {
        var createOptions = git_remote_create_options()
        git_remote_create_options_init(&createOptions, UInt32(GIT_REMOTE_CREATE_OPTIONS_VERSION))
        createOptions.repository = repository.handle
        createOptions.name = nil
        createOptions.flags = GIT_REMOTE_CREATE_SKIP_INSTEADOF.rawValue | GIT_REMOTE_CREATE_SKIP_DEFAULT_FETCHSPEC.rawValue
        var remote: OpaquePointer?
        try check(git_remote_create_with_opts(&remote, url, &createOptions), "use remote \(displayURL)")
        return remote!
    }

    func connect(_ remote: OpaquePointer?, direction: git_direction, callbacks: git_remote_callbacks) throws {
        var callbacks = callbacks
        var proxy = proxyOptions()
        try check(git_remote_connect(remote, direction, &callbacks, &proxy, nil), "connect to \(displayURL)")
    }

    /// The branches a connected remote advertises and its default branch.
    func advertisedHeads(_ remote: OpaquePointer?) throws -> RemoteHeads {
        let refs = try listReferences(remote)
        var heads: [String: ObjectID] = [:]
        for (name, id) in refs where name.hasPrefix("refs/heads/") {
            heads[String(name.dropFirst("refs/heads/".count))] = id
        }
        var buffer = git_buf()
        defer { git_buf_dispose(&buffer) }
        let rc = git_remote_default_branch(&buffer, remote)
        var defaultBranch: String?
        if rc == GIT_ENOTFOUND.rawValue || heads.isEmpty {
            git_error_clear()
            defaultBranch = nil
        } else {
            try check(rc, "read the default branch of \(displayURL)")
            let name = buffer.ptr.map { String(cString: $0) } ?? ""
            defaultBranch = name.hasPrefix("refs/heads/") ? String(name.dropFirst("refs/heads/".count)) : nil
        }
        return RemoteHeads(defaultBranch: defaultBranch, heads: heads)
    }

    /// The advertised references, in the server's order.
    func listReferences(_ remote: OpaquePointer?) throws -> [(String, ObjectID)] {
        var heads: UnsafeMutablePointer<UnsafePointer<git_remote_head>?>?
        var count = 0
        try check(git_remote_ls(&heads, &count, remote), "list references of \(displayURL)")
        var result: [(String, ObjectID)] = []
        for index in 0..<count {
            guard let head = heads?[index], let name = head.pointee.name else { continue }
            result.append((String(cString: name), ObjectID(head.pointee.oid)))
        }
        return result
    }

    // MARK: Callbacks: libgit2's arguments in, the small types' decisions out

    private func installCallbacks(_ callbacks: inout git_remote_callbacks) {
        callbacks.credentials = { out, url, usernameFromURL, allowedTypes, payload in
            RemoteSession.from(payload).acquireCredential(out, url, usernameFromURL, allowedTypes)
        }
        callbacks.certificate_check = { cert, valid, host, payload in
            RemoteSession.from(payload).checkCertificate(cert, valid: valid != 0, host: host)
        }
        callbacks.transfer_progress = { stats, payload in
            let session = RemoteSession.from(payload)
            if let stats {
                session.monitor.received(
                    total: Int(stats.pointee.total_objects), received: Int(stats.pointee.received_objects),
                    indexed: Int(stats.pointee.indexed_objects), bytes: Int(stats.pointee.received_bytes))
            }
            return session.checkTimeout()
        }
        callbacks.sideband_progress = { text, length, payload in
            let session = RemoteSession.from(payload)
            if let text, length > 0 {
                session.monitor.sideband(String(decoding: UnsafeRawBufferPointer(start: text, count: Int(length)), as: UTF8.self))
            }
            return session.checkTimeout()
        }
        callbacks.pack_progress = { stage, current, total, payload in
            let session = RemoteSession.from(payload)
            // Packing is its own phase, not the sending that push_transfer_progress reports: as
            // `.push` it drew "Writing objects" twice. The stage of adding objects has no total.
            if stage == Int32(GIT_PACKBUILDER_DELTAFICATION.rawValue) {
                session.monitor.packed(current: Int(current), total: Int(total))
            }
            return session.checkTimeout()
        }
        callbacks.push_transfer_progress = { current, total, bytes, payload in
            let session = RemoteSession.from(payload)
            session.monitor.sending(current: Int(current), total: Int(total), bytes: bytes)
            return session.checkTimeout()
        }
        callbacks.push_update_reference = { refname, status, payload in
            let session = RemoteSession.from(payload)
            if let status {
                let ref = refname.map { String(cString: $0) } ?? "?"
                session.refusals.append((ref, String(cString: status)))
            }
            return 0
        }
    }

    /// Records `error` as the operation's failure, tells libgit2 its message and returns `rc`.
    func fail(_ error: GitError, rc: Int32) -> Int32 {
        if failure == nil { failure = error }
        git_error_set_str(Int32(GIT_ERROR_CALLBACK.rawValue), error.message)
        return rc
    }

    /// 0 while the deadline has not passed; otherwise records a timeout and returns
    /// `GIT_EUSER` (cancel).
    func checkTimeout() -> Int32 {
        guard deadline.isPast() else { return 0 }
        return fail(deadline.timeoutError(), rc: GIT_EUSER.rawValue)
    }

    // MARK: The connection (NetworkStream)

    /// 0 when a connection to `target` is allowed; otherwise records the refusal and returns -1.
    /// An http(s) operation connects only to the origin of its URL, or, through a proxy, to the
    /// proxy (an https remote: libgit2 connects to the proxy and the stream checks the `CONNECT`,
    /// ``allowTunnel(to:)``; an http remote: libgit2 asks for the origin and the stream connects
    /// to the proxy). A redirect elsewhere is refused before anything is sent there. Past the
    /// deadline nothing is connected to.
    func allowConnection(to target: NetworkOrigin) -> Int32 {
        if deadline.isPast() { return fail(deadline.timeoutError(), rc: -1) }
        lastConnection = target
        guard let origin else { return 0 }
        if let proxyOrigin = proxyRoute.origin, proxyRoute.tunnels {
            if target == proxyOrigin { return 0 }
        } else if target == origin {
            return 0
        }
        return refuseRedirect(to: target, origin: origin)
    }

    /// 0 when a `CONNECT` through the proxy to `target` is allowed (it is the origin of the
    /// URL); otherwise records the refusal and returns -1.
    func allowTunnel(to target: NetworkOrigin) -> Int32 {
        guard let origin, target != origin else { return 0 }
        return refuseRedirect(to: target, origin: origin)
    }

    private func refuseRedirect(to target: NetworkOrigin, origin: NetworkOrigin) -> Int32 {
        let error = GitError(
            kind: .redirectRefused,
            message: "\(operation) \(displayURL): the server redirected to another origin, \(target); refused "
                + "(only \(origin), the origin of the URL, is contacted and given credentials; "
                + "if \(target) is trusted, use its URL)")
        return fail(error, rc: -1)
    }

    /// Records that the proxy could not be connected to (`reason`: the system's words).
    func proxyUnreachable(_ reason: String) {
        guard let proxy = proxyRoute.proxy else { return }
        _ = fail(GitError(kind: .network, message: "\(operation) \(displayURL): cannot connect to the proxy \(proxy.display): \(reason)"), rc: -1)
    }

    /// The proxy credentials callback: libgit2 read a `407` of the proxy, which had the
    /// credentials with the request already (``ProxyRoute``), or there are none: an error.
    func acquireProxyCredential(_ out: UnsafeMutablePointer<UnsafeMutablePointer<git_credential>?>?, _ allowedTypes: UInt32) -> Int32 {
        let timeout = checkTimeout()
        if timeout != 0 { return timeout }
        return fail(proxyRoute.authenticationError(displayURL: displayURL).withReturnCode(GIT_EAUTH.rawValue), rc: GIT_EAUTH.rawValue)
    }

    /// What the stream's ``ProxyConversation`` on a connection to the proxy consults.
    func proxyConversation() -> ProxyConversation {
        ProxyConversation(
            headers: proxyRoute.requestHeaders, tunnels: proxyRoute.tunnels,
            judge: ProxyConversation.Judge(
                allowTarget: { [unowned self] target in allowTunnel(to: target) == 0 },
                rejected: { [unowned self] in
                    _ = fail(proxyRoute.authenticationError(displayURL: displayURL), rc: -1)
                },
                refused: { [unowned self] statusLine in
                    let shown = proxyRoute.proxy?.display ?? "the proxy"
                    _ = fail(
                        GitError(
                            kind: .network,
                            message: "\(operation) \(displayURL): the proxy \(shown) refused to connect to "
                                + "\(origin?.description ?? "the server"): \(statusLine)"), rc: -1)
                }))
    }

    /// Records that a wait of the connection to `target` gave up (the idle timeout, else the
    /// deadline).
    func streamTimedOut(idle: Bool, origin target: NetworkOrigin) {
        _ = fail(idle ? deadline.idleError(origin: target.description) : deadline.timeoutError(), rc: -1)
    }

    private func acquireCredential(
        _ out: UnsafeMutablePointer<UnsafeMutablePointer<git_credential>?>?,
        _ urlPointer: UnsafePointer<CChar>?, _ usernameFromURL: UnsafePointer<CChar>?,
        _ allowedTypes: UInt32
    ) -> Int32 {
        let timeout = checkTimeout()
        if timeout != 0 { return timeout }
        let requestURL = urlPointer.map { String(cString: $0) } ?? url
        var allowed = CredentialTypes()
        if allowedTypes & GIT_CREDENTIAL_USERNAME.rawValue != 0 { allowed.insert(.username) }
        if allowedTypes & GIT_CREDENTIAL_USERPASS_PLAINTEXT.rawValue != 0 { allowed.insert(.userPassword) }
        if allowedTypes & GIT_CREDENTIAL_SSH_KEY.rawValue != 0 { allowed.insert(.sshKey) }
        let answer = credentials.answer(url: requestURL, usernameFromURL: usernameFromURL.map { String(cString: $0) }, allowed: allowed)
        let authFailure = { (error: GitError) in self.fail(error.withReturnCode(GIT_EAUTH.rawValue), rc: GIT_EAUTH.rawValue) }
        switch answer {
        case .failure(let error):
            return authFailure(error)
        case .success(let offer):
            guard let out else { return authFailure(GitError(kind: .authentication, message: "authentication failed for \(displayURL)")) }
            let rc: Int32
            switch offer {
            case .username(let user):
                rc = git_credential_username_new(out, user)
            case .password(let user, let password):
                rc = git_credential_userpass_plaintext_new(out, user, password)
            case .keyFile(let user, let publicKey, let privateKey, let passphrase):
                rc = git_credential_ssh_key_new(out, user, publicKey, privateKey, passphrase)
            case .agent(let user):
                rc = git_credential_ssh_key_from_agent(out, user)
            }
            if rc < 0 {
                git_error_clear()
                return authFailure(GitError(kind: .authentication, message: "cannot create credentials for \(GitError.scrub(requestURL, secrets: secrets))"))
            }
            return 0
        }
    }

    private func checkCertificate(
        _ cert: UnsafeMutablePointer<git_cert>?, valid: Bool,
        host hostPointer: UnsafePointer<CChar>?
    ) -> Int32 {
        let timeout = checkTimeout()
        if timeout != 0 { return timeout }
        let host = hostPointer.map { String(cString: $0) } ?? "?"
        let decision: ServerTrust.Decision
        switch cert?.pointee.cert_type {
        case nil:
            decision = .refuse("\(host) presented no certificate")
        case GIT_CERT_X509:
            decision = trust.tlsCertificate(host: host, valid: valid)
        case GIT_CERT_HOSTKEY_LIBSSH2:
            let hostkey = UnsafeRawPointer(cert!).load(as: git_cert_hostkey.self)
            let bits = hostkey.type.rawValue
            var key: [UInt8] = []
            if bits & GIT_CERT_SSH_RAW.rawValue != 0, let raw = hostkey.hostkey, hostkey.hostkey_len > 0 {
                key = [UInt8](UnsafeRawBufferPointer(start: raw, count: hostkey.hostkey_len))
            }
            let sha256 = bits & GIT_CERT_SSH_SHA256.rawValue != 0 ? withUnsafeBytes(of: hostkey.hash_sha256) { [UInt8]($0) } : nil
            decision = trust.sshHostKey(host: host, port: sshPort(host: host), key: key, sha256: sha256)
        default:
            decision = .refuse("\(host) presented an unsupported kind of certificate")
        }
        switch decision {
        case .accept: return 0
        case .passthrough: return GIT_PASSTHROUGH.rawValue
        case .refuse(let message):
            return fail(GitError(kind: .certificate, message: message, returnCode: GIT_ECERTIFICATE.rawValue), rc: GIT_ECERTIFICATE.rawValue)
        }
    }

    /// The port the SSH host key of `host` is looked up with: the one the connection was made
    /// to (our stream saw it), else the one the URL names.
    private func sshPort(host: String) -> Int? {
        if let lastConnection, lastConnection.host == NetworkOrigin(host: host, port: "22").host, let port = Int(lastConnection.port) {
            return port
        }
        return ServerTrust.sshPort(ofURL: url)
    }
}
