import Foundation
import FrugalCore
import FrugalStore

/// A benchmark host's SQLite file, written fast: `domains` power domains at
/// 1 Hz, `requestsPerSecond` requests committed per minute, and one
/// attribution window per quarter hour whose shares split a fixed energy by
/// tokens (the benchmark measures the fleet database, not attribution).
enum BenchHost {
    static func write(
        name: String, path: String, start: Timestamp, seconds: Int, domains count: Int, requestsPerSecond: Int,
        seed: UInt64
    ) throws {
        for suffix in ["", "-wal", "-shm"] { unlink(path + suffix) }
        let store = try SQLiteStore(path: path, options: .init(timestampResolution: .microseconds(1)))
        defer { try? store.close() }
        let domains = (0..<count).map { index in
            Domain(
                id: DomainID(index < 2 ? "rapl:intel-rapl:\(index)" : "nvml:GPU-\(index)"),
                kind: index < 2 ? .package : .gpu, name: "domain-\(index)", source: index < 2 ? "rapl" : "nvml",
                method: index < 2 ? .energyCounter : .integratedPower, location: "d\(index)")
        }
        try store.registerHost(name: name, seenAt: start)
        try store.register(domains: domains, seenAt: start)
        var state = seed &* 0x9E37_79B9_7F4A_7C15 | 1
        func random(_ bound: Int64) -> Int64 {
            state ^= state << 13
            state ^= state >> 7
            state ^= state << 17
            return Int64(state % UInt64(bound))
        }
        var offset: Int64 = 0
        for minute in 0..<(seconds / 60) {
            let minuteStart = start + .seconds(minute * 60)
            var samples: [EnergySample] = []
            samples.reserveCapacity(60 * count)
            for second in 1...60 {
                for domain in domains {
                    samples.append(
                        EnergySample(
                            domain: domain.id, end: minuteStart + .seconds(second), elapsed: .seconds(1),
                            energy: Energy(microjoules: 100_000_000 + random(50_000_000))))
                }
            }
            try store.append(samples: samples, gaps: [])
            try store.flush()
            let records = (0..<(60 * requestsPerSecond)).map { index in
                let begin = minuteStart + .milliseconds(random(60_000))
                return RequestRecord(
                    id: "\(name)-\(minute)-\(index)", host: name, tenant: "commune:\(random(20))",
                    model: "model-\(random(4))", start: begin, end: begin + .milliseconds(200 + random(8_000)),
                    promptTokens: Int(20 + random(2_000)), completionTokens: Int(10 + random(600)), format: "litellm")
            }
            offset += Int64(records.count * 400)
            try store.commitIngest(
                IngestBatch(
                    source: "/var/log/litellm/proxy.log", format: "litellm", records: records,
                    linesRead: records.count,
                    offset: IngestOffset(
                        device: 1, inode: 1, head: [], offset: offset, format: "litellm", updatedAt: minuteStart)))
            if (minute + 1) % 15 == 0 || minute == seconds / 60 - 1 {
                try attribute(store, name: name, domains: domains, quarterOf: minuteStart)
            }
        }
    }

    private static func attribute(_ store: SQLiteStore, name: String, domains: [Domain], quarterOf instant: Timestamp)
        throws
    {
        let quarter = Int64(900_000_000_000)
        let start = Timestamp(
            nanosecondsSinceEpoch: instant.nanosecondsSinceEpoch - instant.nanosecondsSinceEpoch % quarter)
        let end = start + .seconds(900)
        let requests = try store.requests(host: name, overlapping: start, to: end)
        let shares = requests.map { request in
            let tokens = Int64((request.promptTokens ?? 0) + (request.completionTokens ?? 0))
            return AttributionWindowRecord.Share(
                start: request.start, id: request.id, dynamic: Energy(microjoules: tokens * 1_000),
                idle: Energy(microjoules: tokens * 300), method: "tokens",
                domains: domains.prefix(2).map {
                    ($0.id, Energy(microjoules: tokens * 500), Energy(microjoules: tokens * 150))
                })
        }
        try store.replaceAttributionWindow(
            AttributionWindowRecord(
                host: name, start: start, end: end, computedAt: end, clockOffset: .zero,
                clockOffsetSource: "none configured", covered: .seconds(900), requestCount: requests.count, books: [],
                shares: shares))
    }
}
