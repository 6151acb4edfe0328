internal import CLibGit2
import Foundation

/// The in-memory object store of a repository (libgit2's mempack backend) and the ids written
/// into it since it was last emptied.
final class InMemoryObjects {
    /// The `git_odb_backend *`; owned by the repository's object database once added.
    let backend: UnsafeMutablePointer<git_odb_backend>
    /// Every object id written since the last ``Repository/discardPendingObjects()`` or
    /// ``Repository/writePendingObjects()``, in write order (may hold ids that were already on
    /// disk: libgit2 does not write those again).
    var written: [git_oid] = []

    init(backend: UnsafeMutablePointer<git_odb_backend>) {
        self.backend = backend
    }
}

extension Repository {
    /// From now on, every object this repository writes (blobs, trees, commits) goes to an
    /// in-memory object database backend (libgit2's mempack, added above the default backends)
    /// instead of the disk: reads see it, pushes send it, and nothing reaches `objects/` until
    /// ``writePendingObjects()``. Objects of a lost push race or of a dry run are simply
    /// dropped with ``discardPendingObjects()`` (or when the repository is freed).
    ///
    /// Calling it again is a no-op.
    public func keepNewObjectsInMemory() throws {
        guard memoryStore == nil else { return }
        var backend: UnsafeMutablePointer<git_odb_backend>?
        try check(git_mempack_new(&backend), "create the in-memory object store")
        var odb: OpaquePointer?
        guard (try? check(git_repository_odb(&odb, handle), "open the object database")) != nil else {
            backend?.pointee.free?(backend)
            throw GitError.fromLast(-1, "open the object database of \(path)")
        }
        defer { git_odb_free(odb) }
        // Above the loose (1) and pack (2) backends: every write lands here.
        let rc = git_odb_add_backend(odb, backend, 999)
        if rc < 0 {
            let error = GitError.fromLast(rc, "add the in-memory object store")
            backend?.pointee.free?(backend)
            throw error
        }
        memoryStore = InMemoryObjects(backend: backend!)
    }

    /// How many objects written since ``keepNewObjectsInMemory()`` are held only in memory.
    public var pendingObjectCount: Int {
        guard let store = memoryStore else { return 0 }
        var seen = Set<ObjectID>()
        for var oid in store.written where isc_odb_backend_exists(store.backend, &oid) == 1 {
            seen.insert(ObjectID(oid))
        }
        return seen.count
    }

    /// Writes the objects held in memory into `objects/pack` as one new pack (with its index)
    /// and empties the in-memory store. Returns how many objects the pack holds (0: nothing was
    /// pending, no pack is written).
    @discardableResult
    public func writePendingObjects() throws -> Int {
        guard let store = memoryStore else { return 0 }
        var builder: OpaquePointer?
        try check(git_packbuilder_new(&builder, handle), "create a pack builder")
        defer { git_packbuilder_free(builder) }
        var seen = Set<ObjectID>()
        for var oid in store.written where isc_odb_backend_exists(store.backend, &oid) == 1 {
            guard seen.insert(ObjectID(oid)).inserted else { continue }
            try check(git_packbuilder_insert(builder, &oid, nil), "pack object \(ObjectID(oid))")
        }
        if !seen.isEmpty {
            try check(git_packbuilder_write(builder, objectsDirectory + "/pack", 0, nil, nil), "write a pack into \(path)")
        }
        try discardPendingObjects()
        try refreshObjectDatabase()
        return seen.count
    }

    /// Drops every object held in memory (they were never written to disk).
    public func discardPendingObjects() throws {
        guard let store = memoryStore else { return }
        try check(git_mempack_reset(store.backend), "empty the in-memory object store")
        store.written.removeAll()
    }

    /// Makes the object database look for packs written since it last looked.
    func refreshObjectDatabase() throws {
        var odb: OpaquePointer?
        try check(git_repository_odb(&odb, handle), "open the object database")
        defer { git_odb_free(odb) }
        try check(git_odb_refresh(odb), "refresh the object database")
    }

    /// Whether the object database (disk or memory) holds `id`.
    public func hasObject(_ id: ObjectID) throws -> Bool {
        var odb: OpaquePointer?
        try check(git_repository_odb(&odb, handle), "open the object database")
        defer { git_odb_free(odb) }
        var oid = id.oid
        return git_odb_exists(odb, &oid) == 1
    }

    /// The repository's `objects` directory (no trailing slash).
    var objectsDirectory: String {
        var base = git_repository_path(handle).map { String(cString: $0) } ?? path
        while base.hasSuffix("/") { base.removeLast() }
        return base + "/objects"
    }

    /// Notes an object this repository just wrote (kept only while objects stay in memory).
    func recordWritten(_ oid: git_oid) {
        memoryStore?.written.append(oid)
    }
}
