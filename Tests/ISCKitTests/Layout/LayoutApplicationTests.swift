import Foundation
import ISCKit
import ISCTestSupport
import Testing
import Yams

/// The Argo CD Applications: exact values of spec section 5, read back with a YAML parser.
@Suite("Layout Application manifests")
struct LayoutApplicationTests {
    static let includeInCluster =
        "{all-runtimes-all-clusters/*.yaml,all-runtimes-all-clusters/**/*.yaml,runtimes/codefresh/*.yaml,runtimes/codefresh/**/*.yaml,control-planes/*.yaml,control-planes/**/*.yaml}"
    static let includeExtra = "{all-runtimes-all-clusters/*.yaml,all-runtimes-all-clusters/**/*.yaml,runtimes/codefresh/*.yaml,runtimes/codefresh/**/*.yaml}"

    func load(_ text: String) throws -> [String: Any] {
        try #require(try Yams.load(yaml: text) as? [String: Any])
    }

    func value(_ document: [String: Any], _ path: String) -> Any? {
        var current: Any? = document
        for key in path.split(separator: ".") {
            current = (current as? [String: Any])?[String(key)]
        }
        return current
    }

    @Test(
        "in-cluster: every value of the spec, typed as the spec types it",
        arguments: [
            ("https://github.com/acme/isc.git", "https://github.com/acme/isc.git", "HEAD", "resources"),
            (
                "https://github.com/codefresh-io/our-isc.git/some/path?ref=isc-branch", "https://github.com/codefresh-io/our-isc.git", "isc-branch",
                "some/path/resources"
            ),
            ("git@github.com:acme/isc.git/envs/prod?ref=main", "git@github.com:acme/isc.git", "main", "envs/prod/resources"),
            ("file:///srv/my repos/isc.git/a%20b", "file:///srv/my repos/isc.git", "HEAD", "a b/resources"),
            ("/srv/git/isc.git/%23x/y%20%23z?ref=1.0", "file:///srv/git/isc.git", "1.0", "#x/y #z/resources"),
            ("git://git.example.com/isc.git?ref=true", "git://git.example.com/isc.git", "true", "resources"),
        ])
    func inClusterValues(_ input: String, _ repoURL: String, _ revision: String, _ path: String) throws {
        let url = LayoutSamples.url(input)
        let text = ApplicationManifest.inCluster(runtime: LayoutSamples.defaultRuntime, url: url)
        #expect(text == ApplicationManifest.inCluster(runtime: LayoutSamples.defaultRuntime, url: url), "deterministic")
        let app = try load(text)
        #expect(value(app, "apiVersion") as? String == "argoproj.io/v1alpha1")
        #expect(value(app, "kind") as? String == "Application")
        #expect(value(app, "metadata.name") as? String == "in-cluster")
        #expect(value(app, "metadata.finalizers") as? [String] == ["resources-finalizer.argocd.argoproj.io"])
        let labels = try #require(value(app, "metadata.labels") as? [String: Any])
        #expect(labels.count == 2)
        #expect(labels["codefresh.io/entity"] as? String == "internal-config")
        #expect(labels["codefresh.io/internal"] as? String == "true", "a string, not a boolean")
        #expect(value(app, "metadata.namespace") == nil)
        #expect(value(app, "spec.project") as? String == "default")
        #expect(value(app, "spec.source.repoURL") as? String == repoURL)
        #expect(value(app, "spec.source.targetRevision") as? String == revision)
        #expect(value(app, "spec.source.path") as? String == path)
        #expect(value(app, "spec.source.directory.recurse") as? Bool == true)
        #expect(value(app, "spec.source.directory.include") as? String == Self.includeInCluster)
        #expect(value(app, "spec.destination.server") as? String == "https://kubernetes.default.svc")
        #expect(value(app, "spec.destination.namespace") as? String == "codefresh")
        #expect(value(app, "spec.syncPolicy.automated.prune") as? Bool == true)
        #expect(value(app, "spec.syncPolicy.automated.selfHeal") as? Bool == true)
        #expect(value(app, "spec.syncPolicy.automated.allowEmpty") as? Bool == true)
        #expect(value(app, "spec.syncPolicy.syncOptions") == nil)
        #expect(!text.contains("syncOptions"))
        #expect((value(app, "spec") as? [String: Any])?.keys.sorted() == ["destination", "project", "source", "syncPolicy"])
        #expect((value(app, "spec.source") as? [String: Any])?.keys.sorted() == ["directory", "path", "repoURL", "targetRevision"])
    }

    @Test("an extra cluster: its name, its server, the runtime's namespace, no control-planes")
    func extraCluster() throws {
        var runtime = LayoutSamples.defaultRuntime
        runtime.namespace = "gitops"
        let url = LayoutSamples.url("https://github.com/acme/isc.git/envs/prod?ref=isc-branch")
        let text = ApplicationManifest.yaml(runtime: runtime, cluster: "prod-eu", server: "https://prod-eu.example.com:6443", url: url)
        let app = try load(text)
        #expect(value(app, "metadata.name") as? String == "prod-eu")
        #expect(value(app, "spec.destination.server") as? String == "https://prod-eu.example.com:6443")
        #expect(value(app, "spec.destination.namespace") as? String == "gitops")
        #expect(value(app, "spec.source.include") == nil)
        #expect(value(app, "spec.source.directory.include") as? String == Self.includeExtra)
        #expect(!text.contains("control-planes"))
        #expect(value(app, "spec.source.path") as? String == "envs/prod/resources")
        #expect(value(app, "spec.source.targetRevision") as? String == "isc-branch")
        // Everything else is the in-cluster Application's.
        let inCluster = ApplicationManifest.inCluster(runtime: runtime, url: url)
        let swapped =
            text
            .replacingOccurrences(of: "name: prod-eu", with: "name: in-cluster")
            .replacingOccurrences(of: "https://prod-eu.example.com:6443", with: "https://kubernetes.default.svc")
            .replacingOccurrences(of: "runtimes/codefresh/**/*.yaml}", with: "runtimes/codefresh/**/*.yaml,control-planes/*.yaml,control-planes/**/*.yaml}")
        #expect(swapped == inCluster)
    }

    @Test("include: the spec's glob with the runtime substituted")
    func include() {
        #expect(ApplicationManifest.include(runtime: "codefresh", cluster: "in-cluster") == Self.includeInCluster)
        #expect(ApplicationManifest.include(runtime: "codefresh", cluster: "prod") == Self.includeExtra)
        #expect(ApplicationManifest.include(runtime: "r2", cluster: "in-cluster").contains("runtimes/r2/*.yaml,runtimes/r2/**/*.yaml"))
    }

    @Test("the server is read back from every Application we write, hostile values included")
    func serverReadBack() throws {
        var rng = SeededGenerator(seed: 42)
        for _ in 0..<200 {
            let url = LayoutSamples.repositoryURL(&rng)
            let runtime = LayoutSamples.runtime(&rng, name: LayoutSamples.runtimeName(&rng))
            let cluster = rng.pick(runtime.clusters)
            let server = rng.pick([
                "https://kubernetes.default.svc", "https://10.0.0.1:6443", "https://[fd00::1]:6443", "https://k8s.example.com/a,b?c=#d", "http://h/\"q\"",
                "https://é.example",
            ])
            let text = ApplicationManifest.yaml(runtime: runtime, cluster: cluster, server: server, url: url)
            #expect(try ApplicationManifest.applicationServer(from: text) == server)
            let summary = try ApplicationManifest.read(Data(text.utf8), source: "x.yaml")
            #expect(summary == ApplicationManifest.Summary(name: cluster, server: server, namespace: runtime.namespace, targetRevision: url.ref ?? "HEAD"))
            let app = try load(text)
            #expect(value(app, "spec.source.repoURL") as? String == url.cloneURL)
            #expect(value(app, "spec.source.targetRevision") as? String == (url.ref ?? "HEAD"))
            #expect(value(app, "spec.source.path") as? String == (url.path.isEmpty ? "resources" : url.path + "/resources"))
        }
    }

    @Test(
        "reading refuses what is not one of our Applications: invalid-application, naming the key",
        arguments: [
            ("not: [yaml", "not valid YAML"),
            ("", "is empty"),
            ("kind: Application\n", "apiVersion: missing"),
            ("apiVersion: v1\nkind: Application\n", "apiVersion: must be 'argoproj.io/v1alpha1', got 'v1'"),
            ("apiVersion: argoproj.io/v1alpha1\nkind: ApplicationSet\n", "kind: must be 'Application', got 'ApplicationSet'"),
            ("apiVersion: argoproj.io/v1alpha1\nkind: Application\nspec: {}\n", "metadata: missing"),
            (
                "apiVersion: argoproj.io/v1alpha1\nkind: Application\nmetadata: {name: x}\nspec: {destination: {name: prod}}\n",
                "spec.destination.server: missing"
            ),
            (
                "apiVersion: argoproj.io/v1alpha1\nkind: Application\nmetadata: {name: x}\nspec: {destination: {server: [a]}}\n",
                "spec.destination.server: must be a string"
            ),
        ])
    func readRefusals(_ text: String, _ message: String) {
        do {
            let server = try ApplicationManifest.applicationServer(from: text, source: "runtimes/r/c.yaml")
            Issue.record("accepted: \(server)")
        } catch {
            #expect(error.code == "invalid-application")
            #expect(error.category == .conflict)
            #expect(error.message.hasPrefix("runtimes/r/c.yaml: " + message), "\(error.message)")
        }
    }

    @Test("hand edits of an Application still give the server (flow style, other key order)")
    func readHandEdit() throws {
        let text = """
            kind: Application
            apiVersion: argoproj.io/v1alpha1
            spec:
              destination: {namespace: ns, server: 'https://h:6443'}
            metadata: {name: prod}
            """
        #expect(try ApplicationManifest.read(text, source: "a.yaml") == ApplicationManifest.Summary(name: "prod", server: "https://h:6443", namespace: "ns"))
    }
}
