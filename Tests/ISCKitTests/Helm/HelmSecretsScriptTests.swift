import Foundation
import ISCKit
import ISCTestSupport
import Testing

/// `helm-values --format secrets` is a script that really creates the secrets: run with `sh` and
/// a fake `kubectl` that records what it is asked, values only from the environment.
@Suite("Helm secrets script")
struct HelmSecretsScriptTests {
    static let environment = [
        "CF_API_KEY": "api-canary-1", "ARGOCD_TOKEN": "token-canary-2", "ARGOCD_PASSWORD": "password canary '3'", "GIT_RUNTIME_TOKEN": "git-canary-4",
    ]

    /// Runs `script` with `sh` and a `kubectl` that records each call's argv (NUL-separated, one
    /// line per call) and, for `apply`, its stdin (line breaks dropped). The two sides of a pipe run at the same time,
    /// so `create` and `apply` write to logs of their own (the shell runs one pipeline after the
    /// other, so each log is in order). `kubectl` is a shell function sourced before the script,
    /// not an executable file: executing a file this process has just written can fail with
    /// "Text file busy" when another test thread forks while the file is open for writing.
    static func run(_ script: String, environment: [String: String]) throws -> (status: Int32, stderr: String, calls: [[String]]) {
        let scratch = try HelmScratch()
        let logs = scratch.url.path
        let fake = scratch.url.appendingPathComponent("kubectl.sh")
        try Data(
            """
            kubectl() {
              log='\(logs)'/"$1".log
              for arg in "$@"; do printf '%s\\0' "$arg" >> "$log"; done
              if [ "$1" = apply ]; then printf 'stdin:' >> "$log"; tr -d '\\n' >> "$log"; printf '\\0' >> "$log"; fi
              if [ "$1" = create ]; then echo "kind: Secret"; fi
              printf '\\n' >> "$log"
            }

            """.utf8
        ).write(to: fake)
        let file = scratch.url.appendingPathComponent("secrets.sh")
        try Data(script.utf8).write(to: file)
        var env = environment
        env["PATH"] = "/usr/bin:/bin"
        let result = try ProcessRunner.tool("sh", ["-c", ". \"$1\"; . \"$2\"", "sh", fake.path, file.path], environment: env, currentDirectory: scratch.url)
        var calls: [[String]] = []
        for name in ["create", "apply"] {
            let text = (try? String(contentsOfFile: logs + "/\(name).log", encoding: .utf8)) ?? ""
            calls += text.split(separator: "\n").map { line in
                line.split(separator: "\0", omittingEmptySubsequences: false).map(String.init).filter { !$0.isEmpty }
            }
        }
        return (result.status, result.stderr, calls)
    }

    @Test(
        "each golden case: one create per secret with exactly its keys' values from the environment, piped to kubectl apply", arguments: HelmSamples.goldenCases
    )
    func createsTheSecrets(_ item: HelmSamples.GoldenCase) throws {
        let install = item.install
        let script = install.secretsScript()
        for value in Self.environment.values { #expect(!script.contains(value)) }
        let (status, stderr, calls) = try Self.run(script, environment: Self.environment)
        #expect(status == 0, "\(stderr)")
        let creates = calls.filter { $0.first == "create" }
        let applies = calls.filter { $0.first == "apply" }
        #expect(creates.count == install.secretSources.count && applies.count == creates.count, "\(calls)")
        for (source, call) in zip(install.secretSources, creates) {
            var expected = ["create", "secret", "generic", source.name, "--namespace", install.settings.namespace]
            for (key, variable) in source.keys { expected.append("--from-literal=\(key)=\(Self.environment[variable]!)") }
            expected += ["--dry-run=client", "-o", "yaml"]
            #expect(call == expected)
        }
        #expect(applies.allSatisfy { $0 == ["apply", "-f", "-", "stdin:kind: Secret"] }, "\(applies)")
        var unique: [String] = []
        for name in install.secretReferences.map(\.name) where !unique.contains(name) { unique.append(name) }
        #expect(install.secretSources.map(\.name) == unique)
    }

    @Test("a missing variable stops the script before kubectl runs, naming the variable")
    func missingVariable() throws {
        let install = HelmInstall(settings: HelmSamples.tunnelToken, apiKeySecret: HelmSamples.apiKeySecret)
        var environment = Self.environment
        environment["ARGOCD_TOKEN"] = nil
        let (status, stderr, calls) = try Self.run(install.secretsScript(), environment: environment)
        #expect(status != 0 && stderr.contains("ARGOCD_TOKEN"), "\(stderr)")
        #expect(calls.isEmpty)
    }

    @Test("the Argo CD account prerequisites: apiKey, login in argocd-cm and generate-token for token auth; the account for password auth")
    func prerequisites() {
        let token = HelmInstall(settings: HelmSamples.tunnelToken).secretsScript()
        #expect(token.contains("accounts.admin: apiKey, login") && token.contains("argocd account generate-token --account admin"))
        #expect(token.contains("$CF_API_KEY to the helm command"))
        let password = HelmInstall(settings: HelmSamples.ingressPassword).secretsScript()
        #expect(password.contains("accounts.admin: apiKey, login") && password.contains("export ARGOCD_PASSWORD="))
        // One secret holding both keys is created once, with both literals.
        var shared = HelmSamples.tunnelToken
        shared.argoCD.auth = .token(tokenSecretKeyRef: SecretKeyRef(name: "runtime-secrets", key: "argocd"))
        let both = HelmInstall(settings: shared, apiKeySecret: SecretKeyRef(name: "runtime-secrets", key: "cf"))
        #expect(both.secretSources == [HelmInstall.SecretSource(name: "runtime-secrets", keys: [("cf", "CF_API_KEY"), ("argocd", "ARGOCD_TOKEN")])])
    }

    @Test("sh -n accepts the script of every hostile install")
    func syntaxIsValid() throws {
        for install in HelmSamples.hostileInstalls {
            let result = try ProcessRunner.tool("sh", ["-n", "-c", install.secretsScript()])
            #expect(result.status == 0, "\(result.stderr)\n\(install.secretsScript())")
        }
    }
}
