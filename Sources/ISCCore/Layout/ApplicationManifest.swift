import Foundation

/// The Argo CD Applications written under `<root>/runtimes/<runtime>/` (spec section 5): one per
/// cluster a runtime manages, each syncing the runtime's share of `<root>/resources`.
///
/// The text is deterministic 2-space block YAML with the keys in the order of the spec's example,
/// and validates against Argo CD's Application CRD schema. There is no `syncOptions`:
/// `syncPolicy.automated.allowEmpty` is what lets an empty folder sync.
public enum ApplicationManifest {
    /// `argoproj.io/v1alpha1`.
    public static let apiVersion = "argoproj.io/v1alpha1"
    /// `Application`.
    public static let kind = "Application"
    /// The destination of the runtime's own cluster, `https://kubernetes.default.svc`.
    public static let inClusterServer = "https://kubernetes.default.svc"
    /// The finalizer that makes Argo CD delete the synced resources with the Application.
    public static let finalizer = "resources-finalizer.argocd.argoproj.io"

    /// The `spec.source.directory.include` glob for `runtime` on `cluster`: everything for all
    /// runtimes and clusters, the runtime's own folder, and, for `in-cluster` only, the control
    /// planes folder.
    ///
    /// ```swift
    /// ApplicationManifest.include(runtime: "codefresh", cluster: "in-cluster")
    /// // {all-runtimes-all-clusters/*.yaml,all-runtimes-all-clusters/**/*.yaml,runtimes/codefresh/*.yaml,
    /// //  runtimes/codefresh/**/*.yaml,control-planes/*.yaml,control-planes/**/*.yaml}   (one line)
    /// ```
    public static func include(runtime: String, cluster: String) -> String {
        var folders = ["all-runtimes-all-clusters", "runtimes/\(runtime)"]
        if cluster == RuntimeSettings.inCluster { folders.append("control-planes") }
        return "{" + folders.flatMap { ["\($0)/*.yaml", "\($0)/**/*.yaml"] }.joined(separator: ",") + "}"
    }

    /// The `spec.source.path`: `<root>/resources`, or `resources` at the repository root.
    public static func sourcePath(url: RepositoryURL) -> String {
        ISCLayout(url: url).resources
    }

    /// The `spec.source.targetRevision` when nothing is known about the remote: the URL's
    /// `ref`, or `HEAD` (the default branch). Writes resolve it with ``TargetRevision``.
    public static func targetRevision(url: RepositoryURL) -> String {
        url.ref ?? TargetRevision.head
    }

    /// The Application for `runtime` on `cluster`, deploying to `server`, with
    /// `targetRevision: <targetRevision(url:)>`.
    public static func yaml(runtime: RuntimeSettings, cluster: String, server: String, url: RepositoryURL) -> String {
        yaml(runtime: runtime, cluster: cluster, server: server, url: url, targetRevision: targetRevision(url: url))
    }

    /// The Application for `runtime` on `cluster`, deploying to `server`.
    ///
    /// - Parameters:
    ///   - runtime: the runtime (its name and namespace are used).
    ///   - cluster: `in-cluster` or an extra cluster's name; it is `metadata.name`.
    ///   - server: the cluster's API server URL, ``inClusterServer`` for `in-cluster`.
    ///   - url: the repository URL (clone URL and `path`).
    ///   - targetRevision: the `spec.source.targetRevision` (``TargetRevision/value``).
    public static func yaml(runtime: RuntimeSettings, cluster: String, server: String, url: RepositoryURL, targetRevision: String) -> String {
        func q(_ value: String) -> String { YAMLScalar.render(value) }
        return """
            apiVersion: \(apiVersion)
            kind: \(kind)
            metadata:
              name: \(q(cluster))
              finalizers:
                - \(finalizer)
              labels:
                codefresh.io/entity: internal-config
                codefresh.io/internal: "true"
            spec:
              project: default
              source:
                repoURL: \(q(url.cloneURL))
                \(targetRevisionLine(targetRevision))
                path: \(q(sourcePath(url: url)))
                directory:
                  recurse: true
                  include: \(q(include(runtime: runtime.name, cluster: cluster)))
              destination:
                server: \(q(server))
                namespace: \(q(runtime.namespace))
              syncPolicy:
                automated:
                  prune: true
                  selfHeal: true
                  allowEmpty: true

            """
    }

    /// The Application for the runtime's own cluster (`in-cluster`, ``inClusterServer``).
    public static func inCluster(runtime: RuntimeSettings, url: RepositoryURL) -> String {
        yaml(runtime: runtime, cluster: RuntimeSettings.inCluster, server: inClusterServer, url: url)
    }

    /// The Application for the runtime's own cluster with `targetRevision`.
    public static func inCluster(runtime: RuntimeSettings, url: RepositoryURL, targetRevision: String) -> String {
        yaml(runtime: runtime, cluster: RuntimeSettings.inCluster, server: inClusterServer, url: url, targetRevision: targetRevision)
    }

    /// The `targetRevision` line of ``yaml(runtime:cluster:server:url:targetRevision:)``, without
    /// its indentation.
    static func targetRevisionLine(_ revision: String) -> String {
        "targetRevision: " + YAMLScalar.render(revision)
    }

    /// `text`, an Application as ``yaml(runtime:cluster:server:url:targetRevision:)`` wrote it
    /// with `targetRevision: old`, as the same call writes it with `new`: the one
    /// `targetRevision` line is replaced. `nil` when `text` has no such line.
    static func replacingTargetRevision(_ old: String, with new: String, in text: String) -> String? {
        let line = "\n    " + targetRevisionLine(old) + "\n"
        guard let range = text.range(of: line) else { return nil }
        return text.replacingCharacters(in: range, with: "\n    " + targetRevisionLine(new) + "\n")
    }

    /// What iscctl reads back from an Application file.
    public struct Summary: Sendable, Hashable {
        /// `metadata.name`.
        public var name: String
        /// `spec.destination.server`.
        public var server: String
        /// `spec.destination.namespace`, when present.
        public var namespace: String?
        /// `spec.source.targetRevision`, when present.
        public var targetRevision: String?

        /// A summary with these values.
        public init(name: String, server: String, namespace: String?, targetRevision: String? = nil) {
            self.name = name
            self.server = server
            self.namespace = namespace
            self.targetRevision = targetRevision
        }
    }

    /// Reads an Application: `apiVersion`, `kind`, `metadata.name` and `spec.destination.server`
    /// must be there; `spec.source.targetRevision` is read when present.
    ///
    /// - Parameters:
    ///   - text: the file's contents.
    ///   - source: the file's repository-relative path, used in messages.
    /// - Throws: ``OperationError`` `invalid-application` (a conflict: exit 3) naming the key.
    public static func read(_ text: String, source: String) throws(OperationError) -> Summary {
        let reader = YAMLReader(source: source, code: "invalid-application")
        let document = try reader.document(text)
        let version = try document.string("apiVersion")
        guard version == apiVersion else {
            throw reader.failure("apiVersion", "must be '\(apiVersion)', got '\(Display.safe(version))'")
        }
        let kindValue = try document.string("kind")
        guard kindValue == kind else {
            throw reader.failure("kind", "must be '\(kind)', got '\(Display.safe(kindValue))'")
        }
        let name = try document.mapping("metadata").string("name")
        let spec = try document.mapping("spec")
        let destination = try spec.mapping("destination")
        let revision = spec.optionalNode("source") == nil ? nil : try spec.mapping("source").optionalString("targetRevision")
        return Summary(
            name: name, server: try destination.string("server"), namespace: try destination.optionalString("namespace"),
            targetRevision: revision)
    }

    /// Reads an Application's file contents (UTF-8).
    public static func read(_ data: Data, source: String) throws(OperationError) -> Summary {
        guard let text = String(data: data, encoding: .utf8) else {
            throw OperationError.conflict("invalid-application", "\(source): is not UTF-8 text")
        }
        return try read(text, source: source)
    }

    /// The `spec.destination.server` of an Application (see `read(_:source:)`).
    public static func applicationServer(from text: String, source: String = "Application") throws(OperationError) -> String {
        try read(text, source: source).server
    }
}
