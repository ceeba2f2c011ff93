// swift-tools-version:6.2
// The report benchmark: a seeded month of a fleet (1 M requests over 4 hosts
// by default) written into a store, then the monthly report built from the
// rollups and rendered to HTML, and printed to PDF through Chromium.
// Its own package so the root manifest stays free of benchmark code:
// `swift run -c release report-benchmark`.
import PackageDescription

let package = Package(
    name: "report-benchmark",
    platforms: [.macOS(.v15)],
    dependencies: [.package(name: "frugal", path: "../..")],
    targets: [
        .executableTarget(
            name: "report-benchmark",
            dependencies: [
                .product(name: "FrugalCore", package: "frugal"),
                .product(name: "FrugalStore", package: "frugal"),
                .product(name: "FrugalReport", package: "frugal"),
            ],
            path: "Sources/ReportBenchmark",
            swiftSettings: [.treatAllWarnings(as: .error)])
    ]
)
