internal import CLibGit2
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The cache directory's layout and keys.
///
/// ```
/// <cache dir>/                       mode 0700 when iscctl creates it
///   CACHEDIR.TAG                     tells backup tools to skip the directory
///   <slug>-<hash>.git/               one bare mirror per clone URL (no work tree)
///   <slug>-<hash>.lock               its lock file (flock), never removed
/// ```
///
/// The key of a mirror is the clone URL without user name or password: scheme and host
/// lower-cased, then the port and path as given (`https://alice@Host/a/b.git` and
/// `https://host/a/b.git` share a mirror; another scheme, host, port or path does not). `<slug>` is
/// a readable form of the key, `<hash>` the first 12 hex digits of its SHA-1.
public enum MirrorCache {
    /// The credential-free key of `cloneURL`.
    public static func key(forCloneURL cloneURL: String) -> String {
        if let separator = cloneURL.range(of: "://") {
            let scheme = cloneURL[..<separator.lowerBound].lowercased()
            let rest = cloneURL[separator.upperBound...]
            let authorityEnd = rest.firstIndex(of: "/") ?? rest.endIndex
            var authority = rest[..<authorityEnd]
            if let at = authority.lastIndex(of: "@") { authority = authority[authority.index(after: at)...] }
            return scheme + "://" + authority.lowercased() + rest[authorityEnd...]
        }
        // scp-like `[user@]host:path`.
        if !cloneURL.hasPrefix("/"), let colon = cloneURL.firstIndex(of: ":") {
            var host = cloneURL[..<colon]
            if let at = host.lastIndex(of: "@") { host = host[host.index(after: at)...] }
            return "scp://" + host.lowercased() + ":" + cloneURL[cloneURL.index(after: colon)...]
        }
        return "file://" + cloneURL
    }

    /// The name of the mirror of `cloneURL` inside the cache directory, without `.git`:
    /// `<slug>-<hash>`, e.g. `localhost-8443-team-isc.git-1f3a9c0b2d4e`.
    public static func mirrorName(forCloneURL cloneURL: String) -> String {
        let key = key(forCloneURL: cloneURL)
        let hash = SHA1.hash(Array(key.utf8)).prefix(6).map { String(format: "%02x", $0) }.joined()
        var withoutScheme = Substring(key)
        if let separator = key.range(of: "://") { withoutScheme = key[separator.upperBound...] }
        var slug = ""
        for scalar in withoutScheme.lowercased().unicodeScalars {
            let allowed = (scalar >= "a" && scalar <= "z") || (scalar >= "0" && scalar <= "9") || scalar == "." || scalar == "_"
            if allowed {
                slug.unicodeScalars.append(scalar)
            } else if !slug.hasSuffix("-") {
                slug += "-"
            }
        }
        slug = slug.trimmingCharacters(in: CharacterSet(charactersIn: "-."))
        if slug.count > 64 { slug = String(slug.prefix(24)) + "-" + String(slug.suffix(39)) }
        if slug.isEmpty { slug = "repository" }
        return slug + "-" + hash
    }

    /// The contents of `CACHEDIR.TAG` (https://bford.info/cachedir/).
    static let cacheDirectoryTag = """
        Signature: 8a477f597d28d172789f06886806bc55
        # This file is a cache directory tag created by iscctl.
        # Its bare Git mirrors are rebuilt from the remotes when removed.

        """
}

/// An exclusive `flock(2)` on a lock file, released when the object goes away (or, if the
/// process dies, by the kernel: a lock can never be left behind).
final class CacheLock {
    private let descriptor: Int32
    let path: String

    /// Takes the lock on `path` (creating the file), waiting as long as another process holds
    /// it. `onWait` is called once when the wait passes `noticeAfter`.
    ///
    /// - Throws: ``GitError`` (``GitError/Kind/timedOut``) when `timeout` passes first; an
    ///   error when the file cannot be opened.
    init(path: String, timeout: Duration?, noticeAfter: Duration = .seconds(1), onWait: () -> Void) throws {
        self.path = path
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard fd >= 0 else {
            throw CacheUnavailable(reason: "cannot open the lock file \(path): \(String(cString: strerror(errno)))")
        }
        descriptor = fd
        let clock = ContinuousClock()
        let started = clock.now
        var told = false
        var pause: UInt32 = 5_000
        while flock(fd, LOCK_EX | LOCK_NB) != 0 {
            let failure = errno
            guard failure == EWOULDBLOCK || failure == EAGAIN || failure == EINTR else {
                close(fd)
                throw GitError(kind: .other, message: "cannot lock \(path): \(String(cString: strerror(failure)))")
            }
            let waited = clock.now - started
            if let timeout, waited > timeout {
                close(fd)
                throw GitError(kind: .timedOut, message: "timed out waiting for the cache lock \(path)", returnCode: GIT_EUSER.rawValue)
            }
            if !told, waited >= noticeAfter {
                told = true
                onWait()
            }
            usleep(pause)
            pause = min(pause * 2, 50_000)
        }
    }

    deinit {
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }
}

/// The cache directory cannot be used (not creatable, lock file not writable): the transaction
/// goes on with a temporary mirror and says so.
struct CacheUnavailable: Error {
    let reason: String
}

/// A damaged cache mirror: the Git error that showed it. The transaction removes the mirror and
/// runs once more from an empty one.
struct MirrorDamage: Error {
    let underlying: GitError
}

/// One transaction's use of a mirror: the lock held (for a cache directory), the mirror's path,
/// and the repository opened on it.
final class MirrorLease {
    /// The bare mirror's path.
    let mirrorPath: String
    /// True for a mirror in a cache directory (kept, shared, locked); false for a temporary one.
    let isPersistent: Bool
    private var lock: CacheLock?
    private let temporaryRoot: ScratchFolder?
    private let notice: @Sendable (String) -> Void

    /// Takes the mirror of `cloneURL` for one transaction: for ``CacheMode/directory(_:)`` the
    /// cache directory is created if needed and the mirror's lock is taken (waiting for other
    /// processes, with one notice after a second); for ``CacheMode/temporary`` a locked
    /// ``ScratchFolder`` in `scratchDirectory` (after sweeping the folders of dead processes
    /// there) is used and removed by ``release()``.
    init(
        cloneURL: String, mode: CacheMode, scratchDirectory: URL?, timeout: Duration?,
        notice: @escaping @Sendable (String) -> Void
    ) throws {
        self.notice = notice
        switch mode {
        case .temporary:
            let scratch = try ScratchFolder(in: scratchDirectory ?? FileManager.default.temporaryDirectory)
            temporaryRoot = scratch
            mirrorPath = scratch.url.appendingPathComponent("mirror.git").path
            isPersistent = false
            lock = nil
        case .directory(let directory):
            let manager = FileManager.default
            if !manager.fileExists(atPath: directory.path) {
                do {
                    try manager.createDirectory(at: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
                } catch {
                    if !manager.fileExists(atPath: directory.path) {
                        throw CacheUnavailable(reason: "cannot create \(directory.path): \(error.localizedDescription)")
                    }
                }
            }
            let tag = directory.appendingPathComponent("CACHEDIR.TAG")
            if !manager.fileExists(atPath: tag.path) {
                try? Data(MirrorCache.cacheDirectoryTag.utf8).write(to: tag, options: .atomic)
            }
            let name = MirrorCache.mirrorName(forCloneURL: cloneURL)
            mirrorPath = directory.appendingPathComponent(name + ".git").path
            let lockPath = directory.appendingPathComponent(name + ".lock").path
            lock = try CacheLock(path: lockPath, timeout: timeout) {
                notice("waiting for the cache lock \(lockPath): another iscctl is using this mirror")
            }
            isPersistent = true
            temporaryRoot = nil
        }
    }

    /// Releases the lock; removes a temporary mirror.
    func release() {
        lock = nil
        temporaryRoot?.release()
    }

    deinit { release() }

    /// Opens the mirror for a transaction, creating it when it does not exist: removes what a
    /// killed process left behind, consolidates packs, checks that the repository opens and its
    /// HEAD reads, and sends new objects to memory.
    ///
    /// - Throws: ``MirrorDamage`` when the mirror exists but is not usable.
    func open() throws -> Repository {
        let manager = FileManager.default
        var isDirectory: ObjCBool = false
        if !manager.fileExists(atPath: mirrorPath, isDirectory: &isDirectory) {
            let repository = try Repository.createBare(at: mirrorPath)
            try repository.configureAsMirror()
            try repository.keepNewObjectsInMemory()
            return repository
        }
        guard isDirectory.boolValue else {
            throw MirrorDamage(underlying: GitError(kind: .other, message: "\(mirrorPath) is not a directory"))
        }
        do {
            if isPersistent {
                MirrorMaintenance.removeLeftovers(in: mirrorPath)
                // Consolidate with a handle of its own: the transaction's handle never sees a
                // pack file disappear.
                let maintenance = try Repository.openBare(at: mirrorPath)
                try maintenance.checkMirrorHead()
                try MirrorMaintenance.consolidate(maintenance)
            }
            let repository = try Repository.openBare(at: mirrorPath)
            try repository.checkMirrorHead()
            try repository.keepNewObjectsInMemory()
            return repository
        } catch let error as GitError {
            throw MirrorDamage(underlying: error)
        }
    }

    /// Removes the mirror (not its lock file) after damage, so that the next open starts empty.
    func removeMirror(because reason: String) {
        notice("the cache mirror \(mirrorPath) is damaged (\(Self.oneLine(reason))); rebuilding it")
        try? FileManager.default.removeItem(atPath: mirrorPath)
    }

    /// Tells the user something through the transaction's notice callback.
    func tell(_ message: String) {
        notice(Self.oneLine(message))
    }

    static func oneLine(_ text: String) -> String {
        text.split(whereSeparator: \.isNewline).joined(separator: " ")
    }
}

extension Repository {
    /// Settings of a cache mirror: no reflogs (they would grow with every fetch).
    func configureAsMirror() throws {
        var config: OpaquePointer?
        try check(git_repository_config(&config, handle), "open the configuration of \(path)")
        defer { git_config_free(config) }
        try check(git_config_set_bool(config, "core.logAllRefUpdates", 0), "configure \(path)")
    }

    /// Reads HEAD (a mirror's HEAD is symbolic and usually unborn): a repository whose HEAD does
    /// not parse is damaged.
    func checkMirrorHead() throws {
        guard git_repository_is_bare(handle) == 1 else {
            throw GitError(kind: .other, message: "\(path) is not a bare repository")
        }
        var head: OpaquePointer?
        try check(git_reference_lookup(&head, handle, "HEAD"), "read HEAD of \(path)")
        defer { git_reference_free(head) }
        if git_reference_type(head) == GIT_REFERENCE_SYMBOLIC {
            let target = git_reference_symbolic_target(head).map { String(cString: $0) } ?? ""
            var valid: Int32 = 0
            guard target.hasPrefix("refs/"), git_reference_name_is_valid(&valid, target) == 0, valid == 1 else {
                throw GitError(kind: .other, message: "HEAD of \(path) does not name a valid reference")
            }
        }
    }
}
