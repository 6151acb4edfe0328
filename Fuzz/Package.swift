// swift-tools-version: 6.2
import Foundation
import PackageDescription

// libFuzzer targets for ISCKit's parsers of untrusted text. Built and run by `scripts/fuzz.sh`:
//
//     swift build -c release --package-path Fuzz --sanitize fuzzer -Xswiftc -sanitize=fuzzer,address \
//         -Xcc -fsanitize=address -Xswiftc -enable-testing
//
// The sanitizers come from the command line so that ISCKit and Yams (CYaml included) are
// instrumented too; `-enable-testing` lets the targets `@testable import ISCKit` and reach the
// internal parsers (KnownHosts) without widening ISCKit's public API. This is a separate root
// package, so the main package keeps no unsafe flags. `-parse-as-library`: the entry point is
// libFuzzer's `main`, which calls `LLVMFuzzerTestOneInput`.

/// A path dependency's identity is its folder's name, which is whatever the checkout is called.
let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
let rootPackage = root.lastPathComponent

func fuzzTarget(_ name: String) -> Target {
    .executableTarget(
        name: name,
        dependencies: [.product(name: "ISCCore", package: rootPackage), .product(name: "ISCKit", package: rootPackage)],
        swiftSettings: [.unsafeFlags(["-parse-as-library"]), .treatAllWarnings(as: .error)]
    )
}

let package = Package(
    name: "ISCFuzz",
    products: [
        .executable(name: "FuzzRepositoryURL", targets: ["FuzzRepositoryURL"]),
        .executable(name: "FuzzRegistry", targets: ["FuzzRegistry"]),
        .executable(name: "FuzzKnownHosts", targets: ["FuzzKnownHosts"]),
    ],
    dependencies: [.package(path: "..")],
    targets: [fuzzTarget("FuzzRepositoryURL"), fuzzTarget("FuzzRegistry"), fuzzTarget("FuzzKnownHosts")]
)
