import ArgumentParser
import Foundation
import ISCKit

/// What the commands that write take: which repository, how to reach it, the commit, how to print.
struct ISCContext: ParsableArguments {
    @OptionGroup(title: "Repository") var repository: RepositoryOptions
    @OptionGroup(title: "Connection, credentials and trust") var git: GitOptions
    @OptionGroup(title: "Commit and push") var commit: CommitOptions
    @OptionGroup(title: "Output") var output: OutputOptions

    /// Runs a write: `check` runs before anything is cloned (invalid input fails fast), `compute`
    /// is the pure operation, re-run by the transaction after a rejected push; it gets the
    /// operations set for the branch written and the remote's HEAD (``TargetRevision``).
    func write(
        message: String, check: (ISCOperations) throws -> Void = { _ in },
        _ compute: @escaping (ISCOperations, TreeSnapshot) throws -> FileChanges
    ) throws -> Transaction.Result {
        let url = try repository.resolve()
        let operations = ISCOperations(url: url)
        try check(operations)
        let options = try git.transactionOptions(for: url, defaultMessage: message, json: output.json, commit: commit)
        return try Transaction(url: url, options: options).run(operations, compute)
    }
}

/// What the read-only commands (`list`, `helm-values`, `validate`) take: no commit, no dry run.
struct ReadContext: ParsableArguments {
    @OptionGroup(title: "Repository") var repository: RepositoryOptions
    @OptionGroup(title: "Connection, credentials and trust") var git: GitOptions
    @OptionGroup(title: "Output") var output: OutputOptions

    /// Runs a read of the branch's current files, with the operations set for the branch read and
    /// the remote's HEAD.
    func read<T>(_ body: (ISCOperations, TreeSnapshot) throws -> T) throws -> T {
        let url = try repository.resolve()
        let operations = ISCOperations(url: url)
        let options = try git.transactionOptions(for: url, defaultMessage: "", json: output.json, commit: nil)
        return try Transaction(url: url, options: options).read(operations, body)
    }
}

/// `--api-key-secret` and `--argocd-version`: how the printed install refers to the platform API
/// key and the Argo CD version it is checked against (neither is stored).
struct InstallOptions {
    var apiKeySecret: String?
    var argocdVersion: String?

    init(_ apiKey: APIKeySecretOption, _ version: ArgoCDVersionOption) {
        apiKeySecret = apiKey.apiKeySecret
        argocdVersion = version.argocdVersion
    }

    func secret() throws -> SecretKeyRef? {
        try apiKeySecret.map { try SecretKeyRef(parsing: $0, flag: "--api-key-secret") }
    }

    /// `--argocd-version`, parsed (exit 2 when malformed).
    func argoCDVersion() throws -> ArgoCDVersion? {
        try argocdVersion.map { try ArgoCDVersion(parsing: $0) }
    }

    /// Checks `--argocd-version`, if given, against the chart `settings` pin: exit 2 for an
    /// unsupported pair; a note on stderr when the pair cannot be checked.
    func checkCompatibility(_ settings: RuntimeSettings) throws {
        guard let version = try argoCDVersion() else { return }
        if let note = try ChartCompatibility.check(chart: settings.chartVersion, argoCD: version) {
            Console.error("note: \(note)")
        }
    }
}

/// Prints a write's result and, after a real run, the install command.
enum WriteReport {
    static func print(_ result: Transaction.Result, context: ISCContext, install: HelmInstall? = nil) {
        WriteResultOutput.print(result, json: context.output.json)
        guard let install, !context.output.json, !context.commit.dryRun else { return }
        Swift.print("")
        let key = install.apiKeySecret.map { "secret \($0.name), key \($0.key)" } ?? "$\(HelmInstall.apiKeyVariable)"
        Swift.print("Before you install, create the secrets it refers to (\(install.secretReferences.map(\.name).joined(separator: ", "))) and see the Argo CD")
        Swift.print("account prerequisites: iscctl helm-values --runtime \(install.settings.name) --format secrets")
        Swift.print("")
        Swift.print(install.chartNote + ".")
        Swift.print(install.gitCredentialsNote + ".")
        Swift.print("")
        Swift.print("Install runtime '\(install.settings.name)' next to Argo CD (the platform API key comes from \(key)):")
        Swift.print(install.command())
    }
}
