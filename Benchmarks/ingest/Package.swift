// swift-tools-version:6.2
// The ingest benchmark: a seeded 1 M-line LiteLLM StandardLoggingPayload file
// parsed by FrugalIngest, ingested into SQLite (by `frugal ingest`, or by the
// same parse-and-commit pipeline in process), and read by jq extracting the
// same fields, in one run. Its own package so the root manifest stays free of
// benchmark code: `swift run -c release ingest-benchmark`.
import PackageDescription

let package = Package(
    name: "ingest-benchmark",
    platforms: [.macOS(.v15)],
    dependencies: [.package(name: "frugal", path: "../..")],
    targets: [
        .executableTarget(
            name: "ingest-benchmark",
            dependencies: [
                .product(name: "FrugalCore", package: "frugal"),
                .product(name: "FrugalIngest", package: "frugal"),
                .product(name: "FrugalStore", package: "frugal"),
            ],
            path: "Sources/IngestBenchmark",
            swiftSettings: [.treatAllWarnings(as: .error)])
    ]
)
