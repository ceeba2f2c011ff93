// swift-tools-version:6.2
// The ingest benchmark: a seeded 1 M-line LiteLLM StandardLoggingPayload file
// parsed by FrugalIngest and by jq extracting the same fields, in one run.
// Its own package so the root manifest stays free of benchmark code:
// `swift run -c release ingest-benchmark`.
import PackageDescription

let package = Package(
    name: "ingest-benchmark",
    platforms: [.macOS(.v15)],
    dependencies: [.package(name: "frugal", path: "../..")],
    targets: [
        // FrugalIngest is not a product of the root package (yet): its sources,
        // through a symlink, are built here as a module of another name (target
        // names are unique across a package graph). Once the root exports a
        // FrugalIngest library, depend on that product instead.
        .target(
            name: "FrugalIngestUnderTest", dependencies: [.product(name: "FrugalCore", package: "frugal")],
            path: "Sources/FrugalIngestUnderTest",
            // The tailer (gzip through the root package's CZlib) is not under test here.
            exclude: ["README.md", "Tail"]),
        .executableTarget(
            name: "ingest-benchmark",
            dependencies: [
                "FrugalIngestUnderTest",
                .product(name: "FrugalCore", package: "frugal"),
            ],
            path: "Sources/IngestBenchmark",
            swiftSettings: [.treatAllWarnings(as: .error)]),
    ]
)
