import FrugalCarbon
import FrugalCore
import FrugalStore

/// Prices energy the way `frugal carbon` and the report do, with
/// FrugalCarbon's quarter-hour intensities: the store's consolidated or live
/// value of each quarter, else `IntensityResolver`'s fallbacks in order
/// (cached, bundled history, same-quarter profile, `[carbon]
/// static_g_per_kwh`). It multiplies stored energy by an intensity and adds;
/// it computes no energy. Every result says which sources priced how much.
public struct CarbonPricing: Sendable {
    public let resolver: IntensityResolver
    /// The lifecycle (ACV) view: each quarter's direct intensity plus the
    /// upstream adder (`[carbon.upstream]`, else `Data/factors/lifecycle.csv`).
    public let lifecycle: LifecycleIntensity

    /// What E covers and the PUE applied to it (`[carbon] boundary`, `pue`).
    public let boundary: SCIBoundary
    /// `[carbon.embodied]`; nil when not configured.
    public let embodied: EmbodiedEmissions?
    /// `[carbon] lifecycle`: whether lifecycle grams are shown.
    public let showsLifecycle: Bool
    /// Where the async reads (`timeline`, `price`) find stored intensities;
    /// nil: the resolver's SQLite store (what `/metrics` reads synchronously).
    public let reading: (any CostReading)?

    /// `store` feeds the resolver's synchronous reads, `reading` the async
    /// ones (the API's, from SQLite or PostgreSQL); pass one of them.
    public init(
        store: SQLiteStore?, zone: String, staticGramsPerKilowattHour: Double, boundary: SCIBoundary = SCIBoundary(),
        embodied: EmbodiedEmissions? = nil, showsLifecycle: Bool = true, lifecycle: LifecycleIntensity = .france,
        reading: (any CostReading)? = nil
    ) {
        resolver = IntensityResolver(
            zone: zone, store: store,
            fallback: IntensityFallback(staticGramsPerKilowattHour: staticGramsPerKilowattHour))
        self.lifecycle = lifecycle
        self.reading = reading
        self.boundary = boundary
        self.embodied = embodied
        self.showsLifecycle = showsLifecycle
    }

    /// The same fallbacks, boundary and embodied emissions over another zone's stored intensities.
    func forZone(_ zone: String) -> CarbonPricing {
        CarbonPricing(
            store: resolver.store, zone: zone, staticGramsPerKilowattHour: resolver.fallback.staticGramsPerKilowattHour,
            boundary: boundary, embodied: embodied, showsLifecycle: showsLifecycle, lifecycle: lifecycle,
            reading: reading)
    }

    /// Every quarter starting in `[from, to)`, resolved: stored (read through
    /// `reading`, else the resolver's store), else the fallbacks.
    public func timeline(from: Timestamp, to: Timestamp) async throws -> IntensityTimeline {
        guard let reading else { return try resolver.timeline(from: from, to: to) }
        let range = resolver.storedRange(from: from, to: to)
        let stored = try await reading.gridIntensity(zone: resolver.zone, from: range.from, to: range.to)
        return resolver.timeline(from: from, to: to, stored: stored)
    }

    /// Energy with its direct CO2e, by the source that priced it (best first).
    public struct Priced: Sendable {
        public struct Share: Sendable {
            public var source: GridIntensitySource
            public var energy: Energy
            public var grams: Double
        }
        public var shares: [Share] = []

        public var grams: Double { shares.reduce(0) { $0 + $1.grams } }
        public var energy: Energy { shares.reduce(.zero) { $0 + $1.energy } }
        /// Grams per kWh over all the energy; nil without energy.
        public var gramsPerKilowattHour: Double? { energy.microjoules > 0 ? grams / energy.kilowattHours : nil }

        mutating func add(_ source: GridIntensitySource, _ energy: Energy, grams: Double) {
            if let index = shares.firstIndex(where: { $0.source == source }) {
                shares[index].energy += energy
                shares[index].grams += grams
            } else {
                shares.append(Share(source: source, energy: energy, grams: grams))
                shares.sort { $0.source.rank > $1.source.rank }
            }
        }
    }

    /// Prices the store's shares: feed-priced sums as stored, the other
    /// quarters resolved one by one over one timeline read.
    public func price(_ shares: [IntensityShare]) async throws -> Priced {
        let quarters = shares.compactMap(\.quarterStart)
        var timeline: IntensityTimeline?
        if let first = quarters.min(), let last = quarters.max() {
            timeline = try await self.timeline(from: first, to: last + .seconds(900))
        }
        var priced = Priced()
        for share in shares {
            if let quarter = share.quarterStart, let resolved = timeline?.intensity(at: quarter) {
                priced.add(
                    resolved.source, share.energy,
                    grams: CarbonTally.grams(
                        energyMicrojoules: share.energy.microjoules,
                        gramsPerKilowattHour: resolved.gramsPerKilowattHour))
            } else if let source = share.source.flatMap(GridIntensitySource.init(rawValue:)) {
                priced.add(source, share.energy, grams: share.co2eGrams)
            } else {
                preconditionFailure("the store sums only feed-priced energy without its quarter")
            }
        }
        return priced
    }

    /// The intensity of the quarter holding `t`, with its source, from the resolver's store.
    public func intensity(at t: Timestamp) throws -> ResolvedIntensity {
        try resolver.resolve(at: t)
    }

    /// The same, through `reading` when set.
    public func resolvedIntensity(at t: Timestamp) async throws -> ResolvedIntensity {
        try await timeline(from: t, to: t + .nanoseconds(1)).intensity(at: t)!
    }

    /// Lifecycle grams of `energy` whose direct grams are `directGrams`.
    public func lifecycleGrams(directGrams: Double, energy: Energy) -> Double {
        lifecycle.grams(directGrams: directGrams, energy: energy)
    }
}
