import FrugalCore

/// What the cost API and `/metrics` ask of the attribution tables: a window
/// of quarter hours and optional filters. Every figure is read from the
/// `usage_quarter` rollup except single requests and request pages.
public struct CostQuery: Hashable, Sendable {
    /// Quarters starting in `[from, to)`.
    public var from: Timestamp
    public var to: Timestamp
    public var host: String?
    public var model: String?
    public var tenant: String?
    /// The grid zone whose intensity prices each quarter (`grid_intensity.zone`).
    public var zone: String

    public init(
        from: Timestamp, to: Timestamp, host: String? = nil, model: String? = nil, tenant: String? = nil,
        zone: String = "FR"
    ) {
        precondition(from <= to, "a cost window ends after it starts")
        self.from = from
        self.to = to
        self.host = host
        self.model = model
        self.tenant = tenant
        self.zone = zone
    }
}

/// How usage rows are summed.
public enum UsageGrouping: String, Sendable, CaseIterable {
    case model, tenant, host
}

/// Energy that met one intensity source (or none), and its direct CO2e.
/// Energy priced by the feed (`live`, `consolidated`) is summed per source;
/// the rest comes one quarter at a time (`quarterStart`), for the reader to
/// resolve with its fallbacks (cached, bundled history, profile, static).
public struct IntensityShare: Hashable, Sendable {
    /// `grid_intensity.source`; nil for quarters with no intensity stored.
    public var source: String?
    /// The quarter, when `source` is not the feed's (none, or a stored fallback).
    public var quarterStart: Timestamp?
    /// Full energy (dynamic + idle) of those quarters.
    public var energy: Energy
    /// Dynamic part of `energy`.
    public var dynamic: Energy
    /// Whether the feed priced it (`live`, `consolidated`): no fallback to resolve.
    public static func isFeed(_ source: String?) -> Bool { source == "live" || source == "consolidated" }

    /// Σ energy × intensity of each quarter, in grams (0 when `source` is nil).
    public var co2eGrams: Double
    /// Σ dynamic energy × intensity, in grams.
    public var dynamicCo2eGrams: Double

    public init(
        source: String?, quarterStart: Timestamp? = nil, energy: Energy, dynamic: Energy, co2eGrams: Double,
        dynamicCo2eGrams: Double
    ) {
        self.source = source
        self.quarterStart = quarterStart
        self.energy = energy
        self.dynamic = dynamic
        self.co2eGrams = co2eGrams
        self.dynamicCo2eGrams = dynamicCo2eGrams
    }
}

/// Usage summed over a window for one model, tenant or host.
public struct UsageSummary: Hashable, Sendable {
    /// The model, tenant or host name, after the grouping asked.
    public var key: String
    /// Requests that ended in the window.
    public var requests: Int64
    public var promptTokens: Int64
    public var completionTokens: Int64
    /// Energy used in the window's quarters (not only by requests that ended there).
    public var dynamic: Energy
    /// Allocated idle energy (the full-cost part).
    public var idle: Energy
    /// The energy by intensity source, with its CO2e.
    public var intensity: [IntensityShare]
    /// The `cost_histogram` blobs of the rows summed (full cost per request).
    public var costHistograms: [[UInt8]]

    public init(
        key: String, requests: Int64 = 0, promptTokens: Int64 = 0, completionTokens: Int64 = 0,
        dynamic: Energy = .zero, idle: Energy = .zero, intensity: [IntensityShare] = [], costHistograms: [[UInt8]] = []
    ) {
        self.key = key
        self.requests = requests
        self.promptTokens = promptTokens
        self.completionTokens = completionTokens
        self.dynamic = dynamic
        self.idle = idle
        self.intensity = intensity
        self.costHistograms = costHistograms
    }

    public var full: Energy { dynamic + idle }
}

/// Where a page of requests resumes: after this (start, key).
public struct RequestCursor: Hashable, Sendable, Comparable {
    public var startNanoseconds: Int64
    public var requestKey: Int64

    public init(startNanoseconds: Int64, requestKey: Int64) {
        self.startNanoseconds = startNanoseconds
        self.requestKey = requestKey
    }

    public static func < (a: RequestCursor, b: RequestCursor) -> Bool {
        (a.startNanoseconds, a.requestKey) < (b.startNanoseconds, b.requestKey)
    }
}

/// Filters of a request page: requests starting in `[from, to)`.
public struct RequestPageQuery: Hashable, Sendable {
    public var window: CostQuery
    public var status: Int?
    public var after: RequestCursor?
    public var limit: Int

    public init(window: CostQuery, status: Int? = nil, after: RequestCursor? = nil, limit: Int) {
        precondition(limit > 0, "a page holds at least one request")
        self.window = window
        self.status = status
        self.after = after
        self.limit = limit
    }
}

/// One request's energy in one attribution window.
public struct RequestWindowEnergy: Hashable, Sendable {
    public var windowStart: Timestamp
    public var dynamic: Energy
    public var idle: Energy
    public var method: String
    /// `request_energy.domains`: domain id → [dynamic µJ, idle µJ], as stored (JSON).
    public var domainsJSON: String
    public var intensityGramsPerKWh: Double?
    public var intensitySource: String?
}

/// A request with its attributed energy (nil when no window attributed it yet).
public struct RequestCost: Hashable, Sendable {
    public var key: Int64
    public var record: RequestRecord
    public var dynamic: Energy?
    public var idle: Energy?
    /// The energy by intensity source, with its direct CO2e.
    public var intensity: [IntensityShare]
    /// Per window, filled only for a single request.
    public var windows: [RequestWindowEnergy]

    public var cursor: RequestCursor {
        RequestCursor(startNanoseconds: record.start.nanosecondsSinceEpoch, requestKey: key)
    }
}

/// A page of requests and where the next one starts (nil: no more).
public struct RequestPage: Hashable, Sendable {
    public var requests: [RequestCost]
    public var next: RequestCursor?

    public init(requests: [RequestCost], next: RequestCursor?) {
        self.requests = requests
        self.next = next
    }
}

/// A model's fitted joules per token on one host (`model_coefficients`).
public struct StoredModelCoefficients: Hashable, Sendable {
    public var host: String
    public var model: String
    public var fittedAt: Timestamp
    public var prefillMicrojoulesPerToken: Int64
    public var decodeMicrojoulesPerToken: Int64
    public var prefillStandardErrorMicrojoules: Int64?
    public var decodeStandardErrorMicrojoules: Int64?
    public var decodeBatchExponent: Double
    public var rSquared: Double?
    public var intervals: Int64
}

/// A host, its domains, and its attribution books summed over a window.
public struct HostCost: Hashable, Sendable {
    public struct DomainBook: Hashable, Sendable {
        public var domain: String
        public var kind: String
        public var counted: Bool
        public var measured: Energy
        public var idle: Energy
        public var attributed: Energy
        public var unattributed: Energy
    }
    public var name: String
    public var firstSeen: Timestamp?
    public var lastSeen: Timestamp?
    public var books: [DomainBook]
    public var windows: Int64
    public var latestWindowEnd: Timestamp?
}

/// One quarter's grid intensity.
public struct StoredIntensity: Hashable, Sendable {
    public var quarterStart: Timestamp
    public var gramsPerKWh: Double
    public var source: String
}
