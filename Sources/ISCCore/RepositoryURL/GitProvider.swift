/// A Git hosting provider, as in the provider table of spec section 3.
///
/// The raw value is the canonical provider id that `isc.yaml` and JSON output use.
public enum GitProvider: String, CaseIterable, Sendable, Hashable, Codable {
    /// GitHub (github.com).
    case github
    /// GitLab (gitlab.com).
    case gitlab
    /// Bitbucket Cloud (bitbucket.org). Input alias: `bitbucket-cloud`.
    case bitbucket
    /// Azure DevOps Services (dev.azure.com, ssh.dev.azure.com, *.visualstudio.com). Input alias: `azure`.
    case azureDevOps = "azure-devops"
    /// GitHub Enterprise Server, on a host of its own.
    case githubEnterprise = "github-enterprise"
    /// A self-managed GitLab server.
    case gitlabServer = "gitlab-server"
    /// Bitbucket Data Center (formerly Bitbucket Server). Input alias: `bitbucket-server`.
    case bitbucketDatacenter = "bitbucket-datacenter"
    /// A Gitea server.
    case gitea
    /// A plain Git server (git daemon, gitolite, http-backend, sshd) or a file repository: no API.
    case git

    /// Looks up a provider by its id or one of its input aliases, ignoring case.
    ///
    /// ```swift
    /// GitProvider(id: "Azure")          // .azureDevOps
    /// GitProvider(id: "bitbucket-server") // .bitbucketDatacenter
    /// ```
    public init?(id: String) {
        let key = id.lowercased()
        if let provider = GitProvider(rawValue: key) {
            self = provider
            return
        }
        switch key {
        case "bitbucket-cloud": self = .bitbucket
        case "azure": self = .azureDevOps
        case "bitbucket-server": self = .bitbucketDatacenter
        default: return nil
        }
    }

    /// The canonical id, e.g. `azure-devops`.
    public var id: String { rawValue }

    /// The ids a user may type for this provider besides ``id``.
    public var aliases: [String] {
        switch self {
        case .bitbucket: return ["bitbucket-cloud"]
        case .azureDevOps: return ["azure"]
        case .bitbucketDatacenter: return ["bitbucket-server"]
        default: return []
        }
    }

    /// True for the hosted (cloud) providers, which are detected from the host name and whose
    /// API URL is fixed.
    public var isCloud: Bool {
        switch self {
        case .github, .gitlab, .bitbucket, .azureDevOps: return true
        default: return false
        }
    }

    /// For a cloud provider, the id to use for the same product on a server of one's own
    /// (`gitlab` → `gitlab-server`); `nil` when there is none.
    public var onPremisesCounterpart: GitProvider? {
        switch self {
        case .github: return .githubEnterprise
        case .gitlab: return .gitlabServer
        case .bitbucket: return .bitbucketDatacenter
        default: return nil
        }
    }

    /// The providers that can serve an arbitrary host given with `--provider`.
    public static let onPremises: [GitProvider] = [.githubEnterprise, .gitlabServer, .bitbucketDatacenter, .gitea, .git]

    /// The cloud provider a host name belongs to, or `nil` for any other host.
    ///
    /// `host` must already be lower-cased.
    public static func detect(host: String) -> GitProvider? {
        switch host {
        case "github.com": return .github
        case "gitlab.com": return .gitlab
        case "bitbucket.org": return .bitbucket
        case "dev.azure.com", "ssh.dev.azure.com": return .azureDevOps
        default:
            if host.hasSuffix(".visualstudio.com"), host.count > ".visualstudio.com".count {
                return .azureDevOps
            }
            return nil
        }
    }

    /// The fixed API URL of a cloud provider other than Azure DevOps (whose URL names the
    /// organization); `nil` for the others.
    var fixedCloudAPIURL: String? {
        switch self {
        case .github: return "https://api.github.com"
        case .gitlab: return "https://gitlab.com/api/v4"
        case .bitbucket: return "https://api.bitbucket.org/2.0"
        default: return nil
        }
    }

    /// The API path appended to `<server>` for on-premises providers.
    var onPremisesAPIPath: String? {
        switch self {
        case .githubEnterprise: return "/api/v3"
        case .gitlabServer: return "/api/v4"
        case .gitea: return "/api/v1"
        case .bitbucketDatacenter: return ""
        default: return nil
        }
    }
}
