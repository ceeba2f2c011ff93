import FrugalCore

/// The lifecycle (ACV) intensity of grid electricity, quarter by quarter:
/// the quarter's direct intensity (RTE `taux_co2`, combustion at the plants
/// only) plus the emissions the direct figure leaves out (fuel upstream, plant
/// construction, grid), per kWh. Adding, rather than applying one yearly
/// lifecycle mean, keeps lifecycle ≥ direct in every quarter and for every
/// provenance (live, consolidated, cached, history, profile, static).
public struct LifecycleIntensity: Hashable, Sendable {
    /// The adder, g/kWh, with its source.
    public let upstream: CarbonFactor

    public init(upstream: CarbonFactor) {
        precondition(
            upstream.gramsPerKilowattHour.isFinite && upstream.gramsPerKilowattHour >= 0,
            "an upstream adder is a finite, non-negative g/kWh")
        self.upstream = upstream
    }

    /// French grid electricity, with the adder of `Data/factors/lifecycle.csv`.
    public static let france = LifecycleIntensity(upstream: .franceUpstream)

    /// The lifecycle g/kWh of a quarter whose direct intensity is `direct`.
    @inline(__always)
    public func gramsPerKilowattHour(direct: Double) -> Double {
        direct + upstream.gramsPerKilowattHour
    }

    /// The lifecycle intensity of a resolved quarter, with the same provenance.
    public func resolve(_ direct: ResolvedIntensity) -> ResolvedIntensity {
        ResolvedIntensity(
            gramsPerKilowattHour: gramsPerKilowattHour(direct: direct.gramsPerKilowattHour), source: direct.source)
    }

    /// Lifecycle grams of `energy` whose direct emissions are `directGrams`
    /// (summed quarter by quarter): the adder is the same in every quarter,
    /// so it applies to the total energy at once.
    public func grams(directGrams: Double, energy: Energy) -> Double {
        directGrams + energy.kilowattHours * upstream.gramsPerKilowattHour
    }
}
