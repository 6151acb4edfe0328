import Foundation

/// Where the package, its fixtures and the built `iscctl` are.
public enum TestPaths {
    /// The package root (the folder holding Package.swift).
    public static let packageRoot: URL = {
        var url = URL(fileURLWithPath: #filePath)
        while url.path != "/" {
            url.deleteLastPathComponent()
            if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) {
                return url
            }
        }
        fatalError("Package.swift not found above \(#filePath)")
    }()

    /// A file under `Fixtures/`.
    public static func fixture(_ relativePath: String) -> URL {
        packageRoot.appendingPathComponent("Fixtures").appendingPathComponent(relativePath)
    }

    /// The built `iscctl` binary: `$ISCCTL_BIN`, else next to the running test bundle.
    public static let iscctl: URL = {
        if let override = ProcessInfo.processInfo.environment["ISCCTL_BIN"] {
            return URL(fileURLWithPath: override)
        }
        let exe = URL(fileURLWithPath: (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0])
        var dir = exe.deletingLastPathComponent()
        for _ in 0..<4 {
            let candidate = dir.appendingPathComponent("iscctl")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            dir.deleteLastPathComponent()
        }
        return packageRoot.appendingPathComponent(".build/debug/iscctl")
    }()
}
