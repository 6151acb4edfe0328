// swift-tools-version: 6.2
import PackageDescription

/// Our own targets are built with every warning treated as an error; SwiftPM ignores this
/// setting for packages that depend on ISCKit, so it never breaks a client's build.
let strict: [SwiftSetting] = [.treatAllWarnings(as: .error)]

let package = Package(
    name: "iscctl",
    platforms: [.macOS(.v13)],
    products: [
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
        .target(
            name: "ISCKit",
            dependencies: ["CLibGit2", .product(name: "Yams", package: "Yams")],
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
            dependencies: ["ISCKit", "ISCTestSupport"],
            swiftSettings: strict
        ),
        .testTarget(
            name: "iscctlTests",
            dependencies: ["iscctl", "ISCKit", "ISCTestSupport"],
            swiftSettings: strict
        ),
    ]
)
