// swift-tools-version:6.2
// The store benchmark: a month of simulated 1 Hz samples through FrugalStore,
// beside the same month stored naively. Its own package so the root manifest
// stays free of benchmark code: `swift run -c release store-benchmark`.
import PackageDescription

let package = Package(
    name: "store-benchmark",
    platforms: [.macOS(.v15)],
    dependencies: [.package(name: "frugal", path: "../..")],
    targets: [
        .executableTarget(
            name: "store-benchmark",
            dependencies: [
                .product(name: "FrugalStore", package: "frugal"),
                .product(name: "FrugalCore", package: "frugal"),
            ],
            path: "Sources/StoreBenchmark",
            swiftSettings: [.treatAllWarnings(as: .error)])
    ]
)
