import Foundation

@testable import ISCCore
@testable import ISCKit

/// libFuzzer target for the readers of the files iscctl finds in a repository: `isc.yaml` of
/// either layout (`RegistryFile.parse`, `Registry.parse`) and `runtime.yaml`
/// (`RuntimeFile.parse`, with its Yams-free reader `CanonicalYAML`).
///
/// Every input goes through all three readers. Checked: no crash, no sanitizer report, errors of
/// one line; `Registry.parse` succeeds exactly when `RegistryFile.parse` reads layout v1, with the
/// same registry; what parses re-renders into text that parses to the same value and renders the
/// same again; the canonical reader and Yams read the same runtime; every runtime Yams reads
/// (checked or not, so with any strings) renders into text both readers read back unchanged.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzRegistry(_ bytes: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let data = Data(bytes: bytes, count: size)

    // isc.yaml
    let file = outcome { () throws(OperationError) in try RegistryFile.parse(data) }
    let registry = outcome { () throws(OperationError) in try Registry.parse(data) }
    switch (file, registry) {
    case (.some(.v1(let fromFile)), .some(let registry)):
        check(fromFile == registry, "RegistryFile and Registry read different registries")
        roundTrip(registry)
    case (.some(.v1), nil):
        fail("RegistryFile reads layout v1, Registry.parse refuses it")
    case (_, .some):
        fail("Registry.parse reads a file RegistryFile does not read as layout v1")
    case (.some(.v2(let account)), nil):
        let text = account.yaml()
        check(
            outcome { () throws(OperationError) in try RegistryFile.parse(Data(text.utf8)) } == .v2(account),
            "an account does not read back from its own text:\n\(text)")
    case (nil, nil):
        break
    }

    // runtime.yaml, in the folder its `name` line names (so that valid files get through).
    let folder = folderGuess(data)
    if let runtime = outcome({ () throws(OperationError) in try RuntimeFile.parse(data, source: "runtime.yaml", folder: folder) }) {
        let text = RuntimeFile.yaml(runtime)
        check(
            outcome { () throws(OperationError) in try RuntimeFile.parse(Data(text.utf8), source: "runtime.yaml", folder: runtime.name) } == runtime,
            "a runtime does not read back from its own text:\n\(text)")
    }
    if let canonical = RuntimeFile.canonical(data), (try? Registry.checkRuntime(canonical, path: "", reader: reader)) != nil {
        check(yamsRuntime(data) == canonical, "CanonicalYAML and Yams read different runtimes")
    }
    if let unchecked = yamsRuntime(data) {
        writerReadsBack(unchecked)
    }
    return 0
}

let reader = YAMLReader(source: "runtime.yaml", code: Registry.errorCode)

/// The value, or `nil` for an error, which must be one line.
func outcome<T>(_ body: () throws(OperationError) -> T) -> T? {
    do {
        return try body()
    } catch {
        check(!error.message.contains(where: \.isNewline), "a multi-line error: \(error.message)")
        check(error.category == .conflict, "a repository file error that is not a conflict: \(error.message)")
        return nil
    }
}

/// A v1 registry renders into text that reads back to it, and renders the same again; each of
/// its runtimes does the same as a v2 runtime file.
func roundTrip(_ registry: Registry) {
    let text = registry.yaml()
    guard let again = outcome({ () throws(OperationError) in try Registry.parse(text) }) else {
        fail("a registry does not read back from its own text:\n\(text)")
    }
    check(again == registry, "a registry reads back different from its own text:\n\(text)")
    check(again.yaml() == text, "a registry renders differently after a round trip")
    for runtime in registry.runtimes { writerReadsBack(runtime) }
}

/// What `RuntimeFile.yaml` writes for `runtime` is read back as `runtime` by the canonical
/// reader and by Yams.
func writerReadsBack(_ runtime: RuntimeSettings) {
    let data = RuntimeFile.data(runtime)
    check(RuntimeFile.canonical(data) == runtime, "CanonicalYAML does not read what RuntimeFile.yaml writes:\n\(RuntimeFile.yaml(runtime))")
    check(yamsRuntime(data) == runtime, "Yams does not read what RuntimeFile.yaml writes:\n\(RuntimeFile.yaml(runtime))")
}

/// The runtime of a v2 runtime file read through Yams without the rules of spec section 4.
func yamsRuntime(_ data: Data) -> RuntimeSettings? {
    guard let document = try? reader.document(data),
        (try? Registry.requireHeader(document, apiVersion: LayoutVersion.v2.rawValue, kind: RuntimeFile.kind)) != nil
    else { return nil }
    return try? Registry.parseRuntime(document, extraKeys: ["apiVersion", "kind"])
}

/// The value of the first top-level `name:` line, unquoted; `codefresh` when there is none.
func folderGuess(_ data: Data) -> String {
    for line in String(decoding: data, as: UTF8.self).split(separator: "\n") where line.hasPrefix("name: ") {
        return String(line.dropFirst(6)).trimmingCharacters(in: CharacterSet(charactersIn: "\"' "))
    }
    return RuntimeSettings.defaultName
}

func check(_ condition: Bool, _ message: @autoclosure () -> String) {
    if !condition { fail(message()) }
}

func fail(_ message: String) -> Never {
    fatalError("property violated: \(message)")
}
