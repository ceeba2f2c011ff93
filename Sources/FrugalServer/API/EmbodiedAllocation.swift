import FrugalCarbon
import FrugalCore
import FrugalStore

/// M of SCI for the API: each (host, quarter) with attributed energy carries
/// a quarter hour of the host's embodied emissions (`[carbon.embodied]`),
/// shared among that quarter's usage like idle energy (FrugalCarbon's
/// `SCI.embodiedShare`, as `frugal carbon footprint`).
struct EmbodiedAllocation: Sendable {
    /// Grams of one host's quarter hour; 0 when embodied is not configured.
    let quarterGrams: Double
    /// Per host and quarter start (ns): the idle and total µJ attributed in all.
    private var hosts: [String: [Int64: (idle: Int64, total: Int64)]] = [:]

    /// `rows`: every usage row of the quarters and hosts asked about, for all
    /// models and tenants (the denominators are the host's whole quarter).
    init(embodied: EmbodiedEmissions?, rows: [QuarterEnergyIntensity]) {
        quarterGrams = embodied.map { $0.grams(over: .seconds(900)) } ?? 0
        guard quarterGrams > 0 else { return }
        for row in rows {
            hosts[row.host, default: [:]][row.quarterStart.nanosecondsSinceEpoch, default: (0, 0)].idle +=
                row.idle.microjoules
            hosts[row.host, default: [:]][row.quarterStart.nanosecondsSinceEpoch, default: (0, 0)].total +=
                row.total.microjoules
        }
    }

    /// Embodied grams carried by `idle` / `total` energy of `host` in the quarter starting at `quarter`.
    func grams(host: String, quarter: Timestamp, idle: Energy, total: Energy) -> Double {
        guard quarterGrams > 0, let sums = hosts[host]?[quarter.nanosecondsSinceEpoch] else { return 0 }
        return SCI.embodiedShare(
            of: quarterGrams, idle: idle, total: total, hostIdle: sums.idle, hostTotal: sums.total)
    }

    /// Embodied grams of the rows `key` names, by that name (rows it gives nil are skipped).
    func grams(_ rows: [QuarterEnergyIntensity], by key: (QuarterEnergyIntensity) -> String?) -> [String: Double] {
        var out: [String: Double] = [:]
        guard quarterGrams > 0 else { return out }
        for row in rows {
            guard let name = key(row) else { continue }
            out[name, default: 0] += grams(host: row.host, quarter: row.quarterStart, idle: row.idle, total: row.total)
        }
        return out
    }
}
