import Foundation

/// The ISC commands as pure functions: the current files of the branch → the file changes to make,
/// or a typed error. They know nothing about Git, so they can be tested on an ``InMemoryTree`` and
/// re-run by the ``Transaction`` on a new tip after a rejected push. A result that is already in
/// the repository gives no changes (idempotent re-runs).
public struct ISCOperations: Sendable {
    /// The repository URL: its path is the ISC root, its clone URL and ref go into Applications,
    /// its provider into the registry.
    public let url: RepositoryURL

    /// Operations on the ISC at `url`.
    public init(url: RepositoryURL) {
        self.url = url
    }

    var files: ISCFiles { ISCFiles(url: url) }
    var layout: ISCLayout { files.layout }

    /// The registry entry for the URL's provider. An unknown provider is an invalid input (exit
    /// 2) naming the ids that could apply: check it before anything is cloned.
    public func requireProvider() throws(OperationError) -> Registry.Provider {
        guard let provider = Registry.Provider(url: url) else {
            let ids = GitProvider.onPremises.map(\.id).joined(separator: ", ")
            throw .invalidInput(
                "unknown-provider",
                "cannot tell the Git provider of \(url.host ?? url.cloneURL); pass --provider (one of: \(ids))")
        }
        return provider
    }

    /// The registry in `tree`, or `nil` when there is no `isc.yaml`.
    public func registry(in tree: some FileTree) throws -> Registry? {
        guard let data = try tree.file(layout.registry) else { return nil }
        return try Registry.parse(data, source: layout.registry)
    }

    /// The registry in `tree`; a conflict (`not-initialized`) when there is none.
    public func requireRegistry(in tree: some FileTree) throws -> Registry {
        guard let registry = try registry(in: tree) else {
            throw OperationError.conflict(
                "not-initialized",
                "no Shared Configuration Repository at \(describeRoot): \(layout.registry) is missing; run iscctl init first")
        }
        return registry
    }

    var describeRoot: String { url.path.isEmpty ? url.cloneURL : "\(url.cloneURL) path \(url.path)" }

    /// `init`: lays out the ISC with `runtime` as the configuration runtime. Re-running it with
    /// the same settings changes nothing; an ISC initialized with another provider or another
    /// configuration runtime is a conflict.
    public func initialize(_ runtime: RuntimeSettings, in tree: some FileTree) throws -> FileChanges {
        try runtime.validate()
        let provider = try requireProvider()
        let readmeMissing = try tree.file(layout.readme) == nil
        guard let existing = try registry(in: tree) else {
            let registry = Registry(gitProvider: provider, configRuntime: runtime.name, runtimes: [runtime])
            return try changes(files.initialFiles(registry: registry, includeReadme: readmeMissing), against: tree)
        }
        try requireSameProvider(existing, provider, command: "init")
        guard existing.configRuntime == runtime.name, let current = existing.runtime(named: runtime.name),
              current.sameInstallation(as: runtime)
        else {
            throw OperationError.conflict(
                "already-initialized",
                "the ISC at \(describeRoot) is already initialized with configuration runtime '\(existing.configRuntime)' and other settings; use add-runtime for another runtime")
        }
        // Same settings: repair what is missing, leave what is there.
        var wanted = files.initialFiles(registry: existing, includeReadme: readmeMissing)
        for cluster in current.clusters.dropFirst() {
            wanted.removeValue(forKey: layout.application(runtime: current.name, cluster: cluster))
        }
        return try changes(wanted, against: tree)
    }

    /// `add-runtime`: registers one more runtime. The same runtime with the same settings changes
    /// nothing; the same name with other settings is a conflict.
    public func addRuntime(_ runtime: RuntimeSettings, in tree: some FileTree) throws -> FileChanges {
        try runtime.validate()
        let provider = try requireProvider()
        var registry = try requireRegistry(in: tree)
        try requireSameProvider(registry, provider, command: "add-runtime")
        if let current = registry.runtime(named: runtime.name) {
            guard current.sameInstallation(as: runtime) else {
                throw OperationError.conflict(
                    "runtime-exists",
                    "runtime '\(runtime.name)' is already registered with other settings; remove it first or choose another --runtime")
            }
            return try changes(files.registry(registry).merging(files.runtimeFiles(current)) { $1 }, against: tree)
        }
        var added = runtime
        added.clusters = [RuntimeSettings.inCluster]
        registry.put(added)
        var wanted = files.registry(registry)
        wanted.merge(files.sharedKeepFiles()) { $1 }
        wanted.merge(files.runtimeFiles(added)) { $1 }
        return try changes(wanted, against: tree)
    }

    /// `add-cluster`: adds the Application `runtimes/<runtime>/<cluster>.yaml` for an extra
    /// cluster at `server`. The same cluster with the same server changes nothing; with another
    /// server it is a conflict.
    public func addCluster(runtime name: String, cluster: String, server: String, in tree: some FileTree) throws -> FileChanges {
        try SettingRules.clusterName(cluster)
        try SettingRules.httpURL(server, flag: "--server")
        var registry = try requireRegistry(in: tree)
        guard var runtime = registry.runtime(named: name) else { throw runtimeNotFound(name, registry) }
        let path = layout.application(runtime: name, cluster: cluster)
        if runtime.clusters.contains(cluster) {
            if let data = try tree.file(path) {
                let existing = try ApplicationManifest.read(data, source: path).server
                guard existing == server else {
                    throw OperationError.conflict(
                        "cluster-exists", "cluster '\(cluster)' of runtime '\(name)' already points at \(existing), not \(server)")
                }
            }
        } else {
            runtime.clusters.append(cluster)
            registry.put(runtime)
        }
        return try changes(files.registry(registry).merging(files.cluster(cluster, server: server, runtime: runtime)) { $1 }, against: tree)
    }

    /// `remove-runtime`: removes the runtime's registry entry, its Applications
    /// (`runtimes/<runtime>/`) and its resources (`resources/runtimes/<runtime>/`). The
    /// configuration runtime cannot be removed; an unknown runtime is a conflict.
    public func removeRuntime(_ name: String, in tree: some FileTree) throws -> FileChanges {
        try SettingRules.runtimeName(name)
        var registry = try requireRegistry(in: tree)
        guard registry.runtime(named: name) != nil else { throw runtimeNotFound(name, registry) }
        guard name != registry.configRuntime else {
            throw OperationError.conflict(
                "config-runtime", "runtime '\(name)' is the configuration runtime of this ISC and cannot be removed")
        }
        registry.removeRuntime(named: name)
        var result = files.registry(registry).mapValues { Optional($0) }
        for path in try tree.allFiles(under: layout.runtimeDirectory(name)) + tree.allFiles(under: layout.runtimeResources(name)) {
            result[path] = .some(nil)
        }
        return result
    }

    /// The registered runtimes (`list`).
    public func list(in tree: some FileTree) throws -> Registry {
        try requireRegistry(in: tree)
    }

    /// `validate`: everything wrong with the ISC, one line each; empty when it is healthy.
    /// Checks that the registry parses, every runtime has its files and Applications that point
    /// at this repository, and that no folder under `runtimes/` or `resources/runtimes/` belongs
    /// to a runtime the registry does not know.
    public func validate(in tree: some FileTree) throws -> [String] {
        let registry: Registry
        do {
            registry = try requireRegistry(in: tree)
        } catch let error as OperationError {
            return [error.message]
        }
        var problems: [String] = []
        for path in [layout.allRuntimesAllClustersKeep, layout.controlPlanesKeep] where try tree.file(path) == nil {
            problems.append("\(path) is missing")
        }
        for runtime in registry.runtimes {
            if try tree.file(layout.runtimeResourcesKeep(runtime.name)) == nil {
                problems.append("\(layout.runtimeResourcesKeep(runtime.name)) is missing")
            }
            for cluster in runtime.clusters {
                let path = layout.application(runtime: runtime.name, cluster: cluster)
                guard let data = try tree.file(path) else {
                    problems.append("\(path) is missing (runtime '\(runtime.name)', cluster '\(cluster)')")
                    continue
                }
                do {
                    let summary = try ApplicationManifest.read(data, source: path)
                    let expected = files.cluster(cluster, server: summary.server, runtime: runtime)[path]
                    if summary.name != cluster {
                        problems.append("\(path): metadata.name is '\(summary.name)', expected '\(cluster)'")
                    } else if cluster == RuntimeSettings.inCluster, summary.server != ApplicationManifest.inClusterServer {
                        problems.append("\(path): destination.server is \(summary.server), expected \(ApplicationManifest.inClusterServer)")
                    } else if data != expected {
                        problems.append("\(path) differs from what iscctl writes for runtime '\(runtime.name)' (edited by hand, or another repository URL)")
                    }
                } catch {
                    problems.append(error.message)
                }
            }
            let known = Set(runtime.clusters.map { $0 + ".yaml" })
            for entry in try tree.list(layout.runtimeDirectory(runtime.name)) where !known.contains(entry.name) {
                problems.append("\(layout.runtimeDirectory(runtime.name))/\(entry.name) is not a cluster of runtime '\(runtime.name)' in \(layout.registry)")
            }
        }
        let names = Set(registry.runtimeNames)
        for (folder, parent) in [("runtimes", layout.runtimesDirectory), ("resources/runtimes", layout.runtimeResourcesParent)] {
            for entry in try tree.list(parent) where !names.contains(entry.name) {
                problems.append("\(parent)/\(entry.name) belongs to no registered runtime (stray \(folder) folder)")
            }
        }
        return problems
    }

    // MARK: - Helpers

    func requireSameProvider(_ registry: Registry, _ provider: Registry.Provider, command: String) throws {
        guard registry.gitProvider == provider else {
            let recorded = registry.gitProvider.type.id + (registry.gitProvider.apiURL.map { " (\($0))" } ?? "")
            let given = provider.type.id + (provider.apiURL.map { " (\($0))" } ?? "")
            throw OperationError.conflict(
                command == "init" ? "already-initialized" : "provider-mismatch",
                "the ISC's Git provider is \(recorded), but this \(command) uses \(given); the provider chosen at init applies to every runtime")
        }
    }

    /// The conflict for a runtime the registry does not have.
    public func runtimeNotFoundError(_ name: String, _ registry: Registry) -> OperationError {
        runtimeNotFound(name, registry)
    }

    func runtimeNotFound(_ name: String, _ registry: Registry) -> OperationError {
        .conflict("runtime-not-found", "no runtime '\(name)' in the ISC (registered: \(registry.runtimeNames.joined(separator: ", ")))")
    }

    /// Keeps only the files whose contents differ from the tree's.
    func changes(_ wanted: [String: Data], against tree: some FileTree) throws -> FileChanges {
        var result = FileChanges()
        for (path, data) in wanted where try tree.file(path) != data {
            result[path] = data
        }
        return result
    }
}
