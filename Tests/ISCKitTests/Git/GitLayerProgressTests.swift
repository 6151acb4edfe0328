import Foundation
import Testing

@testable import ISCKit

/// The phases a push reports through ``RemoteOptions/progress``: packing (libgit2's
/// deltification), then sending, each reaching its total; never a packing report as `.push`
/// (which drew iscctl's "Writing objects" line twice).
@Suite("GitLayer progress phases")
struct GitLayerProgressTests {
    @Test("a push reports .packing up to its total, then .push up to its total, and nothing after")
    func pushPhases() throws {
        let dir = try GitLayerFixtures.temporaryDirectory()
        defer { GitLayerFixtures.remove(dir) }
        let remotePath = try GitLayerFixtures.makeBareRemote(in: dir)
        let local = try Repository.createBare(at: dir + "/cache.git")
        let files: [String: Data?] = Dictionary(uniqueKeysWithValues: (1...12).map { ("f\($0).yaml", GitLayerFixtures.data("value: \($0)\n")) })
        let commit = try GitLayerFixtures.commit(local, parent: nil, files, message: "files")

        final class Reports: @unchecked Sendable { var all: [TransferProgress] = [] }
        let reports = Reports()
        try local.push(
            url: "file://" + remotePath, commit: commit, branch: "main",
            options: RemoteOptions(progress: { reports.all.append($0) }))
        #expect(GitLayerFixtures.cliTip(remotePath, "main") == commit.hex)

        let phases = reports.all.map(\.direction)
        let firstPush = try #require(phases.firstIndex(of: .push), "\(phases)")
        // Packing first, then sending only: the phases do not interleave.
        #expect(firstPush > 0 && phases[..<firstPush].allSatisfy { $0 == .packing } && phases[firstPush...].allSatisfy { $0 == .push }, "\(phases)")
        // 12 blobs, a tree, a commit.
        let packed = reports.all.filter { $0.direction == .packing }
        let sent = reports.all.filter { $0.direction == .push }
        #expect(packed.allSatisfy { $0.totalObjects == 14 } && packed.last?.completedObjects == 14, "\(packed)")
        #expect(sent.allSatisfy { $0.totalObjects == 14 } && sent.last?.completedObjects == 14, "\(sent)")
        #expect(sent.map(\.completedObjects) == sent.map(\.completedObjects).sorted())
    }
}
