/// The repository-relative paths of the Shared Configuration Repository (spec section 5), all
/// under `root`, the URL's `<path>` (empty for the repository root). Paths never start with `/`.
///
/// ```swift
/// let layout = ISCLayout(root: "envs/prod")
/// layout.registry                                        // "envs/prod/isc.yaml"
/// layout.application(runtime: "codefresh", cluster: "in-cluster")
///                                                        // "envs/prod/runtimes/codefresh/in-cluster.yaml"
/// ISCLayout(root: "").registry                           // "isc.yaml"
/// ```
///
/// Runtime and cluster names are used as they are: validate them first
/// (``RuntimeSettings/validate()``, ``SettingRules/clusterName(_:)``).
public struct ISCLayout: Sendable, Hashable {
    /// The folder holding the ISC: the URL's `path`, `""` for the repository root.
    public let root: String

    /// The layout under `root` (a ``RepositoryURL/path``: no leading or trailing `/`).
    public init(root: String) {
        self.root = root
    }

    /// The layout under the URL's ``RepositoryURL/path``.
    public init(url: RepositoryURL) {
        self.init(root: url.path)
    }

    /// `root` + `/` + `relative`, or `relative` alone at the repository root.
    public func path(_ relative: String) -> String {
        root.isEmpty ? relative : root + "/" + relative
    }

    /// `<root>/isc.yaml`: the registry.
    public var registry: String { path("isc.yaml") }

    /// `<root>/README.md`: created by `init` when missing, never overwritten.
    public var readme: String { path("README.md") }

    /// `<root>/resources`: the folder every Application syncs from.
    public var resources: String { path("resources") }

    /// `<root>/resources/all-runtimes-all-clusters`: applied to every runtime and cluster.
    public var allRuntimesAllClusters: String { path("resources/all-runtimes-all-clusters") }

    /// `<root>/resources/all-runtimes-all-clusters/.keep`.
    public var allRuntimesAllClustersKeep: String { allRuntimesAllClusters + "/.keep" }

    /// `<root>/resources/control-planes`: applied to each runtime's own cluster.
    public var controlPlanes: String { path("resources/control-planes") }

    /// `<root>/resources/control-planes/.keep`.
    public var controlPlanesKeep: String { controlPlanes + "/.keep" }

    /// `<root>/resources/runtimes`: the folder of the per-runtime resource folders.
    public var runtimeResourcesParent: String { path("resources/runtimes") }

    /// `<root>/resources/runtimes/<runtime>`: applied to that runtime only (every cluster it manages).
    public func runtimeResources(_ runtime: String) -> String { runtimeResourcesParent + "/" + runtime }

    /// `<root>/resources/runtimes/<runtime>/.keep`.
    public func runtimeResourcesKeep(_ runtime: String) -> String { runtimeResources(runtime) + "/.keep" }

    /// `<root>/runtimes`: one folder per runtime, holding its Applications.
    public var runtimesDirectory: String { path("runtimes") }

    /// `<root>/runtimes/<runtime>`.
    public func runtimeDirectory(_ runtime: String) -> String { runtimesDirectory + "/" + runtime }

    /// `<root>/runtimes/<runtime>/runtime.yaml`: the runtime's registry entry (layout v2).
    public func runtimeFile(_ runtime: String) -> String { runtimeDirectory(runtime) + "/" + RuntimeFile.fileName }

    /// `<root>/runtimes/<runtime>/<cluster>.yaml`: the Argo CD Application for one cluster.
    public func application(runtime: String, cluster: String) -> String {
        runtimeDirectory(runtime) + "/" + cluster + ".yaml"
    }

    /// The three `.keep` files for a runtime: the two shared ones and the runtime's own.
    public func keepFiles(runtime: String) -> [String] {
        [allRuntimesAllClustersKeep, controlPlanesKeep, runtimeResourcesKeep(runtime)]
    }
}
