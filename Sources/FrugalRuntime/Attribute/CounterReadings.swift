import FrugalCore

/// Counter readings from a CSV file, the batch-attribution input:
///
/// ```
/// timestamp_ns,domain,energy_uj[,range_uj]
/// 1791784800000000000,nvml:GPU-0,123456789
/// ```
///
/// One reading per domain and instant; `range_uj` (optional) is the wrap
/// range of a RAPL-like counter. The header line is optional. Domains' kinds
/// come from their ids: `nvml:`/`gpu` → GPU, `dram` → DRAM, `core`/`uncore`,
/// `psys`, `node`/`power_meter` → whole node, otherwise a CPU package.
public struct CounterReadings: Sendable {
    public struct Reading: Hashable, Sendable {
        public var time: Timestamp
        public var domain: DomainID
        public var value: UInt64
        public var range: UInt64?
    }

    /// A line that could not be read, with its number (1-based) and why.
    public struct LineError: Error, Hashable, Sendable, CustomStringConvertible {
        public var line: Int
        public var message: String
        public var description: String { "line \(line): \(message)" }
    }

    public var readings: [Reading]
    public var errors: [LineError]

    public init(csv text: String) {
        readings = []
        errors = []
        for (offset, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.hasSuffix("\r") ? raw.dropLast() : raw
            if line.isEmpty || (offset == 0 && line.hasPrefix("timestamp_ns")) { continue }
            let fields = line.split(separator: ",", omittingEmptySubsequences: false)
            guard fields.count == 3 || fields.count == 4 else {
                errors.append(LineError(line: offset + 1, message: "expected timestamp_ns,domain,energy_uj[,range_uj]"))
                continue
            }
            guard let ns = Int64(fields[0]), ns > 0 else {
                errors.append(
                    LineError(line: offset + 1, message: "timestamp_ns \(fields[0]) is not a positive integer"))
                continue
            }
            guard !fields[1].isEmpty else {
                errors.append(LineError(line: offset + 1, message: "empty domain"))
                continue
            }
            guard let value = UInt64(fields[2]) else {
                errors.append(
                    LineError(line: offset + 1, message: "energy_uj \(fields[2]) is not a non-negative integer"))
                continue
            }
            let range = fields.count == 4 && !fields[3].isEmpty ? UInt64(fields[3]) : nil
            if fields.count == 4 && !fields[3].isEmpty && range == nil {
                errors.append(LineError(line: offset + 1, message: "range_uj \(fields[3]) is not an integer"))
                continue
            }
            readings.append(
                Reading(
                    time: Timestamp(nanosecondsSinceEpoch: ns), domain: DomainID(String(fields[1])), value: value,
                    range: range))
        }
    }

    /// The domains named, with kinds from their ids.
    public var domains: [Domain] {
        let ids = Set(readings.map(\.domain)).sorted()
        return ids.map { id in
            let range = readings.first { $0.domain == id && $0.range != nil }?.range
            return Domain(
                id: id, kind: Self.kind(of: id.rawValue), name: id.rawValue, source: "csv", method: .energyCounter,
                counterRangeMicrojoules: range, location: id.rawValue)
        }
    }

    static func kind(of id: String) -> DomainKind {
        let lower = id.lowercased()
        if lower.hasPrefix("nvml:") || lower.contains("gpu") { return .gpu }
        if lower.contains("dram") { return .dram }
        if lower.contains("uncore") { return .uncore }
        if lower.contains("core") { return .core }
        if lower.contains("psys") { return .psys }
        if lower.contains("node") || lower.contains("power_meter") { return .node }
        return .package
    }

    /// The readings as energy intervals, through the sampler's own trackers:
    /// wraps handled, resets and impossible steps turned into gaps.
    public func intervals(maxDomainPower: Power) -> (samples: [EnergySample], gaps: [SampleGap]) {
        var samples: [EnergySample] = []
        var gaps: [SampleGap] = []
        let byDomain = Dictionary(grouping: readings, by: \.domain)
        for domain in domains {
            var counter = EnergyCounter(range: domain.counterRangeMicrojoules)
            var previous: Timestamp?
            for reading in (byDomain[domain.id] ?? []).sorted(by: { $0.time < $1.time }) {
                defer { previous = reading.time }
                guard let last = previous else {
                    _ = counter.update(reading.value)
                    continue
                }
                let elapsed = reading.time - last
                switch counter.update(reading.value, maxPlausible: maxDomainPower.energy(over: elapsed)) {
                case .firstSample: break
                case .delta(let e), .wrappedDelta(let e):
                    samples.append(EnergySample(domain: domain.id, end: reading.time, elapsed: elapsed, energy: e))
                case .reset(let p, let c):
                    gaps.append(
                        SampleGap(
                            domain: domain.id, start: last, end: reading.time, reason: .counterReset,
                            detail: "\(p) → \(c) µJ"))
                }
            }
        }
        return (samples, gaps)
    }
}
