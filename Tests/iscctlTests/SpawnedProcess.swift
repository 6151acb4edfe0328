import Foundation
import ISCTestSupport

#if canImport(Glibc)
    import Glibc
#endif

/// A child process started with `posix_spawn` and reaped only by ``wait()``, so that signalling
/// it can never hit another process that reused its pid (an unreaped child keeps its pid).
/// Every signal starts at its default disposition and unblocked in the child (a test runner may
/// have been started with SIGINT or SIGHUP ignored, which a plain `Process` passes on). Output
/// goes to files, readable while it runs.
final class SpawnedProcess {
    /// How the process ended.
    enum Ending: Equatable, CustomStringConvertible {
        case exited(Int32)
        case signaled(Int32)

        var description: String {
            switch self {
            case .exited(let status): return "exit \(status)"
            case .signaled(let signal): return "killed by signal \(signal)"
            }
        }
    }

    let pid: pid_t
    private let directory: URL
    private var ending: Ending?

    init(_ executable: URL, _ arguments: [String], environment extra: [String: String?]) throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("isc-spawn-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        var environment = ProcessInfo.processInfo.environment
        for (key, value) in extra { environment[key] = value }
        let argv = [executable.path] + arguments
        let envp = environment.map { "\($0.key)=\($0.value)" }

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, directory.appendingPathComponent("out").path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, directory.appendingPathComponent("err").path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var defaults = sigset_t()
        sigfillset(&defaults)
        var empty = sigset_t()
        sigemptyset(&empty)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setsigmask(&attributes, &empty)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))
        var child: pid_t = 0
        let cArgs = argv.map { strdup($0) } + [nil]
        let cEnv = envp.map { strdup($0) } + [nil]
        defer { (cArgs + cEnv).forEach { free($0) } }
        let result = posix_spawn(&child, executable.path, &actions, &attributes, cArgs, cEnv)
        guard result == 0 else { throw TestServersError.command("posix_spawn \(executable.path): \(String(cString: strerror(result)))") }
        pid = child
    }

    deinit {
        if ending == nil {
            kill(pid, SIGKILL)
            _ = wait()
        }
        try? FileManager.default.removeItem(at: directory)
    }

    /// Sends `signal` unless the process was already reaped (then it is gone: nothing is sent).
    /// Returns whether it was sent.
    @discardableResult
    func send(_ signal: Int32) -> Bool {
        guard ending == nil else { return false }
        return kill(pid, signal) == 0
    }

    /// Whether the process has ended (reaps it if so; ``wait()`` then returns at once).
    var hasEnded: Bool {
        if ending != nil { return true }
        var status: Int32 = 0
        if waitpid(pid, &status, WNOHANG) == pid {
            ending = Self.decode(status)
            return true
        }
        return false
    }

    /// Waits for the end.
    @discardableResult
    func wait() -> Ending {
        if let ending { return ending }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        let decoded = Self.decode(status)
        ending = decoded
        return decoded
    }

    var stdout: String { (try? String(contentsOf: directory.appendingPathComponent("out"), encoding: .utf8)) ?? "" }
    var stderr: String { (try? String(contentsOf: directory.appendingPathComponent("err"), encoding: .utf8)) ?? "" }

    private static func decode(_ status: Int32) -> Ending {
        status & 0x7f == 0 ? .exited((status >> 8) & 0xff) : .signaled(status & 0x7f)
    }
}

/// CPU seconds (user + system) used so far by this process's reaped children: the figure a
/// loaded machine does not distort the way it distorts wall-clock time.
func childrenCPUSeconds() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_CHILDREN.rawValue, &usage)
    return Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
}
