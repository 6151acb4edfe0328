import Foundation

/// Where a ``Transaction`` keeps the local copy of the repository it fetches into.
public enum CacheMode: Sendable, Equatable {
    /// One bare mirror per clone URL under this directory, kept between runs, so that each run
    /// fetches only what is new. Concurrent processes share a mirror safely (an exclusive
    /// `flock(2)` on a lock file beside it, held for the whole transaction); a damaged mirror
    /// is removed and rebuilt with a notice. No credentials and no work tree are ever stored.
    /// See ``MirrorCache`` for the layout.
    case directory(URL)
    /// A private temporary mirror, removed when the transaction ends: every run fetches the
    /// branch's whole history (libgit2 1.5 has no shallow fetch).
    case temporary

    /// The default cache directory: `$XDG_CACHE_HOME/iscctl` when `XDG_CACHE_HOME` is an absolute
    /// path, else `$HOME/.cache/iscctl` (the home directory of the user when `HOME` is unset).
    public static func defaultDirectory(environment: [String: String] = ProcessInfo.processInfo.environment) -> URL {
        if let xdg = environment["XDG_CACHE_HOME"], xdg.hasPrefix("/") {
            return URL(fileURLWithPath: xdg).appendingPathComponent("iscctl")
        }
        let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
        return URL(fileURLWithPath: home).appendingPathComponent(".cache/iscctl")
    }
}
