import Foundation
import FrugalCore
import FrugalSimulation

/// A simulated month on disk, in the compact binary form the run reads
/// back: the domains (one text line each), the counter readings (per
/// instant: the time, then one UInt64 per domain) and the requests (fixed
/// 88-byte records in start order).
struct MonthFiles {
    let directory: URL
    let domains: [Domain]
    let readingCount: Int
    let requestCount: Int
    let tenants: [String]
    let models: [String]
    let idlePowers: [Power]
    let pins: [String?]

    static let requestBytes = 88

    init(_ directory: URL) throws {
        self.directory = directory
        let lines = try String(contentsOf: directory.appendingPathComponent("domains.tsv"), encoding: .utf8)
            .split(separator: "\n").map { $0.split(separator: "\t", omittingEmptySubsequences: false).map(String.init) }
        var domains: [Domain] = []
        var idle: [Power] = []
        var pins: [String?] = []
        var tenants: [String] = []
        var models: [String] = []
        for fields in lines {
            switch fields[0] {
            case "domain":
                domains.append(
                    Domain(
                        id: DomainID(fields[1]), kind: DomainKind(rawValue: fields[2])!, name: fields[1],
                        source: "simulation", method: .energyCounter,
                        parent: fields[3].isEmpty ? nil : DomainID(fields[3]),
                        counterRangeMicrojoules: UInt64(fields[4]), location: fields[1]))
                idle.append(Power(microwatts: Int64(fields[5])!))
                pins.append(fields[6].isEmpty ? nil : fields[6])
            case "tenant": tenants.append(fields[1])
            case "model": models.append(fields[1])
            default: break
            }
        }
        self.domains = domains
        idlePowers = idle
        self.pins = pins
        self.tenants = tenants
        self.models = models
        let readingsSize =
            try FileManager.default.attributesOfItem(
                atPath: directory.appendingPathComponent("readings.bin").path)[.size] as! Int
        readingCount = readingsSize / (8 * (domains.count + 1))
        let requestsSize =
            try FileManager.default.attributesOfItem(
                atPath: directory.appendingPathComponent("requests.bin").path)[.size] as! Int
        requestCount = requestsSize / Self.requestBytes
    }

    /// The operator's configuration: idle powers and pins, as in the accuracy benchmark.
    var policy: AttributionPolicy {
        let reserved = Set(pins.compactMap { $0 })
        var policies: [DomainID: DomainPolicy] = [:]
        for (index, domain) in domains.enumerated() {
            var policy = DomainPolicy.defaults(for: domain.kind)
            policy.idlePower = idlePowers[index]
            if domain.kind == .gpu {
                if let pin = pins[index] { policy.models = [pin] } else { policy.excludedModels = reserved }
            }
            policies[domain.id] = policy
        }
        return AttributionPolicy(domains: policies)
    }

    static func generate(into directory: URL, days: Int, peakScale: Double) throws {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        var scenario = SimulationScenario.presets["many-models"]!
        scenario.name = "month"
        scenario.durationSeconds = days * 86_400
        scenario.stepMilliseconds = 1_000
        for index in scenario.tenants.indices { scenario.tenants[index].peakRequestsPerHour *= peakScale }
        let clock = ContinuousClock()
        let started = clock.now
        let result = try Simulation.run(scenario)
        print(
            "simulated \(days) days, \(result.requests.count) requests, \(result.readingCount) readings in \(clock.now - started)"
        )
        var text = ""
        for (index, simulated) in result.domains.enumerated() {
            let domain = simulated.domain
            let pin = domain.kind == .gpu ? scenario.hardware.gpus[index].pinnedModel ?? "" : ""
            text +=
                [
                    "domain", domain.id.rawValue, domain.kind.rawValue, domain.parent?.rawValue ?? "",
                    domain.counterRangeMicrojoules.map(String.init) ?? "",
                    String(Int64(simulated.idlePowerWatts * 1e6)), pin,
                ].joined(separator: "\t") + "\n"
        }
        for tenant in scenario.tenants { text += "tenant\t\(tenant.name)\n" }
        for model in scenario.models { text += "model\t\(model.name)\n" }
        try text.write(to: directory.appendingPathComponent("domains.tsv"), atomically: true, encoding: .utf8)
        try writeReadings(result, to: directory.appendingPathComponent("readings.bin"))
        try writeRequests(result, to: directory.appendingPathComponent("requests.bin"))
    }

    static func writeReadings(_ result: SimulationResult, to url: URL) throws {
        var data = Data(capacity: result.readingCount * 8 * (result.domains.count + 1))
        for k in 0..<result.readingCount {
            var time = result.sampleTime(k).nanosecondsSinceEpoch
            withUnsafeBytes(of: &time) { data.append(contentsOf: $0) }
            for d in result.domains.indices {
                var value = result.counterReadings[d][k]
                withUnsafeBytes(of: &value) { data.append(contentsOf: $0) }
            }
        }
        try data.write(to: url)
    }

    static func writeRequests(_ result: SimulationResult, to url: URL) throws {
        let records = result.requests.map { ($0, result.expectedRecord($0, format: .litellm)) }
            .sorted { ($0.1.start, $0.1.id) < ($1.1.start, $1.1.id) }
        var data = Data(capacity: records.count * requestBytes)
        for (simulated, record) in records {
            let key = simulated.key
            let high = UInt64(key.prefix(16), radix: 16)!
            let low = UInt64(key.suffix(16), radix: 16)!
            let fields: [Int64] = [
                record.start.nanosecondsSinceEpoch, record.firstToken?.nanosecondsSinceEpoch ?? .min,
                record.end.nanosecondsSinceEpoch, Int64(record.promptTokens ?? -1),
                Int64(record.completionTokens ?? -1),
                Int64(simulated.modelIndex), Int64(simulated.tenantIndex), Int64(record.status),
                record.streaming == true ? 1 : 0, Int64(bitPattern: high), Int64(bitPattern: low),
            ]
            for var field in fields { withUnsafeBytes(of: &field) { data.append(contentsOf: $0) } }
        }
        try data.write(to: url)
    }
}
