import Foundation

/// The layout of a Shared Configuration Repository, named by the `apiVersion` of its `isc.yaml`.
///
/// - ``v1``: `isc.yaml` lists every runtime (spec section 5). Read as it is; iscctl no longer
///   writes it (write commands exit 3 with `layout-v1` and point at `iscctl migrate`).
/// - ``v2``: `isc.yaml` holds only the account; each runtime's entry is its own file
///   `runtimes/<runtime>/runtime.yaml` (spec section 7), so a write reads and writes a fixed
///   number of small files whatever the number of runtimes.
public enum LayoutVersion: String, Sendable, Hashable, CaseIterable {
    /// `iscctl/v1`: one registry file with every runtime.
    case v1 = "iscctl/v1"
    /// `iscctl/v2`: the account in `isc.yaml`, one `runtime.yaml` per runtime.
    case v2 = "iscctl/v2"
}

/// The account of a layout v2 ISC: `<root>/isc.yaml` with `apiVersion: iscctl/v2`,
/// `kind: SharedConfiguration`, `gitProvider` and `configRuntime`, nothing else.
///
/// ```yaml
/// apiVersion: iscctl/v2
/// kind: SharedConfiguration
/// gitProvider:
///   type: github
///   apiURL: https://api.github.com
/// configRuntime: codefresh
/// ```
public struct Account: Sendable, Hashable {
    /// The Git provider, which applies to every runtime.
    public var gitProvider: Registry.Provider
    /// The name of the configuration runtime (the one `init` registered).
    public var configRuntime: String

    /// An account. Nothing is checked: see ``validate(source:)``.
    public init(gitProvider: Registry.Provider, configRuntime: String) {
        self.gitProvider = gitProvider
        self.configRuntime = configRuntime
    }

    /// The text of `isc.yaml` in layout v2: deterministic, ends with a newline.
    public func yaml() -> String {
        var lines = [
            "apiVersion: \(LayoutVersion.v2.rawValue)",
            "kind: \(Registry.kind)",
            "gitProvider:",
            "  type: \(YAMLScalar.render(gitProvider.type.id))",
        ]
        if let apiURL = gitProvider.apiURL {
            lines.append("  apiURL: \(YAMLScalar.render(apiURL))")
        }
        lines.append("configRuntime: \(YAMLScalar.render(configRuntime))")
        return lines.joined(separator: "\n") + "\n"
    }

    /// ``yaml()`` as UTF-8.
    public func data() -> Data { Data(yaml().utf8) }

    /// Checks the provider's API URL rule and that `configRuntime` is a valid runtime name.
    ///
    /// - Throws: ``OperationError`` `invalid-registry` (exit 3) naming the key.
    public func validate(source: String = Registry.fileName) throws(OperationError) {
        let reader = YAMLReader(source: source, code: Registry.errorCode)
        try Registry.checkProvider(gitProvider, reader: reader)
        try Registry.rule("configRuntime", reader) { () throws(OperationError) in try SettingRules.runtimeName(configRuntime) }
    }
}

/// The registry entry of one runtime in layout v2: `<root>/runtimes/<runtime>/runtime.yaml`, with
/// `apiVersion: iscctl/v2`, `kind: Runtime`, then exactly the keys of a v1 entry (`name`,
/// `namespace`, `helmRelease`, `accessMode`, `argoCD`, `clusters`) written as in v1.
///
/// ```yaml
/// apiVersion: iscctl/v2
/// kind: Runtime
/// name: codefresh
/// namespace: codefresh
/// helmRelease: cf-gitops-runtime
/// accessMode: {type: tunnel, accountId: acc1}
/// argoCD:
///   server: {svc: argocd-server, port: 80, rootpath: ""}
///   repoServer: {svc: argocd-repo-server, port: 8081}
///   auth: {type: token, tokenSecretKeyRef: {name: argocd-token, key: token}}
/// clusters: [in-cluster]
/// ```
public enum RuntimeFile {
    /// `Runtime`.
    public static let kind = "Runtime"
    /// `runtime.yaml`: the file name inside `runtimes/<runtime>/`.
    public static let fileName = "runtime.yaml"
    /// Cluster names that cannot be used in layout v2 because their Application file would be
    /// the runtime file: `runtime` (`runtimes/<runtime>/runtime.yaml`).
    public static let reservedClusterNames: Set<String> = ["runtime"]

    /// The text of `runtime.yaml` for `runtime`: deterministic, ends with a newline.
    public static func yaml(_ runtime: RuntimeSettings) -> String {
        let lines =
            ["apiVersion: \(LayoutVersion.v2.rawValue)", "kind: \(kind)"]
            + runtime.registryEntry.blockLines(blockKeys: ["argoCD"])
        return lines.joined(separator: "\n") + "\n"
    }

    /// ``yaml(_:)`` as UTF-8.
    public static func data(_ runtime: RuntimeSettings) -> Data { Data(yaml(runtime).utf8) }

    /// The runtime of a file that is byte for byte what ``yaml(_:)`` writes for it, read without
    /// Yams (``CanonicalYAML``); `nil` for any other text. Since the text is exactly what iscctl
    /// writes for the result, Yams would read the same runtime from it (round-trip tested): this
    /// only saves time where `list` and `validate` read thousands of these files.
    static func canonical(_ data: Data) -> RuntimeSettings? {
        guard let text = String(data: data, encoding: .utf8), let fields = CanonicalYAML.mapping(text), fields.count > 2,
            fields[0] == RegistryField("apiVersion", .string(LayoutVersion.v2.rawValue)), fields[1] == RegistryField("kind", .string(kind)),
            let runtime = RuntimeSettings(registryFields: Array(fields.dropFirst(2))), yaml(runtime) == text
        else { return nil }
        return runtime
    }

    /// Reads a `runtime.yaml` (what ``yaml(_:)`` writes, and hand edits of it, as for `isc.yaml`).
    ///
    /// - Parameters:
    ///   - data: the file's contents.
    ///   - source: its repository-relative path, first in messages.
    ///   - folder: the name of the folder it is in; the runtime's `name` must equal it.
    /// - Throws: ``OperationError`` `invalid-registry` (exit 3) naming the file and the key: not
    ///   UTF-8, not YAML, a wrong `apiVersion` or `kind`, an unknown or missing key, a setting
    ///   that breaks a rule of spec section 4, a name other than its folder's, a cluster named
    ///   `runtime`.
    public static func parse(_ data: Data, source: String, folder: String) throws(OperationError) -> RuntimeSettings {
        let reader = YAMLReader(source: source, code: Registry.errorCode)
        let runtime: RuntimeSettings
        if let canonical = canonical(data) {
            runtime = canonical
        } else {
            let document = try reader.document(data)
            try Registry.requireHeader(document, apiVersion: LayoutVersion.v2.rawValue, kind: kind)
            runtime = try Registry.parseRuntime(document, extraKeys: ["apiVersion", "kind"])
        }
        try Registry.checkRuntime(runtime, path: "", reader: reader)
        guard runtime.name == folder else {
            throw reader.failure("name", "is '\(runtime.name)', but the file is in the folder of runtime '\(Display.safe(folder))'")
        }
        if let reserved = runtime.clusters.first(where: reservedClusterNames.contains) {
            throw reader.failure("clusters", "'\(reserved)' cannot name a cluster: its Application would be \(fileName)")
        }
        return runtime
    }
}

/// What `<root>/isc.yaml` holds, in either layout.
public enum RegistryFile: Sendable, Hashable {
    /// Layout v1: the whole registry.
    case v1(Registry)
    /// Layout v2: the account; the runtimes are in their own files.
    case v2(Account)

    /// The layout.
    public var version: LayoutVersion {
        switch self {
        case .v1: return .v1
        case .v2: return .v2
        }
    }

    /// The Git provider and configuration runtime (in v1, taken from the registry).
    public var account: Account {
        switch self {
        case .v1(let registry): return Account(gitProvider: registry.gitProvider, configRuntime: registry.configRuntime)
        case .v2(let account): return account
        }
    }

    /// Reads `isc.yaml` of either layout, chosen by its `apiVersion`.
    ///
    /// - Throws: ``OperationError`` `invalid-registry` (exit 3), `<source>: <key path>: <problem>`;
    ///   an `apiVersion` that is neither `iscctl/v1` nor `iscctl/v2` names both.
    public static func parse(_ data: Data, source: String = Registry.fileName) throws(OperationError) -> RegistryFile {
        let reader = YAMLReader(source: source, code: Registry.errorCode)
        let document = try reader.document(data)
        let version = try document.string("apiVersion")
        switch LayoutVersion(rawValue: version) {
        case .v1:
            try document.rejectUnknownKeys(["apiVersion", "kind", "gitProvider", "configRuntime", "runtimes"])
            try Registry.requireHeader(document, apiVersion: version, kind: Registry.kind)
            return .v1(try Registry.parseV1(document))
        case .v2:
            try document.rejectUnknownKeys(["apiVersion", "kind", "gitProvider", "configRuntime"])
            try Registry.requireHeader(document, apiVersion: version, kind: Registry.kind)
            let (provider, configRuntime) = try Registry.parseAccount(document)
            let account = Account(gitProvider: provider, configRuntime: configRuntime)
            try account.validate(source: source)
            return .v2(account)
        case nil:
            let known = LayoutVersion.allCases.map { "'\($0.rawValue)'" }.joined(separator: " or ")
            throw reader.failure("apiVersion", "must be \(known), got '\(Display.safe(version))'")
        }
    }
}
