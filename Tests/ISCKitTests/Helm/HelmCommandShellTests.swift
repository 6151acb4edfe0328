import Foundation
import ISCKit
import ISCTestSupport
import Testing

/// The printed command is valid shell that hands Helm exactly the values, whatever they hold.
@Suite("Helm command shell")
struct HelmCommandShellTests {
    static let canary = "canary-123"

    /// Runs `command` with `shell -c` and a fake `helm`; returns the argv Helm received. The fake
    /// is a shell function defined before the command, not an executable file: executing a file
    /// this process has just written can fail with "Text file busy" when another test thread
    /// forks while the file is open for writing.
    static func run(_ command: String, shell: String, in scratch: HelmScratch) throws -> [String] {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        let fake = "helm() { for arg in \"$@\"; do printf '%s\\0' \"$arg\"; done; }\n"
        let result = try ProcessRunner.tool(
            shell, ["-c", fake + command], environment: ["PATH": path, "CF_API_KEY": canary, "HOME": scratch.url.path],
            currentDirectory: scratch.url)
        #expect(result.status == 0, "\(shell) failed: \(result.stderr)")
        var arguments = result.stdout.components(separatedBy: "\0")
        #expect(arguments.last == "")
        arguments.removeLast()
        return arguments
    }

    /// Checks the argv against the install: fixed words in place, one option and one argument
    /// per value, each decoding (as Helm's strvals would) to exactly the expected value.
    static func verify(_ argv: [String], _ install: HelmInstall, sourceLocation: SourceLocation = #_sourceLocation) {
        let settings = install.settings
        let head = ["upgrade", "--install", settings.helmRelease, "--create-namespace", "--namespace", settings.namespace]
        let tail = [HelmInstall.chartReference] + (install.chartVersion.map { ["--version", $0] } ?? []) + ["--wait", "--timeout", "10m"]
        let values = install.values
        #expect(argv.count == head.count + 2 * values.count + tail.count, "argv: \(argv)", sourceLocation: sourceLocation)
        guard argv.count == head.count + 2 * values.count + tail.count else { return }
        #expect(Array(argv.prefix(head.count)) == head, sourceLocation: sourceLocation)
        #expect(Array(argv.suffix(tail.count)) == tail, sourceLocation: sourceLocation)
        for (offset, entry) in values.enumerated() {
            let option = argv[head.count + 2 * offset]
            let argument = argv[head.count + 2 * offset + 1]
            #expect(option == "--set" || option == "--set-string", sourceLocation: sourceLocation)
            do {
                let decoded = try StrvalsDecoder.decode(argument, forceString: option == "--set-string")
                #expect(decoded.path == (try StrvalsDecoder.path(ofKey: entry.key)), "\(argument)", sourceLocation: sourceLocation)
                #expect(
                    decoded.value == TypedValue(expected: entry.value, environment: ["CF_API_KEY": canary]),
                    "\(entry.key): \(argument.debugDescription)", sourceLocation: sourceLocation)
            } catch {
                Issue.record("\(entry.key): \(error)", sourceLocation: sourceLocation)
            }
            if case .environment = entry.value {
                #expect(option == "--set" && argument == "global.codefresh.userToken.token=\(canary)", sourceLocation: sourceLocation)
            }
        }
    }

    @Test("bash -n accepts every command")
    func syntaxIsValid() throws {
        for install in HelmSamples.goldenCases.map(\.install) + HelmSamples.hostileInstalls {
            let result = try ProcessRunner.tool("bash", ["-n", "-c", install.command()])
            #expect(result.status == 0, "\(result.stderr)\n\(install.command())")
        }
    }

    @Test("the golden commands hand helm each value as one argument, the API key from $CF_API_KEY", arguments: HelmSamples.goldenCases)
    func goldenArguments(_ item: HelmSamples.GoldenCase) throws {
        let scratch = try HelmScratch()
        for shell in ["bash", "sh"] {
            let argv = try Self.run(item.install.command(), shell: shell, in: scratch)
            Self.verify(argv, item.install)
            #expect(argv.contains("global.codefresh.userToken.token=\(Self.canary)") == (item.install.apiKeySecret == nil))
        }
    }

    @Test("spaces, quotes, $(...), backticks, globs, commas and YAML words arrive literally and run nothing")
    func hostileArguments() throws {
        let scratch = try HelmScratch()
        for install in HelmSamples.hostileInstalls {
            let command = install.command()
            for shell in ["bash", "sh"] {
                let argv = try Self.run(command, shell: shell, in: scratch)
                Self.verify(argv, install)
            }
            #expect(!FileManager.default.fileExists(atPath: scratch.url.appendingPathComponent("PWNED").path), "\(command)")
        }
    }

    @Test("an ingress URL with a query and a shell metacharacter is one literal argument")
    func ingressURLWithQuery() throws {
        let scratch = try HelmScratch()
        var settings = HelmSamples.serviceMeshToken
        settings.accessMode = .serviceMesh(ingressURL: "https://mesh.example.com/cf?a=b&c=d;x=$(id)`id`")
        let install = HelmInstall(settings: settings)
        let argv = try Self.run(install.command(), shell: "bash", in: scratch)
        Self.verify(argv, install)
        #expect(argv.contains("global.runtime.ingressUrl=https://mesh.example.com/cf?a=b&c=d;x=$(id)`id`"))
        #expect(install.command().contains("  --set 'global.runtime.ingressUrl=https://mesh.example.com/cf?a=b&c=d;x=$(id)`id`' \\\n"))
    }

    @Test("layout: one option per line, joined with ' \\', continuation lines indented two spaces")
    func layout() {
        for install in HelmSamples.goldenCases.map(\.install) {
            let lines = install.command().dropLast().components(separatedBy: "\n")
            #expect(lines.count == install.values.count + 2)
            #expect(lines.first == "helm upgrade --install \(install.settings.helmRelease) --create-namespace --namespace \(install.settings.namespace) \\")
            #expect(
                lines.last == "  oci://quay.io/codefresh/gitops-runtime" + (install.chartVersion.map { " --version \($0)" } ?? "") + " --wait --timeout 10m")
            for line in lines.dropFirst().dropLast() {
                #expect(line.hasPrefix("  --set ") || line.hasPrefix("  --set-string "), "\(line)")
                #expect(line.hasSuffix(" \\"))
            }
        }
    }

    @Test("--set-string exactly for strings that Helm would read as a number, a boolean or null")
    func setStringChoice() {
        var settings = HelmSamples.tunnelToken
        settings.accessMode = .tunnel(accountId: "0123")
        #expect(HelmInstall(settings: settings).command().contains("  --set global.codefresh.accountId=0123 \\\n"))
        settings.accessMode = .tunnel(accountId: "123")
        #expect(HelmInstall(settings: settings).command().contains("  --set-string global.codefresh.accountId=123 \\\n"))
        settings.accessMode = .tunnel(accountId: "acc-1")
        #expect(HelmInstall(settings: settings).command().contains("  --set global.codefresh.accountId=acc-1 \\\n"))
        settings.argoCD.auth = .password(username: "True", passwordSecretKeyRef: SecretKeyRef(name: "s", key: "k"))
        let command = HelmInstall(settings: settings).command()
        #expect(command.contains("  --set-string global.integrations.argo-cd.server.auth.username=True \\\n"))
        #expect(command.contains("  --set global.integrations.argo-cd.server.port=80 \\\n"))
        #expect(command.contains("  --set argo-cd.enabled=false \\\n"))
        #expect(command.contains("  --set tunnel-client.enabled=true \\\n"))
    }
}
