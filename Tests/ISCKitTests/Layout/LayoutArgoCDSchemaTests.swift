import Foundation
import ISCKit
import ISCTestSupport
import Testing

/// Every Application we write validates against Argo CD's Application CRD schema, checked by
/// `Tests/Tools/validate-argocd-app --strict` against `Fixtures/argocd/application-crd.yaml`
/// (python3 with PyYAML and jsonschema; both kept in this repository). The check itself is shown
/// to fail on broken manifests.
@Suite("Layout Argo CD schema")
struct LayoutArgoCDSchemaTests {
    static let tool = TestPaths.packageRoot.appendingPathComponent("Tests/Tools/validate-argocd-app")

    func validate(_ files: [URL]) throws -> ProcessResult {
        #expect(FileManager.default.isExecutableFile(atPath: Self.tool.path), "missing \(Self.tool.path)")
        return try ProcessRunner.run(Self.tool, ["--strict"] + files.map(\.path))
    }

    /// The golden Applications: every `.yaml` under `Fixtures/golden` (both layouts) other than
    /// `isc.yaml` and the layout v2 runtime files.
    func goldenApplications() throws -> [URL] {
        let root = TestPaths.fixture("golden")
        return try LayoutFiles.read(root).keys.sorted()
            .filter { $0.hasSuffix(".yaml") && !$0.hasSuffix("/isc.yaml") && !$0.hasSuffix("/" + RuntimeFile.fileName) }
            .map { root.appendingPathComponent($0) }
    }

    @Test("every golden Application validates (strict)")
    func goldenApplicationsValidate() throws {
        let files = try goldenApplications()
        #expect(files.count == 28)
        let result = try validate(files)
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.components(separatedBy: ": OK").count - 1 == files.count, "\(result.stdout)")
    }

    @Test("freshly generated Applications validate (strict): hostile URLs, names, namespaces, servers")
    func generatedApplicationsValidate() throws {
        let directory = try LayoutFiles.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        var rng = SeededGenerator(seed: 0x15C_A770)
        var files: [String: Data] = [:]
        for index in 0..<60 {
            let url = LayoutSamples.repositoryURL(&rng)
            let runtime = LayoutSamples.runtime(&rng, name: LayoutSamples.runtimeName(&rng))
            let server = rng.pick(["https://kubernetes.default.svc", "https://10.0.0.1:6443", "https://[fd00::1]:6443", "https://k8s.example.com/a,b?c=#d"])
            for cluster in runtime.clusters {
                let text = ApplicationManifest.yaml(runtime: runtime, cluster: cluster, server: server, url: url)
                files["\(index)/\(cluster).yaml"] = Data(text.utf8)
            }
            // The whole set an ISC gets, too.
            for (path, data) in ISCFiles(url: url).initialFiles(
                registry: Registry(gitProvider: .init(type: .git, apiURL: nil), configRuntime: runtime.name, runtimes: [runtime]), includeReadme: false)
            where path.hasSuffix(".yaml") && !path.hasSuffix("isc.yaml") && !path.hasSuffix("/" + RuntimeFile.fileName) {
                files["\(index)/set/\(path)"] = data
            }
        }
        try LayoutFiles.write(files, to: directory)
        let urls = files.keys.sorted().map { directory.appendingPathComponent($0) }
        let result = try validate(urls)
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.components(separatedBy: ": OK").count - 1 == urls.count)
    }

    @Test(
        "the check fails on broken manifests",
        arguments: [
            ("a boolean that is a string", "      prune: true\n", "      prune: \"true\"\n"),
            ("an unknown field (strict)", "  project: default\n", "  project: default\n  sourcez: {}\n"),
            ("a list where a mapping belongs", "  destination:\n", "  destination: []\n  destinationx:\n"),
            ("directory.recurse as a string", "      recurse: true\n", "      recurse: \"yes\"\n"),
        ])
    func brokenManifestFails(_ name: String, _ original: String, _ broken: String) throws {
        let directory = try LayoutFiles.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let good = ApplicationManifest.inCluster(runtime: LayoutSamples.defaultRuntime, url: LayoutSamples.url("https://github.com/acme/isc.git"))
        #expect(good.contains(original), "\(name): the sample no longer contains \(original)")
        let file = directory.appendingPathComponent("broken.yaml")
        try Data(good.replacingOccurrences(of: original, with: broken).utf8).write(to: file)
        let result = try validate([file])
        #expect(result.status == 1, "\(name): \(result.stdout)\(result.stderr)")
        #expect(result.stdout.contains("INVALID"), "\(name): \(result.stdout)")
    }
}
