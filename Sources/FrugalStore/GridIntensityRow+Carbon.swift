import FrugalCore

/// Where a quarter's grid intensity came from, best first. The store keeps
/// every source but `cached` (a neighbour's value, only ever computed).
public enum GridIntensitySource: String, Hashable, Sendable, CaseIterable {
    /// RTE's consolidated or definitive value (`eco2mix-national-cons-def`).
    case consolidated
    /// RTE's real-time value (`eco2mix-national-tr`).
    case live
    /// The newest stored value of an earlier quarter, used while the feed lags.
    case cached
    /// The same quarter in the eCO2mix history bundled with Frugal (`Data/grid`).
    case historical
    /// The mean of the bundled history for the same quarter of day (month and
    /// weekday type when known).
    case historicalProfile = "historical_profile"
    /// The configured static factor (`carbon.static_g_per_kwh`).
    case `static`

    /// Higher is better: a row is replaced only by one of equal or higher rank.
    public var rank: Int {
        switch self {
        case .consolidated: 6
        case .live: 5
        case .cached: 4
        case .historical: 3
        case .historicalProfile: 2
        case .static: 1
        }
    }
}

/// One row of `grid_intensity`.
public struct GridIntensityRow: Hashable, Sendable {
    /// The grid zone ("FR").
    public var zone: String
    /// Start of the quarter hour (UTC, aligned to :00/:15/:30/:45).
    public var quarterStart: Timestamp
    /// Grams of CO2 per kWh (RTE's `taux_co2` for live and consolidated rows).
    public var gramsPerKilowattHour: Double
    public var source: GridIntensitySource
    /// When it was fetched, imported or filled.
    public var fetchedAt: Timestamp

    public init(
        zone: String, quarterStart: Timestamp, gramsPerKilowattHour: Double, source: GridIntensitySource,
        fetchedAt: Timestamp
    ) {
        precondition(quarterStart.nanosecondsSinceEpoch % 900_000_000_000 == 0, "a quarter starts on :00/:15/:30/:45")
        precondition(gramsPerKilowattHour.isFinite && gramsPerKilowattHour >= 0, "an intensity is a finite g/kWh ≥ 0")
        self.zone = zone
        self.quarterStart = quarterStart
        self.gramsPerKilowattHour = gramsPerKilowattHour
        self.source = source
        self.fetchedAt = fetchedAt
    }
}

/// What an upsert did with each row.
public struct GridUpsertReport: Hashable, Sendable {
    /// Quarters that had no row.
    public var inserted = 0
    /// Rows replaced by one of equal or better source (consolidated over live, live over a fallback).
    public var replaced = 0
    /// Rows identical to what was stored.
    public var unchanged = 0
    /// Rows refused because the store holds a better source (live never replaces consolidated).
    public var refused = 0

    public init() {}
}

/// One quarter's energy for one model and tenant (`usage_quarter`), with the
/// grid intensity stored for that quarter, if any.
public struct QuarterEnergyIntensity: Hashable, Sendable {
    public var host: String
    public var quarterStart: Timestamp
    public var model: String
    public var tenant: String
    public var requests: Int64
    public var promptTokens: Int64
    public var completionTokens: Int64
    /// Energy used in the quarter by requests' work.
    public var dynamic: Energy
    /// Idle energy allocated to the quarter's requests.
    public var idle: Energy
    /// The stored intensity, nil when the quarter has none (the caller falls back).
    public var gramsPerKilowattHour: Double?
    public var source: GridIntensitySource?

    public init(
        host: String, quarterStart: Timestamp, model: String, tenant: String, requests: Int64, promptTokens: Int64,
        completionTokens: Int64, dynamic: Energy, idle: Energy, gramsPerKilowattHour: Double?,
        source: GridIntensitySource?
    ) {
        self.host = host
        self.quarterStart = quarterStart
        self.model = model
        self.tenant = tenant
        self.requests = requests
        self.promptTokens = promptTokens
        self.completionTokens = completionTokens
        self.dynamic = dynamic
        self.idle = idle
        self.gramsPerKilowattHour = gramsPerKilowattHour
        self.source = source
    }

    public var total: Energy { dynamic + idle }
}

/// One request's energy in one quarter (`request_energy`), with that quarter's stored intensity.
public struct RequestQuarterEnergy: Hashable, Sendable {
    public var requestKey: Int64
    public var quarterStart: Timestamp
    public var dynamic: Energy
    public var idle: Energy
    public var gramsPerKilowattHour: Double?
    public var source: GridIntensitySource?

    public init(
        requestKey: Int64, quarterStart: Timestamp, dynamic: Energy, idle: Energy, gramsPerKilowattHour: Double?,
        source: GridIntensitySource?
    ) {
        self.requestKey = requestKey
        self.quarterStart = quarterStart
        self.dynamic = dynamic
        self.idle = idle
        self.gramsPerKilowattHour = gramsPerKilowattHour
        self.source = source
    }

    public var total: Energy { dynamic + idle }
}
