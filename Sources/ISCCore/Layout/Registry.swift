import Foundation

/// The registry `<root>/isc.yaml` (spec section 5): the Git provider of the ISC, the
/// configuration runtime, and every runtime's settings, kept sorted by name.
///
/// ``yaml()`` writes it in one fixed layout, byte for byte the same for the same registry;
/// `parse(_:source:)` reads that layout and reasonable hand edits of it, and refuses
/// anything invalid with an `invalid-registry` conflict that names the key.
///
/// ```swift
/// var registry = Registry(gitProvider: .init(type: .github, apiURL: "https://api.github.com"),
///                         configRuntime: "codefresh", runtimes: [runtime])
/// let text = registry.yaml()
/// try Registry.parse(text) == registry   // true
/// ```
public struct Registry: Sendable, Hashable {
    /// The `gitProvider` entry: the provider id and its API URL.
    public struct Provider: Sendable, Hashable {
        /// The provider; `git` for file repositories and plain Git servers.
        public var type: GitProvider
        /// The provider's API URL; `nil` (omitted from `isc.yaml`) for `git`.
        public var apiURL: String?

        /// A provider entry.
        public init(type: GitProvider, apiURL: String?) {
            self.type = type
            self.apiURL = apiURL
        }

        /// The entry for a parsed URL: its ``RepositoryURL/registryProvider`` and API URL (none
        /// for `git`); `nil` when the provider is unknown.
        public init?(url: RepositoryURL) {
            guard let provider = url.registryProvider else { return nil }
            self.init(type: provider, apiURL: provider == .git ? nil : url.apiURL)
        }
    }

    /// `iscctl/v1`.
    public static let apiVersion = "iscctl/v1"
    /// `SharedConfiguration`.
    public static let kind = "SharedConfiguration"
    /// The file name inside `<root>`.
    public static let fileName = "isc.yaml"
    /// The error code of every refusal of `parse(_:source:)` and ``validate(source:)``.
    public static let errorCode = "invalid-registry"

    /// The Git provider, which applies to every runtime.
    public var gitProvider: Provider
    /// The name of the configuration runtime (the one `init` registered).
    public var configRuntime: String
    /// The runtimes, always sorted by name.
    public var runtimes: [RuntimeSettings] {
        didSet { runtimes.sort(by: Self.byName) }
    }

    /// A registry; `runtimes` are sorted by name. Nothing is checked: see ``validate(source:)``.
    public init(gitProvider: Provider, configRuntime: String, runtimes: [RuntimeSettings]) {
        self.gitProvider = gitProvider
        self.configRuntime = configRuntime
        self.runtimes = runtimes.sorted(by: Self.byName)
    }

    static func byName(_ left: RuntimeSettings, _ right: RuntimeSettings) -> Bool { left.name < right.name }

    /// The names of the runtimes, sorted.
    public var runtimeNames: [String] { runtimes.map(\.name) }

    /// The runtime called `name`, if any.
    public func runtime(named name: String) -> RuntimeSettings? {
        runtimes.first { $0.name == name }
    }

    /// Adds `runtime`, or replaces the runtime of the same name.
    public mutating func put(_ runtime: RuntimeSettings) {
        if let index = runtimes.firstIndex(where: { $0.name == runtime.name }) {
            runtimes[index] = runtime
        } else {
            runtimes.append(runtime)
        }
    }

    /// Removes the runtime called `name` and returns it; `nil` when there is none.
    @discardableResult
    public mutating func removeRuntime(named name: String) -> RuntimeSettings? {
        guard let index = runtimes.firstIndex(where: { $0.name == name }) else { return nil }
        return runtimes.remove(at: index)
    }

    // MARK: - Writing

    /// The text of `isc.yaml`: the layout of the spec's example, flow mappings for `accessMode`
    /// and the `argoCD` entries, `clusters` as a flow list, strings quoted only where YAML could
    /// misread them (``YAMLScalar``). Deterministic; ends with a newline.
    public func yaml() -> String {
        var lines = [
            "apiVersion: \(Self.apiVersion)",
            "kind: \(Self.kind)",
            "gitProvider:",
            "  type: \(YAMLScalar.render(gitProvider.type.id))",
        ]
        if let apiURL = gitProvider.apiURL {
            lines.append("  apiURL: \(YAMLScalar.render(apiURL))")
        }
        lines.append("configRuntime: \(YAMLScalar.render(configRuntime))")
        if runtimes.isEmpty {
            lines.append("runtimes: []")
        } else {
            lines.append("runtimes:")
            for runtime in runtimes {
                for (index, line) in runtime.registryEntry.blockLines(blockKeys: ["argoCD"]).enumerated() {
                    lines.append((index == 0 ? "  - " : "    ") + line)
                }
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// ``yaml()`` as UTF-8.
    public func data() -> Data { Data(yaml().utf8) }

    // MARK: - Reading

    /// Reads `isc.yaml` as UTF-8 text; see `parse(_:source:)`.
    public static func parse(_ data: Data, source: String = fileName) throws(OperationError) -> Registry {
        guard let text = String(data: data, encoding: .utf8) else {
            throw OperationError.conflict(errorCode, "\(source): is not UTF-8 text")
        }
        return try parse(text, source: source)
    }

    /// Reads `isc.yaml`: what ``yaml()`` writes, and hand edits of it (block or flow style, any
    /// key order, any quoting; a string may be written plain even where YAML would read a
    /// number or boolean). Every key is required except `gitProvider.apiURL`, which must be
    /// omitted (or null) for `git` and given for every other provider. Unknown keys are refused.
    ///
    /// - Parameters:
    ///   - text: the file's contents.
    ///   - source: the file's repository-relative path (``ISCLayout/registry``), first in messages.
    /// - Throws: ``OperationError`` `invalid-registry` (a conflict: exit 3),
    ///   `<source>: <key path>: <problem>`, for invalid YAML, a wrong `apiVersion` or `kind`, an
    ///   unknown provider or access mode or auth type, a missing or unknown key, a value of the
    ///   wrong type, a runtime whose settings break a rule of spec section 4, a duplicate runtime
    ///   name, a `configRuntime` that is not among the runtimes, or `clusters` that do not start
    ///   with `in-cluster`.
    public static func parse(_ text: String, source: String = fileName) throws(OperationError) -> Registry {
        let reader = YAMLReader(source: source, code: errorCode)
        let document = try reader.document(text)
        try document.rejectUnknownKeys(["apiVersion", "kind", "gitProvider", "configRuntime", "runtimes"])
        try requireHeader(document, apiVersion: apiVersion, kind: kind)
        return try parseV1(document)
    }

    /// Checks `apiVersion` and `kind` of a document.
    static func requireHeader(_ document: MappingReader, apiVersion: String, kind: String) throws(OperationError) {
        let version = try document.string("apiVersion")
        guard version == apiVersion else {
            throw document.reader.failure("apiVersion", "must be '\(apiVersion)', got '\(Display.safe(version))'")
        }
        let kindValue = try document.string("kind")
        guard kindValue == kind else {
            throw document.reader.failure("kind", "must be '\(kind)', got '\(Display.safe(kindValue))'")
        }
    }

    /// The `gitProvider` and `configRuntime` keys of `isc.yaml` (both layouts).
    static func parseAccount(_ document: MappingReader) throws(OperationError) -> (Provider, String) {
        let reader = document.reader
        let providerMapping = try document.mapping("gitProvider")
        try providerMapping.rejectUnknownKeys(["type", "apiURL"])
        let typeText = try providerMapping.string("type")
        guard let type = GitProvider(id: typeText) else {
            let ids = GitProvider.allCases.map(\.id).joined(separator: ", ")
            throw reader.failure("gitProvider.type", "unknown provider '\(Display.safe(typeText))'; use one of: \(ids)")
        }
        let provider = Provider(type: type, apiURL: try providerMapping.optionalString("apiURL"))
        let configRuntime = try document.string("configRuntime")
        return (provider, configRuntime)
    }

    /// The rest of a layout v1 `isc.yaml` whose header was checked.
    static func parseV1(_ document: MappingReader) throws(OperationError) -> Registry {
        let reader = document.reader
        let (provider, configRuntime) = try parseAccount(document)
        var runtimes: [RuntimeSettings] = []
        for (index, item) in try document.sequence("runtimes").enumerated() {
            let path = "runtimes[\(index)]"
            guard let mapping = item.mapping else { throw reader.failure(path, "must be a mapping") }
            runtimes.append(try parseRuntime(MappingReader(mapping: mapping, path: path, reader: reader)))
        }
        try check(provider: provider, configRuntime: configRuntime, runtimes: runtimes, reader: reader)
        return Registry(gitProvider: provider, configRuntime: configRuntime, runtimes: runtimes)
    }

    /// The keys of a runtime entry, in the order they are written (`chartVersion` and
    /// `gitCredentials` only when set).
    static let runtimeKeys = ["name", "namespace", "helmRelease", "chartVersion", "accessMode", "argoCD", "gitCredentials", "clusters"]

    static func parseRuntime(_ entry: MappingReader, extraKeys: [String] = []) throws(OperationError) -> RuntimeSettings {
        try entry.rejectUnknownKeys(extraKeys + runtimeKeys)
        let name = try entry.string("name")
        let namespace = try entry.string("namespace")
        let helmRelease = try entry.string("helmRelease")

        let access = try entry.mapping("accessMode")
        let accessType = try access.string("type")
        try check(SettingTable.accessMode, accessType, at: access.keyPath("type"), access.reader)
        let accessMode: AccessMode
        switch accessType {
        case "ingress":
            try access.rejectUnknownKeys(["type", "host", "className"])
            accessMode = .ingress(host: try access.string("host"), className: try access.string("className"))
        case "service-mesh":
            try access.rejectUnknownKeys(["type", "ingressURL"])
            accessMode = .serviceMesh(ingressURL: try access.string("ingressURL"))
        default:
            try access.rejectUnknownKeys(["type", "accountId"])
            accessMode = .tunnel(accountId: try access.string("accountId"))
        }

        let argoCD = try entry.mapping("argoCD")
        try argoCD.rejectUnknownKeys(["server", "repoServer", "auth"])
        let server = try argoCD.mapping("server")
        try server.rejectUnknownKeys(["svc", "port", "rootpath"])
        let repoServer = try argoCD.mapping("repoServer")
        try repoServer.rejectUnknownKeys(["svc", "port"])
        let authMapping = try argoCD.mapping("auth")
        let authType = try authMapping.string("type")
        func secret(_ key: String) throws(OperationError) -> SecretKeyRef {
            let ref = try authMapping.mapping(key)
            try ref.rejectUnknownKeys(["name", "key"])
            return SecretKeyRef(name: try ref.string("name"), key: try ref.string("key"))
        }
        try check(SettingTable.argoCDAuth, authType, at: authMapping.keyPath("type"), authMapping.reader)
        let auth: ArgoCDAuth
        if authType == "password" {
            try authMapping.rejectUnknownKeys(["type", "username", "passwordSecretKeyRef"])
            auth = .password(username: try authMapping.string("username"), passwordSecretKeyRef: try secret("passwordSecretKeyRef"))
        } else {
            try authMapping.rejectUnknownKeys(["type", "tokenSecretKeyRef"])
            auth = .token(tokenSecretKeyRef: try secret("tokenSecretKeyRef"))
        }
        let settings = ArgoCDSettings(
            serverService: try server.string("svc"), serverPort: try server.int("port"), rootPath: try server.string("rootpath"),
            repoServerService: try repoServer.string("svc"), repoServerPort: try repoServer.int("port"), auth: auth)

        var gitCredentials: GitRuntimeCredentials?
        if entry.optionalNode("gitCredentials") != nil {
            let credentials = try entry.mapping("gitCredentials")
            try credentials.rejectUnknownKeys(["username", "passwordSecretKeyRef"])
            let ref = try credentials.mapping("passwordSecretKeyRef")
            try ref.rejectUnknownKeys(["name", "key"])
            gitCredentials = GitRuntimeCredentials(
                username: try credentials.optionalString("username"),
                passwordSecretKeyRef: SecretKeyRef(name: try ref.string("name"), key: try ref.string("key")))
        }
        var chartVersion: ChartVersion?
        if let text = try entry.optionalString("chartVersion") {
            try check(SettingTable.chartVersion, text, at: entry.keyPath("chartVersion"), entry.reader)
            chartVersion = ChartVersion(text)
        }

        var clusters: [String] = []
        for (index, item) in try entry.sequence("clusters").enumerated() {
            clusters.append(try MappingReader.string(item, keyPath: entry.keyPath("clusters") + "[\(index)]", reader: entry.reader))
        }
        return RuntimeSettings(
            name: name, namespace: namespace, helmRelease: helmRelease, accessMode: accessMode,
            argoCD: settings, gitCredentials: gitCredentials, chartVersion: chartVersion, clusters: clusters)
    }

    // MARK: - Checking

    /// Checks the registry as `parse(_:source:)` does: the provider's API URL, every
    /// runtime against spec section 4, unique names, `configRuntime` among the runtimes.
    ///
    /// - Parameter source: the file's repository-relative path, first in messages.
    /// - Throws: ``OperationError`` `invalid-registry` naming the key (runtimes by their index in
    ///   the sorted list).
    public func validate(source: String = fileName) throws(OperationError) {
        try Self.check(
            provider: gitProvider, configRuntime: configRuntime, runtimes: runtimes,
            reader: YAMLReader(source: source, code: Self.errorCode))
    }

    static func check(provider: Provider, configRuntime: String, runtimes: [RuntimeSettings], reader: YAMLReader) throws(OperationError) {
        try checkProvider(provider, reader: reader)
        guard !runtimes.isEmpty else {
            throw reader.failure("runtimes", "must list at least the configuration runtime")
        }
        var seen: [String: Int] = [:]
        for (index, runtime) in runtimes.enumerated() {
            let path = "runtimes[\(index)]"
            try checkRuntime(runtime, path: path, reader: reader)
            if let first = seen[runtime.name] {
                throw reader.failure(path + ".name", "duplicate runtime name '\(runtime.name)' (also runtimes[\(first)])")
            }
            seen[runtime.name] = index
        }
        guard seen[configRuntime] != nil else {
            throw reader.failure(
                "configRuntime", "'\(Display.safe(configRuntime))' is not one of the runtimes (\(runtimes.map(\.name).joined(separator: ", ")))")
        }
    }

    /// The `gitProvider` rule: an API URL for every provider but `git`, none for `git`.
    static func checkProvider(_ provider: Provider, reader: YAMLReader) throws(OperationError) {
        if provider.type == .git {
            guard provider.apiURL == nil else {
                throw reader.failure("gitProvider.apiURL", "must be omitted for type git (a plain Git server has no API)")
            }
        } else {
            guard let apiURL = provider.apiURL else {
                throw reader.failure("gitProvider.apiURL", "missing (required for type \(provider.type.id))")
            }
            try rule("gitProvider.apiURL", reader) { () throws(OperationError) in try SettingRules.httpURL(apiURL, flag: "--api-url") }
        }
    }

    /// Runs one rule of spec section 4, putting the key path in front of its message.
    static func rule(_ keyPath: String, _ reader: YAMLReader, _ body: () throws(OperationError) -> Void) throws(OperationError) {
        do {
            try body()
        } catch {
            throw reader.failure(keyPath, error.message)
        }
    }

    /// Checks one runtime entry against every rule of ``SettingTable``: the first broken rule,
    /// `<source>: <path>.<key>: <the rule's message>`.
    static func checkRuntime(_ runtime: RuntimeSettings, path: String, reader: YAMLReader) throws(OperationError) {
        for rule in SettingTable.all {
            if let failure = rule.failure(in: runtime) {
                throw reader.failure(YAMLReader.join(path, failure.key), failure.error.message)
            }
        }
    }

    /// Checks a value read at `keyPath` against `setting` before it becomes a ``RuntimeSettings``
    /// (the access mode, the auth type, the chart version).
    static func check<Value>(_ setting: SettingRule<Value>, _ value: Value, at keyPath: String, _ reader: YAMLReader) throws(OperationError) {
        try rule(keyPath, reader) { () throws(OperationError) in try setting.check(value) }
    }
}
