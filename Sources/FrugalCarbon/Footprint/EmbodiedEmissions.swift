/// A host's manufacturing (embodied) emissions, amortised per hour of its
/// life and reduced to the share of the machine reserved for inference.
/// Allocated to requests like idle energy: a quarter hour's share goes to
/// the requests of that quarter in proportion to the idle energy allocated
/// to them.
public struct EmbodiedEmissions: Hashable, Sendable {
    /// Manufacturing emissions of the whole host, kgCO2e.
    public var manufacturingKilograms: Double
    /// Years the host is expected to serve.
    public var lifetimeYears: Double
    /// Share of the host (0–1) reserved for inference.
    public var inferenceShare: Double

    public init(manufacturingKilograms: Double, lifetimeYears: Double, inferenceShare: Double) {
        precondition(manufacturingKilograms >= 0 && lifetimeYears > 0, "embodied needs kg ≥ 0 and a lifetime > 0")
        precondition((0...1).contains(inferenceShare), "an inference share is between 0 and 1")
        self.manufacturingKilograms = manufacturingKilograms
        self.lifetimeYears = lifetimeYears
        self.inferenceShare = inferenceShare
    }

    /// `[carbon.embodied]` as configured: nil when no manufacturing kgCO2e is set (0).
    public static func configured(manufacturingKilograms: Double, lifetimeYears: Double, inferenceShare: Double)
        -> EmbodiedEmissions?
    {
        manufacturingKilograms > 0
            ? EmbodiedEmissions(
                manufacturingKilograms: manufacturingKilograms, lifetimeYears: lifetimeYears,
                inferenceShare: inferenceShare) : nil
    }

    /// Hours in a Julian year (365.25 days), the amortisation's unit.
    public static let hoursPerYear = 8_766.0

    /// Grams of CO2e per hour of life for inference.
    public var gramsPerHour: Double {
        manufacturingKilograms * 1_000 * inferenceShare / (lifetimeYears * Self.hoursPerYear)
    }

    /// Grams of CO2e over `duration`.
    public func grams(over duration: Duration) -> Double {
        gramsPerHour * Double(duration.nanoseconds) / 3.6e12
    }

    /// A published default from `Data/factors/embodied.csv` (EcoLogits' server and GPU figures).
    public struct Preset: Hashable, Sendable {
        public var name: String
        public var manufacturingKilograms: Double
        public var lifetimeYears: Double
        public var composition: String
        public var source: String
    }

    /// The presets, in the file's order.
    public static let presets: [Preset] = FactorTables.rows(FactorTables.embodiedCSV).map { row in
        Preset(
            name: row["preset"]!, manufacturingKilograms: Double(row["manufacturing_kgco2e"]!)!,
            lifetimeYears: Double(row["lifetime_years"]!)!, composition: row["composition"]!, source: row["source"]!)
    }
}
