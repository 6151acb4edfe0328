import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Scratch folders for temporary mirrors (``CacheMode/temporary``, or a cache directory that
/// cannot be used), made so that nothing a killed process leaves behind can pile up.
///
/// A scratch folder is `<parent>/iscctl-<pid>-<start>-<random>/` (mode 0700; `<start>` is the
/// process's start time, so that a reused pid never names the same folder), and it holds a lock
/// file `.lock` on which its process keeps an exclusive `flock(2)` for the folder's whole life.
/// The kernel drops that lock when the process ends, however it ends (`kill -9`, a crash, a
/// power-off of the container), so "the lock can be taken" means exactly "no process uses this
/// folder any more": ``sweep(in:)`` removes such folders, and nothing else. No pid is ever
/// compared for scratch folders of this format.
///
/// The lock file is made under a private name, locked, and only then linked to `.lock`, so a
/// `.lock` that exists is always held by its maker from the first moment. A folder without
/// `.lock` (its process died between `mkdir` and `link`, or a sweep that was removing it was
/// itself killed) is claimed by a sweeper the same way: it links a locked file of its own to
/// `.lock`; if that succeeds, it owns the folder and removes it; the maker's own `link` then fails
/// and it starts over with another folder.
///
/// Folders of earlier iscctl versions (`iscctl-<pid>-<8 characters>`, no lock file) are removed
/// when no process with that pid exists (a reused pid only keeps such a folder longer).
public enum ScratchSpace {
    /// The prefix of every scratch folder's name.
    static let prefix = "iscctl-"
    /// The lock file inside a scratch folder.
    static let lockName = ".lock"

    /// Removes the scratch folders in `parent` whose process is gone (see ``ScratchSpace``) and
    /// returns how many were removed. Cheap: one listing of `parent`, and per `iscctl-*`
    /// folder one `open` and one non-blocking `flock`. Never throws; what cannot be removed
    /// stays for a later sweep.
    @discardableResult
    public static func sweep(in parent: URL) -> Int {
        let manager = FileManager.default
        guard let names = try? manager.contentsOfDirectory(atPath: parent.path) else { return 0 }
        var removed = 0
        for name in names where name.hasPrefix(prefix) {
            let folder = parent.appendingPathComponent(name)
            if isLive(folder: folder, name: name) { continue }
            removed += 1
        }
        return removed
    }

    /// Removes the scratch folders this process holds (for a signal handler or a watchdog that
    /// is about to end the process; the transaction using one fails or never returns). Safe to
    /// call from any thread, not from a signal handler (it allocates).
    public static func removeFoldersOfThisProcess() {
        for folder in Registry.shared.takeAll() {
            try? FileManager.default.removeItem(at: folder)
        }
    }

    /// Decides one `iscctl-*` entry of a sweep, removing it when its process is gone. Returns
    /// true when the entry is kept (its process lives, or it is not a scratch folder).
    private static func isLive(folder: URL, name: String) -> Bool {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            return true
        }
        let parts = name.dropFirst(prefix.count).split(separator: "-", omittingEmptySubsequences: false)
        if parts.count == 2 {
            // An earlier version's folder: no lock file, judged by its pid.
            guard let pid = pid_t(parts[0]), pid > 0, parts[1].count == 8 else { return true }
            if pid == getpid() || kill(pid, 0) == 0 || errno != ESRCH { return true }
            try? FileManager.default.removeItem(at: folder)
            return false
        }
        guard parts.count == 3, pid_t(parts[0]) != nil else { return true }
        guard let lock = claim(folder) else { return true }
        try? FileManager.default.removeItem(at: folder)
        close(lock)
        return false
    }

    /// Takes the lock of a scratch folder whose process is gone, or claims a folder that has no
    /// lock file yet. Returns the descriptor holding the lock, or `nil` when the folder is in use
    /// (or vanished).
    private static func claim(_ folder: URL) -> Int32? {
        let lockPath = folder.appendingPathComponent(lockName).path
        var fd = open(lockPath, O_RDWR | O_CLOEXEC)
        if fd < 0 {
            guard errno == ENOENT else { return nil }
            if let claimed = lockedFile(in: folder, linkedTo: lockPath) { return claimed }
            // Its maker linked its lock first (or the folder is gone): judge that lock.
            fd = open(lockPath, O_RDWR | O_CLOEXEC)
            guard fd >= 0 else { return nil }
        }
        if flock(fd, LOCK_EX | LOCK_NB) == 0 { return fd }
        close(fd)
        return nil
    }

    /// Makes a private file in `folder`, locks it, and links it to `lockPath`. Returns the locked
    /// descriptor when the link was made (the caller now owns `lockPath`), `nil` when
    /// `lockPath` already exists or the folder cannot be written. The private name is removed
    /// either way.
    static func lockedFile(in folder: URL, linkedTo lockPath: String) -> Int32? {
        let privatePath = folder.appendingPathComponent(".lock-\(getpid())-\(UInt32.random(in: 0...UInt32.max))").path
        let fd = open(privatePath, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard fd >= 0 else { return nil }
        defer { unlink(privatePath) }
        guard flock(fd, LOCK_EX | LOCK_NB) == 0, link(privatePath, lockPath) == 0 else {
            close(fd)
            return nil
        }
        return fd
    }

    /// A token for this process's start: its start time in clock ticks after boot on Linux
    /// (`/proc/self/stat`, field 22), else the time this was first read, in milliseconds.
    static let startToken: String = {
        if let stat = try? String(contentsOfFile: "/proc/self/stat", encoding: .utf8),
            let close = stat.lastIndex(of: ")")
        {
            // Fields after the command name (which may hold spaces) start at field 3.
            let fields = stat[stat.index(after: close)...].split(separator: " ")
            if fields.count > 19, let ticks = UInt64(fields[19]) { return String(ticks, radix: 36) }
        }
        return String(UInt64(Date().timeIntervalSince1970 * 1000), radix: 36)
    }()

    /// The folders this process holds, for ``removeFoldersOfThisProcess()``.
    final class Registry: @unchecked Sendable {
        static let shared = Registry()
        private let lock = NSLock()
        private var folders: Set<URL> = []

        func add(_ folder: URL) { lock.lock(); folders.insert(folder); lock.unlock() }
        func remove(_ folder: URL) { lock.lock(); folders.remove(folder); lock.unlock() }
        func takeAll() -> [URL] {
            lock.lock()
            defer { lock.unlock() }
            let all = Array(folders)
            folders.removeAll()
            return all
        }
    }
}

/// One scratch folder, held (locked) from creation until ``release()`` (or deinit) removes it.
final class ScratchFolder {
    /// The folder.
    let url: URL
    private var descriptor: Int32

    /// Sweeps `parent` (``ScratchSpace/sweep(in:)``), then makes a new scratch folder in it
    /// (creating `parent` if needed) and takes its lock.
    ///
    /// - Throws: ``OperationError`` `scratch-unavailable` (exit 1) when `parent` cannot be made
    ///   or written.
    init(in parent: URL) throws {
        let manager = FileManager.default
        do {
            try manager.createDirectory(at: parent, withIntermediateDirectories: true)
        } catch {
            throw Self.unavailable("cannot create \(parent.path): \(error.localizedDescription)")
        }
        ScratchSpace.sweep(in: parent)
        var attempts = 0
        while true {
            attempts += 1
            let name = ScratchSpace.prefix + "\(getpid())-\(ScratchSpace.startToken)-\(String(UInt32.random(in: 0...UInt32.max), radix: 36))"
            let folder = parent.appendingPathComponent(name)
            // Registered before it exists, so that a signal arriving between the mkdir and the
            // lock (or right after the mkdir) still removes it.
            ScratchSpace.Registry.shared.add(folder)
            guard mkdir(folder.path, 0o700) == 0 else {
                let failure = errno
                ScratchSpace.Registry.shared.remove(folder)
                if failure == EEXIST, attempts < 16 { continue }
                throw Self.unavailable("cannot create a scratch folder in \(parent.path): \(String(cString: strerror(failure)))")
            }
            if let fd = ScratchSpace.lockedFile(in: folder, linkedTo: folder.appendingPathComponent(ScratchSpace.lockName).path) {
                url = folder
                descriptor = fd
                return
            }
            // Claimed by a sweeper of another process in the moment before the lock existed (or
            // not writable): that sweeper removes it; try another name.
            ScratchSpace.Registry.shared.remove(folder)
            guard attempts < 16 else {
                throw Self.unavailable("cannot lock a scratch folder in \(parent.path)")
            }
        }
    }

    /// Removes the folder, then drops its lock. Idempotent.
    func release() {
        guard descriptor >= 0 else { return }
        ScratchSpace.Registry.shared.remove(url)
        try? FileManager.default.removeItem(at: url)
        close(descriptor)
        descriptor = -1
    }

    deinit { release() }

    private static func unavailable(_ message: String) -> OperationError {
        .gitFailure("scratch-unavailable", message + " (set TMPDIR to a writable folder)")
    }
}
