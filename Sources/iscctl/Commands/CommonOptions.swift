import ArgumentParser
import Foundation
import ISCKit

/// `--repo`, `--provider`, `--api-url`: which Shared Configuration Repository.
struct RepositoryOptions: ParsableArguments {
    @Option(
        name: .customLong("repo"), help: ArgumentHelp("The repository URL: <repo_url>[.git][/<path>][?ref=<branch>] (default: $ISC_REPO).", valueName: "url"))
    var repo: String?

    @Option(help: ArgumentHelp("The Git provider, by id or alias, any case (default: detected from the host).", valueName: "provider"))
    var provider: GitProvider?

    @Option(name: .customLong("api-url"), help: "The provider's API URL (on-premises providers).")
    var apiURL: String?

    /// The parsed URL from `--repo`, else `ISC_REPO`.
    func resolve() throws -> RepositoryURL {
        guard let text = repo ?? ProcessInfo.processInfo.environment["ISC_REPO"], !text.isEmpty else {
            throw OperationError.invalidInput("missing-repo", "no repository: pass --repo <url> or set ISC_REPO")
        }
        return try RepositoryURL(parsing: text, provider: provider, apiURL: apiURL)
    }
}

/// How to talk to the remote: credentials, trust, timeouts, progress, the cache.
struct GitOptions: ParsableArguments {
    @Option(
        name: .customLong("git-token-file"),
        help: ArgumentHelp(
            "A file holding the Git token for https (default: $ISC_GIT_TOKEN; user $ISC_GIT_USER, else the URL's, else git).", valueName: "file"),
        completion: .file())
    var gitTokenFile: String?

    @Option(
        name: .customLong("ssh-key"),
        help: ArgumentHelp("The private key for ssh (ed25519 or ECDSA); default: ssh-agent, else ~/.ssh/id_ed25519 or id_ecdsa.", valueName: "file"),
        completion: .file())
    var sshKey: String?

    @Option(
        name: .customLong("known-hosts"), help: ArgumentHelp("The known_hosts file SSH host keys are checked against.", valueName: "file"), completion: .file())
    var knownHosts: String = "~/.ssh/known_hosts"

    @Option(
        name: .customLong("ca-file"), help: ArgumentHelp("PEM CA certificates to verify the HTTPS server with (a private CA).", valueName: "file"),
        completion: .file())
    var caFile: String?

    @Flag(name: .customLong("insecure-skip-tls-verify"), help: "Do not verify the HTTPS server's certificate (testing only).")
    var insecureSkipTLSVerify = false

    @Flag(name: .customLong("allow-insecure-http"), help: "Allow sending the Git token over plain http://.")
    var allowInsecureHTTP = false

    @Option(
        help: ArgumentHelp(
            "The HTTP proxy for http(s) remotes: http://[user:password@]host:port (default: $https_proxy/$HTTPS_PROXY or $http_proxy/$HTTP_PROXY by the remote's scheme, else git config http.proxy; $no_proxy applies; credentials also from $ISC_PROXY_USER and $ISC_PROXY_PASSWORD; ssh and git:// are never proxied).",
            valueName: "url"))
    var proxy: String?

    @Option(
        help: ArgumentHelp(
            "Give up on a fetch, push or ls-remote (connect included) that takes longer than this, each one on its own: 30s, 2m, 1h, 1m30s, 500ms; a bare number is seconds (default: no limit).",
            valueName: "duration"))
    var timeout: String?

    @Option(
        name: .customLong("idle-timeout"),
        help: ArgumentHelp(
            "Give up when the Git server accepts or sends nothing for this long: 30s, 2m, 500ms; a bare number is seconds; 0 waits for ever.",
            valueName: "duration"))
    var idleTimeout: String = GitOptions.defaultIdleTimeout

    /// The default `--idle-timeout` (``RemoteOptions/defaultIdleTimeout``), as shown in `--help`.
    static let defaultIdleTimeout = "\(RemoteOptions.defaultIdleTimeout.components.seconds)s"

    /// The longest `--timeout` and `--idle-timeout`.
    static let longestTimeout: Duration = .seconds(86_400)

    /// `--timeout` as a duration (nil: no limit).
    /// - Throws: ``ValidationError`` with one line for a bad value (exit 2).
    func timeoutDuration() throws -> Duration? {
        guard let timeout else { return nil }
        let duration = try Self.duration(timeout, flag: "--timeout")
        if duration <= .zero { throw ValidationError("--timeout must be more than 0 (omit it for no limit)") }
        return duration
    }

    /// `--idle-timeout` as a duration (nil for 0: wait for ever).
    func idleTimeoutDuration() throws -> Duration? {
        let duration = try Self.duration(idleTimeout, flag: "--idle-timeout")
        return duration == .zero ? nil : duration
    }

    /// Parses a duration flag: at most ``longestTimeout``.
    static func duration(_ text: String, flag: String) throws -> Duration {
        let duration: Duration
        do {
            duration = try DurationText.parse(text)
        } catch {
            throw ValidationError("\(flag): \(error.message)")
        }
        if duration > longestTimeout {
            throw ValidationError("\(flag) must be at most 24h (\(Display.safe(text)) is longer)")
        }
        return duration
    }

    @Flag(name: .shortAndLong, help: "No progress output.")
    var quiet = false

    @Option(
        name: .customLong("cache-dir"),
        help: ArgumentHelp(
            "Where the bare mirrors of repositories are kept between runs (default: $ISC_CACHE_DIR, else $XDG_CACHE_HOME/iscctl, else ~/.cache/iscctl).",
            valueName: "dir"), completion: .directory)
    var cacheDir: String?

    @Flag(name: .customLong("no-cache"), help: "Use a temporary mirror, removed at the end (fetches the whole history).")
    var noCache = false

    func validate() throws {
        if noCache, cacheDir != nil { throw ValidationError("--cache-dir and --no-cache cannot be used together") }
        if let cacheDir, cacheDir.isEmpty { throw ValidationError("--cache-dir must not be empty") }
        _ = try timeoutDuration()
        _ = try idleTimeoutDuration()
        if let proxy {
            do {
                _ = try ProxyURL(parsing: proxy, source: "--proxy")
            } catch let error as OperationError {
                throw ValidationError(error.message)
            }
        }
        if let caFile, !FileManager.default.isReadableFile(atPath: caFile) {
            throw ValidationError("--ca-file \(Display.safe(caFile)) is not a readable file")
        }
    }

    /// Where the mirror lives: `--no-cache`, else `--cache-dir`, else `ISC_CACHE_DIR`, else the
    /// default cache directory.
    func cacheMode(environment: [String: String] = ProcessInfo.processInfo.environment) -> CacheMode {
        if noCache { return .temporary }
        if let cacheDir { return .directory(URL(fileURLWithPath: cacheDir)) }
        if let fromEnvironment = environment["ISC_CACHE_DIR"], !fromEnvironment.isEmpty {
            return .directory(URL(fileURLWithPath: fromEnvironment))
        }
        return .directory(CacheMode.defaultDirectory(environment: environment))
    }

    /// The transaction options for `url`.
    /// `--timeout` limits each network operation on its own (the Git layer ends it; there is no
    /// whole-command watchdog: a command with retries may run several operations). Notices of the transaction (waiting for
    /// the cache lock, a damaged mirror rebuilt) are printed as one `warning:` line on stderr.
    /// Every run first sweeps the temporary directory of the scratch folders that killed
    /// iscctl processes left (``ScratchSpace/sweep(in:)``), with or without a cache.
    /// `commit` is `nil` for a read (no author, message, retries or dry run).
    func transactionOptions(for url: RepositoryURL, defaultMessage: String, json: Bool, commit: CommitOptions?) throws -> Transaction.Options {
        let access = GitAccess(tokenFile: gitTokenFile, sshKey: sshKey, allowInsecureHTTP: allowInsecureHTTP)
        var remote = RemoteOptions(
            credentials: try access.credentials(for: url),
            trust: TrustPolicy(caFile: caFile, insecureSkipTLSVerify: insecureSkipTLSVerify, knownHostsPath: knownHosts),
            timeout: try timeoutDuration(), idleTimeout: try idleTimeoutDuration(),
            proxy: try proxySetting(for: url))
        if insecureSkipTLSVerify, url.scheme == .https {
            Console.error("warning: TLS certificate verification is disabled (--insecure-skip-tls-verify)")
        }
        if !quiet, Console.stderrIsTerminal {
            remote.progress = ProgressLine().report
        }
        let scratchDirectory = FileManager.default.temporaryDirectory
        ScratchSpace.sweep(in: scratchDirectory)
        var author: Signature?
        if let commit, commit.authorName != nil || commit.authorEmail != nil {
            let fallback = GitConfig.defaultSignature()
            author = Signature(name: commit.authorName ?? fallback.name, email: commit.authorEmail ?? fallback.email)
        }
        return Transaction.Options(
            remote: remote, author: author, message: commit?.message ?? defaultMessage,
            retries: commit?.retries ?? 0, createBranch: commit?.createBranch ?? false, dryRun: commit?.dryRun ?? false,
            scratchDirectory: scratchDirectory, cache: cacheMode(), onNotice: Self.printWarning,
            signer: try commit?.signingConfiguration().map { CommitSigner($0) })
    }
}

extension GitOptions {
    /// The proxy for `url` (``ProxySelection``: `--proxy`, else the environment, else git's
    /// `http.proxy`; `no_proxy` applies), decided before anything is cloned: a malformed setting
    /// is exit 2. `--proxy` with an ssh or git:// remote is ignored with a `warning:` line.
    func proxySetting(for url: RepositoryURL, environment: [String: String] = ProcessInfo.processInfo.environment) throws -> ProxySetting {
        let selection = try ProxySelection.select(
            remoteURL: url.cloneURL, flag: proxy, environment: environment,
            gitConfigProxy: GitConfig.string("http.proxy"))
        if let warning = selection.warning { Console.error("warning: " + warning) }
        return selection.proxy.map(ProxySetting.through) ?? .direct
    }

    /// Prints a notice of the library as one `warning:` line on stderr.
    @Sendable static func printWarning(_ notice: String) {
        Console.error("warning: " + notice.split(whereSeparator: \.isNewline).joined(separator: " "))
    }
}

/// `--json`.
struct OutputOptions: ParsableArguments {
    @Flag(help: "Print JSON.")
    var json = false
}

/// What only the commands that write take: the commit (message, author), how often a push that
/// lost a race is recomputed, creating the branch, and the dry run.
struct CommitOptions: ParsableArguments {
    @Option(help: "How many times a push rejected because the branch moved is recomputed and retried.")
    var retries = 5

    @Flag(name: .customLong("create-branch"), help: "Start the URL's ref branch from the default branch when it does not exist.")
    var createBranch = false

    @Option(help: "The commit message.")
    var message: String?

    @Option(name: .customLong("author-name"), help: "The commit author's name (default: git config user.name, else iscctl).")
    var authorName: String?

    @Option(name: .customLong("author-email"), help: "The commit author's e-mail (default: git config user.email, else iscctl@localhost).")
    var authorEmail: String?

    @Flag(name: .customLong("dry-run"), help: "Print a unified diff of what would change; commit and push nothing.")
    var dryRun = false

    @Option(
        name: .customLong("signing-key"),
        help: ArgumentHelp(
            "Sign the commit with this key: an ssh key file (a .pub file or key::<public key> signs through the ssh-agent) or an OpenPGP key id (default: git config user.signingKey when commit.gpgSign is true).",
            valueName: "key"), completion: .file())
    var signingKey: String?

    @Option(
        name: .customLong("signing-format"),
        help: ArgumentHelp(
            "The signature format (default: git config gpg.format, else guessed from --signing-key: a file or ssh key is ssh, anything else openpgp).",
            valueName: "format"))
    var signingFormat: SigningConfiguration.Format?

    @Flag(name: .customLong("no-sign"), help: "Do not sign the commit, whatever git config commit.gpgSign says.")
    var noSign = false

    /// How to sign, from the flags, else git's configuration as git reads it; `nil`: unsigned.
    /// An ssh key file that does not exist is refused here, before anything is cloned.
    func signingConfiguration() throws -> SigningConfiguration? {
        var config: [String: String] = [:]
        for key in SigningConfiguration.configurationKeys {
            config[key] = GitConfig.string(key)
        }
        guard
            let signing = try SigningConfiguration.resolve(
                flagKey: signingKey, flagFormat: signingFormat, noSign: noSign, config: config,
                home: ProcessInfo.processInfo.environment["HOME"])
        else { return nil }
        if signing.format == .ssh, let key = signing.key, SigningConfiguration.literalSSHKey(key) == nil,
            !FileManager.default.fileExists(atPath: key)
        {
            let source = signingKey != nil ? "--signing-key" : "git config user.signingKey"
            throw OperationError.invalidInput("invalid-signing-key", "\(source): the ssh key file \(Display.safe(key)) does not exist")
        }
        return signing
    }

    func validate() throws {
        if retries < 0 { throw ValidationError("--retries must be 0 or more") }
        if noSign, signingKey != nil || signingFormat != nil {
            throw ValidationError("--no-sign cannot be combined with --signing-key or --signing-format")
        }
        // The author and message are decided here, before anything is cloned.
        do {
            if let authorName { try InputRules.authorPart(authorName, flag: "--author-name", what: "name") }
            if let authorEmail { try InputRules.authorPart(authorEmail, flag: "--author-email", what: "e-mail") }
            if let message { try InputRules.commitMessage(message) }
        } catch {
            throw ValidationError(error.message)
        }
    }
}

extension SigningConfiguration.Format: ExpressibleByArgument {}
