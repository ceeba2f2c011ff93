// swift-tools-version:6.2
// The sampling benchmark: the CPU time of one sample (RAPL + hwmon read, and
// one sampler tick) on a sysfs tree. Its own package so the root manifest
// stays free of benchmark code; `run.sh` beside this file runs it next to
// node_exporter and the real daemon.
import PackageDescription

let package = Package(
    name: "sampling-benchmark",
    platforms: [.macOS(.v15)],
    dependencies: [.package(name: "frugal", path: "../..")],
    targets: [
        .executableTarget(
            name: "sampling-benchmark",
            dependencies: [
                .product(name: "FrugalCore", package: "frugal"),
                .product(name: "FrugalProbes", package: "frugal"),
                .product(name: "FrugalRuntime", package: "frugal"),
            ],
            path: "Sources/SamplingBenchmark",
            swiftSettings: [.treatAllWarnings(as: .error)])
    ]
)
