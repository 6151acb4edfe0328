/// The `spec.source.targetRevision` of the Applications iscctl writes, and the values an
/// Application already in the repository may hold instead (spec sections 5 and 7).
///
/// Argo CD resolves `HEAD` to the branch the remote's HEAD names, so `HEAD` is only right when
/// that is the branch iscctl writes to. The value written:
///
/// | URL | the remote's HEAD | written |
/// | --- | --- | --- |
/// | `?ref=X` | anything | `X` |
/// | no `ref` | names the branch written | `HEAD` |
/// | no `ref` | names another branch, or is unknown (an empty remote: its unborn HEAD is not advertised) | the branch name |
/// | nothing known (``init(url:)``) | – | the URL's `ref`, or `HEAD` |
///
/// While the remote's HEAD names the branch written, `HEAD` and the branch name mean the same
/// to Argo CD: both are ``accepted``. An Application holding either is left as it is, so a
/// repository initialized while empty (`main`) does not flip to `HEAD` once the remote's HEAD
/// names `main`: re-runs stay no-ops and `validate` accepts it. An Application holding `HEAD`
/// while the remote's HEAD names another branch (or none) is wrong: ``problem(with:)`` says
/// why, and the operations rewrite it with ``value``.
///
/// ```swift
/// let url = try RepositoryURL(parsing: "https://github.com/acme/isc.git")
/// TargetRevision(url: url, branch: "main", remoteHead: "main").value      // "HEAD"
/// TargetRevision(url: url, branch: "main", remoteHead: "main").accepted   // ["HEAD", "main"]
/// TargetRevision(url: url, branch: "main", remoteHead: "master").value    // "main"
/// TargetRevision(url: url, branch: "main", remoteHead: nil).value         // "main"
/// ```
public struct TargetRevision: Sendable, Hashable {
    /// `HEAD`: the remote's default branch, as Argo CD resolves it.
    public static let head = "HEAD"

    /// What iscctl writes into a new or rewritten Application.
    public let value: String
    /// The branch read and written (the URL's `ref` when it has one); `nil` when unknown.
    public let branch: String?
    /// The branch the remote's HEAD names, as the remote advertised it; `nil` when unknown (an
    /// empty remote, a HEAD naming a branch that does not exist, or nothing asked).
    public let remoteHead: String?

    /// The revision when nothing is known about the remote (library callers, tests): the URL's
    /// `ref`, or `HEAD`; only that value is accepted.
    public init(url: RepositoryURL) {
        value = ApplicationManifest.targetRevision(url: url)
        branch = nil
        remoteHead = nil
    }

    /// The revision for writes to `branch` of a remote whose HEAD names `remoteHead`: the URL's
    /// `ref` when it has one, else `HEAD` when `remoteHead` is `branch`, else `branch`.
    ///
    /// - Parameters:
    ///   - url: the repository URL (its `ref`).
    ///   - branch: the branch the transaction reads and writes (the URL's `ref` when it has one).
    ///   - remoteHead: the branch the remote's HEAD names, `nil` when it names none or is not
    ///     advertised (ISCKit's `RemoteHeads.defaultBranch`).
    public init(url: RepositoryURL, branch: String, remoteHead: String?) {
        self.branch = branch
        self.remoteHead = remoteHead
        value = url.ref ?? (remoteHead == branch ? Self.head : branch)
    }

    /// True when `HEAD` and the branch name resolve to the same branch: the remote's HEAD names
    /// the branch written.
    public var headIsBranch: Bool { branch != nil && remoteHead == branch }

    /// The values an existing Application may hold and be left as it is, sorted: ``value`` and,
    /// when ``headIsBranch``, both `HEAD` and the branch name.
    public var accepted: [String] {
        var values: Set<String> = [value]
        if headIsBranch, let branch { values.formUnion([Self.head, branch]) }
        return values.sorted()
    }

    /// True when an Application whose `targetRevision` is `revision` is right as it is.
    public func accepts(_ revision: String) -> Bool {
        revision == value || (headIsBranch && (revision == Self.head || revision == branch))
    }

    /// Why an Application whose `targetRevision` is `revision` is wrong, as the end of a sentence
    /// that starts with the file's path (`spec.source.targetRevision is …`); `nil` when
    /// ``accepts(_:)``.
    public func problem(with revision: String) -> String? {
        guard !accepts(revision) else { return nil }
        let expected = "expected \(accepted.map { "'\($0)'" }.joined(separator: " or "))"
        if revision == Self.head, let branch {
            if let remoteHead {
                return
                    "spec.source.targetRevision is HEAD, which Argo CD resolves to the remote's default branch '\(remoteHead)', not to the branch '\(branch)' iscctl writes; \(expected)"
            }
            return
                "spec.source.targetRevision is HEAD, but the remote's HEAD names no branch it advertises, so Argo CD cannot resolve it to the branch '\(branch)' iscctl writes; \(expected)"
        }
        return "spec.source.targetRevision is '\(Display.safe(revision))'; \(expected)"
    }
}
