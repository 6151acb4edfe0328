import Foundation
import ISCKit
import ISCTestSupport
import Testing

/// The ISC commands through the built `iscctl` against the real https and ssh servers, with the
/// remote tree checked by the git CLI after each step.
@Suite("ISC end to end")
struct ISCEndToEndTests {
    static let tunnel = ["--access-mode", "tunnel", "--account-id", "acc1", "--argocd-token-secret", "argocd-token:token"]
    static let ingress = [
        "--access-mode", "ingress", "--ingress-host", "eu.example.com", "--ingress-class", "nginx",
        "--argocd-auth", "password", "--argocd-password-secret", "argocd-admin:password",
    ]
    static let mesh = [
        "--access-mode", "service-mesh", "--ingress-url", "https://mesh.example.com",
        "--argocd-token-secret", "argocd-token:token", "--argocd-rootpath", "/argo", "--argocd-server-port", "8080",
    ]

    struct Run {
        let transport: Transport
        let servers: TestServers
        let sandbox: Sandbox
        let url: String

        func iscctl(_ command: String, _ args: [String]) throws -> ProcessResult {
            try sandbox.iscctl(
                [command, "--repo", url, "--provider", "git"] + transport.arguments(servers) + args,
                environment: transport.environment(servers))
        }

        func tree(_ repo: String) throws -> [String] {
            try servers.git(repo, ["ls-tree", "-r", "--name-only", "main"]).split(separator: "\n").map(String.init)
        }
    }

    static func validateApplications(_ servers: TestServers, _ repo: String, _ paths: [String], in sandbox: Sandbox) throws {
        var files: [String] = []
        for path in paths where path.hasPrefix("gitops/runtimes/") {
            let file = sandbox.root.appendingPathComponent("apps/" + path.replacingOccurrences(of: "/", with: "_"))
            try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
            try servers.git(repo, ["show", "main:\(path)"]).write(to: file, atomically: true, encoding: .utf8)
            files.append(file.path)
        }
        #expect(!files.isEmpty)
        let tool = TestPaths.packageRoot.appendingPathComponent("Tests/Tools/validate-argocd-app")
        let result = try ProcessRunner.run(tool, ["--strict"] + files)
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
    }

    @Test("init → add-runtime ×3 → add-cluster → remove-runtime → validate", arguments: ["https", "ssh"])
    func lifecycle(_ name: String) throws {
        let transport = Transport(name: name)
        let servers = try TestServers.running()
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let repo = try servers.newRepository(TestServers.uniqueName("isc-\(name)"))
        let run = Run(transport: transport, servers: servers, sandbox: sandbox, url: transport.url(servers, repo) + "/gitops")

        let initialized = try run.iscctl("init", Self.tunnel)
        #expect(initialized.status == 0, "\(initialized.stderr)")
        #expect(initialized.stdout.contains("helm upgrade --install cf-gitops-runtime") && initialized.stdout.contains("\"$CF_API_KEY\""))
        #expect(initialized.stdout.contains("--set global.runtime.isConfigurationRuntime=true"), "init installs the configuration runtime")
        #expect(
            initialized.stdout.contains("Before you install, create the secrets it refers to (argocd-token)")
                && initialized.stdout.contains("iscctl helm-values --runtime codefresh --format secrets"))
        #expect(
            try run.tree(repo) == [
                "gitops/README.md", "gitops/isc.yaml", "gitops/resources/all-runtimes-all-clusters/.keep",
                "gitops/resources/control-planes/.keep", "gitops/resources/runtimes/codefresh/.keep",
                "gitops/runtimes/codefresh/in-cluster.yaml", "gitops/runtimes/codefresh/runtime.yaml",
            ])
        let account = try servers.git(repo, ["show", "main:gitops/isc.yaml"])
        #expect(account.hasPrefix("apiVersion: iscctl/v2\n") && !account.contains("runtimes"))
        let again = try run.iscctl("init", Self.tunnel + ["--json"])
        #expect(again.status == 0 && again.stdout.contains("\"commit\": null"), "\(again.stdout)\(again.stderr)")

        for (runtime, flags) in [("r1", Self.tunnel), ("r2", Self.ingress), ("r3", Self.mesh)] {
            let added = try run.iscctl("add-runtime", ["--runtime", runtime, "--namespace", "argocd", "--json"] + flags)
            #expect(added.status == 0, "\(added.stderr)")
            let json = try writeResult(added)
            #expect(json["pushed"] as? Bool == true)
            #expect((json["changed"] as? [String])?.contains("gitops/runtimes/\(runtime)/in-cluster.yaml") == true)
            let tree = try run.tree(repo)
            #expect(tree.contains("gitops/runtimes/\(runtime)/in-cluster.yaml") && tree.contains("gitops/resources/runtimes/\(runtime)/.keep"))
            #expect(try servers.git(repo, ["show", "main:gitops/runtimes/\(runtime)/runtime.yaml"]).contains("\nname: \(runtime)\n"))
            #expect(try servers.git(repo, ["show", "main:gitops/isc.yaml"]) == account, "add-runtime leaves isc.yaml alone")
        }
        let conflict = try run.iscctl("add-runtime", ["--runtime", "r1", "--namespace", "other", "--json"] + Self.tunnel)
        #expect(conflict.status == 3 && conflict.stdout.contains("\"runtime-exists\""))

        let cluster = try run.iscctl("add-cluster", ["--runtime", "r2", "--cluster", "edge", "--server", "https://edge.example.com:6443"])
        #expect(cluster.status == 0, "\(cluster.stderr)")
        let edge = try servers.git(repo, ["show", "main:gitops/runtimes/r2/edge.yaml"])
        #expect(edge.contains("server: https://edge.example.com:6443") && !edge.contains("control-planes"))

        let removed = try run.iscctl("remove-runtime", ["--runtime", "r3"])
        #expect(removed.status == 0, "\(removed.stderr)")
        let tree = try run.tree(repo)
        #expect(!tree.contains { $0.contains("/r3/") })
        #expect(!tree.contains("gitops/runtimes/r3/runtime.yaml"))
        let configRemoval = try run.iscctl("remove-runtime", ["--runtime", "codefresh"])
        #expect(configRemoval.status == 3)

        let valid = try run.iscctl("validate", [])
        #expect(valid.status == 0 && valid.stdout.contains("ok"), "\(valid.stdout)\(valid.stderr)")
        let list = try run.iscctl("list", ["--json"])
        let listed = try #require(try JSONSerialization.jsonObject(with: Data(list.stdout.utf8)) as? [String: Any])
        #expect(listed["configRuntime"] as? String == "codefresh")
        #expect((listed["runtimes"] as? [[String: Any]])?.compactMap { $0["name"] as? String } == ["codefresh", "r1", "r2"])
        let values = try run.iscctl("helm-values", ["--runtime", "r2", "--format", "command"])
        #expect(values.status == 0 && values.stdout.contains("global.runtime.ingress.className=nginx"))
        #expect(!values.stdout.contains("isConfigurationRuntime"))
        let valuesJSON = try run.iscctl("helm-values", ["--runtime", "r2", "--json"])
        let helm = try #require(try JSONSerialization.jsonObject(with: Data(valuesJSON.stdout.utf8)) as? [String: Any], "\(valuesJSON.stdout)")
        #expect(helm["release"] as? String == "cf-gitops-runtime" && helm["namespace"] as? String == "argocd")
        #expect((helm["secrets"] as? [[String: String]]) == [["name": "argocd-admin", "key": "password"]])
        #expect(!valuesJSON.stdout.contains("helm upgrade"))
        let secretsScript = try run.iscctl("helm-values", ["--runtime", "r2", "--format", "secrets"])
        #expect(
            secretsScript.status == 0 && secretsScript.stdout.hasPrefix("#!/bin/sh\n")
                && secretsScript.stdout.contains(
                    "kubectl create secret generic argocd-admin --namespace argocd \\\n  --from-literal=password=\"$ARGOCD_PASSWORD\""),
            "\(secretsScript.stdout)")
        let configValues = try run.iscctl("helm-values", ["--runtime", "codefresh", "--format", "values"])
        #expect(configValues.status == 0 && configValues.stdout.contains("    isConfigurationRuntime: true\n"), "\(configValues.stdout)")
        let another = try run.iscctl("add-runtime", ["--runtime", "r4"] + Self.tunnel)
        #expect(another.status == 0 && another.stdout.contains("helm upgrade --install") && !another.stdout.contains("isConfigurationRuntime"))
        #expect(try run.iscctl("remove-runtime", ["--runtime", "r4"]).status == 0)

        try Self.validateApplications(servers, repo, tree, in: sandbox)
        // Every step was one commit on a linear history: init, 3 × add-runtime, add-cluster,
        // remove-runtime, then add-runtime and remove-runtime of r4.
        #expect(try servers.git(repo, ["rev-list", "--count", "main"]).trimmingCharacters(in: .whitespacesAndNewlines) == "8")
    }

    @Test(
        "a secret name the chart reserves is exit 2 naming the flag, decided before anything is cloned",
        arguments: [
            ["--argocd-token-secret", "codefresh-token:token"],
            ["--argocd-auth", "password", "--argocd-password-secret", "codefresh-token:password"],
            ["--argocd-token-secret", "argocd-token:token", "--api-key-secret", "codefresh-token:token"],
        ])
    func reservedSecretName(_ flags: [String]) throws {
        let servers = try TestServers.running()
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        // A repository that does not exist: reaching the server would be exit 1, not 2.
        let run = Run(transport: Transport(name: "https"), servers: servers, sandbox: sandbox, url: servers["ISC_TEST_HTTPS_URL"] + "no-such-repo.git")
        let result = try run.iscctl("init", ["--account-id", "acc1", "--json"] + flags)
        #expect(result.status == 2, "\(result.stdout)\(result.stderr)")
        let flag = flags[flags.firstIndex { $0.hasPrefix("codefresh-token") }! - 1]
        #expect(result.stderr.hasPrefix("error: \(flag): the secret name 'codefresh-token' is reserved"), "\(result.stderr)")
        #expect(result.stdout.contains("\"invalid-setting\""))
    }

    @Test("--dry-run prints the diff and pushes nothing; validate reports a damaged ISC with exit 3")
    func dryRunAndValidate() throws {
        let transport = Transport(name: "https")
        let servers = try TestServers.running()
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let repo = try servers.newRepository(TestServers.uniqueName("dry"))
        let run = Run(transport: transport, servers: servers, sandbox: sandbox, url: transport.url(servers, repo) + "/gitops")
        let dry = try run.iscctl("init", Self.tunnel + ["--dry-run"])
        #expect(dry.status == 0)
        #expect(dry.stdout.contains("+++ b/gitops/isc.yaml") && dry.stdout.contains("+++ b/gitops/runtimes/codefresh/in-cluster.yaml"))
        #expect(try servers.git(repo, ["for-each-ref"]).isEmpty)
        #expect(try run.iscctl("validate", []).status == 3)

        #expect(try run.iscctl("init", Self.tunnel).status == 0)
        // Damage it with a stray runtime folder, written through the plumbing command.
        let stray = try run.iscctl("write-files", ["--put", "runtimes/ghost/in-cluster.yaml=x"])
        #expect(stray.status == 0, "\(stray.stderr)")
        let invalid = try run.iscctl("validate", ["--json"])
        #expect(invalid.status == 3)
        #expect(invalid.stdout.contains("\"valid\": false") && invalid.stdout.contains("ghost"))
    }

    @Test("validate checks the manifests under resources/: each problem names the file (and document); exit 3, also with --json")
    func validateManifests() throws {
        let transport = Transport(name: "file")
        let servers = try TestServers.running()
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let repo = try servers.newRepository(TestServers.uniqueName("manifests"))
        let run = Run(transport: transport, servers: servers, sandbox: sandbox, url: transport.url(servers, repo) + "/gitops")
        #expect(try run.iscctl("init", Self.tunnel).status == 0)
        let good = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n"
        let valid = try run.iscctl("write-files", ["--put", "resources/all-runtimes-all-clusters/settings.yaml=" + good])
        #expect(valid.status == 0, "\(valid.stderr)")
        #expect(try run.iscctl("validate", []).status == 0)

        let bad = try run.iscctl(
            "write-files",
            [
                "--put", "resources/all-runtimes-all-clusters/app.yaml=" + good.replacingOccurrences(of: "settings", with: "app") + "---\nkind: ConfigMap\n",
                "--put", "resources/runtimes/codefresh/settings.yaml=" + good,
                "--put", "resources/runtimes/codefresh/broken.yml=a: [\n",
            ])
        #expect(bad.status == 0, "\(bad.stderr)")
        let result = try run.iscctl("validate", [])
        #expect(result.status == 3, "\(result.stdout)\(result.stderr)")
        let expected = [
            "problem: gitops/resources/all-runtimes-all-clusters/app.yaml: document 2: no apiVersion",
            "problem: gitops/resources/all-runtimes-all-clusters/app.yaml: document 2: no metadata.name",
            "problem: gitops/resources/runtimes/codefresh/broken.yml: the Applications include only *.yaml files, so Argo CD never applies it: rename it to .yaml",
            "problem: gitops/resources/runtimes/codefresh/broken.yml: document 1: not valid YAML (",
            "problem: gitops/resources/runtimes/codefresh/settings.yaml: document 1: ConfigMap settings is also defined in gitops/resources/all-runtimes-all-clusters/settings.yaml document 1; both reach runtime 'codefresh'",
        ]
        let lines = result.stdout.split(separator: "\n").map(String.init)
        #expect(lines.count == expected.count && zip(lines, expected).allSatisfy { $0.hasPrefix($1) }, "\(result.stdout)")
        #expect(result.stderr.contains("error: the Shared Configuration Repository has 5 problem(s)"), "\(result.stderr)")
        let json = try run.iscctl("validate", ["--json"])
        #expect(json.status == 3)
        let object = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
        #expect(object?["valid"] as? Bool == false)
        #expect((object?["problems"] as? [String])?.first == String(expected[0].dropFirst("problem: ".count)), "\(json.stdout)")
    }

    @Test("two add-runtimes of different names racing: both registered; of the same name with other settings: one conflict")
    func racingAddRuntimes() throws {
        let transport = Transport(name: "https")
        let servers = try TestServers.running()
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let repo = try servers.newRepository(TestServers.uniqueName("race-isc"))
        let run = Run(transport: transport, servers: servers, sandbox: sandbox, url: transport.url(servers, repo))
        #expect(try run.iscctl("init", Self.tunnel).status == 0)

        func race(_ first: [String], _ second: [String]) throws -> [ProcessResult] {
            let box = ResultBox()
            DispatchQueue.concurrentPerform(iterations: 2) { index in
                box.append(Result { try run.iscctl("add-runtime", (index == 0 ? first : second) + ["--json", "--retries", "10"]) })
            }
            return try box.values.map { try $0.get() }
        }
        let different = try race(["--runtime", "east"] + Self.tunnel, ["--runtime", "west"] + Self.ingress)
        #expect(different.map(\.status) == [0, 0], "\(different.map(\.stderr))")
        let tree = try run.tree(repo)
        #expect(tree.contains("runtimes/east/runtime.yaml") && tree.contains("runtimes/west/runtime.yaml"))

        let same = try race(["--runtime", "north"] + Self.tunnel, ["--runtime", "north"] + Self.mesh)
        #expect(same.map(\.status).sorted() == [0, 3], "\(same.map(\.stderr))")
        #expect(same.contains { $0.stdout.contains("\"runtime-exists\"") })
    }

    @Test(
        "a layout v1 ISC: read commands work, writes exit 3 with layout-v1, migrate --dry-run pushes nothing, migrate converts it in one commit, then writes work"
    )
    func migrateLayoutV1() throws {
        let transport = Transport(name: "https")
        let servers = try TestServers.running()
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let repo = try servers.newRepository(TestServers.uniqueName("v1"))
        let url = transport.url(servers, repo) + "/gitops"
        let run = Run(transport: transport, servers: servers, sandbox: sandbox, url: url)
        // An ISC as an earlier iscctl wrote it (layout v1), pushed through the plumbing command.
        var second = RuntimeSettings(
            name: "eu1", accessMode: .tunnel(accountId: "acc1"),
            argoCD: ArgoCDSettings(auth: .token(tokenSecretKeyRef: SecretKeyRef(name: "argocd-token", key: "token"))))
        let first = second.with(name: "codefresh")
        second.clusters = ["in-cluster", "edge"]
        let parsed = try RepositoryURL(parsing: url, provider: "git")
        let registry = Registry(gitProvider: .init(type: .git, apiURL: nil), configRuntime: "codefresh", runtimes: [first, second])
        var v1 = ISCFiles(url: parsed).initialFiles(registry: registry, includeReadme: true, layout: .v1)
        v1.merge(ISCFiles(url: parsed).cluster("edge", server: "https://edge.example.com", runtime: second)) { $1 }
        let puts = v1.sorted { $0.key < $1.key }.flatMap {
            ["--put", String($0.key.dropFirst("gitops/".count)) + "=" + String(decoding: $0.value, as: UTF8.self)]
        }
        let seeded = try run.iscctl("write-files", puts)
        #expect(seeded.status == 0, "\(seeded.stderr)")
        let before = try servers.git(repo, ["rev-parse", "main"])

        let list = try run.iscctl("list", ["--json"])
        #expect(list.status == 0 && list.stdout.contains("\"eu1\"") && list.stdout.contains("\"edge\""), "\(list.stdout)\(list.stderr)")
        #expect(try run.iscctl("validate", []).status == 0)
        #expect(try run.iscctl("helm-values", ["--runtime", "eu1"]).status == 0)
        let refused = try run.iscctl("add-runtime", ["--runtime", "us1", "--json"] + Self.tunnel)
        #expect(
            refused.status == 3 && refused.stdout.contains("\"layout-v1\"") && refused.stderr.contains("iscctl migrate"), "\(refused.stdout)\(refused.stderr)")

        let dry = try run.iscctl("migrate", ["--dry-run"])
        #expect(dry.status == 0 && dry.stdout.contains("+++ b/gitops/runtimes/eu1/runtime.yaml") && dry.stdout.contains("-  - name: eu1"), "\(dry.stdout)")
        #expect(try servers.git(repo, ["rev-parse", "main"]) == before)

        let migrated = try run.iscctl("migrate", ["--json"])
        #expect(migrated.status == 0, "\(migrated.stderr)")
        #expect(
            try writeResult(migrated)["changed"] as? [String] == [
                "gitops/isc.yaml", "gitops/runtimes/codefresh/runtime.yaml", "gitops/runtimes/eu1/runtime.yaml",
            ])
        #expect(try servers.git(repo, ["rev-list", "--count", "\(before.trimmingCharacters(in: .whitespacesAndNewlines))..main"]) == "1\n")
        #expect(try servers.git(repo, ["show", "main:gitops/runtimes/eu1/runtime.yaml"]) == RuntimeFile.yaml(second))
        let again = try run.iscctl("migrate", ["--json"])
        #expect(again.status == 0 && again.stdout.contains("\"commit\": null"))
        #expect(try run.iscctl("add-runtime", ["--runtime", "us1"] + Self.tunnel).status == 0)
        #expect(try run.iscctl("validate", []).status == 0)
    }
}

extension RuntimeSettings {
    func with(name: String) -> RuntimeSettings {
        var copy = self
        copy.name = name
        return copy
    }
}
