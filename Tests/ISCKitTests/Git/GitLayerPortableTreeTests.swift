import Foundation
import Testing

@testable import ISCCore
@testable import ISCKit

/// The tree writer's final guard: nothing non-portable is added, no two names of a folder
/// differ only in case; deleting is always allowed.
@Suite("GitLayer portable tree guard")
struct GitLayerPortableTreeTests {
    @Test("non-portable additions are a conflict (exit 3) and write nothing; case collisions too; deletions pass")
    func guardRefusesNonPortableAdditions() throws {
        let dir = try GitLayerFixtures.temporaryDirectory()
        defer { GitLayerFixtures.remove(dir) }
        let repo = try Repository.createBare(at: dir + "/r.git")
        let base = try repo.writeTree(base: nil, changes: ["envs/a.yaml": Data("a".utf8), "x/README.md": Data("r".utf8)])
        for path in [
            "envs/nul.yaml", "envs/.git./x", "envs/git~1/x", "envs/.g\u{200C}it/x", "envs/.gitmodules", "x/.GitAttributes ",
            "envs/a:b", "envs/a.", String(repeating: "s", count: 256), Array(repeating: String(repeating: "d", count: 250), count: 17).joined(separator: "/"),
        ] {
            let error = try #require(throws: OperationError.self, "\(path.prefix(60))") {
                try repo.writeTree(base: base, changes: [path: Data("x".utf8)])
            }
            #expect(error.code == "non-portable-path" && error.category == .conflict, "\(error.message)")
            #expect(error.message.utf8.count < 600)
        }
        for (path, existing) in [("Envs/b.yaml", "envs"), ("envs/A.yaml", "envs/a.yaml"), ("x/readme.md", "x/README.md")] {
            let error = try #require(throws: OperationError.self, "\(path)") {
                try repo.writeTree(base: base, changes: [path: Data("x".utf8)])
            }
            #expect(error.code == "path-case-conflict" && error.category == .conflict && error.message.contains(existing), "\(error.message)")
        }
        // Two new names of one change that collide with each other (NFC and NFD spellings of one
        // name are one key of a Swift dictionary already, so they cannot both be in a change).
        #expect(throws: OperationError.self) { try repo.writeTree(base: base, changes: ["n/Value": Data(), "n/value": Data()]) }
        #expect(throws: OperationError.self) { try repo.writeTree(base: base, changes: ["envs/\u{E9}t\u{E9}": Data(), "envs/\u{C9}T\u{C9}": Data()]) }
        // Rewriting a name that is there, replacing a name by its case variant, and deleting are fine.
        _ = try repo.writeTree(base: base, changes: ["envs/a.yaml": Data("new".utf8)])
        _ = try repo.writeTree(base: base, changes: ["envs/a.yaml": nil, "envs/A.yaml": Data("x".utf8)])
        let legacy = try repo.writeTree(base: nil, changes: ["keep": Data()])
        _ = try repo.writeTree(base: legacy, changes: ["keep": nil])
    }
}
