import Foundation
import ISCTestSupport
import Testing

/// `Docs/library.md`'s example: another Swift package that embeds ISCCore and ISCKit, built and run here.
@Suite("Library example")
struct LibraryExampleTests {
    static let example = TestPaths.packageRoot.appendingPathComponent("Examples/EmbedISCKit")

    @Test("Docs/library.md shows the example's code unchanged")
    func docsMatchExample() throws {
        let doc = try String(contentsOf: TestPaths.packageRoot.appendingPathComponent("Docs/library.md"), encoding: .utf8)
        for file in ["Package.swift", "Sources/PlanWithISCCore/main.swift", "Sources/EmbedISCKit/main.swift"] {
            let code = try String(contentsOf: Self.example.appendingPathComponent(file), encoding: .utf8)
            #expect(doc.contains("```swift\n" + code.trimmingCharacters(in: .newlines) + "\n```"), "\(file) differs from Docs/library.md")
        }
    }

    @Test("the example package builds against ISCCore alone and ISCKit, plans in memory and initializes a local bare repository")
    func buildAndRun() throws {
        var build = try ProcessRunner.tool("swift", ["build", "--package-path", Self.example.path])
        if build.status != 0 {
            // SwiftPM 6.3 can plan the example's build from a stale description of its path
            // dependency (this package): after files were added to ISCCore or ISCKit it compiles
            // the old file list and fails, even twice. Drop the build description and plan again;
            // a real error fails again.
            for stale in [".build/debug.yaml", ".build/build.db"] {
                try? FileManager.default.removeItem(at: Self.example.appendingPathComponent(stale))
            }
            build = try ProcessRunner.tool("swift", ["build", "--package-path", Self.example.path])
        }
        #expect(build.status == 0, "\(build.stdout)\(build.stderr)")
        // ISCCore alone: plans init in memory, and libgit2 is not linked into it.
        let plan = try ProcessRunner.run(Self.example.appendingPathComponent(".build/debug/PlanWithISCCore"), [])
        #expect(plan.status == 0, "\(plan.stderr)")
        #expect(plan.stdout.hasPrefix("gitops/README.md\ngitops/isc.yaml\n"))
        #expect(plan.stdout.contains("gitops/runtimes/codefresh/in-cluster.yaml\n"))
        #expect(plan.stdout.contains("helm upgrade --install cf-gitops-runtime"))
        let linked = try ProcessRunner.tool("ldd", [Self.example.appendingPathComponent(".build/debug/PlanWithISCCore").path])
        #expect(linked.status == 0 && !linked.stdout.contains("libgit2"), "\(linked.stdout)")
        let embedded = try ProcessRunner.tool("ldd", [Self.example.appendingPathComponent(".build/debug/EmbedISCKit").path])
        #expect(embedded.stdout.contains("libgit2"), "the ISCKit example should link libgit2: \(embedded.stdout)")
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("isc-example-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: scratch) }
        let bare = scratch.appendingPathComponent("isc.git")
        let created = try ProcessRunner.tool("git", ["init", "-q", "--bare", "--initial-branch=main", bare.path])
        #expect(created.status == 0)
        let binary = Self.example.appendingPathComponent(".build/debug/EmbedISCKit")
        let run = try ProcessRunner.run(binary, [bare.path + "/gitops"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.hasPrefix("pushed: true, commit: "))
        #expect(run.stdout.contains("helm upgrade --install cf-gitops-runtime"))
        let tree = try ProcessRunner.tool("git", ["--git-dir=\(bare.path)", "ls-tree", "-r", "--name-only", "main"])
        #expect(tree.stdout.contains("gitops/isc.yaml\n") && tree.stdout.contains("gitops/runtimes/codefresh/in-cluster.yaml\n"))
        let author = try ProcessRunner.tool("git", ["--git-dir=\(bare.path)", "log", "-1", "--format=%an", "main"])
        #expect(author.stdout == "Embedding Tool\n")
        // A second run changes nothing.
        let again = try ProcessRunner.run(binary, [bare.path + "/gitops"])
        #expect(again.stdout.hasPrefix("pushed: false, commit: none, changed: 0 file(s)"))
    }
}
