// swift-tools-version:6.2
import PackageDescription

/// Our own targets build with every warning as an error; dependencies do not.
let strict: [SwiftSetting] = [.treatAllWarnings(as: .error)]

let package = Package(
    name: "frugal",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "frugal", targets: ["frugal"]),
        .library(name: "FrugalCore", targets: ["FrugalCore"]),
        .library(name: "FrugalProbes", targets: ["FrugalProbes", "FrugalSensors", "FrugalNVML"]),
        .library(name: "FrugalStore", targets: ["FrugalStore"]),
        .library(name: "FrugalIngest", targets: ["FrugalIngest"]),
        .library(name: "FrugalSimulation", targets: ["FrugalSimulation"]),
        .library(name: "FrugalRuntime", targets: ["FrugalRuntime"]),
        .library(name: "FrugalCarbon", targets: ["FrugalCarbon"]),
        .library(name: "FrugalReport", targets: ["FrugalReport"]),
        .library(name: "FrugalServer", targets: ["FrugalServer"]),
        .library(name: "FrugalFleet", targets: ["FrugalFleet"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/LebJe/TOMLKit.git", from: "0.6.0"),
        .package(url: "https://github.com/x-sheep/swift-property-based.git", from: "2.0.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache.git", from: "2.1.1"),
        .package(url: "https://github.com/vapor/postgres-nio.git", from: "1.33.2"),
    ],
    targets: [
        // C libraries, each behind a system-library module.
        .systemLibrary(
            name: "CSQLite", pkgConfig: "sqlite3",
            providers: [.apt(["libsqlite3-dev"])]),
        // libcurl, for the grid carbon intensity feed (RTE eCO2mix).
        .systemLibrary(name: "CCurl", pkgConfig: "libcurl", providers: [.apt(["libcurl4-openssl-dev"])]),
        .systemLibrary(name: "CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
        .systemLibrary(
            name: "CSensors",
            providers: [.apt(["libsensors-dev"])]),

        // Small C helpers for system calls Swift cannot import (adjtimex).
        .target(name: "CFrugalShims"),

        // Pure core: units, counters, the domain model. No I/O, no dependencies.
        .target(name: "FrugalCore", swiftSettings: strict),
        // Power sources: the protocol, RAPL and hwmon over sysfs, replayed sysfs timelines.
        .target(
            name: "FrugalProbes", dependencies: ["FrugalCore"], exclude: ["README.md"], swiftSettings: strict),
        // hwmon through libsensors (chip configuration, labels, compute lines).
        .target(
            name: "FrugalSensors", dependencies: ["FrugalCore", "FrugalProbes", "CSensors"],
            exclude: ["README.md"], swiftSettings: strict),
        // NVIDIA GPUs through NVML, opened at run time with dlopen.
        .target(
            name: "FrugalNVML", dependencies: ["FrugalCore", "FrugalProbes"], exclude: ["README.md"],
            swiftSettings: strict),
        // Gateway logs: formats, a purpose-built JSON field scanner, tailing.
        .target(
            name: "FrugalIngest", dependencies: ["FrugalCore", "CZlib"], exclude: ["README.md"], swiftSettings: strict),
        // Ground truth: a simulated inference host, its counters, logs and true energies.
        .target(
            name: "FrugalSimulation", dependencies: ["FrugalCore"], exclude: ["README.md"], swiftSettings: strict),
        // The SQLite store: schema, migrations, packed sample blocks, rollups.
        .target(
            name: "FrugalStore", dependencies: ["FrugalCore", "CSQLite"], exclude: ["SCHEMA.md"],
            swiftSettings: strict),
        // Grid carbon intensity (RTE eCO2mix over libcurl, bundled history, static factor),
        // quarter-hour conversion with provenance, lifecycle and embodied factors, SCI.
        .target(
            name: "FrugalCarbon",
            dependencies: [
                "FrugalCore", "FrugalStore", "FrugalSimulation", "CCurl",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ], exclude: ["README.md"],
            swiftSettings: strict),
        // The élus' monthly climate report: figures, French formatting, SVG charts, HTML/PDF/JSON/CSV.
        .target(
            name: "FrugalReport",
            dependencies: [
                "FrugalCore", "FrugalStore", "FrugalCarbon", .product(name: "Mustache", package: "swift-mustache"),
            ],
            exclude: ["README.md"], swiftSettings: strict, plugins: ["EmbedReportFiles"]),
        // Dashboards/report/ and Data/equivalences/ compiled into FrugalReport at build time.
        .executableTarget(name: "ReportEmbedder", swiftSettings: strict),
        .plugin(name: "EmbedReportFiles", capability: .buildTool(), dependencies: ["ReportEmbedder"]),
        // Sampler, configuration, daemon services, systemd notification, doctor.
        .target(
            name: "FrugalRuntime",
            dependencies: [
                "FrugalCore", "FrugalProbes", "FrugalSensors", "FrugalNVML", "FrugalStore", "CFrugalShims",
                "FrugalIngest", "FrugalSimulation", "FrugalCarbon",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "TOMLKit", package: "TOMLKit"),
            ],
            swiftSettings: strict),
        // Fleet mode: the store in PostgreSQL (postgres-nio), local buffering and draining, migration.
        .target(
            name: "FrugalFleet",
            dependencies: [
                "FrugalCore", "FrugalStore", .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            exclude: ["README.md"], swiftSettings: strict),
        // The developers' cost API and Prometheus /metrics (Hummingbird), in the daemon and `frugal serve`.
        .target(
            name: "FrugalServer",
            dependencies: [
                "FrugalCore", "FrugalStore", "FrugalCarbon", "FrugalRuntime",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            exclude: ["README.md"], swiftSettings: strict),
        .executableTarget(
            name: "frugal",
            dependencies: [
                "FrugalRuntime", "FrugalCore", "FrugalIngest", "FrugalSimulation", "FrugalStore",
                "FrugalCarbon", "FrugalReport", "FrugalServer", "FrugalFleet",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: strict),

        .testTarget(
            name: "FrugalCoreTests",
            dependencies: [
                "FrugalCore", .product(name: "PropertyBased", package: "swift-property-based"),
            ],
            swiftSettings: strict),
        .testTarget(name: "FrugalProbesTests", dependencies: ["FrugalProbes"], swiftSettings: strict),
        .testTarget(name: "FrugalSensorsTests", dependencies: ["FrugalSensors"], swiftSettings: strict),
        .testTarget(name: "FrugalNVMLTests", dependencies: ["FrugalNVML"], swiftSettings: strict),
        .testTarget(
            name: "FrugalIngestTests",
            dependencies: ["FrugalIngest", .product(name: "PropertyBased", package: "swift-property-based")],
            exclude: ["Fixtures"], swiftSettings: strict),
        .testTarget(
            name: "FrugalSimulationTests", dependencies: ["FrugalSimulation", "FrugalIngest"], swiftSettings: strict),
        .testTarget(name: "CShimTests", dependencies: ["CCurl", "CZlib"], swiftSettings: strict),
        .testTarget(name: "FrugalStoreTests", dependencies: ["FrugalStore"], swiftSettings: strict),
        .testTarget(
            name: "FrugalRuntimeTests",
            dependencies: ["FrugalRuntime", "FrugalSimulation", "FrugalStore", "FrugalCarbon"],
            swiftSettings: strict),
        .testTarget(
            name: "FrugalCarbonTests", dependencies: ["FrugalCarbon"], exclude: ["Fixtures"], swiftSettings: strict),
        .testTarget(
            name: "FrugalReportTests", dependencies: ["FrugalReport"], exclude: ["Goldens"], swiftSettings: strict),
        .testTarget(
            name: "FrugalServerTests",
            dependencies: ["FrugalServer", .product(name: "HummingbirdTesting", package: "hummingbird")],
            exclude: ["Goldens"], swiftSettings: strict),
        .testTarget(
            name: "FrugalFleetTests",
            dependencies: [
                "FrugalFleet", "FrugalReport", "FrugalServer",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ], swiftSettings: strict),
        .testTarget(
            name: "FrugalCLITests", dependencies: ["FrugalRuntime", "FrugalReport"], exclude: ["Goldens"],
            swiftSettings: strict),
    ]
)
