import Foundation
import Testing

@testable import ISCCore
@testable import ISCKit

@Suite("GitLayer large tree")
struct GitLayerLargeTreeTests {
    /// 50,000 files in 500 directories, written in batches with writeTree; then two files change.
    /// Prints the times; asserts only correctness.
    @Test func fiftyThousandFilesChangeTwo() throws {
        let dir = try GitLayerFixtures.temporaryDirectory()
        defer { GitLayerFixtures.remove(dir) }
        let repo = try Repository.createBare(at: dir + "/big.git")
        let clock = ContinuousClock()

        var tree: ObjectID?
        let build = try clock.measure {
            for batch in 0..<10 {
                var changes: [String: Data?] = [:]
                for file in 0..<5_000 {
                    let n = batch * 5_000 + file
                    changes["runtimes/r\(n / 100)/cluster-\(n % 100).yaml"] = Data("name: c\(n)\nserver: https://k8s-\(n).example\n".utf8)
                }
                tree = try repo.writeTree(base: tree, changes: changes)
            }
        }
        let base = try repo.createCommit(
            tree: tree!, parents: [], author: GitLayerFixtures.author,
            committer: GitLayerFixtures.author, message: "50k files")
        #expect(try repo.allFilePaths(ofCommit: base).count == 50_000)

        var changedCommit: ObjectID?
        let change = try clock.measure {
            let newTree = try repo.writeTree(
                base: base,
                changes: [
                    "runtimes/r7/cluster-3.yaml": Data("changed\n".utf8),
                    "runtimes/r499/cluster-99.yaml": nil,
                ])
            changedCommit = try repo.createCommit(
                tree: newTree, parents: [base], author: GitLayerFixtures.author,
                committer: GitLayerFixtures.author, message: "change two")
        }
        let changed = try #require(changedCommit)
        #expect(try repo.blob(at: "runtimes/r7/cluster-3.yaml", inCommit: changed) == Data("changed\n".utf8))
        #expect(try repo.blob(at: "runtimes/r499/cluster-99.yaml", inCommit: changed) == nil)
        #expect(try repo.blob(at: "runtimes/r7/cluster-4.yaml", inCommit: changed) != nil)
        let diff = try GitLayerFixtures.git(["--git-dir=\(dir)/big.git", "diff", "--name-status", base.hex, changed.hex])
        #expect(diff == "D\truntimes/r499/cluster-99.yaml\nM\truntimes/r7/cluster-3.yaml\n")

        print(
            "GitLayer large tree: wrote 50,000 files in 10 writeTree batches in \(build); "
                + "changing 2 files (writeTree + createCommit) took \(change)")
    }
}
