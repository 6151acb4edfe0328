import Foundation
import ISCKit
import ISCTestSupport
import Testing

/// Every file of each scenario, byte for byte against `Fixtures/golden/<scenario>/` (which holds
/// the repository as it would be, repository-relative paths included).
///
/// Regenerate with `ISC_UPDATE_GOLDEN=1 swift test --filter LayoutGolden`, then read the
/// changed files against spec section 5 before committing them.
@Suite("Layout golden files")
struct LayoutGoldenTests {
    static let update = ProcessInfo.processInfo.environment["ISC_UPDATE_GOLDEN"] == "1"

    @Test("the files of each scenario match the golden folder exactly (no file missing, none extra)", arguments: LayoutSamples.scenarios)
    func matchesGolden(_ scenario: LayoutSamples.Scenario) throws {
        let directory = TestPaths.fixture("golden/\(scenario.name)")
        let files = scenario.files()
        if Self.update {
            try? FileManager.default.removeItem(at: directory)
            try LayoutFiles.write(files, to: directory)
            return
        }
        let golden = try LayoutFiles.read(directory)
        #expect(!golden.isEmpty, "no golden files in \(directory.path); run with ISC_UPDATE_GOLDEN=1")
        #expect(Set(files.keys).subtracting(golden.keys).sorted() == [], "files written but not in the golden folder")
        #expect(Set(golden.keys).subtracting(files.keys).sorted() == [], "golden files no longer written")
        for (path, data) in files.sorted(by: { $0.key < $1.key }) {
            guard let expected = golden[path] else { continue }
            #expect(data == expected, "\(scenario.name)/\(path) differs:\n\(String(decoding: data, as: UTF8.self))")
        }
    }

    @Test("every golden scenario folder belongs to a scenario")
    func noStrayScenario() throws {
        guard !Self.update else { return }
        let names = try FileManager.default.contentsOfDirectory(atPath: TestPaths.fixture("golden").path)
        #expect(Set(names) == Set(LayoutSamples.scenarios.map(\.name)))
    }

    @Test("the scenarios cover each access mode, each auth type, root and sub-path, ref and HEAD, an extra cluster, three runtimes")
    func coverage() {
        let scenarios = LayoutSamples.scenarios
        let runtimes = scenarios.flatMap(\.registry.runtimes)
        #expect(Set(runtimes.map(\.accessMode.type)) == ["tunnel", "ingress", "service-mesh"])
        #expect(Set(runtimes.map(\.argoCD.auth.type)) == ["token", "password"])
        #expect(scenarios.contains { $0.url.path.isEmpty && $0.url.ref == nil })
        #expect(scenarios.contains { $0.url.path.isEmpty && $0.url.ref != nil })
        #expect(scenarios.contains { $0.url.path == "envs/prod" && $0.url.ref == "isc-branch" })
        #expect(scenarios.contains { $0.url.path == "envs/prod" && $0.url.ref == nil })
        #expect(scenarios.contains { !$0.extraClusters.isEmpty })
        #expect(scenarios.contains { $0.registry.runtimes.count == 3 })
        #expect(scenarios.contains { $0.registry.gitProvider.type == .git && $0.registry.gitProvider.apiURL == nil })
    }

    @Test("the golden isc.yaml files parse back into the scenario's registry")
    func goldenRegistriesParse() throws {
        for scenario in LayoutSamples.scenarios {
            let layout = ISCLayout(url: scenario.url)
            let text = try String(contentsOf: TestPaths.fixture("golden/\(scenario.name)/\(layout.registry)"), encoding: .utf8)
            #expect(try Registry.parse(text, source: layout.registry) == scenario.registry)
        }
    }
}
