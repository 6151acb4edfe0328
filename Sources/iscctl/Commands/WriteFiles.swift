import ArgumentParser
import Foundation
import ISCKit

/// `iscctl write-files`: plumbing that writes files under the ISC root through the transaction
/// (fetch, change, commit, push, retry). Hidden from help: it exists to exercise and debug the
/// Git layer; the ISC commands are what users run.
struct WriteFiles: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "write-files",
        abstract: "Write or delete files under the repository path in one commit (plumbing).",
        shouldDisplay: false
    )

    @OptionGroup var repository: RepositoryOptions
    @OptionGroup var git: GitOptions
    @OptionGroup var output: OutputOptions

    @Option(name: .customLong("put"), help: ArgumentHelp("Write TEXT to PATH (relative to the URL's path).", valueName: "path=text"))
    var puts: [String] = []

    @Option(name: .customLong("delete"), help: ArgumentHelp("Delete PATH (relative to the URL's path).", valueName: "path"))
    var deletes: [String] = []

    func run() throws {
        let url = try repository.resolve()
        var changes = FileChanges()
        for item in puts {
            guard let equals = item.firstIndex(of: "=") else {
                throw ValidationError("--put takes path=text, got '\(item)'")
            }
            changes[try RepositoryPaths.join(url.path, String(item[..<equals]))] = Data(item[item.index(after: equals)...].utf8)
        }
        for item in deletes {
            changes[try RepositoryPaths.join(url.path, item)] = .some(nil)
        }
        let scratch = try ScratchFolder()
        let options = try git.transactionOptions(for: url, defaultMessage: "iscctl: write \(changes.count) file(s)", output: output, scratch: scratch)
        let result = try withExtendedLifetime(scratch) { try Transaction(url: url, options: options).run { _ in changes } }
        WriteResultOutput.print(result, json: output.json)
    }
}
