import FrugalCore
import FrugalStore

/// Grams of CO2e from energy, summed per intensity source so that every
/// figure can say how much of it rests on which data.
public struct CarbonTally: Hashable, Sendable {
    /// Energy per source, µJ, indexed like `GridIntensitySource.allCases`.
    public private(set) var energyMicrojoulesBySource = [Int64](repeating: 0, count: GridIntensitySource.allCases.count)
    /// Grams of CO2e per source, indexed like `GridIntensitySource.allCases`.
    public private(set) var gramsBySource = [Double](repeating: 0, count: GridIntensitySource.allCases.count)

    public init() {}

    /// Grams of CO2e of `energyMicrojoules` at `gramsPerKilowattHour` (1 kWh = 3.6·10¹² µJ).
    @inline(__always)
    public static func grams(energyMicrojoules: Int64, gramsPerKilowattHour: Double) -> Double {
        Double(energyMicrojoules) / 3.6e12 * gramsPerKilowattHour
    }

    @inline(__always)
    public mutating func add(energyMicrojoules: Int64, intensity: ResolvedIntensity) {
        let slot = Self.slot(intensity.source)
        energyMicrojoulesBySource[slot] += energyMicrojoules
        gramsBySource[slot] += Self.grams(
            energyMicrojoules: energyMicrojoules, gramsPerKilowattHour: intensity.gramsPerKilowattHour)
    }

    /// Adds the energy of `[start, end)`, split pro rata across its quarters,
    /// each at its own intensity. Quarters outside `timeline` are a
    /// programmer error: build the timeline over the intervals' span.
    @inline(__always)
    public mutating func add(
        energyMicrojoules: Int64, startNanoseconds: Int64, endNanoseconds: Int64, timeline: IntensityTimeline
    ) {
        EnergySplit.forEachQuarter(
            energyMicrojoules: energyMicrojoules, startNanoseconds: startNanoseconds, endNanoseconds: endNanoseconds
        ) { quarter, part in
            guard let intensity = timeline.intensity(quarter: quarter) else {
                preconditionFailure("quarter \(quarter) outside the timeline")
            }
            add(energyMicrojoules: part, intensity: intensity)
        }
    }

    public var totalGrams: Double { gramsBySource.reduce(0, +) }
    public var totalEnergy: Energy { Energy(microjoules: energyMicrojoulesBySource.reduce(0, +)) }

    /// Sources that carried energy, with their energy and grams, best first.
    public var shares: [(source: GridIntensitySource, energy: Energy, grams: Double)] {
        GridIntensitySource.allCases.enumerated().compactMap { index, source in
            energyMicrojoulesBySource[index] == 0 && gramsBySource[index] == 0
                ? nil : (source, Energy(microjoules: energyMicrojoulesBySource[index]), gramsBySource[index])
        }
    }

    @inline(__always)
    static func slot(_ source: GridIntensitySource) -> Int {
        switch source {
        case .consolidated: 0
        case .live: 1
        case .cached: 2
        case .historical: 3
        case .historicalProfile: 4
        case .static: 5
        }
    }
}
