import Foundation
import ISCKit

/// One case of `Fixtures/repository-urls.json`.
public struct URLCorpusCase: Decodable, Sendable, CustomStringConvertible {
    /// A unique description.
    public let name: String
    /// The URL argument exactly as passed.
    public let input: String
    /// `--provider`, when passed.
    public let provider: String?
    /// `--api-url`, when passed.
    public let apiURL: String?
    /// The whole expected `parse --json` object, for a valid input.
    public let expect: ExpectedParse?
    /// The expected error, for an invalid input.
    public let error: ExpectedError?

    /// A short description, used in test names and failure messages.
    public var description: String { name }

    /// The `iscctl parse` arguments for this case.
    public var arguments: [String] {
        var args = ["parse", input, "--json"]
        if let provider { args += ["--provider", provider] }
        if let apiURL { args += ["--api-url", apiURL] }
        return args
    }
}

/// The `parse --json` object of spec section 3.
public struct ExpectedParse: Codable, Sendable, Equatable, CustomStringConvertible {
    /// The URL text given to the parser.
    public var input: String
    /// The expected scheme.
    public var scheme: String
    /// The expected user name.
    public var username: String?
    /// The expected host.
    public var host: String?
    /// The expected port.
    public var port: Int?
    /// The expected repository path.
    public var repository: String
    /// The expected clone URL.
    public var cloneURL: String
    /// The expected path inside the repository.
    public var path: String
    /// The expected ref.
    public var ref: String?
    /// The expected provider id.
    public var provider: String?
    /// The expected API URL.
    public var apiURL: String?

    /// An expectation with every field.
    public init(
        input: String, scheme: String, username: String?, host: String?, port: Int?, repository: String,
        cloneURL: String, path: String, ref: String?, provider: String?, apiURL: String?
    ) {
        self.input = input; self.scheme = scheme; self.username = username; self.host = host; self.port = port
        self.repository = repository; self.cloneURL = cloneURL; self.path = path; self.ref = ref
        self.provider = provider; self.apiURL = apiURL
    }

    /// A short description, used in test names and failure messages.
    public var description: String {
        "input=\(input) scheme=\(scheme) username=\(username ?? "nil") host=\(host ?? "nil") port=\(port.map(String.init) ?? "nil") repository=\(repository) cloneURL=\(cloneURL) path=\(path) ref=\(ref ?? "nil") provider=\(provider ?? "nil") apiURL=\(apiURL ?? "nil")"
    }

    /// The eleven keys, in the spec's order.
    public static let keys = ["input", "scheme", "username", "host", "port", "repository", "cloneURL", "path", "ref", "provider", "apiURL"]
}

/// An expected failure.
public struct ExpectedError: Decodable, Sendable {
    /// The error code, e.g. `invalid-ref`.
    public let code: String
    /// Substrings the message must contain.
    public let contains: [String]?
    /// Substrings the message and all output must not contain (secrets).
    public let excludes: [String]?
}

/// The corpus file.
public enum URLCorpus {
    struct File: Decodable { let cases: [URLCorpusCase] }

    /// All cases.
    public static let cases: [URLCorpusCase] = {
        do {
            let data = try Data(contentsOf: TestPaths.fixture("repository-urls.json"))
            return try JSONDecoder().decode(File.self, from: data).cases
        } catch {
            fatalError("cannot read Fixtures/repository-urls.json: \(error)")
        }
    }()
}

extension ExpectedParse {
    /// The object `iscctl parse --json` prints for `url`.
    public init(_ url: RepositoryURL) {
        self.init(
            input: url.input, scheme: url.scheme.rawValue, username: url.username, host: url.host, port: url.port,
            repository: url.repository, cloneURL: url.cloneURL, path: url.path, ref: url.ref,
            provider: url.provider?.id, apiURL: url.apiURL)
    }
}
