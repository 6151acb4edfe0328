import ArgumentParser
import ISCKit

/// `iscctl parse <url>`: the parts of a repository URL, its provider and API URL.
struct Parse: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print the parts of a repository URL, its Git provider and API URL.",
        discussion: "URL grammar: <repo_url>[.git][/<path>][?ref=<branch>] (see Docs/repository-urls.md)."
    )

    @Argument(help: "The repository URL or absolute path.")
    var url: String

    @Option(help: ArgumentHelp("The Git provider, by id or alias, any case (default: detected from the host).", valueName: "provider"))
    var provider: GitProvider?

    @Option(name: .customLong("api-url"), help: "The provider's API URL (on-premises providers).")
    var apiURL: String?

    @Flag(help: "Print one JSON object.")
    var json = false

    func run() throws {
        let parsed = try RepositoryURL(parsing: url, provider: provider, apiURL: apiURL)
        print(json ? RepositoryURLOutput.json(parsed).rendered : RepositoryURLOutput.listing(parsed))
    }
}
