import Foundation
import ISCKit
import ISCTestSupport
import Testing
import Yams

/// Paths, file sets, the README, and the scalar quoting rule.
@Suite("Layout paths, files and quoting")
struct LayoutPathsAndFilesTests {
    @Test("paths at the repository root and under a sub-path, never with a leading '/'", arguments: ["", "envs/prod"])
    func paths(_ root: String) {
        let layout = ISCLayout(root: root)
        let prefix = root.isEmpty ? "" : root + "/"
        #expect(layout.registry == prefix + "isc.yaml")
        #expect(layout.readme == prefix + "README.md")
        #expect(layout.resources == prefix + "resources")
        #expect(layout.allRuntimesAllClustersKeep == prefix + "resources/all-runtimes-all-clusters/.keep")
        #expect(layout.controlPlanesKeep == prefix + "resources/control-planes/.keep")
        #expect(layout.runtimeResources("codefresh") == prefix + "resources/runtimes/codefresh")
        #expect(layout.runtimeResourcesKeep("codefresh") == prefix + "resources/runtimes/codefresh/.keep")
        #expect(layout.runtimesDirectory == prefix + "runtimes")
        #expect(layout.runtimeDirectory("codefresh") == prefix + "runtimes/codefresh")
        #expect(layout.application(runtime: "codefresh", cluster: "in-cluster") == prefix + "runtimes/codefresh/in-cluster.yaml")
        #expect(layout.application(runtime: "codefresh", cluster: "prod-eu") == prefix + "runtimes/codefresh/prod-eu.yaml")
        #expect(layout.keepFiles(runtime: "r") == [layout.allRuntimesAllClustersKeep, layout.controlPlanesKeep, layout.runtimeResourcesKeep("r")])
        for path in [layout.registry, layout.readme, layout.resources, layout.runtimesDirectory] {
            #expect(!path.hasPrefix("/"))
        }
        #expect(ISCLayout(url: LayoutSamples.url("https://github.com/a/b.git/\(root)")) == layout)
    }

    @Test("initialFiles (layout v2): account, README only when asked, keep files (empty), each runtime's runtime.yaml and in-cluster Application")
    func initialFiles() throws {
        let url = LayoutSamples.url("https://github.com/acme/isc.git/envs/prod?ref=isc-branch")
        var second = LayoutSamples.defaultRuntime
        second.name = "second"
        let registry = LayoutSamples.registry(url, [LayoutSamples.defaultRuntime, second])
        let files = ISCFiles(url: url)
        let all = files.initialFiles(registry: registry, includeReadme: true)
        #expect(
            all.keys.sorted() == [
                "envs/prod/README.md",
                "envs/prod/isc.yaml",
                "envs/prod/resources/all-runtimes-all-clusters/.keep",
                "envs/prod/resources/control-planes/.keep",
                "envs/prod/resources/runtimes/codefresh/.keep",
                "envs/prod/resources/runtimes/second/.keep",
                "envs/prod/runtimes/codefresh/in-cluster.yaml",
                "envs/prod/runtimes/codefresh/runtime.yaml",
                "envs/prod/runtimes/second/in-cluster.yaml",
                "envs/prod/runtimes/second/runtime.yaml",
            ])
        #expect(all["envs/prod/isc.yaml"] == Account(gitProvider: registry.gitProvider, configRuntime: registry.configRuntime).data())
        #expect(all["envs/prod/runtimes/second/runtime.yaml"] == RuntimeFile.data(second))
        #expect(all["envs/prod/README.md"] == Data(ISCFiles.readmeText().utf8))
        for (path, data) in all where path.hasSuffix("/.keep") {
            #expect(data.isEmpty, "\(path)")
        }
        #expect(all["envs/prod/runtimes/second/in-cluster.yaml"] == Data(ApplicationManifest.inCluster(runtime: second, url: url).utf8))
        let withoutReadme = files.initialFiles(registry: registry, includeReadme: false)
        #expect(Set(all.keys).subtracting(withoutReadme.keys) == ["envs/prod/README.md"])
        #expect(files.initialFiles(registry: registry, includeReadme: true) == all, "deterministic")
        // The pieces compose into the whole.
        var composed = files.account(Account(gitProvider: registry.gitProvider, configRuntime: registry.configRuntime))
        composed.merge(files.readme()) { _, new in new }
        composed.merge(files.sharedKeepFiles()) { _, new in new }
        composed.merge(files.runtimeFiles(LayoutSamples.defaultRuntime)) { _, new in new }
        composed.merge(files.runtimeFiles(second)) { _, new in new }
        #expect(composed == all)
        #expect(files.cluster("prod-eu", server: "https://h:6443", runtime: second).keys.sorted() == ["envs/prod/runtimes/second/prod-eu.yaml"])
        // Layout v1: the whole registry in isc.yaml, no runtime.yaml.
        let v1 = files.initialFiles(registry: registry, includeReadme: true, layout: .v1)
        #expect(Set(all.keys).subtracting(v1.keys) == ["envs/prod/runtimes/codefresh/runtime.yaml", "envs/prod/runtimes/second/runtime.yaml"])
        #expect(v1["envs/prod/isc.yaml"] == registry.data())
        #expect(v1["envs/prod/README.md"] == Data(ISCFiles.readmeText(for: .v1).utf8))
    }

    @Test("the README: markdown naming every part of the layout, no settings, no secrets")
    func readme() {
        let text = ISCFiles.readmeText()
        #expect(text.hasPrefix("# "))
        #expect(text.hasSuffix("\n") && !text.hasSuffix("\n\n"))
        for part in [
            "isc.yaml", "resources/all-runtimes-all-clusters/", "resources/control-planes/", "resources/runtimes/<runtime>/",
            "runtimes/<runtime>/in-cluster.yaml", "runtimes/<runtime>/<cluster>.yaml", "runtimes/<runtime>/runtime.yaml", "iscctl",
        ] {
            #expect(text.contains(part), "\(part)")
        }
        for scenario in LayoutSamples.scenarios {
            let readme = scenario.files()[ISCLayout(url: scenario.url).readme]
            #expect(readme == Data(text.utf8), "\(scenario.name): the same README everywhere")
        }
        #expect(!text.contains("\t"))
    }

    @Test(
        "plain or quoted",
        arguments: [
            ("codefresh", "codefresh", "codefresh"),
            ("argocd-server", "argocd-server", "argocd-server"),
            ("https://api.github.com", "https://api.github.com", "\"https://api.github.com\""),
            ("git@github.com:acme/isc.git", "git@github.com:acme/isc.git", "\"git@github.com:acme/isc.git\""),
            ("/argocd", "/argocd", "/argocd"),
            ("envs/prod/resources", "envs/prod/resources", "envs/prod/resources"),
            ("", "\"\"", "\"\""),
            ("123", "\"123\"", "\"123\""),
            ("1password", "\"1password\"", "\"1password\""),
            ("2001-12-14", "\"2001-12-14\"", "\"2001-12-14\""),
            ("true", "\"true\"", "\"true\""),
            ("False", "\"False\"", "\"False\""),
            ("yes", "\"yes\"", "\"yes\""),
            ("Off", "\"Off\"", "\"Off\""),
            ("y", "\"y\"", "\"y\""),
            ("null", "\"null\"", "\"null\""),
            ("~", "\"~\"", "\"~\""),
            (".inf", "\".inf\"", "\".inf\""),
            ("-", "\"-\"", "\"-\""),
            ("a:", "\"a:\"", "\"a:\""),
            ("a b", "\"a b\"", "\"a b\""),
            (" a", "\" a\"", "\" a\""),
            ("a#b", "\"a#b\"", "\"a#b\""),
            ("{x}", "\"{x}\"", "\"{x}\""),
            ("a,b", "\"a,b\"", "\"a,b\""),
            ("*x", "\"*x\"", "\"*x\""),
            ("say \"hi\"\\", "\"say \\\"hi\\\"\\\\\"", "\"say \\\"hi\\\"\\\\\""),
            ("é", "\"é\"", "\"é\""),
            (
                "a\tb\nc\r\u{0}\u{7}\u{7F}\u{85}\u{2028}\u{FEFF}\u{FFFE}", "\"a\\tb\\nc\\r\\0\\x07\\x7F\\x85\\u2028\\uFEFF\\uFFFE\"",
                "\"a\\tb\\nc\\r\\0\\x07\\x7F\\x85\\u2028\\uFEFF\\uFFFE\""
            ),
            ("🙂", "\"🙂\"", "\"🙂\""),
        ])
    func scalar(_ value: String, _ block: String, _ flow: String) throws {
        #expect(YAMLScalar.render(value) == block)
        #expect(YAMLScalar.render(value, inFlow: true) == flow)
        // Both read back as the same string, in a block mapping and in a flow mapping.
        let blockDocument = try #require(try Yams.load(yaml: "k: \(block)\n") as? [String: Any])
        #expect(blockDocument["k"] as? String == value)
        let flowDocument = try #require(try Yams.load(yaml: "k: {a: \(flow), b: [\(flow)]}\n") as? [String: Any])
        let inner = try #require(flowDocument["k"] as? [String: Any])
        #expect(inner["a"] as? String == value)
        #expect(inner["b"] as? [String] == [value])
    }
}
