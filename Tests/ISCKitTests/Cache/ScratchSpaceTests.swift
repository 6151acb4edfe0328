import Foundation
import ISCTestSupport
import Testing

@testable import ISCCore
@testable import ISCKit

#if canImport(Glibc)
    import Glibc
#endif

/// Scratch folders: a folder in use is never swept, a folder whose process is gone always is.
/// "In use" is a `flock(2)` held on its `.lock`; `flock` locks belong to an open file
/// description, so a lock taken here through another descriptor stands for another process.
/// (`ScratchSpace.removeFoldersOfThisProcess()` is not called here: it would remove the folders
/// of other tests running in this process; the CLI's signal tests cover it.)
@Suite("Scratch folders: locked while used, swept when their process is gone", .serialized)
struct ScratchSpaceTests {
    func parent() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("isc-scratch-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    func entries(_ url: URL) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []).sorted()
    }

    @Test("a live folder is kept by a sweep, removed by release; its name holds the pid and the start token")
    func liveFolder() throws {
        let parent = try parent()
        defer { try? FileManager.default.removeItem(at: parent) }
        let folder = try ScratchFolder(in: parent)
        let name = folder.url.lastPathComponent
        #expect(name.hasPrefix("iscctl-\(getpid())-\(ScratchSpace.startToken)-"))
        #expect(entries(folder.url) == [".lock"])
        let attributes = try FileManager.default.attributesOfItem(atPath: folder.url.path)
        #expect((attributes[.posixPermissions] as? Int) == 0o700)
        try Data("x".utf8).write(to: folder.url.appendingPathComponent("mirror"))
        #expect(ScratchSpace.sweep(in: parent) == 0)
        #expect(entries(parent) == [name])
        folder.release()
        #expect(entries(parent).isEmpty)
        folder.release()
    }

    @Test("folders of processes that are gone: an unlocked .lock, no .lock at all, an earlier version's folder of a dead pid")
    func deadFolders() throws {
        let parent = try parent()
        defer { try? FileManager.default.removeItem(at: parent) }
        let manager = FileManager.default
        // Its process ended: the lock file is there, nobody holds it.
        let unlocked = parent.appendingPathComponent("iscctl-4242-abc-1")
        try manager.createDirectory(at: unlocked.appendingPathComponent("mirror.git/objects"), withIntermediateDirectories: true)
        _ = manager.createFile(atPath: unlocked.appendingPathComponent(".lock").path, contents: nil)
        // Killed between mkdir and link, or while a sweep removed it: no lock file.
        let noLock = parent.appendingPathComponent("iscctl-4243-abc-2")
        try manager.createDirectory(at: noLock.appendingPathComponent("mirror.git"), withIntermediateDirectories: true)
        // An earlier version's folder whose pid does not exist (pid_max is at most 4194304).
        let legacyDead = parent.appendingPathComponent("iscctl-4194305-0a1b2c3d")
        try manager.createDirectory(at: legacyDead.appendingPathComponent("iscctl-x/mirror.git"), withIntermediateDirectories: true)
        // Kept: an earlier version's folder of a live pid (ours), other names, a regular file.
        let legacyLive = parent.appendingPathComponent("iscctl-\(getpid())-0a1b2c3d")
        try manager.createDirectory(at: legacyLive, withIntermediateDirectories: true)
        try manager.createDirectory(at: parent.appendingPathComponent("iscctl-not-ours"), withIntermediateDirectories: true)
        try manager.createDirectory(at: parent.appendingPathComponent("other-1-2-3"), withIntermediateDirectories: true)
        _ = manager.createFile(atPath: parent.appendingPathComponent("iscctl-1-2-3-4").path, contents: nil)

        #expect(ScratchSpace.sweep(in: parent) == 3)
        #expect(entries(parent) == ["iscctl-1-2-3-4", legacyLive.lastPathComponent, "iscctl-not-ours", "other-1-2-3"].sorted())
    }

    @Test("a folder whose lock another descriptor (another process) holds is kept; once released it is swept")
    func heldByOther() throws {
        let parent = try parent()
        defer { try? FileManager.default.removeItem(at: parent) }
        let folder = parent.appendingPathComponent("iscctl-77-tok-held")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let fd = open(folder.appendingPathComponent(".lock").path, O_RDWR | O_CREAT, 0o600)
        #expect(fd >= 0)
        #expect(flock(fd, LOCK_EX) == 0)
        #expect(ScratchSpace.sweep(in: parent) == 0)
        #expect(entries(parent) == ["iscctl-77-tok-held"])
        close(fd)
        #expect(ScratchSpace.sweep(in: parent) == 1)
        #expect(entries(parent).isEmpty)
    }

    @Test("a sweeper that claims a folder before its maker linked the lock wins; the maker cannot link and starts over")
    func claimBeforeLink() throws {
        let parent = try parent()
        defer { try? FileManager.default.removeItem(at: parent) }
        let folder = parent.appendingPathComponent("iscctl-78-tok-race")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let lockPath = folder.appendingPathComponent(".lock").path
        // The sweeper's claim (what sweep does for a folder without .lock) …
        let sweeper = try #require(ScratchSpace.lockedFile(in: folder, linkedTo: lockPath))
        // … makes the maker's own link fail, so it never uses a folder that is being removed.
        #expect(ScratchSpace.lockedFile(in: folder, linkedTo: lockPath) == nil)
        // The other order: the maker linked first, and the sweeper cannot take its lock.
        #expect(ScratchSpace.sweep(in: parent) == 0)
        close(sweeper)
        #expect(ScratchSpace.sweep(in: parent) == 1)
    }

    @Test("a temporary mirror lives in a locked scratch folder and goes with the lease; an unwritable parent is exit 1")
    func temporaryLease() throws {
        let parent = try parent()
        defer { try? FileManager.default.removeItem(at: parent) }
        let lease = try MirrorLease(cloneURL: "https://example.com/a.git", mode: .temporary, scratchDirectory: parent, timeout: nil) { _ in }
        let folder = URL(fileURLWithPath: lease.mirrorPath).deletingLastPathComponent()
        #expect(folder.deletingLastPathComponent().standardizedFileURL.path == parent.standardizedFileURL.path)
        #expect(folder.lastPathComponent.hasPrefix("iscctl-\(getpid())-"))
        #expect(ScratchSpace.sweep(in: parent) == 0)
        lease.release()
        #expect(entries(parent).isEmpty)

        let file = parent.appendingPathComponent("file")
        _ = FileManager.default.createFile(atPath: file.path, contents: nil)
        #expect {
            _ = try MirrorLease(
                cloneURL: "https://example.com/a.git", mode: .temporary, scratchDirectory: file.appendingPathComponent("sub"),
                timeout: nil
            ) { _ in }
        } throws: { error in
            (error as? OperationError)?.code == "scratch-unavailable" && (error as? OperationError)?.category == .gitFailure
        }
    }
}
