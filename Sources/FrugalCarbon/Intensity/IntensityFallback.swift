import FrugalStore

/// A quarter's intensity and where it came from.
public struct ResolvedIntensity: Hashable, Sendable {
    /// Grams of CO2 per kWh.
    public var gramsPerKilowattHour: Double
    public var source: GridIntensitySource

    public init(gramsPerKilowattHour: Double, source: GridIntensitySource) {
        self.gramsPerKilowattHour = gramsPerKilowattHour
        self.source = source
    }
}

/// The fallbacks that need no network and no store, in order: the bundled
/// history's exact quarter, the same-quarter-hour profile, the static factor.
public struct IntensityFallback: Sendable {
    public let history: BundledGridHistory
    public let profile: QuarterProfile
    /// The configured static factor, g/kWh (`carbon.static_g_per_kwh`).
    public let staticGramsPerKilowattHour: Double

    public init(history: BundledGridHistory = .france, staticGramsPerKilowattHour: Double) {
        precondition(staticGramsPerKilowattHour.isFinite && staticGramsPerKilowattHour >= 0, "a static factor ≥ 0")
        self.history = history
        self.profile = QuarterProfile(history: history)
        self.staticGramsPerKilowattHour = staticGramsPerKilowattHour
    }

    /// The best fallback for a UTC quarter number.
    public func resolve(quarter: Int64) -> ResolvedIntensity {
        if let value = history.gramsPerKilowattHour(quarter: quarter) {
            return ResolvedIntensity(gramsPerKilowattHour: value, source: .historical)
        }
        if let value = profile.gramsPerKilowattHour(quarter: quarter) {
            return ResolvedIntensity(gramsPerKilowattHour: value, source: .historicalProfile)
        }
        return ResolvedIntensity(gramsPerKilowattHour: staticGramsPerKilowattHour, source: .static)
    }
}
