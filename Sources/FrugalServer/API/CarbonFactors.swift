/// The carbon factors the API needs beyond the stored quarter-hour
/// intensities: a fallback for quarters without one, the lifecycle factor
/// and each host's embodied emissions. FrugalCarbon provides the real ones;
/// `StaticCarbonFactors` holds published averages until it is wired in.
public protocol CarbonFactors: Sendable {
    /// Direct intensity for energy in quarters with no stored intensity.
    var fallbackDirect: IntensityFactor { get }
    /// Lifecycle (production, transport, distribution) intensity of the mix.
    var lifecycle: IntensityFactor { get }
    /// A host's embodied emissions amortised per hour, nil when not configured.
    func embodiedGramsPerHour(host: String) -> Double?
}

/// An intensity with where it comes from.
public struct IntensityFactor: Hashable, Sendable {
    public var gramsPerKWh: Double
    public var source: String

    public init(gramsPerKWh: Double, source: String) {
        self.gramsPerKWh = gramsPerKWh
        self.source = source
    }
}

/// Published French averages, marked as static factors in every figure.
public struct StaticCarbonFactors: CarbonFactors {
    public var fallbackDirect = IntensityFactor(gramsPerKWh: 32, source: "static:rte-eco2mix-2023-average")
    public var lifecycle = IntensityFactor(gramsPerKWh: 52, source: "static:ademe-base-empreinte-mix-moyen")
    public var embodiedGramsPerHourByHost: [String: Double] = [:]

    public init() {}

    public func embodiedGramsPerHour(host: String) -> Double? { embodiedGramsPerHourByHost[host] }
}
