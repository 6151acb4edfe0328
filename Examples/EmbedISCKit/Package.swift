// swift-tools-version: 6.0
import PackageDescription

// An example of embedding iscctl's libraries in another Swift package (see Docs/library.md). The
// test suite builds and runs both executables: `PlanWithISCCore` uses only ISCCore (pure: no
// libgit2), `EmbedISCKit` uses ISCKit to write to a local bare repository.
let package = Package(
    name: "EmbedISCKit",
    dependencies: [
        .package(name: "iscctl", path: "../..")
    ],
    targets: [
        .executableTarget(
            name: "PlanWithISCCore",
            dependencies: [.product(name: "ISCCore", package: "iscctl")]
        ),
        .executableTarget(
            name: "EmbedISCKit",
            dependencies: [.product(name: "ISCKit", package: "iscctl")]
        ),
    ]
)
