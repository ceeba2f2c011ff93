import FrugalCore

/// Real eCO2mix quarter hours shipped with Frugal (`Data/grid`, see its
/// SOURCE.md): RTE's `taux_co2` for the French grid, used for a quarter the
/// store has no value for, and to build the same-quarter-hour profile.
public struct BundledGridHistory: Sendable {
    /// Runs of consecutive quarters: the first quarter's number and the values (g/kWh).
    public let runs: [(firstQuarter: Int64, gramsPerKilowattHour: [Double])]

    /// The French history compiled into Frugal.
    public static let france = BundledGridHistory(runsCSV: runsCSV)

    /// From the `run_start_utc,values` text of `Data/grid/fr_taux_co2_runs.csv`.
    /// Lines that do not parse are a programmer error: the file is ours.
    public init(runsCSV text: String) {
        var runs: [(Int64, [Double])] = []
        for line in text.split(separator: "\n").dropFirst() where !line.isEmpty {
            let parts = line.split(separator: ",", maxSplits: 1)
            guard parts.count == 2, case .utc(let seconds)? = DateText.instant(parts[0]) else {
                preconditionFailure("bad line in the bundled grid history: \(line.prefix(40))")
            }
            let values = parts[1].split(separator: " ").map { Double($0)! }
            runs.append((seconds / 900, values))
        }
        self.runs = runs.sorted { $0.0 < $1.0 }
    }

    /// The value for one quarter, nil outside the history.
    public func gramsPerKilowattHour(quarter: Int64) -> Double? {
        var low = 0
        var high = runs.count
        while low < high {
            let mid = (low + high) / 2
            if runs[mid].firstQuarter <= quarter { low = mid + 1 } else { high = mid }
        }
        guard low > 0 else { return nil }
        let run = runs[low - 1]
        let offset = Int(quarter - run.firstQuarter)
        return offset < run.gramsPerKilowattHour.count ? run.gramsPerKilowattHour[offset] : nil
    }

    /// Every quarter as (number, g/kWh), in time order.
    public var quarters: [(quarter: Int64, gramsPerKilowattHour: Double)] {
        runs.flatMap { run in
            run.gramsPerKilowattHour.enumerated().map { (run.firstQuarter + Int64($0.offset), $0.element) }
        }
    }

    /// The span covered, as UTC quarter numbers `[first, last]`; nil when empty.
    public var span: ClosedRange<Int64>? {
        guard let first = runs.first, let last = runs.last else { return nil }
        return first.firstQuarter...(last.firstQuarter + Int64(last.gramsPerKilowattHour.count) - 1)
    }
}
