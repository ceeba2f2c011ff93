// swift-tools-version:6.2
// libFuzzer targets for every parser of outside input in FrugalIngest: the
// JSON scanner and one per log format. Not part of the root package; run
// `Tests/Fuzz/run.sh [seconds]`, which builds with
// `swift build -c release --sanitize=fuzzer --sanitize=address`.
import PackageDescription

/// libFuzzer supplies `main`: the targets are compiled as libraries.
let fuzzSettings: [SwiftSetting] = [.unsafeFlags(["-parse-as-library"])]

let formats = ["scanner", "litellm", "albert", "nginx", "jsonl", "detect"]
/// The eCO2mix parsers of FrugalCarbon (ODRÉ API JSON, ODRÉ CSV export, RTE download).
let eco2mix = ["eco2mix-json", "eco2mix-odre-csv", "eco2mix-rte"]

let package = Package(
    name: "frugal-fuzz",
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
        .target(name: "FuzzSupport", dependencies: ["FrugalIngestUnderTest"], path: "Sources/FuzzSupport"),
    ]
        + formats.map { name in
            .executableTarget(
                name: "fuzz-\(name)", dependencies: ["FuzzSupport", "FrugalIngestUnderTest"],
                path: "Sources/fuzz-\(name)", swiftSettings: fuzzSettings)
        }
        // FrugalCarbon's parsers (Sources/FrugalCarbon/Parse, no I/O, FrugalCore
        // only), through a symlink, like FrugalIngest above.
        + [
            .target(
                name: "FrugalCarbonParseUnderTest", dependencies: [.product(name: "FrugalCore", package: "frugal")],
                path: "Sources/FrugalCarbonParseUnderTest"),
            .target(
                name: "FuzzEco2mixSupport", dependencies: ["FrugalCarbonParseUnderTest"],
                path: "Sources/FuzzEco2mixSupport"),
        ]
        + eco2mix.map { name in
            .executableTarget(
                name: "fuzz-\(name)", dependencies: ["FuzzEco2mixSupport", "FrugalCarbonParseUnderTest"],
                path: "Sources/fuzz-\(name)", swiftSettings: fuzzSettings)
        }
)
