import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The time limits of one remote operation (one fetch, push or list, its connect included):
/// ``RemoteOptions/timeout`` counted from the operation's start, and
/// ``RemoteOptions/idleTimeout`` for every wait of a connection. Pure: the clock is an argument.
struct OperationDeadline: Sendable {
    /// What the operation is, for messages: `fetch`, `push`, `list`.
    let operation: String
    /// The URL, without secrets.
    let displayURL: String
    let timeout: Duration?
    let idleTimeout: Duration?
    let started: ContinuousClock.Instant

    init(
        operation: String, displayURL: String, timeout: Duration?, idleTimeout: Duration?,
        started: ContinuousClock.Instant = .now
    ) {
        self.operation = operation
        self.displayURL = displayURL
        self.timeout = timeout
        self.idleTimeout = idleTimeout
        self.started = started
    }

    /// When the operation must end (nil: no limit).
    var end: ContinuousClock.Instant? { timeout.map { started + $0 } }

    /// Whether the deadline has passed at `now`.
    func isPast(at now: ContinuousClock.Instant = .now) -> Bool {
        guard let end else { return false }
        return now > end
    }

    /// The limits of a connection opened at `now`: the idle timeout and the time left, in
    /// milliseconds (idle 0: none; remaining -1: no deadline, else at least 1).
    func streamLimits(at now: ContinuousClock.Instant = .now) -> (idle: Int32, remaining: Int64) {
        let idle = idleTimeout.map { max(1, DurationText.milliseconds($0)) } ?? 0
        guard let end else { return (idle, -1) }
        return (idle, Int64(max(1, DurationText.milliseconds(end - now))))
    }

    /// The error when the deadline passed.
    func timeoutError() -> GitError {
        let limit = timeout.map(DurationText.format) ?? "?"
        return GitError(kind: .timedOut, message: "\(operation) \(displayURL) timed out after \(limit) (the timeout of one operation)")
    }

    /// The error when a connection to `origin` was idle for the idle timeout.
    func idleError(origin: String) -> GitError {
        let limit = idleTimeout.map(DurationText.format) ?? "?"
        return GitError(kind: .timedOut, message: "\(operation) \(displayURL): \(origin) sent or accepted nothing for \(limit) (idle timeout)")
    }
}

/// Transfer progress of one operation: what libgit2 reports through its progress callbacks,
/// passed on to ``RemoteOptions/progress``, with the largest push counts kept for the result and
/// the server's side-band text kept (bounded) for refusal messages. Pure.
struct TransferMonitor {
    /// The caller's progress handler.
    let report: (@Sendable (TransferProgress) -> Void)?
    /// The largest object and byte counts a push reported sending.
    private(set) var sent = (objects: 0, bytes: 0)
    /// What the server printed on the side band ("remote: ..."), at most ``messageLimit`` bytes.
    private(set) var remoteMessages = ""
    static let messageLimit = 8192

    init(report: (@Sendable (TransferProgress) -> Void)?) {
        self.report = report
    }

    /// Objects received and indexed (fetch).
    func received(total: Int, received: Int, indexed: Int, bytes: Int) {
        report?(TransferProgress(direction: .fetch, totalObjects: total, completedObjects: received, indexedObjects: indexed, bytes: bytes))
    }

    /// Objects packed (compressed) for a push: a phase of its own, before the sending.
    func packed(current: Int, total: Int) {
        report?(TransferProgress(direction: .packing, totalObjects: total, completedObjects: current, indexedObjects: 0, bytes: 0))
    }

    /// Objects and bytes sent by a push.
    mutating func sending(current: Int, total: Int, bytes: Int) {
        sent = (max(sent.objects, current), max(sent.bytes, bytes))
        report?(TransferProgress(direction: .push, totalObjects: total, completedObjects: current, indexedObjects: 0, bytes: bytes))
    }

    /// Text the server sent on the side band.
    mutating func sideband(_ text: String) {
        guard remoteMessages.utf8.count < Self.messageLimit else { return }
        remoteMessages += text
    }
}

/// Ends an operation's connections at its deadline from another thread, for the waits our stream
/// does not make: libssh2 reads and writes the ssh socket itself, and libgit2 1.5 has no timeout
/// for it, so a server that stops answering after the connect would hold the operation for ever.
/// At the deadline every socket the operation has open is shut down (`shutdown(2)`: the fd stays
/// valid, every wait on it returns), the operation fails, and the session reports the timeout.
///
/// A socket is registered by the stream when connected and unregistered before it is closed,
/// both under the lock the deadline takes: a shut-down descriptor can never be one the process
/// reused for something else.
final class ConnectionCanceller: @unchecked Sendable {
    private let lock = NSLock()
    private var sockets: Set<Int32> = []
    private var cancelled = false
    private var finished = false
    private var timer: DispatchWorkItem?

    /// Whether the deadline fired while the operation ran.
    var hasCancelled: Bool {
        lock.lock()
        defer { lock.unlock() }
        return cancelled
    }

    /// Arms the canceller for `deadline` (nothing without one). Call ``finish()`` when the
    /// operation ends.
    func arm(_ deadline: OperationDeadline) {
        guard let timeout = deadline.timeout else { return }
        let remaining = deadline.started + timeout - .now
        let nanoseconds = max(0, DurationText.wholeNanoseconds(remaining))
        let item = DispatchWorkItem { [weak self] in self?.cancel() }
        lock.lock()
        timer = item
        lock.unlock()
        DispatchQueue.global().asyncAfter(deadline: .now() + .nanoseconds(Int(min(nanoseconds, Int64(Int.max)))), execute: item)
    }

    /// Shuts every registered socket down, and every socket registered later (an operation
    /// past its deadline gets no new connection either).
    func cancel() {
        lock.lock()
        defer { lock.unlock() }
        guard !finished, !cancelled else { return }
        cancelled = true
        for socket in sockets { _ = shutdown(socket, Int32(SHUT_RDWR)) }
    }

    /// The operation ended: the deadline does nothing any more.
    func finish() {
        lock.lock()
        defer { lock.unlock() }
        finished = true
        sockets.removeAll()
        timer?.cancel()
        timer = nil
    }

    /// A connected socket of the operation; shut down at once when the deadline already fired.
    func register(_ socket: Int32) {
        lock.lock()
        defer { lock.unlock() }
        if finished { return }
        sockets.insert(socket)
        if cancelled { _ = shutdown(socket, Int32(SHUT_RDWR)) }
    }

    /// Unregisters `socket` and runs `close` (which closes it) under the lock.
    func unregister(_ socket: Int32, close: () -> Void) {
        lock.lock()
        defer { lock.unlock() }
        sockets.remove(socket)
        close()
    }
}
