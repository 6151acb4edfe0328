import Foundation
import ISCKit

/// Draws transfer progress on stderr (only used when stderr is a terminal), one line per phase as
/// git does: `Receiving objects` (fetch), `Compressing objects` (packing for a push), `Writing
/// objects` (push). A line is redrawn in place (`\r`) when its percentage changes and ended with a
/// newline once at 100%; a repeated report draws nothing (libgit2 repeats the final one), and a phase that ends before 100% is ended with a newline when the next one starts.
final class ProgressLine: @unchecked Sendable {
    private let lock = NSLock()
    private let write: @Sendable (String) -> Void
    private var lastPercent = -1
    private var lastDirection: TransferProgress.Direction?
    private var lineOpen = false

    /// Draws on `write` (default: stderr).
    init(write: @escaping @Sendable (String) -> Void = { FileHandle.standardError.write(Data($0.utf8)) }) {
        self.write = write
    }

    func report(_ progress: TransferProgress) {
        lock.lock()
        defer { lock.unlock() }
        guard progress.totalObjects > 0 else { return }
        let percent = min(100, progress.completedObjects * 100 / progress.totalObjects)
        // A new phase, or a new transfer of the same kind after the last one was finished.
        if progress.direction != lastDirection || (!lineOpen && percent < lastPercent) {
            if lineOpen { write("\n") }
            lineOpen = false
            lastDirection = progress.direction
            lastPercent = -1
        } else if percent == lastPercent {
            return
        }
        lastPercent = percent
        let verb =
            switch progress.direction {
            case .fetch: "Receiving objects"
            case .packing: "Compressing objects"
            case .push: "Writing objects"
            }
        var line = String(format: "\r%@: %3d%% (%d/%d)", verb, percent, progress.completedObjects, progress.totalObjects)
        if progress.direction != .packing {
            line += String(format: ", %.1f KiB", Double(progress.bytes) / 1024)
        }
        lineOpen = true
        if progress.completedObjects >= progress.totalObjects {
            line += "\n"
            lineOpen = false
        }
        write(line)
    }
}
