import Foundation

/// A set of file changes: repository-relative path → new contents, or `nil` to delete the file.
public typealias FileChanges = [String: Data?]

/// One entry of a directory in a ``FileTree``.
public struct FileTreeEntry: Sendable, Hashable {
    /// The entry's name inside its directory.
    public var name: String
    /// True for a directory (a Git subtree).
    public var isDirectory: Bool

    /// An entry.
    public init(name: String, isDirectory: Bool) {
        self.name = name
        self.isDirectory = isDirectory
    }
}

/// A file read with a size limit (``FileTree/file(_:limit:)``).
public enum BoundedFile: Sendable, Hashable {
    /// The file's contents: it holds at most the limit.
    case contents(Data)
    /// The file is larger than the limit: only its size in bytes.
    case tooLarge(size: Int)
}

/// Read access to the files of one version of the repository: what the pure operations compute
/// their changes from. ISCKit's `TreeSnapshot` reads a Git commit; ``InMemoryTree`` is a plain dictionary
/// (tests, dry runs of a computed result).
public protocol FileTree {
    /// The contents of the file at a repository-relative `path`, or `nil` when there is none.
    func file(_ path: String) throws -> Data?
    /// The entries of the directory at `path` (`""` for the root), sorted by name; empty when it
    /// does not exist.
    func list(_ path: String) throws -> [FileTreeEntry]
    /// The contents of the file at `path` when it holds at most `limit` bytes, only its size
    /// when it is larger (a Git tree tells it without reading the file), `nil` when there is none.
    func file(_ path: String, limit: Int) throws -> BoundedFile?
    /// The entry at `path` whatever it is (a file, a directory, a symbolic link, a submodule),
    /// nil when there is none.
    func entry(_ path: String) throws -> FileTreeEntry?
}

extension FileTree {
    /// Reads the whole file, then compares its size with `limit`.
    public func file(_ path: String, limit: Int) throws -> BoundedFile? {
        guard let data = try file(path) else { return nil }
        return data.count > limit ? .tooLarge(size: data.count) : .contents(data)
    }

    /// Looks `path` up in the listing of its parent directory.
    public func entry(_ path: String) throws -> FileTreeEntry? {
        let components = path.split(separator: "/", omittingEmptySubsequences: true)
        guard let name = components.last else { return nil }
        return try list(components.dropLast().joined(separator: "/")).first { $0.name == name }
    }

    /// Every file below the directory `path`, recursively, as repository-relative paths, sorted.
    public func allFiles(under path: String) throws -> [String] {
        var result: [String] = []
        for entry in try list(path) {
            let child = path.isEmpty ? entry.name : path + "/" + entry.name
            if entry.isDirectory {
                result += try allFiles(under: child)
            } else {
                result.append(child)
            }
        }
        return result.sorted()
    }
}

/// A file tree held in memory: repository-relative path → contents.
public struct InMemoryTree: FileTree, Sendable, Hashable {
    /// The files.
    public var files: [String: Data]

    /// A tree with `files`.
    public init(_ files: [String: Data] = [:]) {
        self.files = files
    }

    /// The contents of the file at `path`, or `nil`.
    public func file(_ path: String) throws -> Data? { files[path] }

    /// The entries directly below `path`, sorted by name; a name with files below it is a directory.
    public func list(_ path: String) throws -> [FileTreeEntry] {
        let prefix = path.isEmpty ? "" : path + "/"
        var entries: [String: Bool] = [:]
        for key in files.keys where key.hasPrefix(prefix) {
            let rest = key.dropFirst(prefix.count)
            if let slash = rest.firstIndex(of: "/") {
                entries[String(rest[..<slash])] = true
            } else {
                entries[String(rest), default: false] = entries[String(rest)] ?? false
            }
        }
        return entries.map { FileTreeEntry(name: $0.key, isDirectory: $0.value) }.sorted { $0.name < $1.name }
    }

    /// The tree after `changes` (a `nil` value deletes the file).
    public func applying(_ changes: FileChanges) -> InMemoryTree {
        var copy = self
        for (path, data) in changes {
            copy.files[path] = data
        }
        return copy
    }
}
