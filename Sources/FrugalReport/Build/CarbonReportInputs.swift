import FrugalCarbon
import FrugalCore
import FrugalStore

/// The report's carbon inputs from FrugalCarbon: the fallbacks that need no
/// network (bundled eCO2mix history, its quarter-of-day profile, the static
/// factor), the lifecycle adder (`[carbon.upstream]`, else
/// `Data/factors/lifecycle.csv`), and the
/// EcoLogits-style estimate of the bundled model catalogue.
public struct CarbonReportInputs: ReportCarbon {
    public let zone: String
    let fallback: IntensityFallback
    let catalogue: ModelCatalogue
    let lifecycle: LifecycleIntensity

    /// `staticGramsPerKilowattHour`: `carbon.static_g_per_kwh` of the configuration; `lifecycle`:
    /// its `[carbon.upstream]` adder, else the bundled one.
    public init(
        zone: String = "FR", staticGramsPerKilowattHour: Double, catalogue: ModelCatalogue = .bundled,
        lifecycle: LifecycleIntensity = .france
    ) {
        self.zone = zone
        self.lifecycle = lifecycle
        fallback = IntensityFallback(staticGramsPerKilowattHour: staticGramsPerKilowattHour)
        self.catalogue = catalogue
    }

    public func fallbackIntensity(at quarterStart: Timestamp) -> SourcedFactor? {
        let quarter = QuarterHour.index(quarterStart)
        let resolved = fallback.resolve(quarter: quarter)
        var source = resolved.source.rawValue
        if resolved.source == .historicalProfile, let match = fallback.profile.match(quarter: quarter) {
            // Which month priced the quarter: the reader sees a summer month priced from summer days.
            switch match.basis {
            case .sameMonth: source += "-same-month"
            case .nearestMonth(let month): source += "-month-\(month)"
            case .allMonths: source += "-all-months"
            }
        }
        return SourcedFactor(
            name: "Intensité de repli", value: resolved.gramsPerKilowattHour, unit: "gCO2e/kWh", source: source)
    }

    public var lifecycleUpstream: SourcedFactor? {
        let factor = lifecycle.upstream
        // The bundled adder is EcoLogits' whole lifecycle figure: an upper bound, and said so.
        let bound = factor == CarbonFactor.franceUpstream ? " ; majorant" : ""
        return SourcedFactor(
            name: "Électricité française, cycle de vie : ajouté à l'intensité directe de chaque quart d'heure "
                + "(amont, construction, réseau\(bound)) (\(factor.year.map(String.init) ?? "année inconnue"))",
            value: factor.gramsPerKilowattHour, unit: "gCO2e/kWh", source: factor.source)
    }

    public func estimatedEnergy(model: String, promptTokens: Int64, completionTokens: Int64) -> Energy? {
        catalogue.estimatedEnergy(model: model, completionTokens: completionTokens)
    }
}
