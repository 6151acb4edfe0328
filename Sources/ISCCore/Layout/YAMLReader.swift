import Foundation
import Yams

/// Reads a YAML document that iscctl wrote (or a person edited) into typed values, turning every
/// problem into one `conflict` error `<source>: <key path>: <problem>`.
struct YAMLReader {
    /// The repository-relative path of the file, first in every message.
    let source: String
    /// The error code, e.g. `invalid-registry`.
    let code: String

    /// An error about the value at `keyPath` (empty for the whole document).
    func failure(_ keyPath: String, _ problem: String) -> OperationError {
        .conflict(code, keyPath.isEmpty ? "\(source): \(problem)" : "\(source): \(keyPath): \(problem)")
    }

    /// The single document of `text`, which must be a mapping. A text nested too deeply, or with
    /// YAML anchors or aliases, is refused (``YAMLGuard``): iscctl writes neither.
    func document(_ text: String) throws(OperationError) -> MappingReader {
        if let refusal = YAMLGuard.preflight(text) { throw failure("", refusal.message) }
        let node: Node?
        do {
            // Plain scalars are taken as written (no tag resolution needed): the basic resolver
            // skips the per-scalar regular expressions of the default one. The explicit encoding
            // spares a read of the whole process environment per document.
            let parser = try Parser(yaml: text, resolver: .basic, constructor: .default, encoding: .utf8)
            node = try parser.singleRoot()
            if let node, YAMLGuard.mayHoldAnchors(text), let line = YAMLGuard.firstAnchor(in: node, parser: parser) {
                throw failure("", YAMLGuard.Refusal.anchor(line: line).message)
            }
        } catch let error as OperationError {
            throw error
        } catch let error as YamlError {
            throw failure("", "not valid YAML (\(Self.summary(of: error)))")
        } catch {
            throw failure("", "not valid YAML")
        }
        guard let node else { throw failure("", "is empty") }
        guard let mapping = node.mapping else { throw failure("", "must be a YAML mapping") }
        return MappingReader(mapping: mapping, path: "", reader: self)
    }

    /// The document of `data`, which must be UTF-8.
    func document(_ data: Data) throws(OperationError) -> MappingReader {
        guard let text = String(data: data, encoding: .utf8) else { throw failure("", "is not UTF-8 text") }
        return try document(text)
    }

    /// A one-line summary of a Yams error: the problem and where, without the document text.
    static func summary(of error: YamlError) -> String {
        func at(_ mark: Mark) -> String { "line \(mark.line), column \(mark.column)" }
        switch error {
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _), .composer(_, let problem, let mark, _):
            return "\(Display.safe(problem)) at \(at(mark))"
        case .duplicatedKeysInMapping(let duplicates, let context):
            return "duplicate key \(duplicates.map { "'\(Display.safe($0))'" }.joined(separator: ", ")) at \(at(context.mark))"
        case .reader(let problem, _, _, _):
            return Display.safe(problem)
        default:
            return "cannot read it"
        }
    }

    /// Joins a key path and a key: `a.b` + `c` → `a.b.c`.
    static func join(_ path: String, _ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }
}

/// One mapping of a document, with the key path that leads to it.
struct MappingReader {
    let mapping: Node.Mapping
    let path: String
    let reader: YAMLReader

    /// The key path of `key` in this mapping.
    func keyPath(_ key: String) -> String { YAMLReader.join(path, key) }

    /// The value of `key`, or `nil` when the key is absent.
    func optionalNode(_ key: String) -> Node? {
        for (name, value) in mapping where name.scalar?.string == key { return value }
        return nil
    }

    /// The value of `key`; a missing key is an error.
    func node(_ key: String) throws(OperationError) -> Node {
        guard let value = optionalNode(key) else { throw reader.failure(keyPath(key), "missing") }
        return value
    }

    /// The string at `key`: any scalar but null, taken as written (`"80"`, `80` and `'80'` are
    /// all the string `80`).
    func string(_ key: String) throws(OperationError) -> String {
        try Self.string(node(key), keyPath: keyPath(key), reader: reader)
    }

    /// The string at `key`, or `nil` when the key is absent or null.
    func optionalString(_ key: String) throws(OperationError) -> String? {
        guard let value = optionalNode(key), !Self.isNull(value) else { return nil }
        return try Self.string(value, keyPath: keyPath(key), reader: reader)
    }

    /// The integer at `key`: decimal digits, plain or quoted.
    func int(_ key: String) throws(OperationError) -> Int {
        let text = try string(key)
        guard !text.isEmpty, text.count <= 9, text.unicodeScalars.allSatisfy({ ("0"..."9").contains($0) }), let value = Int(text) else {
            throw reader.failure(keyPath(key), "must be a decimal integer, got '\(Display.safe(text))'")
        }
        return value
    }

    /// The mapping at `key`.
    func mapping(_ key: String) throws(OperationError) -> MappingReader {
        guard let value = try node(key).mapping else { throw reader.failure(keyPath(key), "must be a mapping") }
        return MappingReader(mapping: value, path: keyPath(key), reader: reader)
    }

    /// The items of the sequence at `key`.
    func sequence(_ key: String) throws(OperationError) -> [Node] {
        guard let value = try node(key).sequence else { throw reader.failure(keyPath(key), "must be a list") }
        return Array(value)
    }

    /// Refuses keys that are not in `allowed` (and keys that are not strings).
    func rejectUnknownKeys(_ allowed: [String]) throws(OperationError) {
        for (name, _) in mapping {
            guard let key = name.scalar?.string else { throw reader.failure(path, "keys must be strings") }
            guard allowed.contains(key) else {
                throw reader.failure(keyPath(Display.safe(key, limit: 40)), "unknown key (allowed here: \(allowed.joined(separator: ", ")))")
            }
        }
    }

    /// True for a plain `null`, `~` or empty scalar.
    static func isNull(_ node: Node) -> Bool {
        guard let scalar = node.scalar, scalar.style == .plain || scalar.style == .any else { return false }
        return ["", "~", "null", "Null", "NULL"].contains(scalar.string)
    }

    /// A string from a scalar node; null, lists and mappings are errors.
    static func string(_ node: Node, keyPath: String, reader: YAMLReader) throws(OperationError) -> String {
        guard let scalar = node.scalar else {
            throw reader.failure(keyPath, "must be a string, not a \(node.sequence != nil ? "list" : "mapping")")
        }
        guard !isNull(node) else { throw reader.failure(keyPath, "has no value (write \"\" for an empty string)") }
        return scalar.string
    }
}
