// swift-tools-version: 6.0
import PackageDescription

// An example of embedding ISCKit in another Swift package (see Docs/library.md). The test suite
// builds and runs it against a local bare repository.
let package = Package(
    name: "EmbedISCKit",
    dependencies: [
        .package(name: "iscctl", path: "../.."),
    ],
    targets: [
        .executableTarget(
            name: "EmbedISCKit",
            dependencies: [.product(name: "ISCKit", package: "iscctl")]
        ),
    ]
)
