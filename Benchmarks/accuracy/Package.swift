// swift-tools-version:6.2
// The accuracy benchmark: attribution against the simulator's ground truth on
// every preset scenario, for Frugal and two baselines, in one run. Its own
// package so that a release build of it compiles the attribution pipeline
// (FrugalRuntime) without the server stack of the `frugal` executable.
import PackageDescription

let package = Package(
    name: "accuracy-benchmark",
    platforms: [.macOS(.v15)],
    dependencies: [.package(name: "frugal", path: "../..")],
    targets: [
        .executableTarget(
            name: "accuracy",
            dependencies: [
                .product(name: "FrugalRuntime", package: "frugal"),
                .product(name: "FrugalSimulation", package: "frugal"),
                .product(name: "FrugalCore", package: "frugal"),
            ],
            path: "Sources/Accuracy",
            swiftSettings: [.treatAllWarnings(as: .error)])
    ]
)
