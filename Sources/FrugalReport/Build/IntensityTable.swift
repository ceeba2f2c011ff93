import FrugalCore
import FrugalStore

/// The grid intensity of each quarter, with the fallbacks in order: the
/// store's value for that quarter, the carbon provider's fallback, then the
/// mean of the known quarters of the period. CO2e is always energy of a
/// quarter × intensity of that quarter, never a monthly mean applied after.
struct IntensityTable {
    struct Value {
        var gramsPerKilowattHour: Double
        var source: String
        var isFallback: Bool
    }

    /// Label of the last-resort fallback (mean of the known quarters).
    static let knownMeanSource = "moyenne des quarts d'heure connus"

    private let values: [Int64: ReportRows.Intensity]
    private let carbon: any ReportCarbon
    private let knownMean: Double?

    init(rows: [ReportRows.Intensity], carbon: any ReportCarbon) {
        var values: [Int64: ReportRows.Intensity] = [:]
        values.reserveCapacity(rows.count)
        for row in rows { values[row.quarterStart.nanosecondsSinceEpoch] = row }
        self.values = values
        self.carbon = carbon
        knownMean = rows.isEmpty ? nil : rows.reduce(0) { $0 + $1.gramsPerKilowattHour } / Double(rows.count)
    }

    /// The stored value of a quarter, without fallback.
    func stored(_ quarterStart: Timestamp) -> ReportRows.Intensity? { values[quarterStart.nanosecondsSinceEpoch] }

    /// The intensity to use for a quarter; nil only when nothing at all is known.
    func value(at quarterStart: Timestamp) -> Value? {
        if let row = values[quarterStart.nanosecondsSinceEpoch] {
            return Value(gramsPerKilowattHour: row.gramsPerKilowattHour, source: row.source, isFallback: false)
        }
        if let factor = carbon.fallbackIntensity(at: quarterStart) {
            return Value(gramsPerKilowattHour: factor.value, source: factor.source, isFallback: true)
        }
        return knownMean.map { Value(gramsPerKilowattHour: $0, source: Self.knownMeanSource, isFallback: true) }
    }

    /// Grams of CO2e for `energy` used in the quarter; 0 when nothing is known
    /// (the caller's ledger counts that energy as unconverted).
    func grams(_ energy: Energy, at quarterStart: Timestamp) -> Double {
        guard let value = value(at: quarterStart) else { return 0 }
        return energy.kilowattHours * value.gramsPerKilowattHour
    }
}

/// Energy per intensity source, for the coverage section.
struct IntensityLedger {
    private(set) var energyBySource: [String: Int64] = [:]
    private(set) var gramsBySource: [String: Double] = [:]
    private(set) var fallbackMicrojoules: Int64 = 0
    private(set) var unconvertedMicrojoules: Int64 = 0
    private(set) var totalMicrojoules: Int64 = 0

    mutating func add(_ energy: Energy, _ value: IntensityTable.Value?) {
        totalMicrojoules += energy.microjoules
        guard let value else {
            unconvertedMicrojoules += energy.microjoules
            return
        }
        energyBySource[value.source, default: 0] += energy.microjoules
        gramsBySource[value.source, default: 0] += energy.kilowattHours * value.gramsPerKilowattHour
        if value.isFallback { fallbackMicrojoules += energy.microjoules }
    }

    func share(_ microjoules: Int64) -> Double? {
        totalMicrojoules > 0 ? Double(microjoules) / Double(totalMicrojoules) : nil
    }

    var sources: [Coverage.SourceShare] {
        energyBySource.sorted { $0.value > $1.value }.map {
            Coverage.SourceShare(
                source: $0.key, energyShare: share($0.value) ?? 0,
                meanGramsPerKilowattHour: $0.value > 0
                    ? (gramsBySource[$0.key] ?? 0) / Energy(microjoules: $0.value).kilowattHours : 0)
        }
    }
}
