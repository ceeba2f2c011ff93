import Foundation
import FrugalCore
import FrugalStore

/// One simulated host writing its own SQLite store the way the daemon does:
/// samples at 1 Hz flushed every 10 s, gateway requests committed per minute
/// through `commitIngest`, a quarantined line now and then, gaps, and
/// attribution per quarter hour through the real `Attributor` and
/// `replaceAttributionWindow` (re-running the previous window too).
final class HostSimulator: @unchecked Sendable {
    let name: String
    let path: String
    let store: SQLiteStore
    let domains: [Domain]
    private(set) var now: Timestamp
    private var rng: UInt64
    private var offset: Int64 = 0
    var attributedThroughValue: Timestamp
    let firstQuarter: Timestamp
    private var computedAt: Int64 = 1_000

    static let layouts: [[Domain]] = [
        [
            domain("rapl:intel-rapl:0", .package, "package-0", "rapl"),
            domain("rapl:intel-rapl:0:0", .core, "core", "rapl", parent: "rapl:intel-rapl:0"),
            domain("rapl:intel-rapl:1", .dram, "dram", "rapl"),
        ],
        [
            domain("rapl:intel-rapl:0", .package, "package-0", "rapl"),
            domain("rapl:intel-rapl:1", .package, "package-1", "rapl"),
            domain("nvml:GPU-aaaa", .gpu, "NVIDIA L40S", "nvml"),
        ],
        [
            domain("hwmon:psys", .psys, "psys", "hwmon"),
            domain("nvml:GPU-bbbb", .gpu, "NVIDIA H100", "nvml"),
            domain("nvml:GPU-cccc", .gpu, "NVIDIA H100", "nvml"),
        ],
    ]

    static func domain(_ id: String, _ kind: DomainKind, _ name: String, _ source: String, parent: DomainID? = nil)
        -> Domain
    {
        Domain(
            id: DomainID(id), kind: kind, name: name, source: source,
            method: source == "nvml" ? .integratedPower : .energyCounter, parent: parent,
            counterRangeMicrojoules: source == "rapl" ? 262_143_328_850 : nil, location: id)
    }

    init(name: String, directory: String, layout: Int, seed: UInt64, start: Timestamp) throws {
        self.name = name
        path = directory + "/\(name).db"
        store = try SQLiteStore(path: path)
        domains = Self.layouts[layout % Self.layouts.count]
        now = start
        attributedThroughValue = start
        firstQuarter = start
        rng = seed &* 0x9E37_79B9_7F4A_7C15 | 1
        try store.registerHost(name: name, seenAt: start)
        try store.register(domains: domains, seenAt: start)
    }

    /// A computation time that only grows (the daemon's clock at each run).
    func nextComputedAt() -> Timestamp {
        computedAt += 1
        return Timestamp(nanosecondsSinceEpoch: computedAt)
    }

    private func random(_ range: Range<Int64>) -> Int64 {
        // splitmix64: seeded, so every run writes the same data.
        rng &+= 0x9E37_79B9_7F4A_7C15
        var z = rng
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        z ^= z >> 31
        return range.lowerBound + Int64(z % UInt64(range.upperBound - range.lowerBound))
    }

    /// Writes `minutes` more minutes of samples and requests, then attributes
    /// every quarter hour that ended.
    func advance(minutes: Int) throws {
        for _ in 0..<minutes {
            try writeMinute()
            try attributeEndedQuarters()
        }
    }

    private func writeMinute() throws {
        let minuteStart = now
        for tenSeconds in 0..<6 {
            var samples: [EnergySample] = []
            for second in 1...10 {
                let end = minuteStart + .seconds(tenSeconds * 10 + second)
                for (index, domain) in domains.enumerated() {
                    let watts = (domain.kind == .gpu ? 150 : 30) + random(0..<40) + Int64(index)
                    samples.append(
                        EnergySample(
                            domain: domain.id, end: end, elapsed: .seconds(1), energy: Energy(joules: Double(watts)),
                            wrapped: random(0..<500) == 0))
                }
            }
            let gaps =
                tenSeconds == 3 && random(0..<10) == 0
                ? [
                    SampleGap(
                        domain: domains[0].id, start: minuteStart + .seconds(30), end: minuteStart + .seconds(31),
                        reason: .readFailed, detail: "EIO")
                ] : []
            try store.append(samples: samples, gaps: gaps)
            try store.flush()
        }
        try commitRequests(minuteStart: minuteStart)
        now = minuteStart + .seconds(60)
    }

    private func commitRequests(minuteStart: Timestamp) throws {
        var records: [RequestRecord] = []
        let models = ["mistral-small", "llama-3.1-8b", "qwen-2.5-32b"]
        for index in 0..<Int(random(10..<30)) {
            let start = minuteStart + .milliseconds(random(0..<60_000))
            let prompt = Int(random(20..<2_000))
            records.append(
                RequestRecord(
                    id: "\(name)-\(minuteStart.nanosecondsSinceEpoch / 60_000_000_000)-\(index)", host: name,
                    tenant: "commune:\(random(1..<6))", model: models[Int(random(0..<3))], start: start,
                    firstToken: start + .milliseconds(random(50..<500)),
                    end: start + .milliseconds(random(500..<25_000)),
                    promptTokens: prompt, completionTokens: random(0..<8) == 0 ? nil : Int(random(10..<800)),
                    status: 200, streaming: true, format: "litellm", endpoint: "/v1/chat/completions"))
        }
        let line = Array("{\"truncated\": ".utf8)
        let rejected = line.withUnsafeBytes { bytes in
            QuarantinedLine(
                file: "proxy.log", lineOffset: offset, format: "litellm", reason: "truncated", field: nil,
                message: "line ends inside an object", line: bytes, seenAt: minuteStart)
        }
        offset += Int64(records.count * 300 + line.count)
        let batch = IngestBatch(
            source: "/var/log/litellm/proxy.log", format: "litellm", records: records,
            rejected: random(0..<4) == 0 ? [rejected] : [], linesRead: records.count + 1,
            offset: IngestOffset(
                device: 2049, inode: 77, head: Array("{\"id\"".utf8), offset: offset, format: "litellm",
                updatedAt: minuteStart + .seconds(60)))
        try store.commitIngest(batch)
    }
}
