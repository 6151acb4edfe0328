import Foundation
import ISCKit

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

// There is no whole-command watchdog behind `--timeout` any more: the deadline is per network
// operation, and the Git layer ends an operation at its deadline by itself (progress callbacks,
// the waits of its TCP stream, and shutting the operation's sockets down, which also ends an ssh
// transfer that libssh2 is waiting on). A process-wide timer would kill a command with retries
// while no single operation ran long. What remains here ends the process on a signal.

/// Who ends the process, and how, when the command's thread is not the one deciding (a signal).
///
/// Exactly one thread ends the process: the first to claim it. The command's own exits
/// (``exit(_:)``) claim too, so a command that finishes while a signal is being handled waits
/// for that handling instead of racing it. A thread ending the process from outside first
/// *parks* the command's thread (it is sent SIGUSR2, whose handler only reports and then waits
/// in `pause()` — async-signal-safe), so that nothing recreates a file in a scratch folder while
/// it is removed; then it removes this process's scratch folders, reports, and exits with
/// `_exit` (no `atexit` handlers or destructors run under a parked thread's feet). If parking or
/// cleaning hangs (the parked thread held a lock the cleanup needs — malloc's, the Swift runtime's,
/// stderr's), `alarm(5)` ends the process anyway the same way: its SIGALRM handler writes the
/// report rendered beforehand (with `write(2)`, async-signal-safe) unless it was already written,
/// and `_exit`s with the same status; the next run sweeps what is left (``ScratchSpace/sweep(in:)``). Whatever the
/// command was writing into the cache stays as a `kill -9` would leave it: the cache is built for
/// that (leftovers removed and damage rebuilt by the next run under the cache lock).
enum Termination {
    private static let lock = NSLock()
    nonisolated(unsafe) private static var claimed = false
    /// The command's thread (the main thread), set by ``Interruption/install(json:)``.
    nonisolated(unsafe) static var commandThread: pthread_t?

    /// Claims the end of the process; false when another thread already did.
    private static func claim() -> Bool {
        lock.lock()
        defer { lock.unlock() }
        if claimed { return false }
        claimed = true
        return true
    }

    /// The command's own exit: claims the end (or, when a signal already did,
    /// waits for it to end the process), then `exit(status)`.
    static func exit(_ status: Int32) -> Never {
        claimForExit()
        Foundation.exit(status)
    }

    /// Claims the end for the command's own exit, or waits (forever) for the thread that
    /// claimed it first to end the process.
    static func claimForExit() {
        if !claim() { waitForever() }
    }

    /// Ends the process from a thread other than the command's: parks the command's thread,
    /// removes the scratch folders, reports the error (``ErrorReporter``), exits with `status`.
    /// Returns at once (doing nothing) when the process is already being ended.
    static func end(status: Int32, code: String, message: String, json: Bool) {
        guard claim() else { return }
        let text = ErrorReporter.rendered(code: code, message: message, json: json)
        armFallback(status: status, stderr: text.stderr, stdout: text.stdout ?? "")
        fflush(nil)
        park()
        ScratchSpace.removeFoldersOfThisProcess()
        fflush(nil)
        FileHandle.standardError.write(Data(text.stderr.utf8))
        if let stdout = text.stdout { FileHandle.standardOutput.write(Data(stdout.utf8)) }
        fallbackReported = 1
        _exit(status)
    }

    /// Arms `alarm(5)` with a SIGALRM handler that does what ``end(status:code:message:json:)``
    /// would have finished: writes the report (unless it was written) and `_exit`s with `status`.
    /// Everything the handler touches is prepared here; it only calls `write` and `_exit`.
    private static func armFallback(status: Int32, stderr: String, stdout: String) {
        fallbackStatus = status
        fallbackStderr = strdup(stderr)
        fallbackStdout = strdup(stdout)
        var action = sigaction()
        let handler: @convention(c) (Int32) -> Void = { _ in
            if fallbackReported == 0 {
                if let text = fallbackStderr { _ = write(2, text, strlen(text)) }
                if let text = fallbackStdout { _ = write(1, text, strlen(text)) }
            }
            _exit(fallbackStatus)
        }
        #if canImport(Glibc)
            action.__sigaction_handler.sa_handler = handler
        #else
            action.__sigaction_u.__sa_handler = handler
        #endif
        sigemptyset(&action.sa_mask)
        sigaction(SIGALRM, &action, nil)
        alarm(5)
    }

    private static func waitForever() -> Never {
        while true { pause() }
    }

    /// Parks the command's thread in a SIGUSR2 handler and waits (up to 4 seconds) until it is
    /// there.
    private static func park() {
        guard let thread = commandThread, pthread_equal(thread, pthread_self()) == 0 else { return }
        var fds: [Int32] = [-1, -1]
        guard pipe(&fds) == 0 else { return }
        parkSignalFD = fds[1]
        var action = sigaction()
        #if canImport(Glibc)
            action.__sigaction_handler.sa_handler = { _ in
                var byte: UInt8 = 1
                _ = write(parkSignalFD, &byte, 1)
                while true { pause() }
            }
        #else
            action.__sigaction_u.__sa_handler = { _ in
                var byte: UInt8 = 1
                _ = write(parkSignalFD, &byte, 1)
                while true { pause() }
            }
        #endif
        sigemptyset(&action.sa_mask)
        sigaction(SIGUSR2, &action, nil)
        guard pthread_kill(thread, SIGUSR2) == 0 else { return }
        // Up to 4 s (the fallback alarm comes at 5 s): on a loaded machine the command's thread
        // can take more than a second to be scheduled into its handler, and a cleanup that starts
        // while it still runs could see a folder recreated behind it.
        var poller = pollfd(fd: fds[0], events: Int16(POLLIN), revents: 0)
        _ = poll(&poller, 1, 4_000)
    }
}

/// The pipe the parked thread's signal handler writes to (a plain global: read from the handler
/// only after it was set).
nonisolated(unsafe) private var parkSignalFD: Int32 = -1

/// What the SIGALRM fallback of ``Termination`` writes and exits with (plain globals, set before
/// the alarm is armed; the handler only reads them).
nonisolated(unsafe) private var fallbackStatus: Int32 = 1
nonisolated(unsafe) private var fallbackStderr: UnsafeMutablePointer<CChar>?
nonisolated(unsafe) private var fallbackStdout: UnsafeMutablePointer<CChar>?
/// Set once the report was written, so the fallback does not write it twice.
nonisolated(unsafe) private var fallbackReported: Int32 = 0

/// SIGINT, SIGTERM and SIGHUP: clean up and exit with the conventional status (128 + the signal
/// number: 130, 143, 129), with one `error:` line (and the JSON error object with `--json`).
///
/// The signals are blocked in the main thread before any other thread exists, so every thread
/// the process makes (Dispatch, libgit2) inherits the mask and no signal handler ever runs; one
/// dedicated thread takes them with `sigwait(3)` and ends the process as ordinary code
/// (``Termination/end(status:code:message:json:)``; a signal handler may only do async-signal-safe work,
/// and removing a folder is not). A SIGINT or SIGHUP
/// that was already ignored when iscctl started (a background job of a shell, `nohup`) stays
/// ignored. SIGKILL cannot be caught: what it leaves is swept by the next run (``ScratchSpace``).
enum Interruption {
    /// The signals handled, with the names printed.
    static let signals: [(Int32, String)] = [(SIGINT, "SIGINT"), (SIGTERM, "SIGTERM"), (SIGHUP, "SIGHUP")]

    /// Blocks the handled signals and starts the thread that waits for them. Call first thing in
    /// `main`, before anything starts a thread.
    static func install(json: Bool) {
        var set = sigset_t()
        sigemptyset(&set)
        var handled: [(Int32, String)] = []
        for (number, name) in signals {
            var current = sigaction()
            sigaction(number, nil, &current)
            if number != SIGTERM, isIgnored(current) { continue }
            sigaddset(&set, number)
            handled.append((number, name))
        }
        guard !handled.isEmpty else { return }
        Termination.commandThread = pthread_self()
        pthread_sigmask(SIG_BLOCK, &set, nil)
        let names = handled
        let waited = set
        let thread = Thread {
            var signals = waited
            var received: Int32 = 0
            while sigwait(&signals, &received) != 0 {}
            let name = names.first { $0.0 == received }?.1 ?? "signal \(received)"
            Termination.end(status: 128 + received, code: "interrupted", message: "interrupted by \(name)", json: json)
        }
        thread.name = "iscctl-signals"
        thread.start()
    }

    private static func isIgnored(_ action: sigaction) -> Bool {
        #if canImport(Glibc)
            return unsafeBitCast(action.__sigaction_handler.sa_handler, to: Int.self) == unsafeBitCast(SIG_IGN, to: Int.self)
        #else
            return unsafeBitCast(action.__sigaction_u.__sa_handler, to: Int.self) == unsafeBitCast(SIG_IGN, to: Int.self)
        #endif
    }
}
