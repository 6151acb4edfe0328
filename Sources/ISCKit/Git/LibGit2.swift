internal import CLibGit2

/// Process-wide facts about the linked libgit2 and its one-time initialisation.
///
/// Every public entry point of the Git layer calls ``initialize()`` first, so callers never need
/// to; it is public for code that talks to libgit2 directly.
public enum LibGit2 {
    /// The result of the one `git_libgit2_init` call of this process. Swift initialises a `static let`
    /// exactly once, thread-safely, on first use. libgit2 is never shut down: the process owns it
    /// until exit.
    ///
    /// It registers ``NetworkStream`` for every TCP connection libgit2 opens. It also lets libgit2's object cache keep trees up to 4 MiB (the default is 4 KiB): a
    /// `runtimes/` tree of 2,000 runtimes is ~70 KB, and without this every file lookup below it
    /// inflated and re-hashed that tree again (list and validate of 2,000 runtimes: 3.7 s → 1.2 s).
    private static let initResult: Int32 = {
        let rc = git_libgit2_init()
        _ = isc_git_opts_set_cache_object_limit(GIT_OBJECT_TREE, 4 << 20)
        // Every TCP connection goes through our stream: origin check and idle timeout (NetworkStream).
        _ = NetworkStream.register()
        return rc
    }()

    /// Initialises libgit2 exactly once per process (thread-safe, cheap after the first call).
    public static func initialize() {
        _ = initResult
    }

    /// The version of the libgit2 library loaded at run time (not the headers compiled against).
    public static var version: (major: Int, minor: Int, revision: Int) {
        initialize()
        var major: Int32 = 0, minor: Int32 = 0, revision: Int32 = 0
        _ = git_libgit2_version(&major, &minor, &revision)
        return (Int(major), Int(minor), Int(revision))
    }

    /// The optional features the loaded libgit2 was built with, e.g. `["threads", "https", "ssh"]`.
    public static var features: [String] {
        initialize()
        let bits = UInt32(bitPattern: git_libgit2_features())
        var result: [String] = []
        if bits & GIT_FEATURE_THREADS.rawValue != 0 { result.append("threads") }
        if bits & GIT_FEATURE_HTTPS.rawValue != 0 { result.append("https") }
        if bits & GIT_FEATURE_SSH.rawValue != 0 { result.append("ssh") }
        if bits & GIT_FEATURE_NSEC.rawValue != 0 { result.append("nsec") }
        return result
    }

    /// A one-line description such as `libgit2 1.5.1: threads, https, ssh`.
    public static var versionDescription: String {
        let v = version
        let list = features
        let base = "libgit2 \(v.major).\(v.minor).\(v.revision)"
        return list.isEmpty ? base : base + ": " + list.joined(separator: ", ")
    }
}
