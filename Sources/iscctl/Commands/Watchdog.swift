import Foundation
import ISCKit

/// The hard stop behind `--timeout`. The Git layer ends a fetch or push at the deadline through
/// its progress callbacks and every wait of its TCP stream (http, https, git://); over ssh,
/// libssh2 reads the socket itself, so a server that stops answering there is only ended by this
/// watchdog, which ends the process (exit 1) a moment after the deadline. A push is atomic on the server, so stopping
/// never leaves the remote half written; the scratch folder (and with it a `--no-cache` mirror)
/// is removed before exiting. The cache directory is left alone: the kernel releases the cache
/// lock when the process ends, the next run removes the temporary files an interrupted write
/// left in the mirror, and a mirror that is damaged anyway is rebuilt.
enum Watchdog {
    static func start(seconds: Int, json: Bool, scratch: URL) {
        DispatchQueue.global().asyncAfter(deadline: .now() + .seconds(seconds) + .milliseconds(750)) {
            try? FileManager.default.removeItem(at: scratch)
            ErrorReporter.report(code: "timed-out", message: "timed out after \(seconds)s waiting for the Git server", json: json)
            exit(ErrorCategory.gitFailure.exitCode)
        }
    }
}

/// A private scratch folder for one command's temporary repository, removed when the command ends.
final class ScratchFolder {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("iscctl-\(getpid())-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
    }

    deinit { try? FileManager.default.removeItem(at: url) }
}
