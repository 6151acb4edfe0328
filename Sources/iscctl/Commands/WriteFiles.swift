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

    @OptionGroup var context: ISCContext

    @Option(name: .customLong("put"), help: ArgumentHelp("Write TEXT to PATH (relative to the URL's path).", valueName: "path=text"))
    var puts: [String] = []

    @Option(name: .customLong("delete"), help: ArgumentHelp("Delete PATH (relative to the URL's path).", valueName: "path"))
    var deletes: [String] = []

    func run() throws {
        // Checked before anything is cloned; joined with the URL's path inside the transaction.
        var relative: [(String, Data?)] = []
        for item in puts {
            guard let equals = item.firstIndex(of: "=") else {
                throw ValidationError("--put takes path=text, got '\(item)'")
            }
            relative.append((String(item[..<equals]), Data(item[item.index(after: equals)...].utf8)))
        }
        relative += deletes.map { ($0, nil) }
        for (path, data) in relative {
            do {
                _ = try RepositoryPaths.join("", path)
            } catch let error as OperationError {
                throw OperationError.invalidInput(error.code, "\(data == nil ? "--delete" : "--put"): \(error.message)")
            }
        }
        let result = try context.write(message: "iscctl: write \(relative.count) file(s)") { [relative] operations, _ in
            var changes = FileChanges()
            for (path, data) in relative { changes[try RepositoryPaths.join(operations.url.path, path)] = .some(data) }
            return changes
        }
        WriteResultOutput.print(result, json: context.output.json)
    }
}
