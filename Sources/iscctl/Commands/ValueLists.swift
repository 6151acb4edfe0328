import ArgumentParser
import ISCKit

// The options that take one of a closed set of values are typed: the argument parser lists the
// values, each with a line saying what it means, in `--help` and the man page, offers them in the
// completion scripts, and refuses any other value before anything runs (exit 2,
// `invalid-arguments`, one line naming the valid values and the command's `--help`). The library
// stays the one source of each list: `--provider` and `--format` are its enums, `--access-mode`
// and `--argocd-auth` are enums here whose values a test holds equal to
// ``RuntimeUpdate/accessModes`` and ``RuntimeUpdate/authTypes`` (which the library checks itself).
// `defaultValueDescription` stays the value itself (it is what `(default: ...)` shows).

/// A closed set of values whose `--help` lists each value with what it means.
public protocol DescribedValues: CaseIterable, ExpressibleByArgument, RawRepresentable<String> {
    /// What the value means, one line.
    var meaning: String { get }
}

extension DescribedValues {
    /// The value shown as the default in help.
    public var defaultValueDescription: String { rawValue }

    /// Every accepted value, for help and completions.
    public static var allValueStrings: [String] { allCases.map(\.rawValue) }

    /// Each value with its one-line meaning, for help and the man page.
    public static var allValueDescriptions: [String: String] {
        Dictionary(uniqueKeysWithValues: allCases.map { ($0.rawValue, $0.meaning) })
    }
}

/// `--access-mode`: how the platform reaches the runtime (``RuntimeUpdate/accessModes``).
enum AccessModeValue: String, DescribedValues {
    case tunnel
    case ingress
    case serviceMesh = "service-mesh"

    var meaning: String {
        switch self {
        case .tunnel: "through a tunnel the runtime opens; needs --account-id"
        case .ingress: "through an ingress; needs --ingress-host and --ingress-class"
        case .serviceMesh: "at --ingress-url, through a service mesh"
        }
    }
}

/// `--argocd-auth`: how the runtime authenticates to Argo CD (``RuntimeUpdate/authTypes``).
enum ArgoCDAuthValue: String, DescribedValues {
    case token
    case password

    var meaning: String {
        switch self {
        case .token: "an Argo CD API token; needs --argocd-token-secret"
        case .password: "user and password; needs --argocd-password-secret, takes --argocd-username"
        }
    }
}

/// `--provider`: a provider id or input alias, in any case (``GitProvider/init(id:)``). `--help`,
/// the man page and the error list the ids; completion offers the aliases too.
extension GitProvider: DescribedValues {
    /// Parses one value from the command line; `nil` when it is not one of the values.
    public init?(argument: String) {
        self.init(id: argument)
    }

    /// The values offered by shell completion.
    public static var defaultCompletionKind: CompletionKind {
        .list(allCases.flatMap { [$0.id] + $0.aliases })
    }

    /// What the value means, one line.
    public var meaning: String {
        let what =
            switch self {
            case .github: "github.com"
            case .gitlab: "gitlab.com"
            case .bitbucket: "bitbucket.org"
            case .azureDevOps: "dev.azure.com, ssh.dev.azure.com, *.visualstudio.com"
            case .githubEnterprise: "GitHub Enterprise Server"
            case .gitlabServer: "a self-managed GitLab"
            case .bitbucketDatacenter: "Bitbucket Data Center"
            case .gitea: "a Gitea server"
            case .git: "a plain Git server or a file repository (no API)"
            }
        return aliases.isEmpty ? what : "\(what) (alias: \(aliases.joined(separator: ", ")))"
    }
}

/// `helm-values --format`.
extension HelmInstall.Format: DescribedValues {
    /// What the value means, one line.
    public var meaning: String {
        switch self {
        case .command: "a helm upgrade --install command"
        case .values: "a values.yaml for the chart"
        case .terraform: "a Terraform helm_release resource"
        case .secrets: "a script that creates the Kubernetes secrets the install refers to"
        }
    }
}

/// The error code of a value outside an enumerated option's list: the code the library gives the
/// same mistake (`invalid-provider` for `--provider`, `invalid-setting` for the others), so that
/// typing the options changed no code a script may match.
enum EnumeratedOptions {
    /// Each enumerated option with its code and type.
    static let all: [(flag: String, code: String, type: any ExpressibleByArgument.Type)] = [
        ("--provider", "invalid-provider", GitProvider.self),
        ("--access-mode", "invalid-setting", AccessModeValue.self),
        ("--argocd-auth", "invalid-setting", ArgoCDAuthValue.self),
        ("--format", "invalid-setting", HelmInstall.Format.self),
    ]

    /// For arguments the parser refused: the code of the one enumerated option whose value is
    /// outside its list, when that is the only thing wrong, i.e. the arguments parse once that
    /// value is replaced by a valid one; else `nil` (the parser's `invalid-arguments`). Decided
    /// from the arguments and the parser, not from the wording of its message.
    static func code(forRefused arguments: [String]) -> String? {
        var repaired = arguments
        var found: [String] = []
        for index in repaired.indices {
            let argument = repaired[index]
            if argument == "--" { break }
            for option in all {
                if argument == option.flag, index + 1 < repaired.count {
                    let value = repaired[index + 1]
                    guard !value.hasPrefix("-"), option.type.init(argument: value) == nil else { continue }
                    repaired[index + 1] = option.type.allValueStrings[0]
                    found.append(option.code)
                } else if argument.hasPrefix(option.flag + "=") {
                    let value = String(argument.dropFirst(option.flag.count + 1))
                    guard option.type.init(argument: value) == nil else { continue }
                    repaired[index] = option.flag + "=" + option.type.allValueStrings[0]
                    found.append(option.code)
                }
            }
        }
        guard found.count == 1, (try? Iscctl.parseAsRoot(repaired)) != nil else { return nil }
        return found[0]
    }
}
