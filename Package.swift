// swift-tools-version: 6.2
import PackageDescription

/// Our own targets are built with every warning treated as an error; SwiftPM ignores this
/// setting for packages that depend on ISCKit, so it never breaks a client's build.
let strict: [SwiftSetting] = [.treatAllWarnings(as: .error)]

let package = Package(
    name: "iscctl",
    platforms: [.macOS(.v13)],
    products: [
        .library(name: "ISCCore", targets: ["ISCCore"]),
        .library(name: "ISCKit", targets: ["ISCKit"]),
        .executable(name: "iscctl", targets: ["iscctl"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CLibGit2",
            pkgConfig: "libgit2",
            providers: [.apt(["libgit2-dev"])]
        ),
        // Pure: repository URLs, providers, runtime settings, the layout, the Helm install output
        // and the operations as functions from one file tree to the next. No libgit2 in reach.
        .target(
            name: "ISCCore",
            dependencies: [.product(name: "Yams", package: "Yams")],
            swiftSettings: strict
        ),
        // The Git layer over libgit2, the cache and the transaction; re-exports ISCCore.
        .target(
            name: "ISCKit",
            dependencies: ["ISCCore", "CLibGit2", .product(name: "Yams", package: "Yams")],
            swiftSettings: strict
        ),
        .executableTarget(
            name: "iscctl",
            dependencies: [
                "ISCKit",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strict
        ),
        .target(
            name: "ISCTestSupport",
            dependencies: ["ISCKit"],
            path: "Tests/ISCTestSupport",
            swiftSettings: strict
        ),
        .testTarget(
            name: "ISCKitTests",
            dependencies: ["ISCKit", "ISCCore", "ISCTestSupport"],
            swiftSettings: strict
        ),
        .testTarget(
            name: "iscctlTests",
            dependencies: ["iscctl", "ISCKit", "ISCCore", "ISCTestSupport"],
            swiftSettings: strict
        ),
    ]
)
