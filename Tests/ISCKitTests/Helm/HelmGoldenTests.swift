import Foundation
import ISCTestSupport
import Testing

@testable import ISCCore
@testable import ISCKit

/// The three renderings of each golden case, byte for byte against `Fixtures/helm/`.
@Suite("Helm golden outputs")
struct HelmGoldenTests {
    @Test("command, values.yaml and terraform match the golden files", arguments: HelmSamples.goldenCases)
    func matchesGolden(_ item: HelmSamples.GoldenCase) throws {
        try HelmGolden.check(item.install.render(.command), file: "\(item.name).command.sh")
        try HelmGolden.check(item.install.render(.values), file: "\(item.name).values.yaml")
        try HelmGolden.check(item.install.render(.terraform), file: "\(item.name).tf")
        try HelmGolden.check(item.install.json().rendered + "\n", file: "\(item.name).json")
        try HelmGolden.check(item.install.render(.secrets), file: "\(item.name).secrets.sh")
    }

    @Test(
        "helm-values --json: exactly release, namespace, chart, version, values, secrets; the values are the values.yaml's, the secrets names and keys only",
        arguments: HelmSamples.goldenCases)
    func jsonShape(_ item: HelmSamples.GoldenCase) throws {
        let install = item.install
        let object = try #require(try JSONSerialization.jsonObject(with: Data(install.json().rendered.utf8)) as? [String: Any])
        #expect(Set(object.keys) == ["release", "namespace", "chart", "version", "values", "secrets"])
        #expect(object["release"] as? String == install.settings.helmRelease)
        #expect(object["namespace"] as? String == install.settings.namespace)
        #expect(object["chart"] as? String == HelmInstall.chartReference)
        if let version = install.chartVersion { #expect(object["version"] as? String == version) } else { #expect(object["version"] is NSNull) }
        // Every dotted key but the environment-sourced API key is in the tree, with its value.
        let values = try #require(object["values"] as? [String: Any])
        for (key, value) in install.values {
            var node: Any? = values
            for component in HelmSetSyntax.path(of: key) {
                switch component {
                case .key(let name): node = (node as? [String: Any])?[name]
                case .index(let index): node = (node as? [Any]).flatMap { $0.indices.contains(index) ? $0[index] : nil }
                }
            }
            switch value {
            case .environment: #expect(node == nil, "\(key) must not be in the values")
            case .string(let text): #expect(node as? String == text, "\(key)")
            case .int(let number): #expect(node as? Int == number, "\(key)")
            case .bool(let flag): #expect(node as? Bool == flag, "\(key)")
            }
        }
        let secrets = try #require(object["secrets"] as? [[String: String]])
        #expect(secrets.map { SecretKeyRef(name: $0["name"]!, key: $0["key"]!) } == install.secretReferences)
        #expect(secrets.allSatisfy { Set($0.keys) == ["name", "key"] })
        let gitToken = install.settings.gitCredentials.map { [$0.passwordSecretKeyRef] } ?? []
        switch install.settings.argoCD.auth {
        case .token(let ref), .password(_, let ref): #expect(Array(install.secretReferences.suffix(1 + gitToken.count)) == [ref] + gitToken)
        }
        if let apiKeySecret = install.apiKeySecret { #expect(install.secretReferences.first == apiKeySecret) }
    }

    @Test("render(_:) is the same as the named functions, and every rendering ends with one newline")
    func renderMatchesFunctions() {
        #expect(HelmInstall.Format.allCases.map(\.rawValue) == ["command", "values", "terraform", "secrets"])
        for item in HelmSamples.goldenCases + HelmSamples.hostileInstalls.map({ HelmSamples.GoldenCase(name: "hostile", install: $0) }) {
            let install = item.install
            #expect(install.render(.command) == install.command())
            #expect(install.render(.values) == install.valuesYAML())
            #expect(install.render(.terraform) == install.terraform())
            #expect(install.render(.secrets) == install.secretsScript())
            for format in HelmInstall.Format.allCases {
                let text = install.render(format)
                #expect(text.hasSuffix("\n") && !text.hasSuffix("\n\n"), "\(item.name) \(format)")
            }
        }
    }

    @Test("a pinned chart version appears in all three formats and in the JSON; unpinned, the output says so")
    func chartVersion() {
        var settings = HelmSamples.tunnelToken
        settings.chartVersion = ChartVersion("0.26.1")
        let install = HelmInstall(settings: settings)
        #expect(install.command().contains("  oci://quay.io/codefresh/gitops-runtime --version 0.26.1 --wait --timeout 10m\n"))
        #expect(install.terraform().contains("  version          = \"0.26.1\"\n"))
        #expect(install.valuesYAML().contains("--version 0.26.1"))
        #expect(install.json().rendered.contains("\"version\": \"0.26.1\""))
        #expect(install.chartNote == "Chart: 0.26.1, pinned (its line 0.26.x–0.28.x supports Argo CD 3.0 to 3.2)")
        let unpinned = HelmInstall(settings: HelmSamples.tunnelToken)
        #expect(!unpinned.command().contains("--version"))
        #expect(!unpinned.terraform().contains("version          ="))
        #expect(unpinned.json().rendered.contains("\"version\": null"))
        #expect(unpinned.chartNote.hasPrefix("Chart: not pinned"))
        #expect(unpinned.valuesYAML().contains("# Chart: not pinned"))
        #expect(unpinned.terraform().contains("# Chart: not pinned"))
    }
}
