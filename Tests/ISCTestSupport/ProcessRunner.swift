import Foundation

/// The outcome of running a program to completion.
public struct ProcessResult: Sendable {
    /// The exit status.
    public let status: Int32
    /// Everything written to stdout.
    public let stdout: String
    /// Everything written to stderr.
    public let stderr: String
}

/// Runs programs for tests, collecting their output through temporary files (no pipe deadlocks).
public enum ProcessRunner {
    /// Runs `executable` with `arguments`; `environment` entries are added to (or, with `nil`
    /// values, removed from) this process's environment.
    public static func run(
        _ executable: URL, _ arguments: [String], environment: [String: String?] = [:],
        currentDirectory: URL? = nil, stdin: String? = nil
    ) throws -> ProcessResult {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        var env = ProcessInfo.processInfo.environment
        for (key, value) in environment { env[key] = value }
        process.environment = env
        if let currentDirectory { process.currentDirectoryURL = currentDirectory }
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("isc-run-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("out"), err = dir.appendingPathComponent("err"), inp = dir.appendingPathComponent("in")
        _ = FileManager.default.createFile(atPath: out.path, contents: nil)
        _ = FileManager.default.createFile(atPath: err.path, contents: nil)
        _ = FileManager.default.createFile(atPath: inp.path, contents: Data((stdin ?? "").utf8))
        let outHandle = try FileHandle(forWritingTo: out), errHandle = try FileHandle(forWritingTo: err)
        let inHandle = try FileHandle(forReadingFrom: inp)
        process.standardOutput = outHandle
        process.standardError = errHandle
        process.standardInput = inHandle
        try process.run()
        process.waitUntilExit()
        try outHandle.close(); try errHandle.close(); try inHandle.close()
        return ProcessResult(
            status: process.terminationStatus,
            stdout: String(decoding: try Data(contentsOf: out), as: UTF8.self),
            stderr: String(decoding: try Data(contentsOf: err), as: UTF8.self))
    }

    /// Runs the built `iscctl`.
    public static func iscctl(_ arguments: [String], environment: [String: String?] = [:], currentDirectory: URL? = nil) throws -> ProcessResult {
        try run(TestPaths.iscctl, arguments, environment: environment, currentDirectory: currentDirectory)
    }

    /// Runs a program found on PATH (e.g. `git`).
    public static func tool(_ name: String, _ arguments: [String], environment: [String: String?] = [:], currentDirectory: URL? = nil) throws -> ProcessResult {
        try run(URL(fileURLWithPath: "/usr/bin/env"), [name] + arguments, environment: environment, currentDirectory: currentDirectory)
    }
}
