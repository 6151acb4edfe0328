import Foundation

/// The files an operation writes into the Shared Configuration Repository, as repository-relative
/// path → contents, computed from settings alone (no Git). Operations compose these and decide
/// what to write: for example the README only when it is missing.
///
/// ```swift
/// let files = ISCFiles(url: url, targetRevision: TargetRevision(url: url, branch: "main", remoteHead: nil))
/// var changes = files.initialFiles(registry: registry, includeReadme: readmeMissing)
/// ```
public struct ISCFiles: Sendable, Hashable {
    /// The repository URL: its `path` is the ISC root; its clone URL goes into Applications.
    public let url: RepositoryURL
    /// The `targetRevision` the Applications get: its ``TargetRevision/value``.
    public let targetRevision: TargetRevision

    /// The files of the ISC at `url`, with Applications whose `targetRevision` is the URL's
    /// `ref`, or `HEAD` (``TargetRevision/init(url:)``: nothing known about the remote).
    public init(url: RepositoryURL) {
        self.init(url: url, targetRevision: TargetRevision(url: url))
    }

    /// The files of the ISC at `url`, with Applications whose `targetRevision` is
    /// `targetRevision.value`.
    public init(url: RepositoryURL, targetRevision: TargetRevision) {
        self.url = url
        self.targetRevision = targetRevision
    }

    /// The paths under the URL's `path`.
    public var layout: ISCLayout { ISCLayout(url: url) }

    /// `<root>/isc.yaml` in layout v1, with ``Registry/yaml()`` (every runtime in one file).
    /// iscctl no longer writes layout v1; this makes v1 repositories for tests and comparisons.
    public func registry(_ registry: Registry) -> [String: Data] {
        [layout.registry: registry.data()]
    }

    /// `<root>/isc.yaml` in layout v2, with ``Account/yaml()``.
    public func account(_ account: Account) -> [String: Data] {
        [layout.registry: account.data()]
    }

    /// `<root>/runtimes/<runtime>/runtime.yaml` with ``RuntimeFile/yaml(_:)`` (layout v2).
    public func runtimeFile(_ runtime: RuntimeSettings) -> [String: Data] {
        [layout.runtimeFile(runtime.name): RuntimeFile.data(runtime)]
    }

    /// `<root>/README.md` with ``ISCFiles/readmeText(for:)``.
    public func readme(for version: LayoutVersion = .v2) -> [String: Data] {
        [layout.readme: Data(Self.readmeText(for: version).utf8)]
    }

    /// The two `.keep` files every ISC has: `resources/all-runtimes-all-clusters/.keep` and
    /// `resources/control-planes/.keep` (empty).
    public func sharedKeepFiles() -> [String: Data] {
        [layout.allRuntimesAllClustersKeep: Data(), layout.controlPlanesKeep: Data()]
    }

    /// A runtime's own files: `resources/runtimes/<runtime>/.keep` (empty),
    /// `runtimes/<runtime>/in-cluster.yaml` and, in layout v2, `runtimes/<runtime>/runtime.yaml`.
    /// Extra clusters are not included: their server URL is only in their own file (see
    /// ``cluster(_:server:runtime:)``).
    public func runtimeFiles(_ runtime: RuntimeSettings, layout version: LayoutVersion = .v2) -> [String: Data] {
        var files = [
            layout.runtimeResourcesKeep(runtime.name): Data(),
            layout.application(runtime: runtime.name, cluster: RuntimeSettings.inCluster):
                Data(ApplicationManifest.inCluster(runtime: runtime, url: url, targetRevision: targetRevision.value).utf8),
        ]
        if version == .v2 { files.merge(runtimeFile(runtime)) { _, new in new } }
        return files
    }

    /// `runtimes/<runtime>/<cluster>.yaml`: the Application for one extra cluster (or, with
    /// `in-cluster` and ``ApplicationManifest/inClusterServer``, the runtime's own).
    public func cluster(_ cluster: String, server: String, runtime: RuntimeSettings) -> [String: Data] {
        [
            layout.application(runtime: runtime.name, cluster: cluster):
                Data(ApplicationManifest.yaml(runtime: runtime, cluster: cluster, server: server, url: url, targetRevision: targetRevision.value).utf8)
        ]
    }

    /// Every file of an ISC holding `registry` in layout `version` (v2 unless asked): `isc.yaml`,
    /// the README when `includeReadme`, the shared `.keep` files and ``runtimeFiles(_:layout:)``
    /// of every runtime. What `init` writes (with one runtime).
    public func initialFiles(registry: Registry, includeReadme: Bool, layout version: LayoutVersion = .v2) -> [String: Data] {
        var files: [String: Data]
        switch version {
        case .v1: files = self.registry(registry)
        case .v2: files = account(Account(gitProvider: registry.gitProvider, configRuntime: registry.configRuntime))
        }
        if includeReadme { files.merge(readme(for: version)) { _, new in new } }
        files.merge(sharedKeepFiles()) { _, new in new }
        for runtime in registry.runtimes {
            files.merge(runtimeFiles(runtime, layout: version)) { _, new in new }
        }
        return files
    }

    /// The README `init` writes into `<root>` when there is none, for the layout it writes (v2;
    /// the v1 text is what earlier versions wrote). It explains the layout with paths relative to
    /// its own folder; it holds no settings and no secrets.
    public static func readmeText(for version: LayoutVersion = .v2) -> String {
        switch version {
        case .v1: return readmeV1
        case .v2: return readmeV2
        }
    }

    /// The README of layout v1, as earlier versions wrote it.
    static let readmeV1 = readme(
        registryRows: "| `isc.yaml` | the registry: Git provider, configuration runtime, and every runtime's settings |",
        listedFrom: "the runtimes in `isc.yaml`")

    /// The README of layout v2.
    static let readmeV2 = readme(
        registryRows: "| `isc.yaml` | the account: Git provider and configuration runtime |\n"
            + "| `runtimes/<runtime>/runtime.yaml` | that runtime's settings |",
        listedFrom: "the runtimes (`runtimes/*/runtime.yaml`)")

    /// The README text; the layouts differ only in where the registry lives.
    static func readme(registryRows: String, listedFrom: String) -> String {
        """
        # Shared Configuration Repository

        This folder is the Shared Configuration Repository (ISC) of a GitOps account: the
        configuration shared by all GitOps runtimes of the account. Each runtime is an
        installation of the GitOps agent next to an existing Argo CD, and syncs its share of
        `resources/` through the Argo CD Applications under `runtimes/`.

        It is maintained with `iscctl`. Put your own manifests under `resources/`; change the
        registry and the Applications with `iscctl` commands rather than by hand.

        ## Layout

        | path | what it holds |
        | --- | --- |
        \(registryRows)
        | `resources/all-runtimes-all-clusters/` | applied by every runtime to every cluster it manages |
        | `resources/control-planes/` | applied by each runtime to its own cluster only |
        | `resources/runtimes/<runtime>/` | applied by that runtime only, to every cluster it manages |
        | `runtimes/<runtime>/in-cluster.yaml` | the Argo CD Application that syncs the runtime's own cluster |
        | `runtimes/<runtime>/<cluster>.yaml` | one Application per extra cluster the runtime manages |

        Only files ending in `.yaml` are applied, in every sub-folder. The `.keep` files just keep
        the empty folders in Git. The Applications prune: a manifest removed from `resources/` is
        removed from the cluster.

        ## Commands

        Each takes this repository as `--repo <url>` (or `ISC_REPO`), the URL ending with this
        folder's path and, for a branch other than the default one, `?ref=<branch>`.

        - `iscctl list`: \(listedFrom)
        - `iscctl add-runtime --runtime NAME ...`: register another runtime
        - `iscctl add-cluster --runtime NAME --cluster CLUSTER --server URL`: manage one more cluster
        - `iscctl remove-runtime --runtime NAME`: remove a runtime's files and registry entry
        - `iscctl helm-values --runtime NAME`: the Helm install for a runtime
        - `iscctl validate`: check this folder

        No secret is kept here: Argo CD credentials are referenced as Kubernetes secrets
        (`NAME:KEY`), and the platform API key is passed at install time.

        """
    }
}
