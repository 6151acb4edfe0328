import Foundation
import ISCKit
import ISCTestSupport
import Testing

/// Runs every case of `Fixtures/repository-urls.json` through the built `iscctl parse --json`.
@Suite("iscctl parse")
struct ParseCommandTests {
    @Test("iscctl parse --json matches the corpus", arguments: URLCorpus.cases)
    func binaryMatchesCorpus(_ item: URLCorpusCase) throws {
        let result = try ProcessRunner.iscctl(item.arguments)
        if let expect = item.expect {
            #expect(result.status == 0, "stderr: \(result.stderr)")
            #expect(result.stderr.isEmpty)
            let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
            #expect(Set(object.keys) == Set(ExpectedParse.keys))
            let parsed = try JSONDecoder().decode(ExpectedParse.self, from: Data(result.stdout.utf8))
            #expect(parsed == expect)
            // Exactly one JSON object, on one line.
            #expect(result.stdout.split(separator: "\n").count == 1)
        } else if let expected = item.error {
            #expect(result.status == 2)
            let lines = result.stderr.split(separator: "\n", omittingEmptySubsequences: false).filter { !$0.isEmpty }
            #expect(lines.count == 1)
            #expect(result.stderr.hasPrefix("error: "))
            let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
            let error = try #require(object["error"] as? [String: Any])
            #expect(error["code"] as? String == expected.code)
            let message = try #require(error["message"] as? String)
            #expect(result.stderr == "error: \(message)\n")
            for part in expected.contains ?? [] {
                #expect(message.contains(part), "message '\(message)' lacks '\(part)'")
            }
            for secret in expected.excludes ?? [] {
                #expect(!result.stdout.contains(secret) && !result.stderr.contains(secret), "output leaks '\(secret)'")
            }
        }
    }

    @Test("without --json: an aligned listing of the same fields")
    func humanListing() throws {
        let result = try ProcessRunner.iscctl(["parse", "git@github.com:acme/isc.git/envs/prod?ref=main"])
        #expect(result.status == 0)
        let lines = result.stdout.split(separator: "\n").map(String.init)
        #expect(lines.map { $0.split(separator: " ").first.map(String.init) ?? "" } == ExpectedParse.keys)
        // Values start in the same column.
        let columns = Set(
            lines.map { line -> Int in
                let key = line.prefix { $0 != " " }
                return key.count + line.dropFirst(key.count).prefix { $0 == " " }.count
            })
        #expect(columns.count == 1)
        #expect(lines.contains { $0.hasPrefix("cloneURL") && $0.hasSuffix("git@github.com:acme/isc.git") })
        #expect(lines.contains { $0.hasPrefix("apiURL") && $0.hasSuffix("https://api.github.com") })
        #expect(lines.contains { $0.hasPrefix("port") && $0.hasSuffix(" -") })
    }

    @Test("an invalid URL without --json: exit 2, one error line, nothing on stdout")
    func plainError() throws {
        let result = try ProcessRunner.iscctl(["parse", "https://x-access-token:s3cr3t-canary@github.com/a/b.git"])
        #expect(result.status == 2)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.hasPrefix("error: ") && result.stderr.filter { $0 == "\n" }.count == 1)
        #expect(!result.stderr.contains("s3cr3t-canary"))
    }

    @Test("argument errors are invalid input: exit 2 and an error line (JSON object with --json)")
    func argumentErrors() throws {
        let missing = try ProcessRunner.iscctl(["parse"])
        #expect(missing.status == 2)
        #expect(missing.stderr.hasPrefix("error: "))
        let unknown = try ProcessRunner.iscctl(["parse", "https://github.com/a/b", "--json", "--bogus"])
        #expect(unknown.status == 2)
        #expect(unknown.stdout.contains("\"code\": \"invalid-arguments\""))
        #expect(unknown.stderr == "error: Unknown option '--bogus' (see 'iscctl parse --help')\n", "\(unknown.stderr)")
        // An unknown command keeps the usage hint on its one line: the commands there are.
        let command = try ProcessRunner.iscctl(["bogus"])
        #expect(command.status == 2)
        #expect(
            command.stderr.hasPrefix("error: unknown command 'bogus' (commands: parse, init, add-runtime, update-runtime, ")
                && command.stderr.hasSuffix("; see 'iscctl --help')\n") && command.stderr.filter { $0 == "\n" }.count == 1, "\(command.stderr)")
    }

    @Test("--version names iscctl and the linked libgit2 with its features")
    func version() throws {
        let result = try ProcessRunner.iscctl(["--version"])
        #expect(result.status == 0)
        let line = result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(line == "iscctl \(ISCKitVersion.string) (\(LibGit2.versionDescription))")
        #expect(line.hasPrefix("iscctl \(ISCKitVersion.string) (libgit2 \(LibGit2.version.major).\(LibGit2.version.minor)."))
        #expect(line.contains("https") && line.contains("ssh") && line.contains("threads"))
    }
}
