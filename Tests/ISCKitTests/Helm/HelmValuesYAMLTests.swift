import Foundation
import ISCKit
import ISCTestSupport
import Testing
import Yams

/// The values.yaml parses back into exactly the chart values.
@Suite("Helm values.yaml")
struct HelmValuesYAMLTests {
    /// The nested values `install` should produce: every value but the API key reference.
    static func expected(_ install: HelmInstall) throws -> [String: Any] {
        var entries: [(path: [PathStep], value: TypedValue)] = []
        for (key, value) in install.values {
            if case .environment = value { continue }
            entries.append((try StrvalsDecoder.path(ofKey: key), TypedValue(expected: value)))
        }
        return NestedValues.build(entries)
    }

    @Test("Yams reads every values.yaml back into the same nested values")
    func roundTrip() throws {
        for install in HelmSamples.goldenCases.map(\.install) + HelmSamples.hostileInstalls {
            let yaml = install.valuesYAML()
            let loaded = try Yams.load(yaml: yaml)
            if let difference = NestedValues.difference(loaded, try Self.expected(install)) {
                Issue.record("\(difference)\n\(yaml)")
            }
        }
    }

    @Test("every YAML-ambiguous string survives as a string in any position")
    func ambiguousStrings() throws {
        for text in HelmSamples.hostileStrings {
            var settings = HelmSamples.ingressPassword
            settings.name = text
            settings.accessMode = .ingress(host: text, className: text)
            settings.argoCD.auth = .password(username: text, passwordSecretKeyRef: SecretKeyRef(name: text, key: text))
            let install = HelmInstall(settings: settings, apiKeySecret: SecretKeyRef(name: text, key: text))
            let loaded = try Yams.load(yaml: install.valuesYAML())
            if let difference = NestedValues.difference(loaded, try Self.expected(install)) {
                Issue.record("\(text.debugDescription): \(difference)")
            }
        }
    }

    @Test("the API key: a secretKeyRef when given, else no token key and a leading comment")
    func apiKey() throws {
        let withSecret = HelmInstall(settings: HelmSamples.tunnelToken, apiKeySecret: HelmSamples.apiKeySecret)
        let loaded = try #require(try Yams.load(yaml: withSecret.valuesYAML()) as? [AnyHashable: Any])
        let codefresh = try #require((loaded["global"] as? [AnyHashable: Any])?["codefresh"] as? [AnyHashable: Any])
        let userToken = try #require(codefresh["userToken"] as? [AnyHashable: Any])
        #expect(userToken.keys.map { $0 as? String } == ["secretKeyRef"])
        let ref = try #require(userToken["secretKeyRef"] as? [AnyHashable: Any])
        #expect(ref["name"] as? String == "codefresh-user-token")
        #expect(ref["key"] as? String == "token")
        #expect(!withSecret.valuesYAML().contains("CF_API_KEY"))

        let without = HelmInstall(settings: HelmSamples.tunnelToken)
        let yaml = without.valuesYAML()
        #expect(
            yaml.hasPrefix(
                "# The platform API key is not in this file: pass it at install time with\n#   --set global.codefresh.userToken.token=\"$CF_API_KEY\"\n# or generate this file with --api-key-secret NAME:KEY"
            ))
        let plain = try #require(try Yams.load(yaml: yaml) as? [AnyHashable: Any])
        let plainCodefresh = try #require((plain["global"] as? [AnyHashable: Any])?["codefresh"] as? [AnyHashable: Any])
        #expect(plainCodefresh["userToken"] == nil)
        // The only mentions of the key are in comments.
        for line in yaml.split(separator: "\n") where line.contains("CF_API_KEY") || line.contains("userToken") {
            #expect(line.hasPrefix("#"), "\(line)")
        }
    }

    @Test("nested block YAML, keys in the order they first appear, lists as '- ' items")
    func shape() {
        let yaml = HelmInstall(settings: HelmSamples.ingressPassword).valuesYAML()
        let body = yaml.split(separator: "\n").filter { !$0.hasPrefix("#") }
        #expect(body.filter { !$0.hasPrefix(" ") } == ["argo-cd:", "global:"])
        #expect(yaml.contains("\n    ingress:\n      enabled: true\n      className: nginx-public\n      hosts:\n        - runtime.example.com\n"))
        #expect(!yaml.contains("{") && !yaml.contains("["))
        let quoted = HelmInstall(settings: HelmSamples.tunnelToken).valuesYAML()
        #expect(quoted.contains("    accountId: \"1234567890\"\n"))
    }
}
