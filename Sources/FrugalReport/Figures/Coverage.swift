import FrugalCore

/// What the figures cover and how good the data are.
public struct Coverage: Sendable, Codable, Hashable {
    /// True when a whole-node meter (`node` domain) is counted; false when the
    /// figures cover measured components only (CPU packages, DRAM, GPUs).
    public var wholeNode: Bool
    /// The kinds of the counted domains ("gpu", "package", …) and how many of each, sorted by kind.
    public var measuredKinds: [KindCount]
    /// The facility PUE applied, nil when none is (the default).
    public var powerUsageEffectiveness: Double?
    /// Idle energy is always in the totals; allocated to requests in the per-model figures.
    public var idleIncluded: Bool
    /// Share of idle energy in the measured energy.
    public var idleShare: Double?
    /// Share of the measured energy that no request could take (host busy with nothing).
    public var unattributedShare: Double?
    /// Time covered by samples / (hosts × elapsed part of the month).
    public var coverageFraction: Double?
    public var hosts: [HostLine]
    public var gapCount: Int64
    public var gapHours: Double
    /// Share of the energy converted with a fallback intensity (no quarter value).
    public var fallbackIntensityShare: Double?
    /// Where the quarter intensities came from, each with its share of the energy.
    public var intensitySources: [SourceShare]
    /// How the idle power was found, per source.
    public var idleSources: [String]

    public struct HostLine: Sendable, Codable, Hashable {
        public var host: String
        public var windows: Int64
        public var coveredHours: Double
        public var coverageFraction: Double
    }

    public struct KindCount: Sendable, Codable, Hashable {
        public var kind: String
        public var count: Int
    }

    public struct SourceShare: Sendable, Codable, Hashable {
        public var source: String
        public var energyShare: Double
        /// The energy-weighted mean intensity of this source's quarters (g/kWh).
        public var meanGramsPerKilowattHour: Double
    }
}

/// A factor with its source, as the annex lists it.
public struct SourcedFactor: Sendable, Codable, Hashable {
    public var name: String
    public var value: Double
    public var unit: String
    public var source: String

    public init(name: String, value: Double, unit: String, source: String) {
        self.name = name
        self.value = value
        self.unit = unit
        self.source = source
    }
}

/// A comparison a citizen understands, recomputed from an ADEME factor.
public struct Equivalence: Sendable, Codable, Hashable {
    /// Impact CO2 slug ("voiturethermique").
    public var slug: String
    /// "km en voiture thermique".
    public var label: String
    public var quantity: Double
    public var kilogramsPerUnit: Double
    /// Whether the CO2e compared is the lifecycle figure (else direct).
    public var fromLifecycle: Bool
    public var source: String
}

/// A recommendation computed from the month's data, with its expected saving.
public struct Recommendation: Sendable, Codable, Hashable {
    public enum Kind: String, Sendable, Codable, Hashable {
        case cheaperModel, consolidateGPUs, cleanHours, heavyTenant, heavyEndpoint
    }
    public var kind: Kind
    public var title: String
    public var text: String
    /// Energy saved per month if followed.
    public var savingEnergy: Energy?
    /// CO2e saved per month if followed (direct, grams).
    public var savingCO2eGrams: Double?
}
