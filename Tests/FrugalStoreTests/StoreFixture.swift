import Foundation
import FrugalCore

@testable import FrugalStore

/// A fresh directory and store per test, with one host and two domains.
struct StoreFixture {
    static let gpu = DomainID("nvml:GPU-0")
    static let package = DomainID("rapl:intel-rapl:0")
    /// 2025-11-23 12:00:00 UTC, a minute boundary.
    static let t0 = Timestamp(secondsSinceEpoch: 1_763_899_200)

    let directory: URL
    var path: String { directory.appendingPathComponent("frugal.sqlite").path }

    init() throws {
        directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("frugal-store-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    static let domains = [
        Domain(id: gpu, kind: .gpu, name: "NVIDIA H100", source: "nvml", method: .energyCounter, location: "GPU-0"),
        Domain(
            id: package, kind: .package, name: "package-0", source: "rapl", method: .energyCounter,
            counterRangeMicrojoules: 262_143_328_850, location: "class/powercap/intel-rapl:0"),
    ]

    /// Opens the store and registers the host and both domains.
    func openStore(_ options: SQLiteStore.Options = .init()) throws -> SQLiteStore {
        let store = try SQLiteStore(path: path, options: options)
        if !options.readOnly {
            try store.registerHost(name: "test-host", seenAt: Self.t0)
            try store.register(domains: Self.domains, seenAt: Self.t0)
        }
        return store
    }

    /// One sample per second ending at t0 + `second` s, drawing `watts` W.
    static func sample(_ domain: DomainID = gpu, second: Int64, watts: Int64 = 80, wrapped: Bool = false)
        -> EnergySample
    {
        EnergySample(
            domain: domain, end: t0 + .seconds(second), elapsed: .seconds(1),
            energy: Energy(microjoules: watts * 1_000_000), wrapped: wrapped)
    }

    static func seconds(_ range: Range<Int64>, _ domain: DomainID = gpu, watts: Int64 = 80) -> [EnergySample] {
        range.map { sample(domain, second: $0, watts: watts) }
    }

    func remove() { try? FileManager.default.removeItem(at: directory) }
}
