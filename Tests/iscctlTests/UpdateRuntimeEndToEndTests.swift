import Foundation
import ISCKit
import ISCTestSupport
import Testing

/// The install additions end to end (issue 8): `init` with Git runtime credentials and a pinned
/// chart, `update-runtime` through the built `iscctl` against the https server, the remote
/// checked with the git CLI; and the flag checks that come before any network access.
@Suite("Update runtime end to end")
struct UpdateRuntimeEndToEndTests {
    static let tunnel = ["--access-mode", "tunnel", "--account-id", "acc1", "--argocd-token-secret", "argocd-token:token"]
    static let credentials = ["--git-runtime-token-secret", "git-runtime:token", "--git-runtime-user", "bot", "--chart-version", "0.26.3"]

    /// A user file put under `resources/` with the git CLI (a second clone), as a user would.
    static func pushUserFiles(_ servers: TestServers, _ repo: String, _ files: [String: String], in sandbox: Sandbox) throws {
        let clone = sandbox.root.appendingPathComponent("user-clone")
        func git(_ arguments: [String], in directory: URL? = nil) throws {
            let result = try ProcessRunner.tool(
                "git",
                (directory.map { ["-C", $0.path] } ?? [])
                    + ["-c", "user.name=User", "-c", "user.email=user@example.com"] + arguments)
            #expect(result.status == 0, "git \(arguments): \(result.stderr)")
        }
        try git(["clone", "--quiet", "--branch", "main", servers.repositoryPath(repo), clone.path])
        for (path, text) in files {
            let file = clone.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
            try text.write(to: file, atomically: true, encoding: .utf8)
        }
        try git(["add", "--all"], in: clone)
        try git(["commit", "--quiet", "-m", "user files"], in: clone)
        try git(["push", "--quiet", "origin", "main"], in: clone)
    }

    static func lines(_ text: String) -> [String] {
        text.split(separator: "\n").map(String.init)
    }

    @Test(
        "init with Git credentials and a pinned chart; update-runtime: one commit of runtime.yaml and the Applications, then no-ops, dry run, refusals; helm-values"
    )
    func updateRuntime() throws {
        let transport = Transport(name: "https")
        let servers = try TestServers.running()
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let repo = try servers.newRepository(TestServers.uniqueName("update"))
        let run = ISCEndToEndTests.Run(transport: transport, servers: servers, sandbox: sandbox, url: transport.url(servers, repo) + "/gitops")
        func head() throws -> String { try servers.git(repo, ["rev-parse", "main"]).trimmingCharacters(in: .whitespacesAndNewlines) }

        let initialized = try run.iscctl("init", Self.tunnel + Self.credentials)
        #expect(initialized.status == 0, "\(initialized.stderr)")
        for line in [
            "  --set global.runtime.gitCredentials.username=bot \\", "  --set global.runtime.gitCredentials.password.secretKeyRef.name=git-runtime \\",
            "  --set global.runtime.gitCredentials.password.secretKeyRef.key=token \\",
            "  oci://quay.io/codefresh/gitops-runtime --version 0.26.3 --wait --timeout 10m",
        ] {
            #expect(Self.lines(initialized.stdout).contains(line), "\(line)\n\(initialized.stdout)")
        }
        #expect(initialized.stdout.contains("Chart: 0.26.3, pinned") && initialized.stdout.contains("Git runtime token: secret git-runtime, key token"))
        #expect(initialized.stdout.contains("(argocd-token, git-runtime)"), "the secrets to create: \(initialized.stdout)")
        let runtimeFile = try servers.git(repo, ["show", "main:gitops/runtimes/codefresh/runtime.yaml"])
        #expect(runtimeFile.contains("\nhelmRelease: cf-gitops-runtime\nchartVersion: \"0.26.3\"\naccessMode:"), "\(runtimeFile)")
        #expect(runtimeFile.contains("\ngitCredentials: {username: bot, passwordSecretKeyRef: {name: git-runtime, key: token}}\nclusters:"), "\(runtimeFile)")

        #expect(try run.iscctl("add-runtime", ["--runtime", "r1"] + Self.tunnel).status == 0)
        #expect(try run.iscctl("add-cluster", ["--runtime", "codefresh", "--cluster", "edge", "--server", "https://edge.example.com:6443"]).status == 0)
        let userFiles = [
            "gitops/resources/all-runtimes-all-clusters/cm.yaml": "kind: ConfigMap\n",
            "gitops/resources/runtimes/codefresh/app.yaml": "kind: Deployment\n",
        ]
        try Self.pushUserFiles(servers, repo, userFiles, in: sandbox)
        let r1Before = try servers.git(repo, ["show", "main:gitops/runtimes/r1/runtime.yaml"])
        let before = try head()

        // One commit, exactly runtime.yaml and the runtime's Applications.
        let updated = try run.iscctl("update-runtime", ["--runtime", "codefresh", "--namespace", "other", "--chart-version", "0.29.0"])
        #expect(updated.status == 0, "\(updated.stdout)\(updated.stderr)")
        #expect(try servers.git(repo, ["rev-list", "--count", "\(before)..main"]) == "1\n")
        #expect(
            Self.lines(try servers.git(repo, ["diff", "--name-only", "main~1", "main"])) == [
                "gitops/runtimes/codefresh/edge.yaml", "gitops/runtimes/codefresh/in-cluster.yaml", "gitops/runtimes/codefresh/runtime.yaml",
            ])
        #expect(try servers.git(repo, ["diff", "--name-only", before, "main", "--", "gitops/resources"]).isEmpty)
        for (path, text) in userFiles {
            #expect(try servers.git(repo, ["show", "main:\(path)"]) == text)
        }
        #expect(try servers.git(repo, ["show", "main:gitops/runtimes/r1/runtime.yaml"]) == r1Before)
        let newFile = try servers.git(repo, ["show", "main:gitops/runtimes/codefresh/runtime.yaml"])
        #expect(
            newFile.contains("\nnamespace: other\n") && newFile.contains("\nchartVersion: \"0.29.0\"\n") && newFile.contains("gitCredentials: {username: bot,"),
            "\(newFile)")
        #expect(try servers.git(repo, ["show", "main:gitops/runtimes/codefresh/edge.yaml"]).contains("server: https://edge.example.com:6443"))
        #expect(try servers.git(repo, ["show", "main:gitops/runtimes/codefresh/in-cluster.yaml"]).contains("namespace: other"))
        #expect(updated.stdout.contains("helm upgrade --install cf-gitops-runtime --create-namespace --namespace other \\\n"), "\(updated.stdout)")
        #expect(updated.stdout.contains("oci://quay.io/codefresh/gitops-runtime --version 0.29.0 --wait --timeout 10m"), "\(updated.stdout)")
        #expect(updated.stdout.contains("--set global.runtime.isConfigurationRuntime=true"), "codefresh is the configuration runtime")
        let after = try head()

        // The same update again: no commit.
        let again = try run.iscctl("update-runtime", ["--runtime", "codefresh", "--namespace", "other", "--chart-version", "0.29.0", "--json"])
        #expect(again.status == 0 && again.stdout.contains("\"commit\": null"), "\(again.stdout)\(again.stderr)")
        #expect(try head() == after)

        // --dry-run: the diff, nothing pushed.
        let dry = try run.iscctl("update-runtime", ["--runtime", "codefresh", "--namespace", "third", "--dry-run"])
        #expect(dry.status == 0, "\(dry.stderr)")
        #expect(
            dry.stdout.contains("+++ b/gitops/runtimes/codefresh/runtime.yaml") && dry.stdout.contains("-namespace: other\n+namespace: third\n"),
            "\(dry.stdout)")
        #expect(dry.stdout.contains("+++ b/gitops/runtimes/codefresh/edge.yaml") && !dry.stdout.contains("resources/"), "\(dry.stdout)")
        #expect(try head() == after)

        // Refusals: nothing pushed.
        let empty = try run.iscctl("update-runtime", ["--runtime", "codefresh"])
        #expect(empty.status == 2 && empty.stderr.contains("at least one setting"), "\(empty.stderr)")
        let unsupported = try run.iscctl(
            "update-runtime", ["--runtime", "codefresh", "--namespace", "fourth", "--argocd-version", "3.0", "--chart-version", "0.29.0", "--json"])
        #expect(unsupported.status == 2 && unsupported.stdout.contains("\"unsupported-argocd-version\""), "\(unsupported.stdout)\(unsupported.stderr)")
        #expect(
            unsupported.stderr.contains("chart 0.29.x supports Argo CD 3.1 to 3.3") && unsupported.stderr.contains("0.26.x–0.28.x"), "\(unsupported.stderr)")
        let unknown = try run.iscctl("update-runtime", ["--runtime", "nope", "--namespace", "other", "--json"])
        #expect(unknown.status == 3 && unknown.stdout.contains("\"runtime-not-found\""), "\(unknown.stdout)\(unknown.stderr)")
        #expect(try head() == after)

        // helm-values reads the stored additions.
        let secrets = try run.iscctl("helm-values", ["--runtime", "codefresh", "--format", "secrets"])
        #expect(secrets.status == 0 && secrets.stdout.contains("--from-literal=token=\"$GIT_RUNTIME_TOKEN\""), "\(secrets.stdout)")
        #expect(secrets.stdout.contains("kubectl create secret generic git-runtime --namespace other"), "\(secrets.stdout)")
        let json = try run.iscctl("helm-values", ["--runtime", "codefresh", "--json"])
        let helm = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any], "\(json.stdout)")
        #expect(helm["version"] as? String == "0.29.0" && helm["namespace"] as? String == "other")
        #expect((helm["secrets"] as? [[String: String]])?.contains(["name": "git-runtime", "key": "token"]) == true, "\(json.stdout)")
        #expect(json.stdout.contains("\"version\": \"0.29.0\""), "\(json.stdout)")
        let incompatible = try run.iscctl("helm-values", ["--runtime", "codefresh", "--argocd-version", "3.0"])
        #expect(incompatible.status == 2 && incompatible.stderr.contains("Argo CD 3.1 to 3.3"), "\(incompatible.stderr)")
        // list shows the pinned chart and that the runtime has its Git token.
        let listed = try run.iscctl("list", [])
        let row = listed.stdout.split(separator: "\n").first { $0.hasPrefix("*codefresh ") }.map { $0.split(separator: " ").map(String.init) }
        #expect(listed.stdout.hasPrefix("NAME ") && listed.stdout.contains(" CHART ") && listed.stdout.contains(" GIT CREDS "), "\(listed.stdout)")
        #expect(row == ["*codefresh", "other", "cf-gitops-runtime", "0.29.0", "tunnel", "token", "token", "in-cluster,edge"], "\(listed.stdout)")
    }

    @Test(
        "invalid flags and unsupported Argo CD versions are exit 2 before any network access",
        arguments: [
            ("init", ["--argocd-version", "3.0"] + tunnel, "unsupported-argocd-version", "supports Argo CD 3.1 to 3.3"),
            (
                "init", ["--argocd-version", "3.3", "--chart-version", "0.26.3"] + tunnel, "unsupported-argocd-version",
                "chart 0.26.x–0.28.x supports Argo CD 3.0 to 3.2"
            ),
            ("init", ["--git-runtime-user", "bot"] + tunnel, "invalid-setting", "--git-runtime-user needs --git-runtime-token-secret"),
            (
                "init", ["--git-runtime-token-secret", "codefresh-token:token"] + tunnel, "invalid-setting",
                "--git-runtime-token-secret: the secret name 'codefresh-token' is reserved"
            ),
            ("init", ["--chart-version", "0.23.9"] + tunnel, "invalid-setting", "--chart-version 0.23.9 is older than 0.24.0"),
            ("update-runtime", ["--runtime", "codefresh", "--namespace", "BAD_NS"], "invalid-setting", "--namespace"),
            ("update-runtime", ["--runtime", "codefresh"], "invalid-setting", "at least one setting"),
            ("update-runtime", ["--runtime", "codefresh", "--chart-version", "0.26"], "invalid-setting", "--chart-version"),
            ("update-runtime", ["--runtime", "codefresh", "--git-runtime-token-secret", "codefresh-token:t"], "invalid-setting", "reserved"),
            ("update-runtime", ["--runtime", "codefresh", "--namespace", "other", "--argocd-version", "three"], "invalid-setting", "--argocd-version"),
        ])
    func checkedBeforeNetwork(_ command: String, _ flags: [String], _ code: String, _ message: String) throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        // Nothing listens on port 9: a clone would fail with exit 1, not 2.
        let result = try sandbox.iscctl([command, "--repo", "https://127.0.0.1:9/x.git", "--provider", "git", "--json"] + flags)
        #expect(result.status == 2, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.contains("\"\(code)\""), "\(result.stdout)")
        #expect(result.stderr.contains(message), "\(result.stderr)")
    }

    @Test("the same URL is unreachable: flags that pass the checks fail on the network (exit 1), so the exit 2 above came first")
    func unreachableControl() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        for (command, flags) in [
            ("init", ["--argocd-version", "3.0", "--chart-version", "0.26.3"] + Self.tunnel),
            ("update-runtime", ["--runtime", "codefresh", "--namespace", "other", "--argocd-version", "3.0"]),
        ] {
            let result = try sandbox.iscctl([command, "--repo", "https://127.0.0.1:9/x.git", "--provider", "git"] + flags)
            #expect(result.status == 1, "\(command): \(result.stdout)\(result.stderr)")
        }
    }
}
