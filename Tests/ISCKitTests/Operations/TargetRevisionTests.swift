import Foundation
import Testing

@testable import ISCCore
@testable import ISCKit

/// The `targetRevision` rule (spec sections 5 and 7) and what the pure operations do with it on
/// an in-memory tree: the value written, the equivalents left alone (no flip-flop between `main`
/// and `HEAD`), the repair of a `HEAD` that resolves to another branch, and validate.
@Suite("Target revision")
struct TargetRevisionTests {
    static let plain = try! RepositoryURL(parsing: "https://github.com/acme/isc.git/envs/prod")
    static let withRef = try! RepositoryURL(parsing: "https://github.com/acme/isc.git/envs/prod?ref=isc")

    static let runtime = RuntimeSettings(
        name: "codefresh", accessMode: .tunnel(accountId: "acc1"),
        argoCD: ArgoCDSettings(auth: .token(tokenSecretKeyRef: SecretKeyRef(name: "argocd-token", key: "token"))))
    static let second = RuntimeSettings(
        name: "r2", accessMode: .tunnel(accountId: "acc1"),
        argoCD: ArgoCDSettings(auth: .token(tokenSecretKeyRef: SecretKeyRef(name: "argocd-token", key: "token"))))
    static let inClusterPath = "envs/prod/runtimes/codefresh/in-cluster.yaml"
    static let edgePath = "envs/prod/runtimes/codefresh/edge.yaml"

    // MARK: - The rule

    struct Case: Sendable, CustomStringConvertible {
        var ref: Bool
        var branch: String
        var remoteHead: String?
        var value: String
        var accepted: [String]
        var description: String { "ref: \(ref), branch: \(branch), HEAD: \(remoteHead ?? "unknown") → \(value)" }
    }

    @Test(
        "the value written and the values accepted",
        arguments: [
            // ?ref=X: always X; HEAD is only equivalent while the remote's HEAD names X.
            Case(ref: true, branch: "isc", remoteHead: "main", value: "isc", accepted: ["isc"]),
            Case(ref: true, branch: "isc", remoteHead: "isc", value: "isc", accepted: ["HEAD", "isc"]),
            Case(ref: true, branch: "isc", remoteHead: nil, value: "isc", accepted: ["isc"]),
            // No ref, the remote's HEAD names the branch written: HEAD (the branch name is equivalent).
            Case(ref: false, branch: "main", remoteHead: "main", value: "HEAD", accepted: ["HEAD", "main"]),
            Case(ref: false, branch: "feature/x", remoteHead: "feature/x", value: "HEAD", accepted: ["HEAD", "feature/x"]),
            // No ref, HEAD names another branch: the branch name only.
            Case(ref: false, branch: "main", remoteHead: "master", value: "main", accepted: ["main"]),
            // No ref, HEAD unknown (an empty remote, or a HEAD naming a branch that does not exist).
            Case(ref: false, branch: "main", remoteHead: nil, value: "main", accepted: ["main"]),
        ])
    func rule(_ item: Case) {
        let revision = TargetRevision(url: item.ref ? Self.withRef : Self.plain, branch: item.branch, remoteHead: item.remoteHead)
        #expect(revision.value == item.value)
        #expect(revision.accepted == item.accepted)
        for candidate in ["HEAD", "main", "master", "isc", "feature/x", "v1.0", ""] {
            #expect(revision.accepts(candidate) == item.accepted.contains(candidate), "\(candidate)")
            #expect((revision.problem(with: candidate) == nil) == item.accepted.contains(candidate), "\(candidate)")
        }
        #expect(revision.headIsBranch == (item.remoteHead == item.branch))
    }

    @Test("nothing known about the remote: the URL's ref, or HEAD, as before (only that value accepted)")
    func nothingKnown() {
        #expect(TargetRevision(url: Self.plain).value == "HEAD")
        #expect(TargetRevision(url: Self.plain).accepted == ["HEAD"])
        #expect(TargetRevision(url: Self.withRef).value == "isc")
        #expect(TargetRevision(url: Self.withRef).accepted == ["isc"])
        #expect(TargetRevision(url: Self.withRef).problem(with: "HEAD") == "spec.source.targetRevision is 'HEAD'; expected 'isc'")
        #expect(ISCOperations(url: Self.plain).targetRevision == TargetRevision(url: Self.plain))
        #expect(ISCFiles(url: Self.plain).targetRevision == TargetRevision(url: Self.plain))
        // The files are those of before: the Application says `targetRevision: HEAD`.
        let app = ISCFiles(url: Self.plain).runtimeFiles(Self.runtime)[Self.inClusterPath]
        #expect(app == Data(ApplicationManifest.inCluster(runtime: Self.runtime, url: Self.plain).utf8))
        #expect(text(app).contains("\n    targetRevision: HEAD\n"))
    }

    @Test("the problem with a HEAD that does not resolve to the branch written names both branches")
    func problemMessages() throws {
        let other = TargetRevision(url: Self.plain, branch: "main", remoteHead: "master")
        let message = try #require(other.problem(with: "HEAD"))
        #expect(
            message
                == "spec.source.targetRevision is HEAD, which Argo CD resolves to the remote's default branch 'master', not to the branch 'main' iscctl writes; expected 'main'"
        )
        let unknown = TargetRevision(url: Self.plain, branch: "main", remoteHead: nil)
        #expect(try #require(unknown.problem(with: "HEAD")).contains("the remote's HEAD names no branch it advertises"))
        #expect(unknown.problem(with: "v1.0") == "spec.source.targetRevision is 'v1.0'; expected 'main'")
        let same = TargetRevision(url: Self.plain, branch: "main", remoteHead: "main")
        #expect(same.problem(with: "master") == "spec.source.targetRevision is 'master'; expected 'HEAD' or 'main'")
    }

    @Test(
        "the Application text with the revision substituted is what the renderer writes with it",
        arguments: ["HEAD", "main", "feature/x", "1.0", "yes", "a b", "null"])
    func substitution(_ revision: String) throws {
        for url in [Self.plain, Self.withRef] {
            let written = TargetRevision(url: url).value
            let original = ApplicationManifest.yaml(runtime: Self.runtime, cluster: "edge", server: "https://edge.example.com", url: url)
            let rendered = ApplicationManifest.yaml(
                runtime: Self.runtime, cluster: "edge", server: "https://edge.example.com", url: url, targetRevision: revision)
            #expect(ApplicationManifest.replacingTargetRevision(written, with: revision, in: original) == rendered)
            #expect(ApplicationManifest.replacingTargetRevision(revision, with: written, in: rendered) == original)
            #expect(try ApplicationManifest.read(Data(rendered.utf8), source: "x").targetRevision == revision)
            // ISCFiles renders with the value of its TargetRevision.
            let files = ISCFiles(url: url, targetRevision: TargetRevision(url: url, branch: revision, remoteHead: nil))
            let expected = url.ref == nil ? rendered : original
            #expect(files.cluster("edge", server: "https://edge.example.com", runtime: Self.runtime).values.first == Data(expected.utf8))
        }
        #expect(
            ApplicationManifest.replacingTargetRevision("other", with: revision, in: ApplicationManifest.inCluster(runtime: Self.runtime, url: Self.plain))
                == nil)
    }

    // MARK: - Operations

    func ops(_ url: RepositoryURL = plain, branch: String = "main", head: String?) -> ISCOperations {
        ISCOperations(url: url).writing(to: branch, remoteHead: head)
    }

    func text(_ data: Data?) -> String { data.map { String(decoding: $0, as: UTF8.self) } ?? "" }

    func revision(_ tree: InMemoryTree, _ path: String = inClusterPath) throws -> String? {
        try ApplicationManifest.read(try #require(tree.files[path]), source: path).targetRevision
    }

    @Test("an empty remote (HEAD unknown): init writes the branch name; the next run, with HEAD naming it, is a no-op and valid")
    func emptyRemoteThenHead() throws {
        let first = ops(head: nil)
        let tree = InMemoryTree().applying(try first.initialize(Self.runtime, in: InMemoryTree()))
        #expect(try revision(tree) == "main")
        #expect(try first.validate(in: tree) == [])
        // The remote's HEAD now names main: HEAD would be written, main is equivalent.
        let next = ops(head: "main")
        #expect(next.targetRevision.value == "HEAD")
        #expect(try next.initialize(Self.runtime, in: tree).isEmpty)
        #expect(try next.addRuntime(Self.runtime, in: tree).isEmpty)
        #expect(try next.validate(in: tree) == [])
        // HEAD still names no existing branch (an empty repository made with HEAD → master).
        #expect(try ops(head: nil).initialize(Self.runtime, in: tree).isEmpty)
        // A new runtime gets the value of the moment.
        let added = tree.applying(try next.addRuntime(Self.second, in: tree))
        #expect(try revision(added, "envs/prod/runtimes/r2/in-cluster.yaml") == "HEAD")
        #expect(try next.validate(in: added) == [])
        // While HEAD stays unknown, a new runtime gets the branch name too.
        let unknown = tree.applying(try ops(head: nil).addRuntime(Self.second, in: tree))
        #expect(try revision(unknown, "envs/prod/runtimes/r2/in-cluster.yaml") == "main")
    }

    @Test("a remote whose HEAD names the branch: HEAD is written; the branch name is left alone")
    func headNamesBranch() throws {
        let same = ops(head: "main")
        let tree = InMemoryTree().applying(try same.initialize(Self.runtime, in: InMemoryTree()))
        #expect(try revision(tree) == "HEAD")
        // Byte-identical to what iscctl wrote before knowing the remote.
        #expect(tree == InMemoryTree().applying(try ISCOperations(url: Self.plain).initialize(Self.runtime, in: InMemoryTree())))
        #expect(try same.initialize(Self.runtime, in: tree).isEmpty)
        #expect(try same.validate(in: tree) == [])
    }

    /// Every combination of an existing Application's `targetRevision` and what is known now:
    /// left alone and valid exactly when accepted; otherwise rewritten with the value, reported
    /// by validate, and fine after the repair.
    @Test(
        "existing revision × remote state: re-runs leave accepted values, repair the others; validate agrees",
        arguments: [
            "HEAD", "main", "master", "v1.0",
        ],
        [
            ("main", "main" as String?), ("main", "master"), ("main", nil), ("isc", "isc"), ("isc", "main"), ("isc", nil),
        ])
    func matrix(_ existing: String, _ state: (branch: String, head: String?)) throws {
        let url = state.branch == "isc" ? Self.withRef : Self.plain
        let current = ops(url, branch: state.branch, head: state.head)
        let target = current.targetRevision
        // An ISC whose Applications (in-cluster and one extra cluster) hold `existing`.
        var tree = InMemoryTree().applying(try current.initialize(Self.runtime, in: InMemoryTree()))
        tree = tree.applying(try current.addCluster(runtime: "codefresh", cluster: "edge", server: "https://edge.example.com", in: tree))
        tree.files[Self.inClusterPath] = Data(ApplicationManifest.inCluster(runtime: Self.runtime, url: url, targetRevision: existing).utf8)
        var edited = Self.runtime
        edited.clusters = ["in-cluster", "edge"]
        tree.files[Self.edgePath] = Data(
            ApplicationManifest.yaml(runtime: edited, cluster: "edge", server: "https://edge.example.com", url: url, targetRevision: existing).utf8)
        let accepted = target.accepts(existing)

        let initAgain = try current.initialize(Self.runtime, in: tree)
        let addAgain = try current.addRuntime(Self.runtime, in: tree)
        let clusterAgain = try current.addCluster(runtime: "codefresh", cluster: "edge", server: "https://edge.example.com", in: tree)
        let problems = try current.validate(in: tree)
        if accepted {
            #expect(initAgain.isEmpty && addAgain.isEmpty && clusterAgain.isEmpty, "\(Array(initAgain.keys)) \(Array(clusterAgain.keys))")
            #expect(problems == [])
            return
        }
        let wanted = Data(ApplicationManifest.inCluster(runtime: Self.runtime, url: url, targetRevision: target.value).utf8)
        #expect(initAgain == [Self.inClusterPath: wanted])
        #expect(addAgain == [Self.inClusterPath: wanted])
        #expect(Array(clusterAgain.keys) == [Self.edgePath])
        #expect(try revision(InMemoryTree().applying(clusterAgain), Self.edgePath) == target.value)
        // One problem per Application, each naming the field and the value expected.
        #expect(problems.count == 2, "\(problems)")
        for (problem, path) in zip(problems, [Self.inClusterPath, Self.edgePath]) {
            #expect(problem.hasPrefix("\(path): spec.source.targetRevision is "), "\(problem)")
            #expect(problem.contains("; expected ") && problem.contains("'\(target.value)'"), "\(problem)")
            if existing == "HEAD" {
                #expect(problem.contains(state.head.map { "default branch '\($0)'" } ?? "names no branch"), "\(problem)")
            }
            #expect(!problem.contains("differs from what iscctl writes"), "\(problem)")
        }
        // After the repair: valid, and the re-runs are no-ops.
        let repaired = tree.applying(initAgain).applying(clusterAgain)
        #expect(try current.validate(in: repaired) == [])
        #expect(try current.initialize(Self.runtime, in: repaired).isEmpty)
        #expect(try current.addCluster(runtime: "codefresh", cluster: "edge", server: "https://edge.example.com", in: repaired).isEmpty)
    }

    @Test("an accepted revision does not hide another difference: validate reports it, a re-run rewrites the Application")
    func acceptedRevisionOtherEdit() throws {
        let current = ops(head: "main")
        var tree = InMemoryTree().applying(try current.initialize(Self.runtime, in: InMemoryTree()))
        let edited = ApplicationManifest.inCluster(runtime: Self.runtime, url: Self.plain, targetRevision: "main")
            .replacingOccurrences(of: "selfHeal: true", with: "selfHeal: false")
        tree.files[Self.inClusterPath] = Data(edited.utf8)
        #expect(
            try current.validate(in: tree) == [
                "\(Self.inClusterPath) differs from what iscctl writes for runtime 'codefresh' (edited by hand, or another repository URL)"
            ])
        #expect(Array(try current.initialize(Self.runtime, in: tree).keys) == [Self.inClusterPath])
        // A wrong revision and another edit: both reported.
        tree.files[Self.inClusterPath] = Data(edited.replacingOccurrences(of: "targetRevision: main", with: "targetRevision: v1").utf8)
        let problems = try current.validate(in: tree)
        #expect(problems.count == 2 && problems[0].contains("targetRevision is 'v1'") && problems[1].contains("differs"), "\(problems)")
    }
}
