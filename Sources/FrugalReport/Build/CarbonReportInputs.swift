import FrugalCarbon
import FrugalCore
import FrugalStore

/// The report's carbon inputs from FrugalCarbon: the fallbacks that need no
/// network (bundled eCO2mix history, its quarter-of-day profile, the static
/// factor), the lifecycle factor of `Data/factors/lifecycle.csv`, and the
/// EcoLogits-style estimate of the bundled model catalogue.
public struct CarbonReportInputs: ReportCarbon {
    public let zone: String
    let fallback: IntensityFallback
    let catalogue: ModelCatalogue

    /// `staticGramsPerKilowattHour`: `carbon.static_g_per_kwh` of the configuration.
    public init(zone: String = "FR", staticGramsPerKilowattHour: Double, catalogue: ModelCatalogue = .bundled) {
        self.zone = zone
        fallback = IntensityFallback(staticGramsPerKilowattHour: staticGramsPerKilowattHour)
        self.catalogue = catalogue
    }

    public func fallbackIntensity(at quarterStart: Timestamp) -> SourcedFactor? {
        let resolved = fallback.resolve(quarter: QuarterHour.index(quarterStart))
        return SourcedFactor(
            name: "Intensité de repli", value: resolved.gramsPerKilowattHour, unit: "gCO2e/kWh",
            source: resolved.source.rawValue)
    }

    public var lifecycleFactor: SourcedFactor? {
        let factor = CarbonFactor.franceLifecycle
        return SourcedFactor(
            name: "Électricité française, cycle de vie (\(factor.year.map(String.init) ?? "année inconnue"))",
            value: factor.gramsPerKilowattHour, unit: "gCO2e/kWh", source: factor.source)
    }

    public func estimatedEnergy(model: String, promptTokens: Int64, completionTokens: Int64) -> Energy? {
        catalogue.estimatedEnergy(model: model, completionTokens: completionTokens)
    }
}
