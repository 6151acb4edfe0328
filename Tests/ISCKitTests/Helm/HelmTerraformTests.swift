import Foundation
import ISCKit
import ISCTestSupport
import Testing

/// The Terraform `helm_release` holds every value, quoted for HCL and for the provider's strvals.
@Suite("Helm terraform")
struct HelmTerraformTests {
    @Test("braces balance and every value has its set block, in order, decoding to the exact value")
    func setBlocks() throws {
        for install in HelmSamples.goldenCases.map(\.install) + HelmSamples.hostileInstalls {
            let text = install.terraform()
            #expect(HCLReader.bracesBalance(text), "\(text)")
            let blocks = HCLReader.setBlocks(text)
            let values = install.values
            #expect(blocks.count == values.count, "\(text)")
            for (block, entry) in zip(blocks, values) {
                #expect(block.name == entry.key)
                switch entry.value {
                case .environment(let variable):
                    #expect(block.kind == "set_sensitive")
                    #expect(block.value == "var." + variable.lowercased())
                    #expect(block.type == nil)
                default:
                    #expect(block.kind == "set")
                    do {
                        // The provider parses "name=value" with strvals, as a string when type = "string".
                        let decoded = try StrvalsDecoder.decode(block.name + "=" + block.value, forceString: block.type == "string")
                        #expect(decoded.path == (try StrvalsDecoder.path(ofKey: entry.key)))
                        #expect(decoded.value == TypedValue(expected: entry.value), "\(entry.key)")
                    } catch {
                        Issue.record("\(entry.key): \(error)")
                    }
                }
            }
        }
    }

    @Test("the resource: name, OCI repository, chart, namespace, create_namespace, wait, timeout")
    func resource() {
        let text = HelmInstall(settings: HelmSamples.ingressPassword).terraform()
        #expect(
            text.contains(
                """
                resource "helm_release" "prod1-runtime" {
                  name             = "prod1-runtime"
                  repository       = "oci://quay.io/codefresh"
                  chart            = "gitops-runtime"
                  namespace        = "argocd"
                  create_namespace = true
                  wait             = true
                  timeout          = 600

                """))
        #expect(
            text.contains(
                "variable \"cf_api_key\" {\n  description = \"Codefresh platform API key; never stored by iscctl\"\n  type        = string\n  sensitive   = true\n}\n"
            ))
        #expect(text.contains("      source  = \"hashicorp/helm\"\n      version = \">= 2.5.0, < 3.0.0\"\n"))
    }

    @Test("a release that is not a Terraform identifier gets a valid resource label")
    func resourceLabel() {
        var settings = HelmSamples.tunnelToken
        settings.helmRelease = "1runtime"
        #expect(HelmInstall(settings: settings).terraform().contains("resource \"helm_release\" \"release_1runtime\" {\n  name             = \"1runtime\"\n"))
        settings.helmRelease = "a b\"c"
        #expect(HelmInstall(settings: settings).terraform().contains("resource \"helm_release\" \"a_b_c\" {\n  name             = \"a b\\\"c\"\n"))
    }

    @Test("HCL strings escape quotes, backslashes, ${ and %{")
    func hclQuoting() {
        var settings = HelmSamples.tunnelToken
        settings.name = "a\"b\\c${x}%{y}"
        let text = HelmInstall(settings: settings).terraform()
        #expect(text.contains("    name  = \"global.runtime.name\"\n    value = \"a\\\"b\\\\\\\\c$${x}%%{y}\"\n"))
    }
}
