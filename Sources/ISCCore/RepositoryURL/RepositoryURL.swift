/// A parsed Shared Configuration Repository URL: `<repo_url>[.git][/<path>][?ref=<branch>]`
/// (spec sections 2 and 3), with its Git provider and API URL.
///
/// ```swift
/// let url = try RepositoryURL(parsing: "git@github.com:acme/isc.git/envs/prod?ref=main")
/// url.cloneURL    // "git@github.com:acme/isc.git"
/// url.path        // "envs/prod"
/// url.ref         // "main"
/// url.provider    // .github
/// url.apiURL      // "https://api.github.com"
/// ```
///
/// Parsing never keeps a password or token: a URL with one is refused with
/// ``RepositoryURLError/Reason/credentialsInURL`` and the error message does not repeat it.
public struct RepositoryURL: Sendable, Hashable {
    /// The URL scheme. scp-like inputs (`git@host:path`) are ``ssh``; absolute paths are ``file``.
    public enum Scheme: String, Sendable, Hashable, CaseIterable {
        /// `https://`
        case https
        /// `http://`
        case http
        /// `ssh://` or the scp-like form `user@host:path`.
        case ssh
        /// `git://` (git daemon).
        case git
        /// `file://` or an absolute local path.
        case file

        /// The port that is dropped from the clone URL when given explicitly.
        public var defaultPort: Int? {
            switch self {
            case .https: return 443
            case .http: return 80
            case .ssh: return 22
            case .git: return 9418
            case .file: return nil
            }
        }
    }

    /// The argument exactly as given, surrounding white space included.
    public let input: String
    /// The scheme, lower-cased.
    public let scheme: Scheme
    /// True for the scp-like form `user@host:path`.
    public let isSCPLike: Bool
    /// The user name from the user info, percent-decoded; `nil` when there is none.
    public let username: String?
    /// The host, lower-cased, without brackets for IPv6 literals; `nil` for file repositories.
    public let host: String?
    /// The port when given and not the scheme's default; `nil` otherwise.
    public let port: Int?
    /// The repository's path on the host without leading `/` and without `.git`, as written
    /// (not percent-decoded). For file repositories: the absolute path, `.git` included.
    public let repository: String
    /// The URL to clone: the input up to the end of the repository, normalized.
    public let cloneURL: String
    /// The `<path>` inside the repository: percent-decoded, no empty segments, no leading or
    /// trailing `/`. Empty for the repository root.
    public let path: String
    /// The branch from `?ref=`, percent-decoded; `nil` means the remote's default branch.
    public let ref: String?
    /// The Git provider, detected from the host or given; `nil` when unknown (and for file
    /// repositories without `--provider git`).
    public let provider: GitProvider?
    /// The provider's REST API URL; `nil` for `git`, file repositories and unknown hosts.
    public let apiURL: String?

    /// Parses a repository URL and resolves its provider and API URL.
    ///
    /// - Parameters:
    ///   - input: the URL or absolute path; surrounding white space is ignored.
    ///   - provider: the `--provider` value (an id or alias, any case), or `nil`.
    ///   - apiURL: the `--api-url` value, or `nil`.
    /// - Throws: ``RepositoryURLError`` naming the offending part.
    public init(parsing input: String, provider: String? = nil, apiURL: String? = nil) throws(RepositoryURLError) {
        var requested: GitProvider?
        if let provider {
            guard let known = GitProvider(id: provider) else {
                let ids = GitProvider.allCases.map(\.id).joined(separator: ", ")
                throw RepositoryURLError(.invalidProvider, "unknown --provider '\(Display.safe(provider))'; use one of: \(ids)")
            }
            requested = known
        }
        self = try URLParser(input: input, provider: requested, apiURL: apiURL).parse()
    }

    /// Parses a repository URL with an already-resolved provider.
    public init(parsing input: String, provider: GitProvider?, apiURL: String? = nil) throws(RepositoryURLError) {
        self = try URLParser(input: input, provider: provider, apiURL: apiURL).parse()
    }

    init(
        input: String, scheme: Scheme, isSCPLike: Bool, username: String?, host: String?, port: Int?,
        repository: String, cloneURL: String, path: String, ref: String?, provider: GitProvider?, apiURL: String?
    ) {
        self.input = input
        self.scheme = scheme
        self.isSCPLike = isSCPLike
        self.username = username
        self.host = host
        self.port = port
        self.repository = repository
        self.cloneURL = cloneURL
        self.path = path
        self.ref = ref
        self.provider = provider
        self.apiURL = apiURL
    }

    /// True for `file://` URLs and absolute paths.
    public var isLocal: Bool { scheme == .file }

    /// The provider recorded in the registry: the provider, or `git` for file repositories.
    public var registryProvider: GitProvider? { provider ?? (isLocal ? .git : nil) }

    /// The canonical string for this URL: ``cloneURL``, then the path (after `/` when the clone
    /// URL ends in `.git`, else after the kustomize-style `//`), then `?ref=`. Parsing it gives
    /// back the same parts.
    public var canonicalString: String {
        var text = cloneURL
        if !path.isEmpty {
            let afterGit = URLParser.endsWithGitSuffix(cloneURL)
            let encoded = path.split(separator: "/").map { segment in
                let text = PercentEncoding.encode(String(segment), allowing: PercentEncoding.isPathSafe)
                // After `//`, a segment ending in `.git` would end the repository (rule 1): escape its `t`.
                guard !afterGit, URLParser.endsWithGitSuffix(text) else { return text }
                return text.dropLast() + (text.hasSuffix("t") ? "%74" : "%54")
            }
            text += (afterGit ? "/" : "//") + encoded.joined(separator: "/")
        }
        if let ref {
            text += "?ref=" + PercentEncoding.encode(ref) { PercentEncoding.isUnreserved($0) || $0 == UInt8(ascii: "/") }
        }
        return text
    }
}

extension RepositoryURL: CustomStringConvertible {
    /// The ``canonicalString``.
    public var description: String { canonicalString }
}

/// Making user input safe to show inside a one-line message: the one place where a value
/// given by a user (or read from a repository) is prepared for an error message.
public enum Display {
    /// The value with every control character (newline, NUL, ESC, …), line or paragraph
    /// separator (U+2028, U+2029) and invisible format character (zero-width joiners, bidi
    /// overrides, byte order mark) written as `\u{…}` and cut after `limit` characters, followed
    /// by `…(N bytes)` giving the whole value's size. Also what keeps a value in a generated
    /// comment on its line (`limit: .max`, nothing cut).
    ///
    /// ```swift
    /// Display.safe("a\nb")                          // "a\\u{a}b"
    /// Display.safe(String(repeating: "9", count: 100_000))
    ///                                                // 80 nines, then "…(100000 bytes)"
    /// ```
    public static func safe(_ text: some StringProtocol, limit: Int = 80) -> String {
        var out = String.UnicodeScalarView()
        var count = 0
        for scalar in text.unicodeScalars {
            if count >= limit {
                return String(out) + "…(\(text.utf8.count) bytes)"
            }
            switch scalar.properties.generalCategory {
            case .control, .format, .lineSeparator, .paragraphSeparator:
                out.append(contentsOf: "\\u{\(String(scalar.value, radix: 16))}".unicodeScalars)
            default:
                out.append(scalar)
            }
            count += 1
        }
        return String(out)
    }
}
