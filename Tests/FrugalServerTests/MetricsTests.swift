import Foundation
import FrugalCore
import FrugalServer
import FrugalStore
import Testing

@Suite struct MetricsTests {
    static let goldens = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Goldens")
    static var golden: URL { goldens.appendingPathComponent("metrics.prom") }

    func metrics(_ seeded: SeededStore, tenants: Bool = true) throws -> CostMetrics {
        let store = try SQLiteStore(path: seeded.path, options: .init(readOnly: true))
        return CostMetrics(
            store: store, pricing: CarbonPricing(store: store, zone: "FR", staticGramsPerKilowattHour: 40),
            tenantSeries: tenants, version: "test")
    }

    @Test func scrapeMatchesTheGolden() async throws {
        let seeded = try SeededStore()
        defer { seeded.remove() }
        let metrics = try metrics(seeded)
        try await metrics.refresh(now: TestServer.now)
        let text = Scrape.canonical(String(decoding: metrics.scrape(), as: UTF8.self))
        if ProcessInfo.processInfo.environment["FRUGAL_UPDATE_GOLDENS"] == "1" {
            try text.write(to: Self.golden, atomically: true, encoding: .utf8)
        }
        let golden = try String(contentsOf: Self.golden, encoding: .utf8)
        #expect(text == golden, "FRUGAL_UPDATE_GOLDENS=1 rewrites Goldens/metrics.prom; review the diff")
    }

    @Test func promtoolAcceptsTheGolden() async throws {
        guard let promtool = Tools.find("promtool") else {
            try Tools.skipUnlessRequired("promtool (Debian package prometheus)")
            return
        }
        let (status, output) = try Tools.run(promtool, ["check", "metrics"], stdin: Data(contentsOf: Self.golden))
        #expect(status == 0, "\(output)")
    }

    @Test func refreshesCountOnlyWhatChanged() async throws {
        let seeded = try SeededStore()
        defer { seeded.remove() }
        let metrics = try metrics(seeded)
        try await metrics.refresh(now: TestServer.now)
        try await metrics.refresh(now: TestServer.now)
        let before = Scrape.values(String(decoding: metrics.scrape(), as: UTF8.self))
        #expect(before["frugal_model_energy_joules_total{model=\"llama-3.1-8b\",part=\"dynamic\"}"] == 4_100)
        // The open minute grows by 1 J; a new quarter adds 10 J to mistral-small.
        try seeded.execute(
            """
            UPDATE rollup_minute SET energy_uj = energy_uj + 1000000 WHERE minute_start_ns = \(SeededStore.t0 + 120_000_000_000);
            INSERT INTO usage_quarter VALUES ('\(SeededStore.host)', \(SeededStore.q(3)), 'mistral-small', 'commune-a',
                1, 10, 10, 10000000, 0, x'');
            """)
        try await metrics.refresh(now: TestServer.now)
        let after = Scrape.values(String(decoding: metrics.scrape(), as: UTF8.self))
        let gpu = "frugal_domain_energy_joules_total{host=\"gpu-host-1\",domain=\"nvml:GPU-0\",kind=\"gpu\"}"
        #expect(after[gpu]! - before[gpu]! == 1)
        let mistral = "frugal_model_energy_joules_total{model=\"mistral-small\",part=\"dynamic\"}"
        #expect(after[mistral]! - before[mistral]! == 10)
        #expect(after["frugal_model_requests_total{model=\"llama-3.1-8b\"}"] == 4)
    }

    @Test func aScrapeOnlyFormats() async throws {
        let seeded = try SeededStore()
        defer { seeded.remove() }
        let metrics = try metrics(seeded)
        try await metrics.refresh(now: TestServer.now)
        let clock = ContinuousClock()
        let elapsed = clock.measure { for _ in 0..<1_000 { _ = metrics.scrape() } }
        // Release builds take ~0.03 ms (Benchmarks/api); a debug build stays well under 1 ms.
        #expect(elapsed / 1_000 < .milliseconds(1))
    }
}

/// Prometheus text, made comparable: swift-prometheus emits families in
/// dictionary order, so families and samples are sorted.
enum Scrape {
    static func canonical(_ text: String) -> String {
        var families: [String: (header: [String], samples: [String])] = [:]
        for line in text.split(separator: "\n").map(String.init) {
            let name: String
            if line.hasPrefix("# ") {
                name = String(line.split(separator: " ")[2])
                families[name, default: ([], [])].header.append(line)
            } else {
                name = String(line.prefix { $0 != "{" && $0 != " " })
                families[name, default: ([], [])].samples.append(line)
            }
        }
        return families.keys.sorted().map { name in
            let family = families[name]!
            return (family.header.sorted() + family.samples.sorted()).joined(separator: "\n")
        }.joined(separator: "\n") + "\n"
    }

    /// Sample → value.
    static func values(_ text: String) -> [String: Double] {
        var values: [String: Double] = [:]
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            guard let space = line.lastIndex(of: " ") else { continue }
            values[String(line[..<space])] = Double(line[line.index(after: space)...])
        }
        return values
    }
}
