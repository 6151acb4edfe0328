import Foundation
import ISCKit
import Testing

/// The chart values per access mode and auth type (spec section 6), and what never appears.
@Suite("Helm value keys")
struct HelmValueKeysTests {
    private static let argoToken: [(String, HelmValue)] = [
        ("global.integrations.argo-cd.server.svc", .string("argocd-server")),
        ("global.integrations.argo-cd.server.port", .int(80)),
        ("global.integrations.argo-cd.repoServer.svc", .string("argocd-repo-server")),
        ("global.integrations.argo-cd.repoServer.port", .int(8081)),
        ("global.integrations.argo-cd.server.auth.type", .string("token")),
        ("global.integrations.argo-cd.server.auth.tokenSecretKeyRef.name", .string("argocd-token")),
        ("global.integrations.argo-cd.server.auth.tokenSecretKeyRef.key", .string("token")),
    ]

    private static func same(_ actual: [(key: String, value: HelmValue)], _ expected: [(String, HelmValue)]) -> Bool {
        actual.map(\.key) == expected.map(\.0) && actual.map(\.value) == expected.map(\.1)
    }

    @Test("tunnel mode with token auth: exact values in order")
    func tunnelToken() {
        let values = HelmInstall(settings: HelmSamples.tunnelToken).values
        let expected: [(String, HelmValue)] =
            [
                ("argo-cd.enabled", .bool(false)),
                ("global.codefresh.accountId", .string("1234567890")),
                ("global.codefresh.userToken.token", .environment("CF_API_KEY")),
                ("global.runtime.name", .string("codefresh")),
                ("global.runtime.ingress.enabled", .bool(false)),
                ("tunnel-client.enabled", .bool(true)),
            ] + Self.argoToken
        #expect(Self.same(values, expected), "\(values)")
    }

    @Test("the configuration runtime's install adds global.runtime.isConfigurationRuntime=true right after the runtime name; no other install has the key")
    func configurationRuntime() {
        let plain = HelmInstall(settings: HelmSamples.tunnelToken).values
        let config = HelmInstall(settings: HelmSamples.tunnelToken, isConfigurationRuntime: true).values
        var expected = plain.map { ($0.key, $0.value) }
        let name = expected.firstIndex { $0.0 == "global.runtime.name" }!
        expected.insert(("global.runtime.isConfigurationRuntime", .bool(true)), at: name + 1)
        #expect(Self.same(config, expected), "\(config)")
        #expect(!plain.contains { $0.key.contains("isConfigurationRuntime") })
        let command = HelmInstall(settings: HelmSamples.tunnelToken, isConfigurationRuntime: true).command()
        #expect(command.contains("--set global.runtime.isConfigurationRuntime=true \\\n"))
    }

    @Test("ingress mode with password auth: exact values in order")
    func ingressPassword() {
        let values = HelmInstall(settings: HelmSamples.ingressPassword).values
        let expected: [(String, HelmValue)] = [
            ("argo-cd.enabled", .bool(false)),
            ("global.codefresh.userToken.token", .environment("CF_API_KEY")),
            ("global.runtime.name", .string("prod1")),
            ("global.runtime.ingress.enabled", .bool(true)),
            ("global.runtime.ingress.className", .string("nginx-public")),
            ("global.runtime.ingress.hosts[0]", .string("runtime.example.com")),
            ("global.integrations.argo-cd.server.svc", .string("argocd-server")),
            ("global.integrations.argo-cd.server.port", .int(80)),
            ("global.integrations.argo-cd.repoServer.svc", .string("argocd-repo-server")),
            ("global.integrations.argo-cd.repoServer.port", .int(8081)),
            ("global.integrations.argo-cd.server.auth.type", .string("password")),
            ("global.integrations.argo-cd.server.auth.username", .string("admin")),
            ("global.integrations.argo-cd.server.auth.passwordSecretKeyRef.name", .string("argocd-initial-admin-secret")),
            ("global.integrations.argo-cd.server.auth.passwordSecretKeyRef.key", .string("password")),
        ]
        #expect(Self.same(values, expected), "\(values)")
    }

    @Test("service-mesh mode with a root path, custom ports and an API key secret: exact values in order")
    func serviceMeshToken() {
        let values = HelmInstall(settings: HelmSamples.serviceMeshToken, apiKeySecret: HelmSamples.apiKeySecret).values
        let expected: [(String, HelmValue)] = [
            ("argo-cd.enabled", .bool(false)),
            ("global.codefresh.userToken.secretKeyRef.name", .string("codefresh-user-token")),
            ("global.codefresh.userToken.secretKeyRef.key", .string("token")),
            ("global.runtime.name", .string("mesh")),
            ("global.runtime.ingressUrl", .string("https://runtime.mesh.example.com/cf")),
            ("global.runtime.ingress.enabled", .bool(false)),
            ("tunnel-client.enabled", .bool(false)),
            ("global.integrations.argo-cd.server.svc", .string("argo-cd-server")),
            ("global.integrations.argo-cd.server.port", .int(8080)),
            ("global.integrations.argo-cd.server.rootpath", .string("/argocd")),
            ("global.integrations.argo-cd.repoServer.svc", .string("argo-cd-repo-server")),
            ("global.integrations.argo-cd.repoServer.port", .int(18081)),
            ("global.integrations.argo-cd.server.auth.type", .string("token")),
            ("global.integrations.argo-cd.server.auth.tokenSecretKeyRef.name", .string("argocd-api")),
            ("global.integrations.argo-cd.server.auth.tokenSecretKeyRef.key", .string("api.token")),
        ]
        #expect(Self.same(values, expected), "\(values)")
    }

    @Test("keys are unique, rootpath only when set, and the accountId only in tunnel mode")
    func keyRules() {
        for install in HelmSamples.goldenCases.map(\.install) + HelmSamples.hostileInstalls {
            let keys = install.values.map(\.key)
            #expect(Set(keys).count == keys.count)
            #expect(keys.first == "argo-cd.enabled")
            #expect(keys.contains("global.integrations.argo-cd.server.rootpath") == !install.settings.argoCD.rootPath.isEmpty)
            #expect(keys.contains("global.codefresh.accountId") == (install.settings.accessMode.type == "tunnel"))
            let tokenEntries = install.values.filter { $0.key.hasPrefix("global.codefresh.userToken") }
            if let secret = install.apiKeySecret {
                #expect(tokenEntries.map(\.key) == ["global.codefresh.userToken.secretKeyRef.name", "global.codefresh.userToken.secretKeyRef.key"])
                #expect(tokenEntries.map(\.value) == [.string(secret.name), .string(secret.key)])
            } else {
                #expect(tokenEntries.map(\.key) == ["global.codefresh.userToken.token"])
                #expect(tokenEntries.map(\.value) == [.environment("CF_API_KEY")])
            }
            // Only the API key is ever an environment reference.
            #expect(
                install.values.filter { if case .environment = $0.value { return true } else { return false } }.count == (install.apiKeySecret == nil ? 1 : 0))
        }
    }

    @Test("no plain-text token or password key, and the API key reference is the only token mention")
    func noSecrets() {
        for install in HelmSamples.goldenCases.map(\.install) {
            let keys = install.values.map(\.key)
            #expect(!keys.contains("global.integrations.argo-cd.server.auth.token"))
            #expect(!keys.contains("global.integrations.argo-cd.server.auth.password"))
            let command = install.command()
            let terraform = install.terraform()
            if install.apiKeySecret == nil {
                #expect(command.components(separatedBy: "userToken").count == 2)
                #expect(command.components(separatedBy: "$CF_API_KEY").count == 2)
                #expect(command.contains("  --set global.codefresh.userToken.token=\"$CF_API_KEY\" \\\n"))
                #expect(terraform.contains("  set_sensitive {\n    name  = \"global.codefresh.userToken.token\"\n    value = var.cf_api_key\n  }\n"))
                #expect(terraform.contains("variable \"cf_api_key\" {\n"))
                #expect(terraform.contains("  sensitive   = true\n"))
            } else {
                for text in [command, terraform, install.valuesYAML()] {
                    #expect(!text.contains("CF_API_KEY"))
                    #expect(!text.contains("cf_api_key"))
                    #expect(!text.contains("userToken.token"))
                    #expect(!text.contains("set_sensitive"))
                }
            }
            #expect(!command.contains("auth.token="))
            #expect(!command.contains("auth.password="))
        }
    }
}
