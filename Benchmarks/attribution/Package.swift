// swift-tools-version:6.2
// The attribution benchmarks: a simulated month through the Attributor
// (time, peak memory, exactness), and a breakdown of where per-request error
// comes from on the simulator's scenarios. Its own package so the root
// manifest stays free of benchmark code.
import PackageDescription

let package = Package(
    name: "attribution-benchmark",
    platforms: [.macOS(.v15)],
    dependencies: [.package(name: "frugal", path: "../..")],
    targets: [
        .executableTarget(
            name: "attribution-benchmark",
            dependencies: [
                .product(name: "FrugalCore", package: "frugal"),
                .product(name: "FrugalSimulation", package: "frugal"),
            ],
            path: "Sources/AttributionBenchmark",
            swiftSettings: [.treatAllWarnings(as: .error)]),
        .executableTarget(
            name: "accuracy-diagnosis",
            dependencies: [
                .product(name: "FrugalCore", package: "frugal"),
                .product(name: "FrugalSimulation", package: "frugal"),
            ],
            path: "Sources/AccuracyDiagnosis",
            swiftSettings: [.treatAllWarnings(as: .error)]),
    ]
)
