import Foundation

/// The ISC commands as pure functions: the current files of the branch → the file changes to make,
/// or a typed error. They know nothing about Git, so they can be tested on an ``InMemoryTree`` and
/// re-run by ISCKit's `Transaction` on a new tip after a rejected push. A result that is already in
/// the repository gives no changes (idempotent re-runs).
///
/// The `targetRevision` of the Applications they write depends on the branch written and the
/// remote's HEAD (``TargetRevision``): an input, set from what the transaction fetched with
/// ``writing(to:remoteHead:)`` (ISCKit's `Transaction.run(_:_:)` does it on every attempt).
public struct ISCOperations: Sendable {
    /// The repository URL: its path is the ISC root, its clone URL and ref go into Applications,
    /// its provider into the registry.
    public let url: RepositoryURL
    /// The `targetRevision` Applications are written with, and the values an existing
    /// Application may hold instead (left as they are; accepted by ``validate(in:)``).
    public let targetRevision: TargetRevision

    /// Operations on the ISC at `url`, with nothing known about the remote: Applications get the
    /// URL's `ref`, or `HEAD` (``TargetRevision/init(url:)``).
    public init(url: RepositoryURL) {
        self.init(url: url, targetRevision: TargetRevision(url: url))
    }

    /// Operations on the ISC at `url` whose Applications get `targetRevision`.
    public init(url: RepositoryURL, targetRevision: TargetRevision) {
        self.url = url
        self.targetRevision = targetRevision
    }

    /// These operations for writes to `branch` of a remote whose HEAD names `remoteHead` (`nil`:
    /// unknown, e.g. an empty remote): ``TargetRevision/init(url:branch:remoteHead:)``.
    public func writing(to branch: String, remoteHead: String?) -> ISCOperations {
        ISCOperations(url: url, targetRevision: TargetRevision(url: url, branch: branch, remoteHead: remoteHead))
    }

    /// The files the operations write, with ``targetRevision``.
    var files: ISCFiles { ISCFiles(url: url, targetRevision: targetRevision) }
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

    // MARK: - Reading

    /// What `<root>/isc.yaml` holds (either layout), or `nil` when there is none. A file larger
    /// than ``ReadLimits/registry`` is a conflict (`file-too-large`), found before it is read.
    public func registryFile(in tree: some FileTree) throws -> RegistryFile? {
        guard let data = try ReadLimits.read(layout.registry, limit: ReadLimits.registry, in: tree) else { return nil }
        return try RegistryFile.parse(data, source: layout.registry)
    }

    /// What `<root>/isc.yaml` holds; a conflict (`not-initialized`) when there is none.
    public func requireRegistryFile(in tree: some FileTree) throws -> RegistryFile {
        guard let file = try registryFile(in: tree) else {
            throw OperationError.conflict(
                "not-initialized",
                "no Shared Configuration Repository at \(describeRoot): \(layout.registry) is missing; run iscctl init first")
        }
        return file
    }

    /// The account of an ISC that write commands may change: layout v1 is a conflict
    /// (`layout-v1`) that points at `iscctl migrate`.
    func requireV2(in tree: some FileTree) throws -> Account {
        switch try requireRegistryFile(in: tree) {
        case .v2(let account): return account
        case .v1: throw layoutV1Error
        }
    }

    /// The conflict for a write command on a layout v1 ISC.
    public var layoutV1Error: OperationError {
        .conflict(
            "layout-v1",
            "the ISC at \(describeRoot) uses layout \(LayoutVersion.v1.rawValue) (every runtime in \(layout.registry)); run `iscctl migrate` to convert it to \(LayoutVersion.v2.rawValue), then run this command again"
        )
    }

    /// The settings of the runtime called `name`, or `nil` when it is not registered. In layout
    /// v2 this reads `isc.yaml` and `runtimes/<name>/runtime.yaml` only.
    public func runtime(named name: String, in tree: some FileTree) throws -> RuntimeSettings? {
        try runtime(named: name, of: requireRegistryFile(in: tree), in: tree)
    }

    /// The settings of the runtime called `name` in an ISC whose `isc.yaml` was already read as
    /// `file` (v1: from the registry; v2: `runtimes/<name>/runtime.yaml`), or `nil`.
    public func runtime(named name: String, of file: RegistryFile, in tree: some FileTree) throws -> RuntimeSettings? {
        switch file {
        case .v1(let registry):
            return registry.runtime(named: name)
        case .v2:
            let path = layout.runtimeFile(name)
            guard let data = try ReadLimits.read(path, limit: ReadLimits.runtimeFile, in: tree) else { return nil }
            return try RuntimeFile.parse(data, source: path, folder: name)
        }
    }

    /// The whole registry in `tree` (the account and every runtime), or `nil` when there is no
    /// `isc.yaml`. In layout v2 every folder under `runtimes/` that holds a `runtime.yaml` is a
    /// runtime; a folder without one is not (``validate(in:)`` reports it). More than
    /// ``ReadLimits/runtimes`` entries in `runtimes/` are a conflict (`too-many-runtimes`).
    public func registry(in tree: some FileTree) throws -> Registry? {
        guard let file = try registryFile(in: tree) else { return nil }
        return try registry(of: file, in: tree)
    }

    func registry(of file: RegistryFile, in tree: some FileTree) throws -> Registry {
        switch file {
        case .v1(let registry):
            return registry
        case .v2(let account):
            try requireFolder(layout.runtimesDirectory, in: tree)
            var runtimes: [RuntimeSettings] = []
            for entry in try runtimeEntries(layout.runtimesDirectory, in: tree) where entry.isDirectory {
                if let runtime = try runtime(named: entry.name, of: file, in: tree) { runtimes.append(runtime) }
            }
            return Registry(gitProvider: account.gitProvider, configRuntime: account.configRuntime, runtimes: runtimes)
        }
    }

    /// The registered runtimes (`list`); a conflict (`not-initialized`) when there is no ISC.
    public func list(in tree: some FileTree) throws -> Registry {
        try registry(of: requireRegistryFile(in: tree), in: tree)
    }

    var describeRoot: String { url.path.isEmpty ? url.cloneURL : "\(url.cloneURL) path \(url.path)" }

    // MARK: - Writing

    /// `init`: lays out the ISC (layout v2) with `runtime` as the configuration runtime.
    /// Re-running it with the same settings changes nothing but repairs missing files; an ISC
    /// initialized with another provider or another configuration runtime is a conflict, and so
    /// is a layout v1 ISC (`layout-v1`).
    public func initialize(_ runtime: RuntimeSettings, in tree: some FileTree) throws -> FileChanges {
        try runtime.validateNew()
        let provider = try requireProvider()
        let readmeMissing = try tree.file(layout.readme, limit: 0) == nil
        let account: Account
        switch try registryFile(in: tree) {
        case nil:
            let registry = Registry(gitProvider: provider, configRuntime: runtime.name, runtimes: [runtime])
            return try changes(files.initialFiles(registry: registry, includeReadme: readmeMissing), against: tree)
        case .v1:
            throw layoutV1Error
        case .v2(let existing):
            account = existing
        }
        try requireSameProvider(account, provider, command: "init")
        let current = try self.runtime(named: runtime.name, of: .v2(account), in: tree)
        guard account.configRuntime == runtime.name, current.map({ $0.sameInstallation(as: runtime) }) ?? true else {
            throw OperationError.conflict(
                "already-initialized",
                "the ISC at \(describeRoot) is already initialized with configuration runtime '\(account.configRuntime)' and other settings; use add-runtime for another runtime"
            )
        }
        // Same settings: repair what is missing, leave what is there.
        let registry = Registry(gitProvider: account.gitProvider, configRuntime: account.configRuntime, runtimes: [current ?? runtime])
        return try changes(files.initialFiles(registry: registry, includeReadme: readmeMissing), against: tree)
    }

    /// `add-runtime`: registers one more runtime (`runtimes/<runtime>/runtime.yaml`, its
    /// in-cluster Application, `resources/runtimes/<runtime>/.keep`). Reads `isc.yaml` and the
    /// runtime's own folder only. The same runtime with the same settings changes nothing (but
    /// repairs its missing files); the same name with other settings is a conflict, and so is a
    /// folder `runtimes/<runtime>/` that holds files but no `runtime.yaml`.
    public func addRuntime(_ runtime: RuntimeSettings, in tree: some FileTree) throws -> FileChanges {
        try runtime.validateNew()
        let provider = try requireProvider()
        let account = try requireV2(in: tree)
        try requireSameProvider(account, provider, command: "add-runtime")
        if let current = try self.runtime(named: runtime.name, of: .v2(account), in: tree) {
            guard current.sameInstallation(as: runtime) else {
                throw OperationError.conflict(
                    "runtime-exists",
                    "runtime '\(runtime.name)' is already registered with other settings; remove it first or choose another --runtime")
            }
            return try changes(files.runtimeFiles(current).merging(files.sharedKeepFiles()) { $1 }, against: tree)
        }
        let folder = layout.runtimeDirectory(runtime.name)
        if let stray = try tree.list(folder).first {
            throw OperationError.conflict(
                "runtime-exists",
                "\(folder)/ already holds \(stray.name) but no \(RuntimeFile.fileName); remove the folder or choose another --runtime")
        }
        var added = runtime
        added.clusters = [RuntimeSettings.inCluster]
        return try changes(files.runtimeFiles(added).merging(files.sharedKeepFiles()) { $1 }, against: tree)
    }

    /// `update-runtime`: changes the given settings of the registered runtime `name` and nothing
    /// else: rewrites its `runtime.yaml` and its Applications (each extra cluster keeps the server
    /// its Application names), never `resources/`. Settings that end up as they are give no
    /// changes (no commit), even where files were edited by hand (``validate(in:)`` reports those).
    ///
    /// - Returns: the changes and the runtime's settings after the update.
    /// - Throws: an invalid input (exit 2) for a flag that breaks a rule; a conflict (exit 3) for an
    ///   unknown runtime, a layout v1 ISC or another provider than the ISC's.
    public func updateRuntime(_ name: String, _ update: RuntimeUpdate, in tree: some FileTree) throws -> (changes: FileChanges, runtime: RuntimeSettings) {
        try SettingTable.name.check(name)
        let provider = try requireProvider()
        let account = try requireV2(in: tree)
        try requireSameProvider(account, provider, command: "update-runtime")
        guard let current = try runtime(named: name, of: .v2(account), in: tree) else { throw try runtimeNotFound(name, in: tree) }
        let updated = try update.applied(to: current)
        guard updated != current else { return ([:], current) }
        var wanted = files.runtimeFile(updated)
        for cluster in updated.clusters {
            let server: String
            if cluster == RuntimeSettings.inCluster {
                server = ApplicationManifest.inClusterServer
            } else {
                let path = layout.application(runtime: name, cluster: cluster)
                // A missing extra cluster's Application has no server to keep; validate reports it.
                guard let data = try ReadLimits.read(path, limit: ReadLimits.application, in: tree) else { continue }
                server = try ApplicationManifest.read(data, source: path).server
            }
            wanted.merge(files.cluster(cluster, server: server, runtime: updated)) { $1 }
        }
        return (try changes(wanted, against: tree), updated)
    }

    /// `add-cluster`: adds the Application `runtimes/<runtime>/<cluster>.yaml` for an extra
    /// cluster at `server` and the cluster to the runtime's entry. The same cluster with the same
    /// server changes nothing; with another server it is a conflict. `runtime` cannot name a
    /// cluster (its file would be `runtime.yaml`).
    public func addCluster(runtime name: String, cluster: String, server: String, in tree: some FileTree) throws -> FileChanges {
        try SettingTable.cluster.checkNew(cluster)
        try Self.requireUsableClusterName(cluster)
        try SettingRules.httpURL(server, flag: "--server")
        let account = try requireV2(in: tree)
        guard var runtime = try self.runtime(named: name, of: .v2(account), in: tree) else {
            throw try runtimeNotFound(name, in: tree)
        }
        let path = layout.application(runtime: name, cluster: cluster)
        if runtime.clusters.contains(cluster) {
            if let data = try ReadLimits.read(path, limit: ReadLimits.application, in: tree) {
                let existing = try ApplicationManifest.read(data, source: path).server
                guard existing == server else {
                    throw OperationError.conflict(
                        "cluster-exists", "cluster '\(cluster)' of runtime '\(name)' already points at \(existing), not \(server)")
                }
            }
        } else {
            runtime.clusters.append(cluster)
        }
        return try changes(files.runtimeFile(runtime).merging(files.cluster(cluster, server: server, runtime: runtime)) { $1 }, against: tree)
    }

    /// Refuses a cluster name that layout v2 reserves (``RuntimeFile/reservedClusterNames``):
    /// an invalid input (exit 2), checked before anything is cloned.
    public static func requireUsableClusterName(_ cluster: String) throws(OperationError) {
        guard !RuntimeFile.reservedClusterNames.contains(cluster) else {
            throw .invalidInput(
                "invalid-setting",
                "--cluster \(cluster) is reserved: runtimes/<runtime>/\(RuntimeFile.fileName) holds the runtime's settings; give the cluster another name")
        }
    }

    /// `remove-runtime`: removes the runtime's folder `runtimes/<runtime>/` (its entry and
    /// Applications) and its resources `resources/runtimes/<runtime>/`, whatever sits at those two
    /// paths: a folder (every file, symbolic link and submodule below it), or a file, a symbolic
    /// link or a submodule (gitlink) in place of the folder. A runtime that is not registered but
    /// left something at one of the paths (half removed, or written by hand) has it removed too.
    /// The configuration runtime cannot be removed; a name with nothing at either path is a
    /// conflict (`runtime-not-found`).
    public func removeRuntime(_ name: String, in tree: some FileTree) throws -> FileChanges {
        try SettingTable.name.check(name)
        let account = try requireV2(in: tree)
        let registered = try runtime(named: name, of: .v2(account), in: tree) != nil
        var result = FileChanges()
        for path in [layout.runtimeDirectory(name), layout.runtimeResources(name)] {
            guard let entry = try tree.entry(path) else { continue }
            if entry.isDirectory {
                for file in try tree.allFiles(under: path) { result[file] = .some(nil) }
            } else {
                result[path] = .some(nil)
            }
        }
        guard registered || !result.isEmpty else { throw try runtimeNotFound(name, in: tree) }
        guard name != account.configRuntime else {
            throw OperationError.conflict(
                "config-runtime", "runtime '\(name)' is the configuration runtime of this ISC and cannot be removed")
        }
        return result
    }

    /// `migrate`: converts a layout v1 ISC to layout v2 in one change: `isc.yaml` keeps the
    /// account, each runtime's entry moves to `runtimes/<runtime>/runtime.yaml`. The Applications,
    /// `resources/` and the README are left as they are. A layout v2 ISC gives no changes. A v1
    /// runtime with a cluster named `runtime`, or a `runtime.yaml` already in a runtime's folder,
    /// is a conflict (`migrate-blocked`): nothing is overwritten.
    public func migrate(in tree: some FileTree) throws -> FileChanges {
        guard case .v1(let registry) = try requireRegistryFile(in: tree) else { return [:] }
        var wanted = files.account(Account(gitProvider: registry.gitProvider, configRuntime: registry.configRuntime))
        for runtime in registry.runtimes {
            if let reserved = runtime.clusters.first(where: RuntimeFile.reservedClusterNames.contains) {
                throw OperationError.conflict(
                    "migrate-blocked",
                    "runtime '\(runtime.name)' has a cluster named '\(reserved)', whose Application \(layout.application(runtime: runtime.name, cluster: reserved)) is the path of the layout v2 runtime file; remove that cluster first"
                )
            }
            let path = layout.runtimeFile(runtime.name)
            if try tree.file(path, limit: 0) != nil {
                throw OperationError.conflict(
                    "migrate-blocked", "\(path) already exists in a layout v1 ISC; move it away first (migrate overwrites nothing)")
            }
            wanted.merge(files.runtimeFile(runtime)) { $1 }
        }
        return try changes(wanted, against: tree)
    }

    // MARK: - Validate

    /// `validate`: everything wrong with the ISC, one line each; empty when it is healthy.
    /// Checks that the registry parses, every runtime has its files and Applications that point
    /// at this repository, and that no folder under `runtimes/` or `resources/runtimes/` belongs
    /// to a runtime the registry does not know. In layout v2 also: every folder under `runtimes/`
    /// has a `runtime.yaml` that parses and names its folder, and the configuration runtime has
    /// one. Then the user's manifests under `resources/` (``ResourceManifests``): they parse,
    /// are applied by some Application, and define no object twice for one runtime.
    public func validate(in tree: some FileTree) throws -> [String] {
        let file: RegistryFile
        do {
            file = try requireRegistryFile(in: tree)
        } catch let error as OperationError {
            return [error.message]
        }
        var problems: [String] = []
        for path in [layout.allRuntimesAllClustersKeep, layout.controlPlanesKeep] where try tree.file(path, limit: 0) == nil {
            problems.append("\(path) is missing")
        }
        for folder in [layout.resources, layout.runtimeResourcesParent, layout.runtimesDirectory] {
            do {
                try requireFolder(folder, in: tree)
            } catch let error as OperationError {
                problems.append(error.message)
            }
        }
        var names: Set<String> = []
        switch file {
        case .v1(let registry):
            for runtime in registry.runtimes {
                problems += try validateRuntime(runtime, in: tree, version: .v1)
            }
            names = Set(registry.runtimeNames)
            for entry in try runtimeEntries(layout.runtimesDirectory, in: tree) where !names.contains(entry.name) {
                problems.append("\(layout.runtimesDirectory)/\(entry.name) belongs to no registered runtime (stray runtimes folder)")
            }
        case .v2(let account):
            for entry in try runtimeEntries(layout.runtimesDirectory, in: tree) {
                let folder = Display.safe(layout.runtimeDirectory(entry.name), limit: 200)
                guard entry.isDirectory else {
                    problems.append(
                        "\(folder) is not a folder (a file, a symbolic link or a submodule); only runtime folders belong in \(layout.runtimesDirectory)/")
                    continue
                }
                let path = layout.runtimeFile(entry.name)
                do {
                    guard let data = try ReadLimits.read(path, limit: ReadLimits.runtimeFile, in: tree) else {
                        problems.append("\(folder)/ has no \(RuntimeFile.fileName): a stray runtimes folder of no registered runtime")
                        continue
                    }
                    let runtime = try RuntimeFile.parse(data, source: path, folder: entry.name)
                    names.insert(runtime.name)
                    problems += try validateRuntime(runtime, in: tree, version: .v2)
                } catch let error as OperationError {
                    names.insert(entry.name)
                    problems.append(error.message)
                }
            }
            if !names.contains(account.configRuntime) {
                problems.append(
                    "the configuration runtime '\(account.configRuntime)' of \(layout.registry) has no \(layout.runtimeFile(account.configRuntime))")
            }
        }
        // A file there is left to the manifest check (only a manifest is a problem).
        for entry in try runtimeEntries(layout.runtimeResourcesParent, in: tree) where entry.isDirectory && !names.contains(entry.name) {
            problems.append(
                "\(layout.runtimeResourcesParent)/\(Display.safe(entry.name, limit: 200)) belongs to no registered runtime (stray resources/runtimes folder)")
        }
        problems += try ResourceManifests(layout: layout, runtimes: names).problems(in: tree)
        return problems
    }

    /// The problems of one registered runtime: its `.keep`, one Application per cluster as
    /// iscctl writes it, nothing else in its folder (but its `runtime.yaml` in layout v2).
    func validateRuntime(_ runtime: RuntimeSettings, in tree: some FileTree, version: LayoutVersion) throws -> [String] {
        var problems: [String] = []
        if try tree.file(layout.runtimeResourcesKeep(runtime.name), limit: 0) == nil {
            problems.append("\(layout.runtimeResourcesKeep(runtime.name)) is missing")
        }
        for cluster in runtime.clusters {
            let path = layout.application(runtime: runtime.name, cluster: cluster)
            let data: Data
            switch try tree.file(path, limit: ReadLimits.application) {
            case nil:
                problems.append("\(path) is missing (runtime '\(runtime.name)', cluster '\(cluster)')")
                continue
            case .tooLarge(let size)?:
                problems.append(ReadLimits.tooLarge(path, size: size, limit: ReadLimits.application).message)
                continue
            case .contents(let contents)?:
                data = contents
            }
            // The usual case, without parsing: the runtime's own Application exactly as written.
            if cluster == RuntimeSettings.inCluster,
                let expected = files.cluster(cluster, server: ApplicationManifest.inClusterServer, runtime: runtime)[path],
                isAsWritten(data, expected, path: path)
            {
                continue
            }
            do {
                let summary = try ApplicationManifest.read(data, source: path)
                let expected = files.cluster(cluster, server: summary.server, runtime: runtime)[path] ?? Data()
                if summary.name != cluster {
                    problems.append("\(path): metadata.name is '\(summary.name)', expected '\(cluster)'")
                } else if cluster == RuntimeSettings.inCluster, summary.server != ApplicationManifest.inClusterServer {
                    problems.append("\(path): destination.server is \(summary.server), expected \(ApplicationManifest.inClusterServer)")
                } else if !isAsWritten(data, expected, path: path) {
                    problems += applicationProblems(data, expected: expected, revision: summary.targetRevision, path: path, runtime: runtime.name)
                }
            } catch {
                problems.append(error.message)
            }
        }
        for (_, ref) in runtime.referencedSecrets where ref.isReserved {
            problems.append("runtime '\(runtime.name)' refers to the secret '\(ref.name)', which the gitops-runtime chart reserves: its install would fail")
        }
        var known = Set(runtime.clusters.map { $0 + ".yaml" })
        if version == .v2 { known.insert(RuntimeFile.fileName) }
        for entry in try tree.list(layout.runtimeDirectory(runtime.name)) where !known.contains(entry.name) {
            problems.append("\(layout.runtimeDirectory(runtime.name))/\(Display.safe(entry.name, limit: 200)) is not a cluster of runtime '\(runtime.name)'")
        }
        return problems
    }

    // MARK: - Helpers

    /// A conflict (`not-a-folder`) when something other than a folder sits at `path`.
    func requireFolder(_ path: String, in tree: some FileTree) throws {
        if let entry = try tree.entry(path), !entry.isDirectory { throw notAFolder(path) }
    }

    func notAFolder(_ path: String) -> OperationError {
        .conflict(
            "not-a-folder",
            "\(Display.safe(path, limit: 200)) is a file, a symbolic link or a submodule where the ISC has a folder; remove it (iscctl replaces nothing it did not write)"
        )
    }

    /// The entries of `folder` (`runtimes/` or `resources/runtimes/`); a conflict
    /// (`too-many-runtimes`) when there are more than ``ReadLimits/runtimes``.
    func runtimeEntries(_ folder: String, in tree: some FileTree) throws -> [FileTreeEntry] {
        let entries = try tree.list(folder)
        guard entries.count <= ReadLimits.runtimes else { throw ReadLimits.tooManyRuntimes(folder, count: entries.count) }
        return entries
    }

    func requireSameProvider(_ account: Account, _ provider: Registry.Provider, command: String) throws {
        guard account.gitProvider == provider else {
            let recorded = account.gitProvider.type.id + (account.gitProvider.apiURL.map { " (\($0))" } ?? "")
            let given = provider.type.id + (provider.apiURL.map { " (\($0))" } ?? "")
            throw OperationError.conflict(
                command == "init" ? "already-initialized" : "provider-mismatch",
                "the ISC's Git provider is \(recorded), but this \(command) uses \(given); the provider chosen at init applies to every runtime")
        }
    }

    /// The conflict for a runtime that is not registered, naming (some of) those that are.
    public func runtimeNotFound(_ name: String, in tree: some FileTree) throws -> OperationError {
        let registered: [String]
        switch try registryFile(in: tree) {
        case .v1(let registry): registered = registry.runtimeNames
        case .v2: registered = try tree.list(layout.runtimesDirectory).filter(\.isDirectory).map(\.name)
        case nil: registered = []
        }
        let shown = registered.prefix(10).joined(separator: ", ") + (registered.count > 10 ? ", … (\(registered.count) in all)" : "")
        return .conflict("runtime-not-found", "no runtime '\(name)' in the ISC (registered: \(shown))")
    }

    /// Keeps only the files whose contents differ from the tree's. An Application that differs
    /// only in a `targetRevision` that ``targetRevision`` accepts is left as it is (see
    /// ``isAsWritten(_:_:path:)``).
    ///
    /// A file to write whose folder (or a folder above it) is a file, a symbolic link or a
    /// submodule is a conflict (`not-a-folder`): iscctl replaces nothing it did not write.
    func changes(_ wanted: [String: Data], against tree: some FileTree) throws -> FileChanges {
        var result = FileChanges()
        var folders: Set<String> = []
        for (path, data) in wanted.sorted(by: { $0.key < $1.key }) {
            // A file much larger than what iscctl writes there differs from it: not read.
            guard case .contents(let existing)? = try tree.file(path, limit: 2 * data.count + 4096) else {
                // From the file's folder up to the first folder that exists (all above it do).
                var components = path.split(separator: "/").dropLast()
                while !components.isEmpty {
                    let folder = components.joined(separator: "/")
                    guard folders.insert(folder).inserted else { break }
                    if let entry = try tree.entry(folder) {
                        guard entry.isDirectory else { throw notAFolder(folder) }
                        break
                    }
                    components.removeLast()
                }
                result[path] = data
                continue
            }
            if !isAsWritten(existing, data, path: path) { result[path] = data }
        }
        return result
    }

    /// True when `existing`, the file at `path`, is what iscctl writes there (`wanted`), or an
    /// Application that is `wanted` with another ``TargetRevision/accepted`` `targetRevision`
    /// (`HEAD` or the branch name while the remote's HEAD names the branch written).
    func isAsWritten(_ existing: Data, _ wanted: Data, path: String) -> Bool {
        if existing == wanted { return true }
        let alternatives = targetRevision.accepted.filter { $0 != targetRevision.value }
        guard !alternatives.isEmpty, path.hasPrefix(layout.runtimesDirectory + "/"), path.hasSuffix(".yaml"),
            let text = String(data: wanted, encoding: .utf8)
        else { return false }
        return alternatives.contains { alternative in
            ApplicationManifest.replacingTargetRevision(targetRevision.value, with: alternative, in: text).map { Data($0.utf8) } == existing
        }
    }

    /// The problems of an Application at `path` that is not as iscctl writes it (`expected`)
    /// although its name and server are right: a `targetRevision` that ``targetRevision`` does
    /// not accept, and any other difference.
    func applicationProblems(_ data: Data, expected: Data, revision: String?, path: String, runtime: String) -> [String] {
        var problems: [String] = []
        var comparable = expected
        if let revision, revision != targetRevision.value, let text = String(data: expected, encoding: .utf8),
            let rewritten = ApplicationManifest.replacingTargetRevision(targetRevision.value, with: revision, in: text)
        {
            if let problem = targetRevision.problem(with: revision) {
                problems.append("\(path): \(problem) (run init, add-runtime or add-cluster for it again with the same settings to rewrite it)")
            }
            comparable = Data(rewritten.utf8)
        }
        if data != comparable {
            problems.append("\(path) differs from what iscctl writes for runtime '\(runtime)' (edited by hand, or another repository URL)")
        }
        return problems
    }
}
