// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "ripen",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "ripen", targets: ["ripen"]),
        .library(name: "RipenKit", targets: ["RipenKit"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
    ],
    targets: [
        // Turns the top-level data folders into Swift constants, so a copied `ripen` binary still audits.
        .executableTarget(name: "ripen-embed", path: "Plugins/EmbedTool"),
        .plugin(name: "EmbedData", capability: .buildTool(), dependencies: ["ripen-embed"], path: "Plugins/EmbedData"),
        .target(
            name: "RipenKit",
            dependencies: [
                .product(name: "Yams", package: "Yams"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ],
            plugins: ["EmbedData"]
        ),
        .executableTarget(
            name: "ripen",
            dependencies: ["RipenKit", .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),
        .testTarget(
            name: "RipenKitTests",
            // `ripen` is a dependency so the CLI tests always find a fresh binary beside the test bundle.
            dependencies: ["RipenKit", "ripen", .product(name: "Yams", package: "Yams")],
            exclude: ["Golden", "Fixtures"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
