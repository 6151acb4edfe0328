import Foundation

/// The bounds on what iscctl reads from a repository, so that a hostile or broken Shared
/// Configuration Repository costs a clear error (a conflict, exit 3), never the memory or the
/// time of the machine. Each file's size is checked from the Git object header, before the file
/// is read into memory or parsed (``FileTree/file(_:limit:)``); the YAML of iscctl's own files is
/// refused when it uses anchors or aliases or nests too deeply (see `YAMLGuard`).
///
/// The user's manifests under `resources/` have bounds of their own
/// (``ResourceManifests/Limits``).
public enum ReadLimits {
    /// `<root>/isc.yaml`: 2 MiB. Layout v2 writes about 150 bytes there; layout v1 holds every
    /// runtime's entry (about 450 bytes each, more with clusters), so 2 MiB holds some 4,500
    /// runtimes — migrate such an ISC to layout v2 (`iscctl migrate`), whose files are small.
    /// A hand-written file of this size is parsed in about 1 s and 70 MiB.
    public static let registry = 2 << 20
    /// `<root>/runtimes/<runtime>/runtime.yaml`: 64 KiB (iscctl writes about 450 bytes, plus
    /// about 20 per extra cluster: some 3,000 clusters fit).
    public static let runtimeFile = 64 << 10
    /// An Application `<root>/runtimes/<runtime>/<cluster>.yaml`: 64 KiB (iscctl writes about
    /// 900 bytes).
    public static let application = 64 << 10
    /// The entries of `<root>/runtimes/` (layout v2: one folder per runtime) and of
    /// `<root>/resources/runtimes/` that `list` and `validate` read: 20,000. Write commands read
    /// only their own runtime's folder, whatever the number.
    public static let runtimes = 20_000

    /// `4 MiB`, `64 KiB` or `100 bytes`.
    static func describe(bytes: Int) -> String {
        if bytes >= 1 << 20, bytes % (1 << 20) == 0 { return "\(bytes >> 20) MiB" }
        if bytes >= 1 << 10, bytes % (1 << 10) == 0 { return "\(bytes >> 10) KiB" }
        return "\(bytes) bytes"
    }

    /// The conflict for the file at `path` of `size` bytes, over `limit`.
    static func tooLarge(_ path: String, size: Int, limit: Int) -> OperationError {
        .conflict(
            "file-too-large",
            "\(Display.safe(path, limit: 200)) is \(size) bytes, larger than iscctl reads there (\(describe(bytes: limit))); it is not an ISC file iscctl wrote: fix or remove it"
        )
    }

    /// The conflict for a folder with `count` entries, over ``runtimes``.
    static func tooManyRuntimes(_ folder: String, count: Int) -> OperationError {
        .conflict(
            "too-many-runtimes",
            "\(Display.safe(folder, limit: 200))/ holds \(count) entries, more than the \(runtimes) runtimes iscctl reads")
    }

    /// The contents of the file at `path` in `tree`, or nil when there is none; a conflict when
    /// it holds more than `limit` bytes (checked before it is read).
    static func read(_ path: String, limit: Int, in tree: some FileTree) throws -> Data? {
        switch try tree.file(path, limit: limit) {
        case nil: return nil
        case .contents(let data)?: return data
        case .tooLarge(let size)?: throw tooLarge(path, size: size, limit: limit)
        }
    }
}
