// swift-tools-version:6.2
// The cost API benchmark: a month of seeded attribution data (1 M requests)
// served by FrugalServer beside a trivial Hummingbird route, in one process,
// for wrk (see run.sh and the README). Its own package so the root manifest
// stays free of benchmark code: `swift build -c release`.
import PackageDescription

let package = Package(
    name: "api-benchmark",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(name: "frugal", path: "../.."),
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
    ],
    targets: [
        .executableTarget(
            name: "api-benchmark",
            dependencies: [
                .product(name: "FrugalServer", package: "frugal"),
                .product(name: "FrugalStore", package: "frugal"),
                .product(name: "FrugalRuntime", package: "frugal"),
                .product(name: "FrugalCore", package: "frugal"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Sources/APIBenchmark",
            swiftSettings: [.treatAllWarnings(as: .error)]),
    ]
)
