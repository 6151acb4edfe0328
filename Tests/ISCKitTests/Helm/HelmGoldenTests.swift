import Foundation
import ISCKit
import ISCTestSupport
import Testing

/// The three renderings of each golden case, byte for byte against `Fixtures/helm/`.
@Suite("Helm golden outputs")
struct HelmGoldenTests {
    @Test("command, values.yaml and terraform match the golden files", arguments: HelmSamples.goldenCases)
    func matchesGolden(_ item: HelmSamples.GoldenCase) throws {
        try HelmGolden.check(item.install.render(.command), file: "\(item.name).command.sh")
        try HelmGolden.check(item.install.render(.values), file: "\(item.name).values.yaml")
        try HelmGolden.check(item.install.render(.terraform), file: "\(item.name).tf")
    }

    @Test("render(_:) is the same as the named functions, and every rendering ends with one newline")
    func renderMatchesFunctions() {
        #expect(HelmInstall.Format.allCases.map(\.rawValue) == ["command", "values", "terraform"])
        for item in HelmSamples.goldenCases + HelmSamples.hostileInstalls.map({ HelmSamples.GoldenCase(name: "hostile", install: $0) }) {
            let install = item.install
            #expect(install.render(.command) == install.command())
            #expect(install.render(.values) == install.valuesYAML())
            #expect(install.render(.terraform) == install.terraform())
            for format in HelmInstall.Format.allCases {
                let text = install.render(format)
                #expect(text.hasSuffix("\n") && !text.hasSuffix("\n\n"), "\(item.name) \(format)")
            }
        }
    }

    @Test("a pinned chart version appears in all three formats")
    func chartVersion() {
        let install = HelmInstall(settings: HelmSamples.tunnelToken, chartVersion: "0.26.1")
        #expect(install.command().contains("  oci://quay.io/codefresh/gitops-runtime --version 0.26.1 --wait --timeout 10m\n"))
        #expect(install.terraform().contains("  version          = \"0.26.1\"\n"))
        #expect(install.valuesYAML().contains("--version 0.26.1"))
        let unpinned = HelmInstall(settings: HelmSamples.tunnelToken)
        #expect(!unpinned.command().contains("--version"))
        #expect(!unpinned.terraform().contains("version          ="))
    }
}
