import Foundation
import ISCTestSupport
import Testing

/// Secrets never leave: canary values for every secret iscctl could see, on every command and
/// every failure path, against the real https server (and the fault server for redirects and
/// stalls), then a scan of everything iscctl wrote or sent.
@Suite("Secret hygiene: canaries × every command × every failure path")
struct SecretHygieneTests {
    /// How the Git token reaches iscctl in one run.
    enum Token { case environment, file, wrongEnvironment, wrongFile, none }

    struct Run {
        let label: String
        let arguments: [String]
        let token: Token
        let expected: Int32
    }

    @Test(
        "0 occurrences of the canaries (Git token by environment and file, a wrong token, a URL password, CF_API_KEY, ARGOCD_TOKEN, ARGOCD_PASSWORD, GIT_RUNTIME_TOKEN) in stdout, stderr, TMPDIR, HOME, the cache and every object of the remote"
    )
    func matrix() throws {
        let servers = try TestServers.running()
        let faults = try FaultServer(servers)
        defer { faults.stop() }
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let outside = FileManager.default.temporaryDirectory.appendingPathComponent("isc-secrets-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: outside, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: outside) }
        let repo = try servers.newRepository(TestServers.uniqueName("secrets"))

        let id = UUID().uuidString.prefix(8).lowercased()
        let token = servers.httpToken  // the real one: itself a canary, isc-canary-<32 hex>
        let wrong = "isc-canary-wrong-token-\(id)"
        let urlPassword = "isc-canary-url-password-\(id)"
        let environmentCanaries = [
            "CF_API_KEY": "isc-canary-cf-api-key-\(id)", "ARGOCD_TOKEN": "isc-canary-argocd-token-\(id)",
            "ARGOCD_PASSWORD": "isc-canary-argocd-password-\(id)", "GIT_RUNTIME_TOKEN": "isc-canary-git-runtime-token-\(id)",
        ]
        let canaries = [token, wrong, urlPassword] + environmentCanaries.values.sorted()
        // Also as they would travel in an Authorization: Basic header.
        let forms = canaries + [token, wrong].map { Data("\(servers.httpUser):\($0)".utf8).base64EncodedString() }

        let tokenFile = outside.appendingPathComponent("token")
        let wrongFile = outside.appendingPathComponent("wrong-token")
        try "\(token)\n".write(to: tokenFile, atomically: true, encoding: .utf8)
        try "\(wrong)\n".write(to: wrongFile, atomically: true, encoding: .utf8)

        let https = servers["ISC_TEST_HTTPS_URL"] + repo + "/gitops"
        let port = servers["ISC_TEST_HTTPS_PORT"]
        let ca = ["--ca-file", servers.caFile]
        let at = ["--repo", https, "--provider", "git"] + ca
        let tunnel = [
            "--access-mode", "tunnel", "--account-id", "acc1", "--argocd-token-secret", "argocd-token:token",
            "--git-runtime-token-secret", "git-runtime:token",
        ]
        let ingress = [
            "--access-mode", "ingress", "--ingress-host", "eu.example.com", "--ingress-class", "nginx",
            "--argocd-auth", "password", "--argocd-password-secret", "argocd-admin:password",
        ]

        var runs: [Run] = [
            // Every command, succeeding; the token alternates between the environment and the file.
            Run(
                label: "parse", arguments: ["parse", "https://isc@localhost:\(port)/\(repo)/gitops", "--provider", "git", "--json"], token: .environment,
                expected: 0),
            Run(label: "init", arguments: ["init"] + at + tunnel, token: .environment, expected: 0),
            Run(label: "init (again, nothing to do) --json", arguments: ["init", "--json"] + at + tunnel, token: .file, expected: 0),
            Run(label: "add-runtime", arguments: ["add-runtime", "--runtime", "r1"] + at + ingress, token: .file, expected: 0),
            Run(label: "add-runtime --dry-run", arguments: ["add-runtime", "--runtime", "r2", "--dry-run"] + at + tunnel, token: .environment, expected: 0),
            Run(
                label: "add-runtime --dry-run --json", arguments: ["add-runtime", "--runtime", "r2", "--dry-run", "--json"] + at + tunnel, token: .file,
                expected: 0),
            Run(label: "add-runtime --json", arguments: ["add-runtime", "--runtime", "r3", "--json"] + at + tunnel, token: .environment, expected: 0),
            Run(
                label: "update-runtime", arguments: ["update-runtime", "--runtime", "r1", "--namespace", "other", "--chart-version", "0.29.0"] + at,
                token: .file, expected: 0),
            Run(
                label: "update-runtime --dry-run", arguments: ["update-runtime", "--runtime", "r1", "--namespace", "third", "--dry-run"] + at,
                token: .environment, expected: 0),
            Run(
                label: "add-cluster", arguments: ["add-cluster", "--runtime", "r1", "--cluster", "edge", "--server", "https://edge.example.com:6443"] + at,
                token: .environment, expected: 0),
            Run(label: "list", arguments: ["list"] + at, token: .file, expected: 0),
            Run(label: "list --json", arguments: ["list", "--json"] + at, token: .environment, expected: 0),
            Run(label: "validate", arguments: ["validate"] + at, token: .file, expected: 0),
            Run(label: "validate --json", arguments: ["validate", "--json"] + at, token: .environment, expected: 0),
            Run(label: "migrate (layout v2: nothing to do)", arguments: ["migrate"] + at, token: .file, expected: 0),
            Run(label: "migrate --dry-run", arguments: ["migrate", "--dry-run"] + at, token: .environment, expected: 0),
            Run(label: "remove-runtime", arguments: ["remove-runtime", "--runtime", "r3"] + at, token: .file, expected: 0),
        ]
        for format in ["command", "values", "terraform", "secrets"] {
            runs.append(
                Run(
                    label: "helm-values --format \(format)", arguments: ["helm-values", "--runtime", "codefresh", "--format", format] + at,
                    token: format == "values" ? .file : .environment, expected: 0))
        }
        runs.append(Run(label: "helm-values --json", arguments: ["helm-values", "--runtime", "r1", "--json"] + at, token: .file, expected: 0))
        runs.append(
            Run(
                label: "helm-values --format secrets (password auth)", arguments: ["helm-values", "--runtime", "r1", "--format", "secrets"] + at,
                token: .environment, expected: 0))
        runs += [
            // Failure paths.
            Run(label: "wrong token (401), environment", arguments: ["list", "--json"] + at, token: .wrongEnvironment, expected: 1),
            Run(label: "wrong token (401), file, a write", arguments: ["add-runtime", "--runtime", "r9"] + at + tunnel, token: .wrongFile, expected: 1),
            Run(
                label: "unreachable host", arguments: ["list", "--repo", "https://localhost:1/\(repo)", "--provider", "git", "--json"] + ca,
                token: .environment, expected: 1),
            Run(
                label: "TLS failure (no --ca-file)", arguments: ["add-runtime", "--runtime", "r9", "--repo", https, "--provider", "git"] + tunnel, token: .file,
                expected: 1),
            Run(
                label: "redirect to another origin refused",
                arguments: ["list", "--json", "--repo", faults.url("redirect-away", repo), "--provider", "git"] + ca, token: .environment, expected: 1),
            Run(
                label: "idle timeout (a stalling server)",
                arguments: ["list", "--repo", faults.url("stall", repo), "--provider", "git", "--allow-insecure-http", "--idle-timeout", "1"], token: .file,
                expected: 1),
            Run(
                label: "500 on receive-pack",
                arguments: [
                    "add-runtime", "--runtime", "r9", "--repo", faults.url("proxy-500-push", repo) + "/gitops", "--provider", "git", "--allow-insecure-http",
                    "--json",
                ] + tunnel, token: .environment, expected: 1),
            Run(
                label: "conflict: runtime exists with other settings", arguments: ["add-runtime", "--runtime", "r1", "--json"] + at + tunnel,
                token: .environment, expected: 3),
            Run(label: "conflict: remove the configuration runtime", arguments: ["remove-runtime", "--runtime", "codefresh"] + at, token: .file, expected: 3),
            Run(
                label: "conflict: unknown runtime", arguments: ["update-runtime", "--runtime", "nope", "--namespace", "x", "--json"] + at, token: .environment,
                expected: 3),
            Run(label: "invalid input: runtime name", arguments: ["add-runtime", "--runtime", "Bad_Name"] + at + tunnel, token: .environment, expected: 2),
            Run(
                label: "invalid input: token over plain http",
                arguments: ["list", "--json", "--repo", servers["ISC_TEST_HTTP_URL"] + repo, "--provider", "git"], token: .file, expected: 2),
            Run(
                label: "invalid input: password in the URL",
                arguments: ["list", "--json", "--repo", "https://isc:\(urlPassword)@localhost:\(port)/\(repo)", "--provider", "git"] + ca, token: .none,
                expected: 2),
            Run(
                label: "invalid input: password in the URL (parse)", arguments: ["parse", "https://isc:\(urlPassword)@localhost:\(port)/\(repo)", "--json"],
                token: .none, expected: 2),
            Run(
                label: "invalid input: percent-encoded password in the URL",
                arguments: [
                    "init", "--json", "--repo", "https://isc%3A\(urlPassword)@localhost:\(port)/\(repo)", "--provider", "git", "--account-id", "a1",
                    "--argocd-token-secret", "t:t",
                ] + ca, token: .none, expected: 2),
            Run(
                label: "invalid input: percent-encoded password in an scp-like URL (parse)",
                arguments: ["parse", "git%3a\(urlPassword)@localhost:\(repo)", "--json"], token: .none, expected: 2),
            Run(label: "invalid input: --format", arguments: ["helm-values", "--runtime", "r1", "--format", "nope"] + at, token: .environment, expected: 2),
            Run(label: "invalid input: --idle-timeout", arguments: ["list", "--idle-timeout", "-1"] + at, token: .file, expected: 2),
        ]

        for run in runs {
            var env = sandbox.environment.merging(environmentCanaries.mapValues { Optional($0) }) { $1 }
            env["ISC_GIT_USER"] = servers.httpUser
            var arguments = run.arguments
            switch run.token {
            case .environment: env["ISC_GIT_TOKEN"] = token
            case .wrongEnvironment: env["ISC_GIT_TOKEN"] = wrong
            case .file: arguments += ["--git-token-file", tokenFile.path]
            case .wrongFile: arguments += ["--git-token-file", wrongFile.path]
            case .none: break
            }
            let result = try ProcessRunner.iscctl(arguments, environment: env, currentDirectory: sandbox.root)
            #expect(result.status == run.expected, "\(run.label): \(result.stdout) \(result.stderr)")
            for form in forms {
                #expect(!result.stdout.contains(form) && !result.stderr.contains(form), "\(run.label) printed a canary")
            }
        }

        // Files: everything under HOME (the cache included) and TMPDIR; nothing else is left.
        let files = sandbox.files()
        #expect(!files.isEmpty, "the cache should be there")
        for file in files {
            let data = try Data(contentsOf: file)
            for form in forms where data.range(of: Data(form.utf8)) != nil {
                Issue.record("\(file.path) holds a canary")
            }
        }
        #expect(sandbox.filesOutsideTheCache().isEmpty, "left behind: \(sandbox.filesOutsideTheCache())")

        // The remote: every object (the pushes happened), its config, refs and push log.
        let objects = try servers.git(repo, ["cat-file", "--batch-all-objects", "--batch"])
        #expect(objects.contains("argocd-token") && objects.contains("git-runtime"), "the writes landed")
        let remoteText =
            objects + (try servers.git(repo, ["for-each-ref"]))
            + (try String(contentsOfFile: servers.repositoryPath(repo) + "/config", encoding: .utf8))
            + (try String(contentsOfFile: servers.repositoryPath(repo) + "/push.log", encoding: .utf8))
        for form in forms {
            #expect(!remoteText.contains(form), "the remote holds a canary")
        }
        // The fault server logged requests, never a header value.
        for line in faults.log { #expect(!forms.contains { line.contains($0) }) }
    }
}
