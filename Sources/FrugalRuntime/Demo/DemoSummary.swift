import FrugalCore
import FrugalSimulation
import FrugalStore

/// What the demo measured and attributed, read back from the store, beside
/// the simulator's truth.
public struct DemoSummary: Sendable {
    public struct DomainRow: Sendable {
        public var domain: Domain
        public var energy: Energy
        public var averagePower: Power
        public var samples: Int
    }

    public struct ModelRow: Sendable {
        public var model: String
        public var requests: Int
        public var promptTokens: Int64
        public var completionTokens: Int64
        public var dynamic: Energy
        public var idle: Energy
        public var medianCost: Energy?
        public var p90Cost: Energy?
        /// The simulator's true dynamic energy of the model's requests.
        public var trueDynamic: Energy
    }

    public var databasePath: String
    public var logPath: String
    public var duration: Duration
    public var domains: [DomainRow]
    public var gaps: Int
    public var windows: [WindowOutcome]
    public var models: [ModelRow]
    public var ingest: IngestTotals
    /// Per-request error of the attributed dynamic energy against the truth:
    /// median and 95th percentile of |attributed − true| / true.
    public var requestErrorMedian: Double?
    public var requestErrorP95: Double?

    static func make(
        store: SQLiteStore, simulation: SimulationResult, options: DemoRun.Options, windows: [WindowOutcome],
        domains: [Domain], ingest: IngestTotals
    ) throws -> DemoSummary {
        let start = DemoRun.start
        let end = start + .seconds(Int64(options.seconds) + 1)
        var gaps = 0
        let rows = try domains.map { domain in
            let usage = try store.usage(domain: domain.id, from: start, to: end)
            gaps += try store.gaps(domain: domain.id, from: start, to: end).count
            let average = usage.energy.averagePower(over: .seconds(Int64(options.seconds))) ?? .zero
            return DomainRow(domain: domain, energy: usage.energy, averagePower: average, samples: usage.sampleCount)
        }
        let totals = try store.requestTotals(host: DemoRun.host, from: start - .seconds(3_600), to: end)
        var truthByID: [String: Int64] = [:]
        var trueByModel: [String: Int64] = [:]
        for request in simulation.requests {
            let truth = simulation.truth.totalMicrojoules(request: request.index)
            truthByID[request.id] = truth
            trueByModel[request.model, default: 0] += truth
        }
        var errors: [Double] = []
        for row in totals {
            guard let truth = truthByID[row.id], truth > 0 else { continue }
            errors.append(abs(Double(row.dynamic.microjoules - truth)) / Double(truth))
        }
        errors.sort()
        return DemoSummary(
            databasePath: options.databasePath, logPath: options.logPath, duration: .seconds(Int64(options.seconds)),
            domains: rows, gaps: gaps, windows: windows,
            models: try modelRows(store: store, from: start, to: end, trueByModel: trueByModel), ingest: ingest,
            requestErrorMedian: errors.isEmpty ? nil : errors[errors.count / 2],
            requestErrorP95: errors.isEmpty ? nil : errors[min(errors.count - 1, errors.count * 95 / 100)])
    }

    private static func modelRows(
        store: SQLiteStore, from: Timestamp, to: Timestamp, trueByModel: [String: Int64]
    ) throws -> [ModelRow] {
        var rows: [String: ModelRow] = [:]
        var histograms: [String: EnergyHistogram] = [:]
        for usage in try store.quarterUsage(host: DemoRun.host, from: from - .seconds(900), to: to + .seconds(900)) {
            var row =
                rows[usage.model]
                ?? ModelRow(
                    model: usage.model, requests: 0, promptTokens: 0, completionTokens: 0, dynamic: .zero,
                    idle: .zero, medianCost: nil, p90Cost: nil,
                    trueDynamic: Energy(microjoules: trueByModel[usage.model] ?? 0))
            row.requests += usage.requests
            row.promptTokens += usage.promptTokens
            row.completionTokens += usage.completionTokens
            row.dynamic = row.dynamic + usage.dynamic
            row.idle = row.idle + usage.idle
            rows[usage.model] = row
            histograms[usage.model, default: EnergyHistogram()].merge(usage.costs)
        }
        return rows.values.sorted { $0.model < $1.model }.map { row in
            var row = row
            row.medianCost = histograms[row.model]?.quantile(0.5)
            row.p90Cost = histograms[row.model]?.quantile(0.9)
            return row
        }
    }
}
