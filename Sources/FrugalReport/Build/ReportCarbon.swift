import FrugalCore

/// What the report needs from the carbon side, beside the quarter intensities
/// it reads from the store's `grid_intensity`. FrugalCarbon's providers adapt
/// to this (see `frugal report`); tests pass fixed values.
public protocol ReportCarbon: Sendable {
    /// The grid zone whose quarter intensities the store holds ("FR").
    var zone: String { get }
    /// The intensity for a quarter the store has no value for (g/kWh) and its
    /// source; nil when there is none, so the month's known mean is used.
    func fallbackIntensity(at quarterStart: Timestamp) -> SourcedFactor?
    /// What a kWh of grid electricity emits beyond its direct intensity
    /// (upstream, infrastructure), g/kWh: added to each quarter's direct
    /// intensity for the lifecycle (ACV) figure, so lifecycle ≥ direct; nil
    /// when unknown (no lifecycle figure is shown).
    var lifecycleUpstream: SourcedFactor? { get }
    /// An EcoLogits-style estimate of one request's energy; nil for a model
    /// outside the catalogue.
    func estimatedEnergy(model: String, promptTokens: Int64, completionTokens: Int64) -> Energy?
}

/// Fixed carbon inputs: a static fallback and lifecycle adder, no estimates.
public struct StaticReportCarbon: ReportCarbon {
    public var zone: String
    public var fallback: SourcedFactor?
    public var lifecycleUpstream: SourcedFactor?

    public init(zone: String = "FR", fallback: SourcedFactor? = nil, lifecycleUpstream: SourcedFactor? = nil) {
        self.zone = zone
        self.fallback = fallback
        self.lifecycleUpstream = lifecycleUpstream
    }

    public func fallbackIntensity(at quarterStart: Timestamp) -> SourcedFactor? { fallback }

    public func estimatedEnergy(model: String, promptTokens: Int64, completionTokens: Int64) -> Energy? { nil }
}
