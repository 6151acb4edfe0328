#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The syntactic pieces of the part before `?`, before the repository/path split.
struct Locator {
    var scheme: RepositoryURL.Scheme
    var isSCPLike = false
    /// The user info as written (no `:` in it).
    var userinfo: Substring?
    /// The user name, percent-decoded.
    var username: String?
    /// Lower-cased, no brackets.
    var host: String?
    /// Only a non-default port.
    var port: Int?
    /// Repository and path, one leading `/` and all trailing `/` removed.
    var rest: Substring
    /// scp-like: the part after `:` started with `/`.
    var scpAbsolute = false
    /// A `file://` URL rather than an absolute path.
    var isFileURL = false

    /// `host` as written in a URL: IPv6 literals in brackets.
    var hostInURL: String? {
        guard let host else { return nil }
        return host.contains(":") ? "[\(host)]" : host
    }
}

/// Parses one input; see ``RepositoryURL/init(parsing:provider:apiURL:)``.
struct URLParser {
    typealias Failure = RepositoryURLError

    let input: String
    let provider: GitProvider?
    let apiURL: String?

    static let maxPathBytes = 1024

    func parse() throws(Failure) -> RepositoryURL {
        let text = Self.trimmed(input)
        guard !text.isEmpty else { throw Failure(.invalidURL, "the repository URL is empty") }
        // The rules below find `/`, `?`, `#`, `@`, `:` ... as Characters: a combining mark would
        // join one to the next character and hide it (a query or fragment in the clone URL).
        if let joined = text.first(where: Self.hidesDelimiter) {
            throw Failure(.invalidURL, "a combining mark after '\(joined.unicodeScalars.first!)' is not allowed in the repository URL")
        }

        // Split off the fragment and the query first, in every form.
        let hashIndex = text.firstIndex(of: "#")
        let beforeFragment = text[..<(hashIndex ?? text.endIndex)]
        let questionIndex = beforeFragment.firstIndex(of: "?")
        let locatorText = beforeFragment[..<(questionIndex ?? beforeFragment.endIndex)]
        let query = questionIndex.map { beforeFragment[beforeFragment.index(after: $0)...] }

        let locator = try Self.locate(locatorText, whole: text)
        if let hashIndex {
            let fragment = text[text.index(after: hashIndex)...]
            throw Failure(.invalidQuery, "a '#\(Display.safe(fragment, limit: 40))' fragment is not allowed in the repository URL")
        }
        let ref = try Self.parseQuery(query)

        // The provider is needed before the split (Bitbucket Data Center's `scm` rule).
        let resolvedProvider = try resolveProvider(locator)
        let (repositoryPart, pathPart) = try Self.split(locator.rest, host: locator.host, provider: resolvedProvider)
        try Self.validateRepository(repositoryPart, locator: locator)
        let path = try Self.normalizePath(pathPart)
        let resolvedAPIURL = try resolveAPIURL(locator, provider: resolvedProvider, repositoryPart: repositoryPart)

        let repository: String
        let cloneURL: String
        switch locator.scheme {
        case .file:
            repository = "/" + repositoryPart
            cloneURL = "file://" + repository
        default:
            repository = Self.endsWithGitSuffix(repositoryPart) ? String(repositoryPart.dropLast(4)) : String(repositoryPart)
            let user = Self.userInURL(locator)
            if locator.isSCPLike {
                cloneURL = user + locator.hostInURL! + ":" + (locator.scpAbsolute ? "/" : "") + repositoryPart
            } else {
                let port = locator.port.map { ":\($0)" } ?? ""
                cloneURL = "\(locator.scheme.rawValue)://" + user + locator.hostInURL! + port + "/" + repositoryPart
            }
        }
        return RepositoryURL(
            input: input, scheme: locator.scheme, isSCPLike: locator.isSCPLike, username: locator.username,
            host: locator.host, port: locator.port, repository: repository, cloneURL: cloneURL, path: path,
            ref: ref, provider: resolvedProvider, apiURL: resolvedAPIURL)
    }

    // MARK: - Forms

    static func trimmed(_ text: String) -> Substring {
        let scalars = text.unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })!
        return Substring(scalars[first...last])
    }

    /// True for an ASCII punctuation character with a combining mark attached (one Character).
    static func hidesDelimiter(_ character: Character) -> Bool {
        let scalars = character.unicodeScalars
        guard scalars.count > 1, let first = scalars.first, (0x21...0x7E).contains(first.value) else { return false }
        return !first.properties.isAlphabetic && !("0"..."9").contains(first)
    }

    static func hasWhitespace(_ text: Substring) -> Bool {
        text.unicodeScalars.contains { $0.properties.isWhitespace }
    }

    static func hasControl(_ text: Substring) -> Bool {
        text.unicodeScalars.contains { $0.properties.generalCategory == .control }
    }

    /// Recognizes the form of the part before `?` and takes it apart.
    static func locate(_ text: Substring, whole: Substring) throws(Failure) -> Locator {
        if let schemeEnd = text.range(of: "://"), isSchemeName(text[..<schemeEnd.lowerBound]) {
            let name = text[..<schemeEnd.lowerBound].lowercased()
            guard let scheme = RepositoryURL.Scheme(rawValue: name) else {
                throw Failure(
                    .invalidURL,
                    "unsupported scheme '\(Display.safe(name))://'; use https, http, ssh, git or file, an scp-like user@host:path, or an absolute path")
            }
            if scheme == .file {
                return try locateFileURL(text[schemeEnd.upperBound...])
            }
            try rejectWhitespace(whole)
            return try locateURL(scheme: scheme, text[schemeEnd.upperBound...])
        }
        if text.hasPrefix("/") {
            return Locator(scheme: .file, rest: stripSlashes(text.dropFirst()))
        }
        let colon = text.firstIndex(of: ":")
        let slash = text.firstIndex(of: "/")
        if let colon, slash.map({ colon < $0 }) ?? true {
            let before = text[..<colon].lowercased()
            let head = text[..<(slash ?? text.endIndex)]
            if !head.contains("@"), RepositoryURL.Scheme(rawValue: before) != nil || ["ftp", "ftps", "rsync"].contains(before) {
                throw Failure(.invalidURL, "malformed URL: expected '\(before)://' after the scheme name")
            }
            try rejectWhitespace(whole)
            return try locateSCP(text)
        }
        throw Failure(.invalidURL, "not a repository URL: use https://, http://, ssh://, git://, file://, user@host:path or an absolute path")
    }

    static func isSchemeName(_ text: Substring) -> Bool {
        guard let first = text.unicodeScalars.first, ("a"..."z").contains(first) || ("A"..."Z").contains(first) else {
            return false
        }
        return text.unicodeScalars.allSatisfy { scalar in
            ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar) || scalar == "+" || scalar == "-" || scalar == "."
        }
    }

    static func rejectWhitespace(_ text: Substring) throws(Failure) {
        if hasWhitespace(text) {
            throw Failure(.invalidURL, "white space inside the URL is not allowed")
        }
        if hasControl(text) {
            throw Failure(.invalidURL, "a control character inside the URL is not allowed")
        }
    }

    /// Removes all trailing `/` (the caller removes the single leading one).
    static func stripSlashes(_ text: Substring) -> Substring {
        var end = text.endIndex
        while end > text.startIndex, text[text.index(before: end)] == "/" {
            end = text.index(before: end)
        }
        return text[..<end]
    }

    static func locateFileURL(_ afterScheme: Substring) throws(Failure) -> Locator {
        let slash = afterScheme.firstIndex(of: "/") ?? afterScheme.endIndex
        let authority = afterScheme[..<slash]
        if authority.contains("@") {
            if authority.contains(":") { throw credentials() }
            throw Failure(.invalidURL, "a file URL takes no user name")
        }
        guard authority.isEmpty || authority.lowercased() == "localhost" else {
            throw Failure(.invalidURL, "a file URL must name a local path (file:///path), not the host '\(Display.safe(authority))'")
        }
        let path = afterScheme[slash...]
        guard !path.isEmpty else { throw Failure(.invalidRepository, "the file URL has no path") }
        return Locator(scheme: .file, rest: stripSlashes(path.dropFirst()), isFileURL: true)
    }

    static func credentials() -> Failure {
        Failure(
            .credentialsInURL, "the URL contains a password or token in its user info; remove it and pass the token through ISC_GIT_TOKEN or --git-token-file")
    }

    /// Splits user info from `host[:port]` and validates both.
    static func locateURL(scheme: RepositoryURL.Scheme, _ afterScheme: Substring) throws(Failure) -> Locator {
        let slash = afterScheme.firstIndex(of: "/") ?? afterScheme.endIndex
        let authority = afterScheme[..<slash]
        var locator = Locator(scheme: scheme, rest: "")
        var hostPort = authority
        if let at = authority.lastIndex(of: "@") {
            let userinfo = authority[..<at]
            try setUser(userinfo, on: &locator)
            if scheme == .git {
                throw Failure(.invalidURL, "a git:// URL takes no user name")
            }
            hostPort = authority[authority.index(after: at)...]
        }
        let (host, portText) = try splitHostPort(hostPort)
        locator.host = host
        if let portText {
            guard !portText.isEmpty, portText.utf8.count <= 5, portText.utf8.allSatisfy(Self.isASCIIDigit), let port = Int(portText), (1...65535).contains(port)
            else {
                throw Failure(.invalidURL, "invalid port '\(Display.safe(portText, limit: 12))': use a number from 1 to 65535")
            }
            locator.port = port == scheme.defaultPort ? nil : port
        }
        let path = afterScheme[slash...]
        locator.rest = stripSlashes(path.isEmpty ? path : path.dropFirst())
        return locator
    }

    /// Takes apart `[user@]host:path`.
    static func locateSCP(_ text: Substring) throws(Failure) -> Locator {
        let head = text[..<(text.firstIndex(of: "/") ?? text.endIndex)]
        var locator = Locator(scheme: .ssh, isSCPLike: true, rest: "")
        var hostStart = text.startIndex
        // The user info ends at the last `@` that still has the host's `:` after it.
        if let at = head.indices.reversed().first(where: { head[$0] == "@" && head[head.index(after: $0)...].contains(":") }) {
            try setUser(text[..<at], on: &locator)
            hostStart = text.index(after: at)
        }
        let remainder = text[hostStart...]
        let hostText: Substring
        let afterColon: Substring
        if remainder.hasPrefix("[") {
            guard let close = remainder.firstIndex(of: "]") else {
                throw Failure(.invalidURL, "unterminated '[' in the host")
            }
            let next = remainder.index(after: close)
            guard next < remainder.endIndex, remainder[next] == ":" else {
                throw Failure(.invalidURL, "an scp-like URL needs ':' after the host")
            }
            hostText = remainder[...close]
            afterColon = remainder[remainder.index(after: next)...]
        } else {
            guard let colon = remainder.firstIndex(of: ":") else {
                throw Failure(.invalidURL, "an scp-like URL needs ':' after the host")
            }
            hostText = remainder[..<colon]
            afterColon = remainder[remainder.index(after: colon)...]
        }
        let (host, port) = try splitHostPort(hostText)
        guard port == nil else { throw Failure(.invalidURL, "an scp-like URL cannot carry a port; use ssh://host:port/path") }
        locator.host = host
        if let firstSegment = afterColon.split(separator: "/").first, firstSegment.contains("@") {
            throw Failure(.invalidURL, "ambiguous '@' after ':' in an scp-like URL; write it as ssh://user@host/path")
        }
        locator.scpAbsolute = afterColon.hasPrefix("/")
        locator.rest = stripSlashes(locator.scpAbsolute ? afterColon.dropFirst() : afterColon)
        return locator
    }

    /// The user info is percent-decoded before the credentials rule applies: a `:` in the
    /// decoded user info (`user%3Apassword@`) is a password, refused like a plain one. No message
    /// repeats any of the user info: it may hold a secret.
    static func setUser(_ userinfo: Substring, on locator: inout Locator) throws(Failure) {
        if userinfo.contains(":") { throw credentials() }
        guard !userinfo.isEmpty else { throw Failure(.invalidURL, "empty user name before '@'") }
        guard let name = PercentEncoding.decode(userinfo) else {
            throw Failure(.invalidURL, "malformed percent-escape or invalid UTF-8 in the user name")
        }
        if name.contains(":") { throw credentials() }
        guard !hasControl(name[...]) else {
            throw Failure(.invalidURL, "a control character (also percent-encoded, such as %0D, %0A or %00) in the user name is not allowed")
        }
        guard !name.isEmpty else { throw Failure(.invalidURL, "empty user name before '@'") }
        guard !name.hasPrefix("-") else { throw Failure(.invalidURL, "a user name must not start with '-'") }
        locator.userinfo = userinfo
        locator.username = name
    }

    /// The user info as the clone URL (and every Application's `repoURL`) carries it: as
    /// written, except that an `@` inside it is written `%40` in URL forms, so that the host is
    /// unambiguous. The scp-like form is not percent-decoded by ssh and keeps the user as written.
    static func userInURL(_ locator: Locator) -> String {
        guard let userinfo = locator.userinfo else { return "" }
        if locator.isSCPLike { return userinfo + "@" }
        return userinfo.split(separator: "@", omittingEmptySubsequences: false).joined(separator: "%40") + "@"
    }

    /// `host`, `host:port`, `[v6]`, `[v6]:port` → lower-cased host without brackets, port text.
    static func splitHostPort(_ text: Substring) throws(Failure) -> (String, Substring?) {
        var hostText: Substring
        var portText: Substring?
        if text.hasPrefix("[") {
            guard let close = text.firstIndex(of: "]") else { throw Failure(.invalidURL, "unterminated '[' in the host") }
            hostText = text[text.index(after: text.startIndex)..<close]
            let after = text[text.index(after: close)...]
            if !after.isEmpty {
                guard after.hasPrefix(":") else { throw Failure(.invalidURL, "unexpected text after the IPv6 host") }
                portText = after.dropFirst()
            }
            guard isIPv6(hostText) else {
                throw Failure(.invalidURL, "invalid IPv6 address '\(Display.safe(hostText))'")
            }
            return (hostText.lowercased(), portText)
        }
        if let colon = text.firstIndex(of: ":") {
            hostText = text[..<colon]
            portText = text[text.index(after: colon)...]
        } else {
            hostText = text
        }
        guard !hostText.isEmpty else { throw Failure(.invalidURL, "the URL has no host") }
        let valid = hostText.unicodeScalars.allSatisfy { scalar in
            ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar)
                || scalar == "-" || scalar == "." || scalar == "_"
        }
        guard valid else { throw Failure(.invalidURL, "invalid host '\(Display.safe(hostText))': only letters, digits, '-', '.' and '_'") }
        guard !hostText.hasPrefix("-"), !hostText.hasPrefix(".") else {
            throw Failure(.invalidURL, "invalid host '\(Display.safe(hostText))': must not start with '-' or '.'")
        }
        return (hostText.lowercased(), portText)
    }

    static func isIPv6(_ text: Substring) -> Bool {
        guard !text.isEmpty, text.unicodeScalars.allSatisfy({ $0.properties.isASCIIHexDigit || $0 == ":" || $0 == "." }) else {
            return false
        }
        var address = in6_addr()
        return String(text).withCString { inet_pton(AF_INET6, $0, &address) } == 1
    }

    // MARK: - Query

    static func parseQuery(_ query: Substring?) throws(Failure) -> String? {
        guard let query, !query.isEmpty else { return nil }
        var ref: String?
        for piece in query.split(separator: "&", omittingEmptySubsequences: false) {
            guard !piece.isEmpty else { throw Failure(.invalidQuery, "empty piece in the query ('&&' or a trailing '&'); only 'ref=<branch>' is allowed") }
            let equals = piece.firstIndex(of: "=")
            let key = piece[..<(equals ?? piece.endIndex)]
            guard key == "ref" else {
                throw Failure(.invalidQuery, "unknown query key '\(Display.safe(key, limit: 40))'; only 'ref' is allowed")
            }
            guard ref == nil else { throw Failure(.invalidQuery, "'ref' is given more than once in the query") }
            let raw = equals.map { piece[piece.index(after: $0)...] } ?? ""
            guard !raw.isEmpty else { throw Failure(.invalidRef, "empty 'ref' in the query: give a branch name or leave out '?ref='") }
            guard let value = PercentEncoding.decode(raw) else {
                throw Failure(.invalidRef, "malformed percent-escape or invalid UTF-8 in 'ref'")
            }
            if let violation = BranchName.violation(in: value) {
                throw Failure(.invalidRef, "invalid ref '\(Display.safe(value))': \(violation)")
            }
            ref = value
        }
        return ref
    }

    // MARK: - Repository and path

    static func endsWithGitSuffix(_ text: some StringProtocol) -> Bool {
        let last = text.split(separator: "/", omittingEmptySubsequences: false).last ?? ""
        return last.count > 4 && last.lowercased().hasSuffix(".git")
    }

    /// Where the repository ends (spec section 2, rules 1 to 5).
    static func split(_ rest: Substring, host: String?, provider: GitProvider?) throws(Failure) -> (Substring, Substring) {
        let segments = rest.split(separator: "/", omittingEmptySubsequences: false)
        func cut(after index: Int) -> (Substring, Substring) {
            let endOfRepository = segments[index].endIndex
            let pathStart = index + 1 < segments.count ? segments[index + 1].startIndex : rest.endIndex
            return (rest[rest.startIndex..<endOfRepository], rest[pathStart...])
        }
        // 1. The first segment that ends in `.git` and is longer than `.git`.
        if let index = segments.firstIndex(where: { $0.count > 4 && $0.lowercased().hasSuffix(".git") }) {
            return cut(after: index)
        }
        // 2. Kustomize-style `//`.
        if let range = rest.range(of: "//") {
            return (rest[..<range.lowerBound], rest[range.upperBound...])
        }
        // 3. Azure DevOps `_git/<repository>`.
        if let index = segments.firstIndex(of: "_git") {
            guard index + 1 < segments.count, !segments[index + 1].isEmpty else {
                throw Failure(.invalidRepository, "'_git' must be followed by the repository name")
            }
            return cut(after: index + 1)
        }
        // 4. Hosts whose repositories have a fixed shape.
        if host == "github.com" || host == "bitbucket.org" {
            guard segments.count >= 2, !segments[0].isEmpty, !segments[1].isEmpty else {
                throw Failure(.invalidRepository, "a \(host!) repository is <owner>/<name>; the URL names only '\(Display.safe(rest))'")
            }
            return cut(after: 1)
        }
        if provider == .bitbucketDatacenter, let index = segments.firstIndex(of: "scm"), index + 2 < segments.count {
            return cut(after: index + 2)
        }
        // 5. The whole path is the repository.
        return (rest, rest[rest.endIndex...])
    }

    static func validateRepository(_ part: Substring, locator: Locator) throws(Failure) {
        guard !part.isEmpty else { throw Failure(.invalidRepository, "the URL names no repository") }
        // A local path is a file name, where '%' would be an ordinary character; but its clone
        // URL is a file URL, where '%' escapes (`/srv/a%41.git` would clone `/srv/aA.git`).
        let isAbsolutePath = locator.scheme == .file && !locator.isFileURL
        if isAbsolutePath, part.utf8.contains(UInt8(ascii: "%")) {
            throw Failure(.invalidRepository, "a '%' in a local repository path is not allowed; write the path as a file:// URL, '%' as %25")
        }
        if !isAbsolutePath, !PercentEncoding.isWellFormed(part) {
            throw Failure(.invalidURL, "malformed percent-escape in the repository part of the URL")
        }
        if locator.scheme == .file, hasControl(part) {
            throw Failure(.invalidRepository, "a control character in the repository path is not allowed")
        }
        // The URL is trimmed, so `file:///srv/x ` could not name the folder `x ` again.
        if locator.scheme == .file, part.unicodeScalars.last?.properties.isWhitespace == true {
            throw Failure(.invalidRepository, "a local repository path must not end in white space")
        }
        let segments = part.split(separator: "/", omittingEmptySubsequences: false)
        for segment in segments {
            guard !segment.isEmpty else {
                throw Failure(.invalidRepository, "empty segment ('//') in the repository path '\(Display.safe(part))'")
            }
            let decoded = PercentEncoding.decode(segment) ?? String(segment)
            if decoded == "." || decoded == ".." || decoded.lowercased() == ".git" {
                throw Failure(.invalidRepository, "repository path segment '\(Display.safe(segment))' is not allowed")
            }
        }
        if let host = locator.host, host == "github.com" || host == "bitbucket.org", segments.count != 2 {
            throw Failure(.invalidRepository, "a \(host) repository is <owner>/<name>, not '\(Display.safe(part))'")
        }
    }

    static func normalizePath(_ raw: Substring) throws(Failure) -> String {
        guard let decoded = PercentEncoding.decode(raw) else {
            throw Failure(.invalidPath, "malformed percent-escape or invalid UTF-8 in the path")
        }
        let segments = decoded.split(separator: "/")
        // Every segment becomes a folder name in the repository: the portable-path rule decides.
        for segment in segments {
            if let reason = PortablePath.violation(component: segment) {
                throw Failure(.invalidPath, "path segment '\(Display.safe(segment))' \(reason)")
            }
        }
        let path = segments.joined(separator: "/")
        guard path.utf8.count <= maxPathBytes else {
            throw Failure(.invalidPath, "the path is \(path.utf8.count) bytes long; at most \(maxPathBytes) are allowed")
        }
        return path
    }

    // MARK: - Provider and API URL

    func resolveProvider(_ locator: Locator) throws(Failure) -> GitProvider? {
        guard let host = locator.host else {
            if let provider, provider != .git {
                throw Failure(.invalidProvider, "a file repository takes no --provider but 'git' (got '\(provider.id)')")
            }
            return provider
        }
        if let detected = GitProvider.detect(host: host) {
            if let provider, provider != detected {
                throw Failure(.invalidProvider, "--provider \(provider.id) contradicts the host \(host), which is \(detected.id)")
            }
            return detected
        }
        if let provider, provider.isCloud {
            if let counterpart = provider.onPremisesCounterpart {
                throw Failure(
                    .invalidProvider, "--provider \(provider.id) is only for \(Self.cloudHosts(provider)); for \(host) use --provider \(counterpart.id)")
            }
            throw Failure(
                .invalidProvider, "--provider \(provider.id) is only for \(Self.cloudHosts(provider)); for \(host) use --provider git (a plain Git server)")
        }
        return provider
    }

    static func cloudHosts(_ provider: GitProvider) -> String {
        switch provider {
        case .github: return "github.com"
        case .gitlab: return "gitlab.com"
        case .bitbucket: return "bitbucket.org"
        default: return "dev.azure.com, ssh.dev.azure.com and *.visualstudio.com"
        }
    }

    func resolveAPIURL(_ locator: Locator, provider: GitProvider?, repositoryPart: Substring) throws(Failure) -> String? {
        let override = try apiURL.map { (text) throws(Failure) in try Self.normalizeAPIURL(text) }
        guard let host = locator.host else {
            if override != nil { throw Failure(.invalidAPIURL, "--api-url does not apply to a file repository") }
            return nil
        }
        guard let provider else {
            if override != nil {
                let ids = GitProvider.onPremises.filter { $0 != .git }.map(\.id).joined(separator: ", ")
                throw Failure(.invalidAPIURL, "--api-url needs --provider for the host \(host) (one of: \(ids))")
            }
            return nil
        }
        let derived: String?
        switch provider {
        case .git:
            if override != nil { throw Failure(.invalidAPIURL, "--api-url does not apply to --provider git (a plain Git server has no API)") }
            return nil
        case .azureDevOps:
            derived = "https://dev.azure.com/" + (try Self.azureOrganization(host: host, repositoryPart: repositoryPart))
        case .github, .gitlab, .bitbucket:
            derived = provider.fixedCloudAPIURL
        case .githubEnterprise, .gitlabServer, .gitea, .bitbucketDatacenter:
            var server: String
            switch locator.scheme {
            case .https, .http:
                server = "\(locator.scheme.rawValue)://" + locator.hostInURL! + (locator.port.map { ":\($0)" } ?? "")
            default:
                server = "https://" + locator.hostInURL!
            }
            if provider == .bitbucketDatacenter {
                let segments = repositoryPart.split(separator: "/", omittingEmptySubsequences: false)
                if let scm = segments.firstIndex(of: "scm"), scm > 0 {
                    server += "/" + segments[..<scm].joined(separator: "/")
                }
            }
            derived = server + provider.onPremisesAPIPath!
        }
        guard let override else { return derived }
        if provider.isCloud {
            guard override == derived else {
                throw Failure(.invalidAPIURL, "--api-url \(override) differs from \(host)'s API URL \(derived!)")
            }
            return derived
        }
        return override
    }

    static func azureOrganization(host: String, repositoryPart: Substring) throws(Failure) -> String {
        let segments = repositoryPart.split(separator: "/", omittingEmptySubsequences: false)
        if host == "dev.azure.com" {
            return String(segments[0])
        }
        if host == "ssh.dev.azure.com" || host == "vs-ssh.visualstudio.com" {
            guard segments.count >= 2, segments[0] == "v3" else {
                throw Failure(.invalidRepository, "an Azure DevOps ssh path is v3/<organization>/<project>/<repository>")
            }
            return String(segments[1])
        }
        return String(host.prefix { $0 != "." })
    }

    /// `--api-url`: absolute http(s), no user info, query or fragment; scheme and host
    /// lower-cased, default port and trailing `/` removed.
    static func normalizeAPIURL(_ raw: String) throws(Failure) -> String {
        let text = trimmed(raw)
        guard let schemeEnd = text.range(of: "://"), let scheme = RepositoryURL.Scheme(rawValue: text[..<schemeEnd.lowerBound].lowercased()),
            scheme == .https || scheme == .http
        else {
            throw Failure(.invalidAPIURL, "--api-url must be an absolute http:// or https:// URL")
        }
        if hasWhitespace(text) || hasControl(text) {
            throw Failure(.invalidAPIURL, "--api-url must not contain white space")
        }
        if text.contains("?") || text.contains("#") {
            throw Failure(.invalidAPIURL, "--api-url must not have a query or fragment")
        }
        let afterScheme = text[schemeEnd.upperBound...]
        let slash = afterScheme.firstIndex(of: "/") ?? afterScheme.endIndex
        let authority = afterScheme[..<slash]
        if authority.contains("@") {
            throw Failure(.invalidAPIURL, "--api-url must not contain a user name, password or token")
        }
        let host: String
        let portText: Substring?
        do throws(Failure) {
            (host, portText) = try splitHostPort(authority)
        } catch {
            throw Failure(.invalidAPIURL, "--api-url: \(error.message)")
        }
        var port = ""
        if let portText {
            guard !portText.isEmpty, portText.utf8.count <= 5, portText.utf8.allSatisfy(Self.isASCIIDigit), let number = Int(portText),
                (1...65535).contains(number)
            else {
                throw Failure(.invalidAPIURL, "--api-url has an invalid port")
            }
            if number != scheme.defaultPort { port = ":\(number)" }
        }
        let path = stripSlashes(afterScheme[slash...])
        let hostInURL = host.contains(":") ? "[\(host)]" : host
        return "\(scheme.rawValue)://\(hostInURL)\(port)\(path)"
    }
}

extension URLParser {
    static func isASCIIDigit(_ byte: UInt8) -> Bool { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) }
}
