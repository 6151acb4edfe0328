import Foundation
import ISCTestSupport
import Testing
import Yams

@testable import ISCCore
@testable import ISCKit

/// What `validate` finds in the user's manifests under `<root>/resources/`: each document
/// parses into an object with apiVersion, kind and metadata.name, only `*.yaml` files in the
/// three applied folders are applied, no object reaches one runtime twice, and every read is
/// bounded (size, documents, files, problems, expanded YAML aliases).
@Suite("Resource manifests")
struct ResourceManifestsTests {
    /// An ISC in a sub-path of its repository: everything is under `envs/prod/`.
    static let url = try! RepositoryURL(parsing: "https://github.com/acme/isc.git/envs/prod?ref=isc")
    let ops = ISCOperations(url: url)
    let layout = ISCLayout(url: url)

    static func runtime(_ name: String) -> RuntimeSettings {
        RuntimeSettings(
            name: name, accessMode: .tunnel(accountId: "acc1"),
            argoCD: ArgoCDSettings(auth: .token(tokenSecretKeyRef: SecretKeyRef(name: "argocd-token", key: "token"))))
    }

    /// An initialized ISC with the runtimes `codefresh` (the configuration runtime), `prod`, `staging`.
    func tree(_ ops: ISCOperations? = nil) throws -> InMemoryTree {
        let ops = ops ?? self.ops
        var tree = InMemoryTree().applying(try ops.initialize(Self.runtime("codefresh"), in: InMemoryTree()))
        for name in ["prod", "staging"] {
            tree = tree.applying(try ops.addRuntime(Self.runtime(name), in: tree))
        }
        return tree
    }

    /// `<root>/resources/<relative>`.
    func path(_ relative: String) -> String { layout.resources + "/" + relative }

    static func object(_ kind: String = "ConfigMap", _ name: String, apiVersion: String = "v1", namespace: String? = nil) -> String {
        "apiVersion: \(apiVersion)\nkind: \(kind)\nmetadata:\n  name: \(name)\n" + (namespace.map { "  namespace: \($0)\n" } ?? "")
    }

    /// The problems `validate` reports for `files` (relative to `resources/`) added to the tree.
    func problems(_ files: [String: String]) throws -> [String] {
        var tree = try tree()
        for (relative, text) in files { tree.files[path(relative)] = Data(text.utf8) }
        return try ops.validate(in: tree)
    }

    @Test("valid manifests in the three folders, multi-document files, empty documents, lists and other files are no problem")
    func validManifests() throws {
        let problems = try problems([
            "all-runtimes-all-clusters/ns.yaml": "---\n" + Self.object("Namespace", "shop") + "---\n---\n# only a comment\n",
            "all-runtimes-all-clusters/apps/deep/web.yaml": Self.object("Deployment", "web", apiVersion: "apps/v1", namespace: "shop")
                + "...\n---\n" + Self.object("Service", "web", namespace: "shop"),
            "control-planes/quota.yaml": "# leading comment\n%YAML 1.1\n---\n" + Self.object("ResourceQuota", "q", namespace: "shop"),
            "runtimes/prod/list.yaml": "apiVersion: v1\nkind: List\nitems:\n- " + Self.object("ConfigMap", "a").replacingOccurrences(of: "\n", with: "\n  "),
            "runtimes/prod/README.md": "# notes\n",
            "runtimes/staging/script.sh": "echo *\n",
            "README.md": "# resources\n",
            "other/notes.txt": "x\n",
            "runtimes/.keep": "",
            "all-runtimes-all-clusters/empty.yaml": "",
            "all-runtimes-all-clusters/anchors.yaml": Self.object("ConfigMap", "anchored")
                + "data:\n  a: &shared hello\n  b: *shared\n  schedule: \"*/5 * * * *\"\n  host: \"*.example.com\"\n",
        ])
        #expect(problems == [])
    }

    @Test("a multi-document file with a bad second document names the file and the document")
    func badSecondDocument() throws {
        let file = "all-runtimes-all-clusters/bad.yaml"
        let problems = try problems([file: Self.object("ConfigMap", "one") + "---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  labels: {}\n"])
        #expect(problems == ["\(path(file)): document 2: no metadata.name"])
    }

    @Test("YAML that does not parse: the parser's message on one line, with the line in the whole file; the documents after it are still checked")
    func unparsable() throws {
        let file = "runtimes/prod/bad.yaml"
        let problems = try problems([file: Self.object("ConfigMap", "one") + "---\nkind: [oops\n---\nmetadata: {name: x}\n"])
        #expect(problems.count == 3, "\(problems)")
        let parse = try #require(problems.first)
        #expect(parse.hasPrefix("\(path(file)): document 2: not valid YAML ("), "\(parse)")
        #expect(parse.contains("at line 7, column"), "\(parse)")
        #expect(!parse.contains("\n") && parse.count < 300, "\(parse)")
        #expect(problems[1] == "\(path(file)): document 3: no apiVersion")
        #expect(problems[2] == "\(path(file)): document 3: no kind")
        let duplicate = try self.problems(["all-runtimes-all-clusters/keys.yaml": "a: 1\na: 2\n"])
        #expect(duplicate.count == 1 && duplicate[0].contains("document 1: not valid YAML (duplicate key 'a'"), "\(duplicate)")
        let control = try self.problems(["all-runtimes-all-clusters/control.yaml": "kind: \u{1B}[31mred\n"])
        #expect(control.count == 1 && control[0].contains("document 1: not valid YAML ("), "\(control)")
        #expect(!control[0].unicodeScalars.contains { $0.properties.generalCategory == .control }, "\(control)")
        var tree = try tree()
        tree.files[path("all-runtimes-all-clusters/latin1.yaml")] = Data([0x6B, 0x3A, 0x20, 0xE9, 0x0A])
        #expect(try ops.validate(in: tree) == ["\(path("all-runtimes-all-clusters/latin1.yaml")): is not UTF-8 text"])
    }

    @Test("a document that is no mapping, and apiVersion, kind, metadata.name missing, empty, null or not a string")
    func fieldProblems() throws {
        let file = "control-planes/fields.yaml"
        let documents = [
            "- a\n- b\n",
            "just text\n",
            "kind: ConfigMap\nmetadata:\n  name: a\n",
            "apiVersion: v1\nkind: \"\"\nmetadata:\n  name: a\n",
            "apiVersion: [v1]\nkind: ConfigMap\nmetadata:\n  name: a\n",
            "apiVersion: v1\nkind: 123\nmetadata:\n  name: a\n",
            "apiVersion: v1\nkind: ConfigMap\nmetadata: x\n",
            "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: yes\n",
            "apiVersion: v1\nkind: ConfigMap\nmetadata:\n",
            "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ~\n",
            "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {a: b}\n",
            "apiVersion: v1\nkind: List\nitems:\n- kind: ConfigMap\n- 3\n",
            "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: \"2024\"\n",
        ]
        let problems = try problems([file: documents.joined(separator: "---\n")])
        let prefix = path(file)
        #expect(
            problems == [
                "\(prefix): document 1: is a list, not a mapping with apiVersion, kind and metadata",
                "\(prefix): document 2: is a scalar, not a mapping with apiVersion, kind and metadata",
                "\(prefix): document 3: no apiVersion",
                "\(prefix): document 4: no kind",
                "\(prefix): document 5: apiVersion must be a string, not a list",
                "\(prefix): document 6: kind must be a string, not the number 123 (quote it)",
                "\(prefix): document 7: metadata must be a mapping",
                "\(prefix): document 8: metadata.name must be a string, not the boolean yes (quote it)",
                "\(prefix): document 9: no metadata.name",
                "\(prefix): document 10: no metadata.name",
                "\(prefix): document 11: metadata.name must be a string, not a mapping",
                "\(prefix): document 12: items[0]: no apiVersion",
                "\(prefix): document 12: items[0]: no metadata.name",
                "\(prefix): document 12: items[1]: is a scalar, not a mapping with apiVersion, kind and metadata",
            ], "\(problems)")
    }

    @Test("files no Application applies: .yml, .json, .YAML, directly in resources/, in another folder, directly in resources/runtimes/")
    func placement() throws {
        let object = Self.object("ConfigMap", "x")
        let problems = try problems([
            "all-runtimes-all-clusters/a.yml": object,
            "control-planes/b.json": "{\"apiVersion\": \"v1\"}",
            "runtimes/prod/c.YAML": object,
            "top.yaml": object,
            "other/d.yaml": object,
            "other/deeper/e.yml": object,
            "runtimes/f.yaml": object,
            "runtimes/g.json": object,
            "other/README.md": "x",
        ])
        let rename = "the Applications include only *.yaml files, so Argo CD never applies it: rename it to .yaml"
        let move = "move it into all-runtimes-all-clusters/, control-planes/ or runtimes/<runtime>/"
        #expect(
            problems == [
                "\(path("all-runtimes-all-clusters/a.yml")): \(rename)",
                "\(path("control-planes/b.json")): \(rename) (JSON is YAML)",
                "\(path("other/d.yaml")): no Application applies \(layout.resources)/other/: \(move)",
                "\(path("other/deeper/e.yml")): no Application applies \(layout.resources)/other/: \(move)",
                "\(path("runtimes/f.yaml")): no Application applies a file directly in \(layout.runtimeResourcesParent)/: move it into \(layout.runtimeResourcesParent)/<runtime>/",
                "\(path("runtimes/g.json")): no Application applies a file directly in \(layout.runtimeResourcesParent)/: move it into \(layout.runtimeResourcesParent)/<runtime>/",
                "\(path("runtimes/prod/c.YAML")): \(rename)",
                "\(path("top.yaml")): no Application applies a file directly in \(layout.resources)/: \(move)",
            ], "\(problems)")
        // A name with a control character is shown escaped, on one line.
        #expect(
            try self.problems(["x\ny.yaml": object]) == ["\(path("x\\u{a}y.yaml")): no Application applies a file directly in \(layout.resources)/: \(move)"])
        // A .yml is still parsed (its problems are shown), but it takes no part in duplicates.
        let yml = try self.problems([
            "all-runtimes-all-clusters/a.yml": "kind: X\n", "all-runtimes-all-clusters/b.yml": object,
            "all-runtimes-all-clusters/c.yaml": object,
        ])
        #expect(yml.count == 4 && yml.contains("\(path("all-runtimes-all-clusters/a.yml")): document 1: no apiVersion"), "\(yml)")
        #expect(!yml.contains { $0.contains("also defined") }, "\(yml)")
    }

    @Test("manifests in the folder of a runtime that is not registered: only the folder is reported, once")
    func unknownRuntimeFolder() throws {
        let problems = try problems(["runtimes/ghost/a.yaml": "not: [valid", "runtimes/ghost/b.yml": "x", "runtimes/ghost/sub/c.yaml": "y"])
        #expect(problems == ["\(layout.runtimeResourcesParent)/ghost belongs to no registered runtime (stray resources/runtimes folder)"], "\(problems)")
        // A file (not a folder) directly in resources/runtimes/ is no stray runtime folder; only a manifest there is a problem.
        #expect(try self.problems(["runtimes/NOTES.md": "x"]) == [])
    }

    @Test("duplicates: the same group, kind, namespace and name reaching one runtime, reported once per later object")
    func duplicates() throws {
        let web = Self.object("Deployment", "web", apiVersion: "apps/v1", namespace: "shop")
        let problems = try problems([
            "all-runtimes-all-clusters/b.yaml": Self.object("ConfigMap", "x") + "---\n" + Self.object("ConfigMap", "y") + "---\n" + web,
            "runtimes/prod/a.yaml": web,
            "control-planes/cp.yaml": Self.object("Secret", "s", namespace: "argo"),
            "runtimes/staging/s.yaml": Self.object("Secret", "s", namespace: "argo"),
        ])
        #expect(
            problems == [
                "\(path("runtimes/prod/a.yaml")): document 1: Deployment web (namespace shop) is also defined in \(path("all-runtimes-all-clusters/b.yaml")) document 3; both reach runtime 'prod'",
                "\(path("runtimes/staging/s.yaml")): document 1: Secret s (namespace argo) is also defined in \(path("control-planes/cp.yaml")) document 1; both reach runtime 'staging'",
            ], "\(problems)")

        // Between the two shared folders, three copies, and within one file: every runtime; each later copy names the first.
        let every = try self.problems([
            "all-runtimes-all-clusters/one.yaml": web,
            "control-planes/two.yaml": web + "---\n" + web,
        ])
        #expect(
            every == [
                "\(path("control-planes/two.yaml")): document 1: Deployment web (namespace shop) is also defined in \(path("all-runtimes-all-clusters/one.yaml")) document 1; both reach every runtime",
                "\(path("control-planes/two.yaml")): document 2: Deployment web (namespace shop) is also defined in \(path("all-runtimes-all-clusters/one.yaml")) document 1; both reach every runtime",
            ], "\(every)")

        // The same API group in another version is the same object; no namespace is a namespace of its own.
        let versions = try self.problems([
            "all-runtimes-all-clusters/a.yaml": Self.object("Deployment", "web", apiVersion: "apps/v1"),
            "all-runtimes-all-clusters/b.yaml": Self.object("Deployment", "web", apiVersion: "apps/v1beta2"),
        ])
        #expect(
            versions.count == 1
                && versions[0].hasSuffix("Deployment web is also defined in \(path("all-runtimes-all-clusters/a.yaml")) document 1; both reach every runtime"),
            "\(versions)")
    }

    @Test("no duplicates: another namespace, another kind, another API group, two runtimes' folders, a list's items")
    func notDuplicates() throws {
        let problems = try problems([
            "all-runtimes-all-clusters/a.yaml": Self.object("ConfigMap", "web", namespace: "one") + "---\n" + Self.object("Secret", "web", namespace: "one"),
            "all-runtimes-all-clusters/b.yaml": Self.object("ConfigMap", "web", namespace: "two") + "---\n" + Self.object("ConfigMap", "web"),
            "all-runtimes-all-clusters/c.yaml": Self.object("Ingress", "web", apiVersion: "networking.k8s.io/v1")
                + "---\n" + Self.object("Ingress", "web", apiVersion: "extensions/v1beta1"),
            "runtimes/prod/d.yaml": Self.object("Deployment", "api", apiVersion: "apps/v1"),
            "runtimes/staging/d.yaml": Self.object("Deployment", "api", apiVersion: "apps/v1"),
        ])
        #expect(problems == [])
        let list =
            "apiVersion: v1\nkind: List\nitems:\n- {apiVersion: v1, kind: ConfigMap, metadata: {name: a}}\n- {apiVersion: v1, kind: ConfigMap, metadata: {name: a}}\n"
        #expect(
            try self.problems(["runtimes/prod/list.yaml": list]) == [
                "\(path("runtimes/prod/list.yaml")): document 1: items[1]: ConfigMap a is also defined in \(path("runtimes/prod/list.yaml")) document 1 items[0]; both reach runtime 'prod'"
            ])
    }

    @Test("bounded: a file over 1 MiB is not parsed; documents per file, files, bytes and problems are capped")
    func limits() throws {
        let big = "all-runtimes-all-clusters/big.yaml"
        let large = String(repeating: "# padding\n", count: (1 << 20) / 10 + 1)
        #expect(try problems([big: large]) == ["\(path(big)): is larger than 1 MiB (\(large.utf8.count) bytes); not checked"])

        var tree = try tree()
        for index in 0..<5 { tree.files[path("control-planes/f\(index).yaml")] = Data("kind: A\n---\nkind: B\n---\nkind: C\n".utf8) }
        let capped = ResourceManifests(layout: layout, runtimes: ["codefresh"], limits: .init(documents: 2, files: 3))
        let documents = try capped.problems(in: tree)
        #expect(documents.filter { $0.contains("has 3 documents; only the first 2 are checked") }.count == 3, "\(documents)")
        #expect(documents.last == "\(layout.resources): more than 3 manifest files; the rest are not checked", "\(documents)")
        let bytes = try ResourceManifests(layout: layout, runtimes: [], limits: .init(totalSize: 40)).problems(in: tree)
        #expect(bytes.last == "\(layout.resources): more than 40 bytes of manifests; the rest are not checked", "\(bytes)")
        let few = try ResourceManifests(layout: layout, runtimes: [], limits: .init(problems: 4)).problems(in: tree)
        #expect(few.count == 5 && few.last == "\(layout.resources): more than 4 problems in the manifests; the rest are not checked", "\(few)")
        // Nesting is bounded by the parser (1000 levels): deeper is a parse error, not a crash.
        let deep = Self.object("ConfigMap", "deep") + "data: " + String(repeating: "[", count: 990) + String(repeating: "]", count: 990) + "\n"
        #expect(try problems(["control-planes/deep.yaml": deep]) == [])
        let deeper = try problems(["control-planes/deeper.yaml": String(repeating: "[", count: 5000)])
        #expect(deeper.count == 1 && deeper[0].contains("document 1: not valid YAML (") && deeper[0].contains("nesting"), "\(deeper)")
        // The default read compares the size after reading; a Git tree reads only the header (GitLayerTreeEditTests).
        #expect(try InMemoryTree(["a": Data("12345".utf8)]).file("a", limit: 4) == .tooLarge(size: 5))
        #expect(try InMemoryTree(["a": Data("12345".utf8)]).file("a", limit: 5) == .contents(Data("12345".utf8)))
        #expect(try InMemoryTree().file("a", limit: 5) == nil)
    }

    @Test("a YAML alias bomb is reported, its aliases never expanded; aliases next to a key that may hold one are not parsed")
    func aliasBomb() throws {
        var lines = [
            "apiVersion: v1", "kind: ConfigMap", "metadata:", "  name: lol", "data:",
            "  a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]",
        ]
        for level in 1..<9 {
            let previous = String(UnicodeScalar(UInt8(ascii: "a") + UInt8(level - 1)))
            let name = String(UnicodeScalar(UInt8(ascii: "a") + UInt8(level)))
            lines.append("  \(name): &\(name) [" + Array(repeating: "*\(previous)", count: 9).joined(separator: ",") + "]")
        }
        let bomb = lines.joined(separator: "\n") + "\n"
        // 2^60 values from 120 aliases.
        var doubling = ["apiVersion: v1", "kind: ConfigMap", "metadata: {name: doubling}", "d0: &d0 [x]"]
        for level in 1...60 { doubling.append("d\(level): &d\(level) [*d\(level - 1), *d\(level - 1)]") }
        // Few aliases, each doubling, inside a mapping key: hashing that key would never end.
        var keyed = ["apiVersion: v1", "kind: ConfigMap", "metadata:", "  name: keyed", "a0: &a0 [x, y]"]
        for level in 1...8 { keyed.append("a\(level): &a\(level) [*a\(level - 1), *a\(level - 1)]") }
        keyed.append("? *a8\n: boom")
        let flowKey = keyed.dropLast().joined(separator: "\n") + "\n[*a8, *a7]: boom\n"
        let aliasKey = keyed.dropLast().joined(separator: "\n") + "\n*a8 : boom\n"
        // That the checks end quickly is shown by what they say (each stopped at the expansion
        // limit, or refused the document); no time is asserted.
        let problems = try problems([
            "all-runtimes-all-clusters/bomb.yaml": Self.object("ConfigMap", "first") + "---\n" + bomb,
            "control-planes/keyed.yaml": keyed.joined(separator: "\n") + "\n",
            "control-planes/flow.yaml": flowKey,
            "control-planes/alias.yaml": aliasKey,
            "runtimes/prod/doubling.yaml": doubling.joined(separator: "\n"),
        ])
        let complex = "uses YAML aliases and a mapping key that may be a list, a mapping or an alias (? or ]: or *name:); not checked"
        #expect(
            problems == [
                "\(path("all-runtimes-all-clusters/bomb.yaml")): document 2: its YAML aliases expand it to more than 1000000 values (an alias bomb); not checked",
                "\(path("control-planes/alias.yaml")): document 1: \(complex)",
                "\(path("control-planes/flow.yaml")): document 1: \(complex)",
                "\(path("control-planes/keyed.yaml")): document 1: \(complex)",
                "\(path("runtimes/prod/doubling.yaml")): document 1: its YAML aliases expand it to more than 1000000 values (an alias bomb); not checked",
            ], "\(problems)")
        var expansion = ResourceManifests.Expansion(limit: 100)
        let shared = try #require(try Yams.compose(yaml: "a: &a [1, 2, 3]\nb: [*a, *a, *a]\n"))
        #expect(expansion.size(of: shared) == 1 + (1 + 4) + (1 + 1 + 3 * 4), "the mapping; key a and its list of 3; key b and its list of three copies of a")
        // A few aliases in values, and a complex key next to at most three aliases, are read.
        let few = Self.object("ConfigMap", "few") + "data:\n  a: &x 1\n  b: *x\n? [k]\n: *x\n"
        #expect(try self.problems(["control-planes/few.yaml": few]) == [])
        // What only looks like an alias (in strings, comments, scripts) costs nothing: no count limits it.
        var script = Self.object("ConfigMap", "script") + "data:\n  run.py: |\n"
        for index in 0..<200 { script += "    f(*args, *kwargs) # *note\(index) *also\n" }
        script += "  note: \"*important* *really*\"\n"
        #expect(try self.problems(["control-planes/script.yaml": script]) == [])
    }

    @Test("the alias count never misses an alias, whatever text comes before it; the document split follows the --- lines")
    func aliasScanAndSplit() {
        #expect(AliasScan("a: *x\nb: [*y,*z]\nc: {k:*w}\n\"q\":*v").aliases == 5)
        #expect(AliasScan("a: \"x\n 'q\", *y, *z]").aliases == 2, "a quote that looks open on another line hides nothing")
        #expect(AliasScan("s: |\n  *a\n  *b\n").aliases == 2, "block scalars are counted too (an overcount)")
        #expect(AliasScan("a: f(*args) */5 *.txt **kw x*y").aliases == 0)
        #expect(!AliasScan("a: *x\nurl: http://h/p?q=1\n").complexKey)
        #expect(AliasScan("? a\n: b").complexKey && AliasScan("[a]: b").complexKey && AliasScan("*x : b").complexKey)
        let parts = YAMLDocuments.split("# c\n---\na: 1\n---\n---\nb: 2\n...\n%YAML 1.1\n---\nc: 3")
        #expect(parts.map(\.line) == [0, 3, 4, 7], "\(parts)")
        #expect(parts.map(\.text) == ["# c\n---\na: 1\n", "---\n", "---\nb: 2\n...\n", "%YAML 1.1\n---\nc: 3\n"])
        #expect(YAMLDocuments.split("").isEmpty && YAMLDocuments.split("# only\n").isEmpty)
        #expect(YAMLDocuments.split("a\n--- b\n----\n").map(\.text) == ["a\n", "--- b\n----\n"])
    }

    @Test("an ISC at the repository root: the manifests are under resources/, and those of a sub-path ISC next to it are not its own")
    func repositoryRoot() throws {
        let rootURL = try RepositoryURL(parsing: "https://github.com/acme/isc.git")
        let ops = ISCOperations(url: rootURL)
        var tree = try tree(ops)
        tree.files["resources/all-runtimes-all-clusters/x.yml"] = Data(Self.object("ConfigMap", "x").utf8)
        tree.files["resources/runtimes/prod/bad.yaml"] = Data("kind: X\n".utf8)
        tree.files["envs/prod/resources/top.yaml"] = Data("x".utf8)
        let problems = try ops.validate(in: tree)
        #expect(
            problems == [
                "resources/all-runtimes-all-clusters/x.yml: the Applications include only *.yaml files, so Argo CD never applies it: rename it to .yaml",
                "resources/runtimes/prod/bad.yaml: document 1: no apiVersion",
                "resources/runtimes/prod/bad.yaml: document 1: no metadata.name",
            ], "\(problems)")
    }

    @Test("validate reads each manifest once, and reads no file that is not a manifest")
    func readsOnce() throws {
        var base = try tree()
        base.files[path("all-runtimes-all-clusters/a.yaml")] = Data(Self.object("ConfigMap", "a").utf8)
        base.files[path("runtimes/prod/README.md")] = Data("x".utf8)
        let tree = LayoutV2OperationsTests.RecordingTree(base)
        _ = try ops.validate(in: tree)
        let reads = tree.touched.filter { !$0.hasSuffix("/") }
        #expect(reads.filter { $0 == path("all-runtimes-all-clusters/a.yaml") }.count == 1)
        #expect(!reads.contains(path("runtimes/prod/README.md")))
        #expect(Set(reads).count == reads.count, "\(reads)")
    }
}
