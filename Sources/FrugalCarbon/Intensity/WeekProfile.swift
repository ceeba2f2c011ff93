import FrugalCore
import FrugalStore

/// When the grid is cleanest: the mean intensity of each hour of each
/// weekday (Europe/Paris) over recent weeks of measured quarters, for ops
/// who can move deferrable work (batch inference, embeddings, fine-tuning).
///
/// Only measured values count: RTE's consolidated and real-time quarters and
/// the bundled eCO2mix history. Fallback rows (`historical_profile`,
/// `static`) are themselves averages or constants, and a profile of them
/// would only describe the fallback.
public struct WeekProfile: Sendable {
    /// One hour of one weekday.
    public struct Cell: Hashable, Sendable {
        /// 0 = Monday … 6 = Sunday.
        public var weekday: Int
        /// 0–23, local.
        public var hour: Int
        /// Mean of the measured quarters in that hour, gCO2/kWh.
        public var meanGramsPerKilowattHour: Double
        /// How many quarters the mean is over.
        public var quarters: Int
    }

    /// A run of consecutive local hours of one weekday.
    public struct Window: Hashable, Sendable {
        public var weekday: Int
        /// First hour (local) of the window.
        public var startHour: Int
        public var hours: Int
        public var meanGramsPerKilowattHour: Double
    }

    /// Cells with at least one quarter, by weekday then hour.
    public let cells: [Cell]
    /// Measured quarters used, by source (`consolidated`, `live`, `historical`).
    public let quartersBySource: [String: Int]
    /// Mean over every measured quarter, gCO2/kWh.
    public let meanGramsPerKilowattHour: Double?
    /// The cells' means by weekday × 24 + hour.
    private let means: [Int: Double]

    static let measuredSources: Set<GridIntensitySource> = [.consolidated, .live, .historical]

    public init(rows: [GridIntensityRow]) {
        var sums: [Int: (total: Double, count: Int)] = [:]
        var bySource: [String: Int] = [:]
        var total = 0.0
        for row in rows where Self.measuredSources.contains(row.source) {
            let local = EuropeParis.local(row.quarterStart)
            let key = local.date.weekday * 24 + Int(local.secondOfDay / 3_600)
            sums[key, default: (0, 0)].total += row.gramsPerKilowattHour
            sums[key, default: (0, 0)].count += 1
            bySource[row.source.rawValue, default: 0] += 1
            total += row.gramsPerKilowattHour
        }
        let means = sums.mapValues { $0.total / Double($0.count) }
        self.means = means
        cells = sums.keys.sorted().map { key in
            Cell(
                weekday: key / 24, hour: key % 24,
                meanGramsPerKilowattHour: means[key]!,
                quarters: sums[key]!.count)
        }
        quartersBySource = bySource
        let count = bySource.values.reduce(0, +)
        meanGramsPerKilowattHour = count > 0 ? total / Double(count) : nil
    }

    /// The mean of one hour of one weekday, nil when no quarter was measured then.
    public func mean(weekday: Int, hour: Int) -> Double? {
        means[weekday * 24 + hour]
    }

    /// The `count` cleanest windows of `hours` consecutive hours within one
    /// weekday, every hour of which was measured, cleanest first; at most one
    /// window per weekday, so the answer spreads over the week.
    public func cleanestWindows(hours: Int, count: Int) -> [Window] {
        precondition((1...24).contains(hours), "a window is 1 to 24 hours")
        var best: [Window] = []
        for weekday in 0..<7 {
            var bestOfDay: Window?
            for start in 0...(24 - hours) {
                let values = (start..<(start + hours)).compactMap { means[weekday * 24 + $0] }
                guard values.count == hours else { continue }
                let mean = values.reduce(0, +) / Double(hours)
                if mean < bestOfDay?.meanGramsPerKilowattHour ?? .infinity {
                    bestOfDay = Window(weekday: weekday, startHour: start, hours: hours, meanGramsPerKilowattHour: mean)
                }
            }
            if let bestOfDay { best.append(bestOfDay) }
        }
        return Array(best.sorted { $0.meanGramsPerKilowattHour < $1.meanGramsPerKilowattHour }.prefix(count))
    }

    /// The hour of the week with the highest mean: when not to run deferrable work.
    public var dirtiest: Cell? { cells.max { $0.meanGramsPerKilowattHour < $1.meanGramsPerKilowattHour } }

    /// English weekday names, Monday first (`frugal` speaks English to ops, French to élus).
    public static let weekdayNames = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
}
