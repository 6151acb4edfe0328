import Foundation
import ISCKit
import ISCTestSupport
import Testing

/// Every file of each scenario, byte for byte against `Fixtures/golden/<layout>/<scenario>/`
/// (which holds the repository as it would be, repository-relative paths included), in layout v2
/// (what iscctl writes) and layout v1 (what earlier versions wrote, still read and migrated).
///
/// Regenerate with `ISC_UPDATE_GOLDEN=1 swift test --filter LayoutGolden`, then read the
/// changed files against spec sections 5 and 7 before committing them.
@Suite("Layout golden files")
struct LayoutGoldenTests {
    static let update = ProcessInfo.processInfo.environment["ISC_UPDATE_GOLDEN"] == "1"

    struct Case: Sendable, CustomTestStringConvertible {
        var version: LayoutVersion
        var scenario: LayoutSamples.Scenario
        var folder: String { "golden/\(version == .v1 ? "v1" : "v2")/\(scenario.name)" }
        var testDescription: String { "\(version.rawValue) \(scenario.name)" }
    }

    static let cases = LayoutVersion.allCases.flatMap { version in LayoutSamples.scenarios.map { Case(version: version, scenario: $0) } }

    static func golden(_ version: LayoutVersion, _ scenario: LayoutSamples.Scenario) throws -> [String: Data] {
        try LayoutFiles.read(TestPaths.fixture(Case(version: version, scenario: scenario).folder))
    }

    @Test("the files of each scenario match the golden folder exactly (no file missing, none extra)", arguments: cases)
    func matchesGolden(_ item: Case) throws {
        let directory = TestPaths.fixture(item.folder)
        let files = item.scenario.files(item.version)
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
            #expect(data == expected, "\(item.folder)/\(path) differs:\n\(String(decoding: data, as: UTF8.self))")
        }
    }

    @Test("every golden scenario folder belongs to a scenario, in both layouts")
    func noStrayScenario() throws {
        guard !Self.update else { return }
        #expect(Set(try FileManager.default.contentsOfDirectory(atPath: TestPaths.fixture("golden").path)) == ["v1", "v2"])
        for layout in ["v1", "v2"] {
            let names = try FileManager.default.contentsOfDirectory(atPath: TestPaths.fixture("golden/\(layout)").path)
            #expect(Set(names) == Set(LayoutSamples.scenarios.map(\.name)))
        }
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

    @Test(
        "the golden registries parse back: v1 isc.yaml into the registry; v2 isc.yaml into the account and each runtime.yaml into its runtime",
        arguments: LayoutSamples.scenarios)
    func goldenRegistriesParse(_ scenario: LayoutSamples.Scenario) throws {
        let layout = ISCLayout(url: scenario.url)
        let v1 = try #require(try Self.golden(.v1, scenario)[layout.registry])
        #expect(try Registry.parse(v1, source: layout.registry) == scenario.registry)
        #expect(try RegistryFile.parse(v1, source: layout.registry) == .v1(scenario.registry))

        let v2 = try Self.golden(.v2, scenario)
        let account = Account(gitProvider: scenario.registry.gitProvider, configRuntime: scenario.registry.configRuntime)
        #expect(try RegistryFile.parse(try #require(v2[layout.registry]), source: layout.registry) == .v2(account))
        #expect(!String(decoding: v2[layout.registry]!, as: UTF8.self).contains("runtimes"))
        for runtime in scenario.registry.runtimes {
            let path = layout.runtimeFile(runtime.name)
            #expect(try RuntimeFile.parse(try #require(v2[path]), source: path, folder: runtime.name) == runtime)
        }
    }

    @Test(
        "read commands accept both layouts: list gives the scenario's registry, validate finds nothing, helm-values' lookup finds each runtime",
        arguments: cases)
    func readBothLayouts(_ item: Case) throws {
        let tree = InMemoryTree(try Self.golden(item.version, item.scenario))
        let url = item.scenario.url
        let ops = item.scenario.written.map { ISCOperations(url: url).writing(to: $0.branch, remoteHead: $0.remoteHead) } ?? ISCOperations(url: url)
        #expect(try ops.registryFile(in: tree)?.version == item.version)
        #expect(try ops.list(in: tree) == item.scenario.registry)
        #expect(try ops.validate(in: tree) == [])
        for runtime in item.scenario.registry.runtimes {
            #expect(try ops.runtime(named: runtime.name, in: tree) == runtime)
        }
    }

    @Test(
        "migrate turns each v1 golden repository into the v2 golden one (README left as it was), in one change, and is then a no-op",
        arguments: LayoutSamples.scenarios)
    func migrateV1Golden(_ scenario: LayoutSamples.Scenario) throws {
        let v1 = try Self.golden(.v1, scenario)
        let v2 = try Self.golden(.v2, scenario)
        let ops = ISCOperations(url: scenario.url)
        let changes = try ops.migrate(in: InMemoryTree(v1))
        let layout = ISCLayout(url: scenario.url)
        #expect(Set(changes.keys) == Set([layout.registry] + scenario.registry.runtimes.map { layout.runtimeFile($0.name) }))
        var migrated = InMemoryTree(v1).applying(changes)
        #expect(migrated.files[layout.readme] == Data(ISCFiles.readmeText(for: .v1).utf8), "migrate never rewrites the README")
        migrated.files[layout.readme] = v2[layout.readme]
        #expect(migrated.files == v2)
        #expect(try ops.migrate(in: migrated).isEmpty)
        #expect(try ops.migrate(in: InMemoryTree(v2)).isEmpty)
    }
}
