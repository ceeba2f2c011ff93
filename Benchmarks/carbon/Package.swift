// swift-tools-version:6.2
// The carbon benchmark: a year of quarter-hour intensities backfilled from the
// bundled eCO2mix data into SQLite, then 1 M measured intervals converted to
// CO2e with their quarters' intensities. Its own package so the root manifest
// stays free of benchmark code: `swift run -c release carbon-benchmark`.
import PackageDescription

let package = Package(
    name: "carbon-benchmark",
    platforms: [.macOS(.v15)],
    dependencies: [.package(name: "frugal", path: "../..")],
    targets: [
        .executableTarget(
            name: "carbon-benchmark",
            dependencies: [
                .product(name: "FrugalCore", package: "frugal"),
                .product(name: "FrugalCarbon", package: "frugal"),
                .product(name: "FrugalStore", package: "frugal"),
            ],
            path: "Sources/CarbonBenchmark",
            swiftSettings: [.treatAllWarnings(as: .error)])
    ]
)
