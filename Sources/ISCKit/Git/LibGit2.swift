import CLibGit2

/// Process-wide facts about the linked libgit2 and its one-time initialisation.
///
/// Every public entry point of the Git layer calls ``initialize()`` first, so callers never need
/// to; it is public for code that talks to libgit2 directly.
public enum LibGit2 {
    /// The result of the one `git_libgit2_init` call of this process. Swift initialises a `static let`
    /// exactly once, thread-safely, on first use. libgit2 is never shut down: the process owns it
    /// until exit.
    private static let initResult: Int32 = git_libgit2_init()

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
