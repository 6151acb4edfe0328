import Foundation
import Yams

/// What `validate` checks in the user's manifests under `<root>/resources/`: what each runtime's
/// Applications would apply (``ApplicationManifest/include(runtime:cluster:)``) parses into
/// Kubernetes objects, no object is defined twice for one runtime, and no manifest lies where no
/// Application applies it.
///
/// - Every `*.yaml` and `*.yml` file in `all-runtimes-all-clusters/`, `control-planes/` and the
///   folder of a registered runtime in `runtimes/` is parsed, each document of a multi-document
///   file on its own: a document must be a mapping with a string `apiVersion`, `kind` and
///   `metadata.name` (a document with an `items` list is a list: each item must be one). Empty
///   documents are skipped, as Argo CD and kubectl skip them.
/// - A `.yml`, `.json` (or upper-case `.YAML`) file there is never applied (the `include` names
///   `*.yaml` only); neither is a manifest directly in `resources/`, in another folder of it, or
///   directly in `resources/runtimes/`. The folder of a runtime that is not registered is left
///   to ``ISCOperations/validate(in:)``, which reports the folder once.
/// - Two objects with the same API group, kind, namespace and name that reach one runtime are a
///   duplicate, reported once per later object, naming the earlier one.
///
/// Everything read is bounded (``Limits``): a large file is not parsed; YAML aliases are never
/// expanded, only counted, so an alias bomb costs neither memory nor time and is reported; a
/// document with aliases next to a complex mapping key is not parsed (`AliasScan`); and the
/// number of files, bytes, documents and reported problems is capped.
/// Each problem is one line starting with the repository-relative path of the file.
public struct ResourceManifests {
    /// The bounds of one check.
    public struct Limits: Sendable, Hashable {
        /// A larger manifest is reported and not parsed.
        public var fileSize: Int
        /// The documents checked per file; the rest are reported as not checked.
        public var documents: Int
        /// The manifest files read in all; then checking stops, with one problem.
        public var files: Int
        /// The bytes read in all; then checking stops, with one problem.
        public var totalSize: Int
        /// A document whose YAML aliases (`*name`) expand it to more values (scalars, lists and
        /// mappings) is reported and not checked further: an alias bomb.
        public var expandedValues: Int
        /// The problems reported; then checking stops, with one more problem.
        public var problems: Int

        /// The limits; the defaults suit any ISC a person maintains.
        public init(
            fileSize: Int = 1 << 20, documents: Int = 1000, files: Int = 5000, totalSize: Int = 64 << 20,
            expandedValues: Int = 1_000_000, problems: Int = 500
        ) {
            self.fileSize = fileSize
            self.documents = documents
            self.files = files
            self.totalSize = totalSize
            self.expandedValues = expandedValues
            self.problems = problems
        }
    }

    /// The paths of the ISC.
    public let layout: ISCLayout
    /// The names of the registered runtimes: `resources/runtimes/<name>/` is applied to each.
    public let runtimes: Set<String>
    /// The bounds.
    public let limits: Limits

    /// A check of the manifests under `layout.resources` for the registered `runtimes`.
    public init(layout: ISCLayout, runtimes: Set<String>, limits: Limits = Limits()) {
        self.layout = layout
        self.runtimes = runtimes
        self.limits = limits
    }

    /// The problems of the manifests in `tree`, one line each, in path order; empty when there
    /// are none. Reads each manifest file once.
    ///
    /// - Throws: what `tree` throws when a file cannot be read (ISCKit's `GitError` for a Git tree).
    public func problems(in tree: some FileTree) throws -> [String] {
        var report = Report(limit: limits.problems, resources: layout.resources)
        var objects = ObjectIndex()
        var files = 0
        var bytes = 0
        for file in try tree.allFiles(under: layout.resources) {
            guard let kind = ManifestKind(file) else { continue }
            // Git allows any byte but `/` in a name: the path is shown on one line.
            let path = Display.safe(file, limit: 500)
            switch placement(of: file) {
            case .ignored:
                continue
            case .misplaced(let reason):
                report.add("\(path): \(reason)")
            case .applied(let reach):
                if kind != .yaml {
                    let what = kind == .json ? " (JSON is YAML)" : ""
                    report.add("\(path): the Applications include only *.yaml files, so Argo CD never applies it: rename it to .yaml\(what)")
                }
                guard kind != .json else { break }
                guard files < limits.files, bytes < limits.totalSize else {
                    let what = files < limits.files ? Self.describe(bytes: limits.totalSize) + " of manifests" : "\(limits.files) manifest files"
                    report.add("\(layout.resources): more than \(what); the rest are not checked")
                    return report.lines
                }
                files += 1
                switch try tree.file(file, limit: limits.fileSize) {
                case nil:
                    continue
                case .tooLarge(let size)?:
                    report.add("\(path): is larger than \(Self.describe(bytes: limits.fileSize)) (\(size) bytes); not checked")
                case .contents(let data)?:
                    bytes += data.count
                    check(data, path: path, reach: kind == .yaml ? reach : nil, report: &report, objects: &objects)
                }
            }
            if report.isFull { break }
        }
        return report.lines
    }

    /// With more aliases, a key that may hold one is refused: hashing it could cost time
    /// exponential in their number; with these few, at most a few times the document's size.
    static let aliasesBesideComplexKeys = 3

    // MARK: - Where a file is applied

    /// The runtimes a folder reaches.
    enum Reach: Hashable {
        /// `all-runtimes-all-clusters/` and `control-planes/` (each runtime's `in-cluster`).
        case everyRuntime
        /// `runtimes/<runtime>/`.
        case runtime(String)
    }

    enum Placement: Equatable {
        /// Applied by the Applications of the runtimes it reaches.
        case applied(Reach)
        /// Applied by no Application, for `reason`.
        case misplaced(String)
        /// In the folder of a runtime that is not registered: reported once for the folder.
        case ignored
    }

    /// Where the manifest at `path` (below `layout.resources`) is applied.
    func placement(of path: String) -> Placement {
        let parts = path.dropFirst(layout.resources.count + 1).split(separator: "/", omittingEmptySubsequences: false)
        let move = "move it into all-runtimes-all-clusters/, control-planes/ or runtimes/<runtime>/"
        guard parts.count > 1 else {
            return .misplaced("no Application applies a file directly in \(layout.resources)/: \(move)")
        }
        switch parts[0] {
        case "all-runtimes-all-clusters", "control-planes":
            return .applied(.everyRuntime)
        case "runtimes":
            guard parts.count > 2 else {
                return .misplaced(
                    "no Application applies a file directly in \(layout.runtimeResourcesParent)/: move it into \(layout.runtimeResourcesParent)/<runtime>/")
            }
            return runtimes.contains(String(parts[1])) ? .applied(.runtime(String(parts[1]))) : .ignored
        default:
            return .misplaced("no Application applies \(layout.resources)/\(Display.safe(parts[0]))/: \(move)")
        }
    }

    /// The runtimes both reaches share, nil when they share none.
    static func overlap(_ first: Reach, _ second: Reach) -> Reach? {
        switch (first, second) {
        case (.everyRuntime, let other), (let other, .everyRuntime): return other
        case (.runtime(let one), .runtime(let two)): return one == two ? first : nil
        }
    }

    // MARK: - One file

    /// Parses each document of one file; `reach` is nil for a file that is checked but never
    /// applied (a `.yml`), whose objects are no duplicates.
    func check(_ data: Data, path: String, reach: Reach?, report: inout Report, objects: inout ObjectIndex) {
        guard let text = String(data: data, encoding: .utf8) else {
            report.add("\(path): is not UTF-8 text")
            return
        }
        let documents = YAMLDocuments.split(text)
        for (offset, document) in documents.enumerated() {
            guard offset < limits.documents else {
                report.add("\(path): has \(documents.count) documents; only the first \(limits.documents) are checked")
                return
            }
            let index = offset + 1
            let place = "\(path): document \(index)"
            let scan = AliasScan(document.text)
            if scan.aliases > Self.aliasesBesideComplexKeys && scan.complexKey {
                report.add("\(place): uses YAML aliases and a mapping key that may be a list, a mapping or an alias (? or ]: or *name:); not checked")
                continue
            }
            let node: Node?
            do {
                node = try Yams.compose(yaml: document.text, .basic, .default, .utf8)
            } catch let error as YamlError {
                report.add("\(place): not valid YAML (\(Self.summary(of: error, line: document.line)))")
                continue
            } catch {
                report.add("\(place): not valid YAML")
                continue
            }
            guard let node, !Self.isNull(node) else { continue }
            if scan.aliases > 0 {
                var expansion = Expansion(limit: limits.expandedValues)
                if expansion.size(of: node) > limits.expandedValues {
                    report.add("\(place): its YAML aliases expand it to more than \(limits.expandedValues) values (an alias bomb); not checked")
                    continue
                }
            }
            let location = Location(path: path, document: index, item: nil)
            if let items = Self.value(node, "items")?.sequence {
                for (item, element) in items.enumerated() {
                    let location = Location(path: path, document: index, item: item)
                    checkObject(element, at: location, reach: reach, report: &report, objects: &objects)
                }
            } else {
                checkObject(node, at: location, reach: reach, report: &report, objects: &objects)
            }
            if report.isFull { return }
        }
    }

    /// Checks one object and records it for the duplicate check.
    func checkObject(_ node: Node, at location: Location, reach: Reach?, report: inout Report, objects: inout ObjectIndex) {
        guard node.mapping != nil else {
            report.add("\(location): is a \(node.sequence != nil ? "list" : "scalar"), not a mapping with apiVersion, kind and metadata")
            return
        }
        var problems: [String] = []
        let apiVersion = Self.string(Self.value(node, "apiVersion"), "apiVersion", &problems)
        let kind = Self.string(Self.value(node, "kind"), "kind", &problems)
        var name: String?
        var namespace = ""
        if let metadata = Self.value(node, "metadata"), !Self.isNull(metadata) {
            if metadata.mapping == nil {
                problems.append("metadata must be a mapping")
            } else {
                name = Self.string(Self.value(metadata, "name"), "metadata.name", &problems)
                var ignored: [String] = []
                namespace = Self.string(Self.value(metadata, "namespace"), "metadata.namespace", &ignored) ?? ""
            }
        } else {
            problems.append("no metadata.name")
        }
        for problem in problems { report.add("\(location): \(problem)") }
        guard problems.isEmpty, let apiVersion, let kind, let name, let reach else { return }
        let group = apiVersion.firstIndex(of: "/").map { String(apiVersion[..<$0]) } ?? ""
        let object = ObjectIndex.Object(location: location, reach: reach)
        let key = ObjectIndex.Key(group: group, kind: kind, namespace: namespace, name: name)
        guard let (earlier, shared) = objects.insert(object, key: key) else { return }
        let namespaceText = namespace.isEmpty ? "" : " (namespace \(Display.safe(namespace)))"
        let reached: String
        switch shared {
        case .everyRuntime: reached = "every runtime"
        case .runtime(let name): reached = "runtime '\(name)'"
        }
        report.add(
            "\(location): \(Display.safe(kind)) \(Display.safe(name))\(namespaceText) is also defined in \(earlier.location.reference); both reach \(reached)")
    }

    // MARK: - Reading nodes

    /// The value of `key` in a mapping node, nil when absent (or `node` is no mapping).
    static func value(_ node: Node, _ key: String) -> Node? {
        guard let mapping = node.mapping else { return nil }
        for (name, value) in mapping where name.scalar?.string == key { return value }
        return nil
    }

    /// True for an empty document or value: `null`, `~` or nothing, unquoted.
    static func isNull(_ node: Node) -> Bool {
        guard let scalar = node.scalar else { return false }
        return Resolver.default.resolveTag(of: .scalar(scalar)) == .null
    }

    /// The non-empty string of a field, or nil after appending its problem.
    static func string(_ node: Node?, _ field: String, _ problems: inout [String]) -> String? {
        guard let node, !isNull(node) else {
            problems.append("no \(field)")
            return nil
        }
        guard let scalar = node.scalar else {
            problems.append("\(field) must be a string, not a \(node.sequence != nil ? "list" : "mapping")")
            return nil
        }
        switch Resolver.default.resolveTag(of: .scalar(scalar)) {
        case .bool:
            problems.append("\(field) must be a string, not the boolean \(Display.safe(scalar.string, limit: 20)) (quote it)")
            return nil
        case .int, .float:
            problems.append("\(field) must be a string, not the number \(Display.safe(scalar.string, limit: 20)) (quote it)")
            return nil
        default:
            guard !scalar.string.isEmpty else {
                problems.append("no \(field)")
                return nil
            }
            return scalar.string
        }
    }

    /// A one-line summary of a Yams error with the line counted in the whole file.
    static func summary(of error: YamlError, line offset: Int) -> String {
        func at(_ mark: Mark) -> String { "line \(mark.line + offset), column \(mark.column)" }
        switch error {
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _), .composer(_, let problem, let mark, _):
            return "\(Display.safe(problem)) at \(at(mark))"
        case .duplicatedKeysInMapping(let duplicates, let context):
            return "duplicate key \(duplicates.prefix(3).map { "'\(Display.safe($0, limit: 40))'" }.joined(separator: ", ")) at \(at(context.mark))"
        default:
            return YAMLReader.summary(of: error)
        }
    }

    /// `1 MiB`, `512 KiB` or `100 bytes`.
    static func describe(bytes: Int) -> String {
        if bytes >= 1 << 20, bytes % (1 << 20) == 0 { return "\(bytes >> 20) MiB" }
        if bytes >= 1 << 10, bytes % (1 << 10) == 0 { return "\(bytes >> 10) KiB" }
        return "\(bytes) bytes"
    }
}

extension ResourceManifests {
    /// The kinds of files Argo CD reads from a directory source.
    enum ManifestKind {
        /// `*.yaml`: what the Applications include.
        case yaml
        /// `*.yml` or `*.YAML` (any other case): YAML the `include` does not match.
        case otherYAML
        /// `*.json`.
        case json

        /// The kind of the file at `path`, nil for any other file (`.keep`, `README.md`, ...).
        init?(_ path: String) {
            guard let dot = path.lastIndex(of: "."), !path[dot...].contains("/") else { return nil }
            let suffix = path[path.index(after: dot)...]
            switch suffix.lowercased() {
            case "yaml": self = suffix == "yaml" ? .yaml : .otherYAML
            case "yml": self = .otherYAML
            case "json": self = .json
            default: return nil
            }
        }
    }

    /// A document, or an item of a list document, of one file.
    struct Location: CustomStringConvertible {
        var path: String
        /// 1-based.
        var document: Int
        /// 0-based index in the document's `items`, nil for a document that is no list.
        var item: Int?

        /// `path: document 2` or `path: document 2: items[0]`.
        var description: String { "\(path): document \(document)" + (item.map { ": items[\($0)]" } ?? "") }

        /// `path document 2` or `path document 2 items[0]`, inside a sentence.
        var reference: String { "\(path) document \(document)" + (item.map { " items[\($0)]" } ?? "") }
    }

    /// The objects seen so far, by key: for each, the first one that reaches every runtime and
    /// the first one per runtime, which is all a later object can be a duplicate of.
    struct ObjectIndex {
        struct Key: Hashable {
            var group: String
            var kind: String
            var namespace: String
            var name: String
        }

        struct Object {
            var location: Location
            var reach: Reach
        }

        struct Firsts {
            var every: Object?
            var byRuntime: [String: Object] = [:]
            /// The first of `byRuntime` (objects come in path order): what an object that
            /// reaches every runtime is checked against, in constant time.
            var firstOfAnyRuntime: Object?
        }

        var firsts: [Key: Firsts] = [:]

        /// Records `object`; returns the earliest object of the same key that shares a runtime
        /// with it, and the runtimes both reach. Constant time: the entry is changed in place
        /// (a copy of its per-runtime table for each object made this quadratic in the number
        /// of runtimes that define the same object).
        mutating func insert(_ object: Object, key: Key) -> (Object, Reach)? {
            // Only single values are read out: holding the entry would make the writes below copy it.
            let every = firsts[key]?.every
            let firstOfAnyRuntime = firsts[key]?.firstOfAnyRuntime
            var candidates = [every].compactMap { $0 }
            switch object.reach {
            case .runtime(let runtime):
                if let first = firsts[key]?.byRuntime[runtime] {
                    candidates.append(first)
                } else {
                    firsts[key, default: Firsts()].byRuntime[runtime] = object
                    if firstOfAnyRuntime == nil { firsts[key, default: Firsts()].firstOfAnyRuntime = object }
                }
            case .everyRuntime:
                if let firstOfAnyRuntime { candidates.append(firstOfAnyRuntime) }
                if every == nil { firsts[key, default: Firsts()].every = object }
            }
            let earliest = candidates.min {
                ($0.location.path, $0.location.document, $0.location.item ?? -1) < ($1.location.path, $1.location.document, $1.location.item ?? -1)
            }
            guard let earliest, let shared = ResourceManifests.overlap(earliest.reach, object.reach) else { return nil }
            return (earliest, shared)
        }
    }

    /// The number of values (scalars, lists, mappings) of a composed document once its aliases
    /// are expanded, in time linear in its text: an alias stands for the very node it names, at
    /// the same place in the text, so each collection is summed once (by its place) and reused.
    struct Expansion {
        struct Place: Hashable {
            var isMapping: Bool
            var style: UInt32
            var line: Int
            var column: Int
        }

        /// Sums stop growing past this.
        let limit: Int
        private var sizes: [Place: Int] = [:]

        init(limit: Int) { self.limit = limit }

        mutating func size(of node: Node) -> Int {
            let place: Place
            switch node {
            case .mapping(let mapping):
                place = Place(isMapping: true, style: mapping.style.rawValue, line: mapping.mark?.line ?? 0, column: mapping.mark?.column ?? 0)
            case .sequence(let sequence):
                place = Place(isMapping: false, style: sequence.style.rawValue, line: sequence.mark?.line ?? 0, column: sequence.mark?.column ?? 0)
            default:
                return 1
            }
            if let known = sizes[place] { return known }
            var total = 1
            if let mapping = node.mapping {
                for (key, value) in mapping where total <= limit { total += size(of: key) + size(of: value) }
            } else if let sequence = node.sequence {
                for item in sequence where total <= limit { total += size(of: item) }
            }
            total = min(total, limit + 1)
            sizes[place] = total
            return total
        }
    }

    /// The problems found so far, up to a limit.
    struct Report {
        let limit: Int
        let resources: String
        private(set) var lines: [String] = []
        private(set) var isFull = false

        init(limit: Int, resources: String) {
            self.limit = limit
            self.resources = resources
        }

        mutating func add(_ line: String) {
            guard !isFull else { return }
            if lines.count >= limit {
                lines.append("\(resources): more than \(limit) problems in the manifests; the rest are not checked")
                isFull = true
            } else {
                lines.append(line)
            }
        }
    }
}
