import Foundation
import ISCKit

/// Draws transfer progress on one stderr line (only used when stderr is a terminal).
final class ProgressLine: @unchecked Sendable {
    private let lock = NSLock()
    private var lastPercent = -1
    private var lastDirection: TransferProgress.Direction?

    func report(_ progress: TransferProgress) {
        lock.lock()
        defer { lock.unlock() }
        guard progress.totalObjects > 0 else { return }
        let percent = min(100, progress.completedObjects * 100 / progress.totalObjects)
        guard percent != lastPercent || progress.direction != lastDirection else { return }
        lastPercent = percent
        lastDirection = progress.direction
        let verb = progress.direction == .push ? "Writing objects" : "Receiving objects"
        let kib = Double(progress.bytes) / 1024
        let line = String(format: "\r%@: %3d%% (%d/%d), %.1f KiB", verb, percent, progress.completedObjects, progress.totalObjects, kib)
        FileHandle.standardError.write(Data(line.utf8))
        if progress.completedObjects >= progress.totalObjects {
            FileHandle.standardError.write(Data("\n".utf8))
        }
    }
}
