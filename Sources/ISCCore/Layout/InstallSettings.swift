/// The Git credentials the runtime itself uses (spec section 7, `--git-runtime-user` and
/// `--git-runtime-token-secret NAME:KEY`): the chart's `global.runtime.gitCredentials`. The
/// chart says "Runtime is not fully functional without those credentials". Only a reference to
/// the Kubernetes secret that holds the token is stored, never the token.
public struct GitRuntimeCredentials: Sendable, Hashable {
    /// The Git user name; `nil` leaves the chart's default (a token in the password needs no
    /// user name on most providers).
    public var username: String?
    /// The secret holding the Git token (the password).
    public var passwordSecretKeyRef: SecretKeyRef

    /// Credentials with an optional user name and the token's secret.
    public init(username: String? = nil, passwordSecretKeyRef: SecretKeyRef) {
        self.username = username
        self.passwordSecretKeyRef = passwordSecretKeyRef
    }

    /// The environment variable that holds the Git token for `helm-values --format secrets`.
    public static let tokenVariable = "GIT_RUNTIME_TOKEN"

    /// Where ``tokenScopes(for:)`` comes from.
    public static let tokenScopesSource = "https://codefresh.io/docs/docs/security/git-tokens/"

    /// What a Git runtime token needs on `provider`, for the install output and the docs: the
    /// scopes Codefresh's "Git tokens for GitOps" page (``tokenScopesSource``) lists for Git
    /// Runtime tokens. Providers that page does not list
    /// get what a clone, a push and webhooks need there, marked as such.
    public static func tokenScopes(for provider: GitProvider) -> String {
        switch provider {
        case .github, .githubEnterprise:
            return "repo, admin:repo_hook (a classic token; a fine-grained one needs the permissions that page lists)"
        case .gitlab, .gitlabServer:
            return "api, read_repository"
        case .bitbucket, .bitbucketDatacenter:
            return "Account: Read; Workspace membership: Read; Webhooks: Read and write; Repositories: Write, Admin"
        case .azureDevOps:
            return "Code: Read & write (not listed by Codefresh's page; what a clone and a push need)"
        case .gitea:
            return "repository: Read and Write (not listed by Codefresh's page; what a clone, a push and webhooks need)"
        case .git:
            return "read and write access to the repository (a plain Git server has no token scopes)"
        }
    }
}

/// A chart version `X.Y.Z` (`--chart-version`), as Helm's `--version` and Terraform's `version`
/// take it.
public struct ChartVersion: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The major version.
    public var major: Int
    /// The minor version.
    public var minor: Int
    /// The patch version.
    public var patch: Int

    /// A version.
    public init(major: Int, minor: Int, patch: Int) {
        self.major = major
        self.minor = minor
        self.patch = patch
    }

    /// Parses `X.Y.Z` (decimal numbers without leading zeros); `nil` for anything else, such as a
    /// Helm range (`^0.26`), a leading `v` or a pre-release suffix.
    public init?(_ text: String) {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        let numbers = parts.compactMap { VersionNumber.parse($0) }
        guard parts.count == 3, numbers.count == 3 else { return nil }
        self.init(major: numbers[0], minor: numbers[1], patch: numbers[2])
    }

    /// Parses `--chart-version`: an invalid input (exit 2) unless `X.Y.Z` at or above the
    /// oldest line of ``ChartCompatibility/table``.
    public init(parsing text: String) throws(OperationError) {
        guard let version = ChartVersion(text) else {
            throw .invalidInput("invalid-setting", "--chart-version '\(Display.safe(text))' must be a chart version X.Y.Z, such as 0.26.3")
        }
        try version.validate()
        self = version
    }

    /// Refuses a version older than the oldest line of ``ChartCompatibility/table``: those charts
    /// read the Argo CD settings from `global.external-argo-cd`, so the values iscctl prints
    /// would not reach them.
    public func validate() throws(OperationError) {
        let oldest = ChartCompatibility.table[0].charts.lowerBound
        guard (major, minor) >= (oldest.major, oldest.minor) else {
            throw .invalidInput(
                "invalid-setting",
                "--chart-version \(self) is older than \(oldest.major).\(oldest.minor).0: iscctl's install values (global.integrations.argo-cd) need chart \(oldest.major).\(oldest.minor) or later"
            )
        }
    }

    /// `X.Y.Z`.
    public var description: String { "\(major).\(minor).\(patch)" }

    /// Orders by major, minor, patch.
    public static func < (lhs: ChartVersion, rhs: ChartVersion) -> Bool {
        (lhs.major, lhs.minor, lhs.patch) < (rhs.major, rhs.minor, rhs.patch)
    }
}

/// An Argo CD minor version `X.Y` (`--argocd-version`); compatibility is decided per minor.
public struct ArgoCDVersion: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The major version.
    public var major: Int
    /// The minor version.
    public var minor: Int

    /// A version.
    public init(_ major: Int, _ minor: Int) {
        self.major = major
        self.minor = minor
    }

    /// Parses `--argocd-version`: `X.Y`, also `X.Y.Z` and a leading `v` as `argocd version`
    /// prints them (`v3.0.6+1a2b3c4` is 3.0). An invalid input (exit 2) otherwise.
    public init(parsing text: String) throws(OperationError) {
        var rest = Substring(text)
        if rest.first == "v" { rest = rest.dropFirst() }
        if let plus = rest.firstIndex(of: "+") { rest = rest[..<plus] }
        let parts = rest.split(separator: ".", omittingEmptySubsequences: false)
        let numbers = parts.compactMap { VersionNumber.parse($0) }
        guard (2...3).contains(parts.count), numbers.count == parts.count else {
            throw .invalidInput("invalid-setting", "--argocd-version '\(Display.safe(text))' must be an Argo CD version X.Y, such as 3.0")
        }
        self.init(numbers[0], numbers[1])
    }

    /// `X.Y`.
    public var description: String { "\(major).\(minor)" }

    /// Orders by major, then minor.
    public static func < (lhs: ArgoCDVersion, rhs: ArgoCDVersion) -> Bool {
        (lhs.major, lhs.minor) < (rhs.major, rhs.minor)
    }
}

/// Which Argo CD versions each line of the `gitops-runtime` chart supports, and the check of
/// `--argocd-version` against it. This table is the only place that knows it.
public enum ChartCompatibility {
    /// One line of the table: chart minors (`0.26`…`0.28`, patch ignored) and the Argo CD
    /// minors they support, both ends included.
    public struct Line: Sendable, Hashable {
        /// The first and last chart minor of the line (patch 0 in both).
        public var charts: ClosedRange<ChartVersion>
        /// The oldest and newest supported Argo CD minor.
        public var argoCD: ClosedRange<ArgoCDVersion>

        /// True when `chart`'s minor is in this line.
        public func contains(_ chart: ChartVersion) -> Bool {
            let minor = ChartVersion(major: chart.major, minor: chart.minor, patch: 0)
            return charts.contains(minor)
        }

        /// `0.26.x–0.28.x` or `0.29.x`.
        public var chartsDescription: String {
            let low = "\(charts.lowerBound.major).\(charts.lowerBound.minor).x"
            let high = "\(charts.upperBound.major).\(charts.upperBound.minor).x"
            return low == high ? low : "\(low)–\(high)"
        }

        /// `Argo CD 3.0 to 3.2`.
        public var argoCDDescription: String { "Argo CD \(argoCD.lowerBound) to \(argoCD.upperBound)" }
    }

    /// The gitops-runtime chart's Argo CD compatibility, oldest line first, as the chart's
    /// compatibility table states it (quoted in issue 8; chart repository
    /// codefresh-io/gitops-runtime-helm, `charts/gitops-runtime`): 0.24.x and 0.25.x support
    /// Argo CD 2.12 to 3.0; 0.26.x, 0.27.x and 0.28.x support 3.0 to 3.2; 0.29.x supports 3.1 to
    /// 3.3. Update it here (and in Docs/helm-install.md) when a chart line is released.
    public static let table: [Line] = [
        Line(
            charts: ChartVersion(major: 0, minor: 24, patch: 0)...ChartVersion(major: 0, minor: 25, patch: 0),
            argoCD: ArgoCDVersion(2, 12)...ArgoCDVersion(3, 0)),
        Line(
            charts: ChartVersion(major: 0, minor: 26, patch: 0)...ChartVersion(major: 0, minor: 28, patch: 0),
            argoCD: ArgoCDVersion(3, 0)...ArgoCDVersion(3, 2)),
        Line(
            charts: ChartVersion(major: 0, minor: 29, patch: 0)...ChartVersion(major: 0, minor: 29, patch: 0),
            argoCD: ArgoCDVersion(3, 1)...ArgoCDVersion(3, 3)),
    ]

    /// The line `chart` belongs to, or `nil` when it is newer than every line.
    public static func line(of chart: ChartVersion) -> Line? {
        table.first { $0.contains(chart) }
    }

    /// Checks an Argo CD version against the chart the install pins (`chart`), or, unpinned,
    /// against the newest line (what an unpinned install gets today).
    ///
    /// - Returns: a note for the user when the pair could not be checked (a chart newer than the
    ///   table), else `nil`.
    /// - Throws: an invalid input (exit 2, `unsupported-argocd-version`) naming the supported
    ///   range and the chart lines that would support `argoCD`.
    public static func check(chart: ChartVersion?, argoCD: ArgoCDVersion) throws(OperationError) -> String? {
        let supporting = table.filter { $0.argoCD.contains(argoCD) }.map(\.chartsDescription)
        let advice =
            supporting.isEmpty
            ? "no gitops-runtime chart line supports it (the table covers Argo CD \(table.map(\.argoCD.lowerBound).min()!) to \(table.map(\.argoCD.upperBound).max()!))"
            : "chart \(supporting.joined(separator: " or ")) supports it: pin one with --chart-version"
        guard let chart else {
            let newest = table[table.count - 1]
            guard newest.argoCD.contains(argoCD) else {
                throw .invalidInput(
                    "unsupported-argocd-version",
                    "--argocd-version \(argoCD): the chart is not pinned, so the newest chart is installed, and its line \(newest.chartsDescription) supports \(newest.argoCDDescription); \(advice)"
                )
            }
            return nil
        }
        guard let line = line(of: chart) else {
            return
                "chart \(chart) is newer than iscctl's compatibility table (up to \(table[table.count - 1].chartsDescription)): Argo CD \(argoCD) was not checked"
        }
        guard line.argoCD.contains(argoCD) else {
            throw .invalidInput(
                "unsupported-argocd-version",
                "--argocd-version \(argoCD) is not supported by chart \(chart): chart \(line.chartsDescription) supports \(line.argoCDDescription); \(advice)")
        }
        return nil
    }
}

/// A decimal version component: digits only, no leading zero (but `0` itself), at most 9 digits.
enum VersionNumber {
    static func parse(_ text: Substring) -> Int? {
        guard !text.isEmpty, text.count <= 9, text.unicodeScalars.allSatisfy({ ("0"..."9").contains($0) }),
            text == "0" || text.first != "0"
        else { return nil }
        return Int(text)
    }
}
