import Foundation
import ISCKit
import ISCTestSupport
import Testing

/// Runs every case of `Fixtures/repository-urls.json` through the library.
@Suite("Repository URL corpus (library)")
struct URLCorpusLibraryTests {
    @Test("the corpus is large, its names unique, each case valid or an error, every expected object complete")
    func corpusIsWellFormed() throws {
        let cases = URLCorpus.cases
        #expect(cases.count >= 80)
        #expect(Set(cases.map(\.name)).count == cases.count)
        for item in cases {
            #expect((item.expect == nil) != (item.error == nil), "\(item.name): needs exactly one of expect / error")
        }
        // Every expected object carries all eleven keys, null included.
        let raw = try JSONSerialization.jsonObject(with: Data(contentsOf: TestPaths.fixture("repository-urls.json"))) as! [String: Any]
        for item in raw["cases"] as! [[String: Any]] {
            if let expect = item["expect"] as? [String: Any] {
                #expect(Set(expect.keys) == Set(ExpectedParse.keys), "\(item["name"] ?? "?")")
            }
        }
        // Both outcomes are represented in quantity.
        #expect(cases.filter { $0.error != nil }.count >= 30)
        #expect(cases.filter { $0.expect != nil }.count >= 40)
    }

    @Test("library parse matches the corpus", arguments: URLCorpus.cases)
    func libraryMatchesCorpus(_ item: URLCorpusCase) {
        do {
            let url = try RepositoryURL(parsing: item.input, provider: item.provider, apiURL: item.apiURL)
            guard let expect = item.expect else {
                Issue.record("expected \(item.error!.code), got \(ExpectedParse(url))")
                return
            }
            #expect(ExpectedParse(url) == expect)
            // The canonical string parses back into the same parts (as scripts/fuzz.sh checks).
            let canonical = url.canonicalString
            let again = try? RepositoryURL(parsing: canonical, provider: url.provider, apiURL: item.apiURL)
            #expect(
                again.map(ExpectedParse.init)
                    == {
                        var parts = expect; parts.input = canonical; return parts
                    }(), "\(canonical)")
        } catch {
            guard let expected = item.error else {
                Issue.record("expected success, got \(error.code): \(error.message)")
                return
            }
            #expect(error.code == expected.code, "\(error.message)")
            #expect(error.category == .invalidInput)
            #expect(!error.message.contains("\n"))
            for part in expected.contains ?? [] {
                #expect(error.message.contains(part), "message '\(error.message)' lacks '\(part)'")
            }
            for secret in expected.excludes ?? [] {
                #expect(!error.message.contains(secret), "message leaks '\(secret)'")
            }
        }
    }
}
