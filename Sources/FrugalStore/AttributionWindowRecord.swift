import FrugalCore

/// Everything one attribution window produced, written in one transaction
/// that first deletes what an earlier run of the same window wrote.
public struct AttributionWindowRecord: Sendable {
    /// One domain's books over the window.
    public struct Book: Sendable {
        public var domain: Domain
        /// Whether the domain adds up to the host total (`HostTotal`).
        public var counted: Bool
        public var ledger: DomainLedger

        public init(domain: Domain, counted: Bool, ledger: DomainLedger) {
            self.domain = domain
            self.counted = counted
            self.ledger = ledger
        }
    }

    /// One request's share of the window, over the counted domains, with the
    /// per-domain parts (every domain, counted or not) for the breakdown.
    public struct Share: Sendable {
        /// The request, as stored: (host, start, id) find its row.
        public var start: Timestamp
        public var id: String
        public var dynamic: Energy
        public var idle: Energy
        public var method: String
        public var domains: [(domain: DomainID, dynamic: Energy, idle: Energy)]

        public init(
            start: Timestamp, id: String, dynamic: Energy, idle: Energy, method: String,
            domains: [(domain: DomainID, dynamic: Energy, idle: Energy)]
        ) {
            self.start = start
            self.id = id
            self.dynamic = dynamic
            self.idle = idle
            self.method = method
            self.domains = domains
        }
    }

    public var host: String
    public var start: Timestamp
    public var end: Timestamp
    public var computedAt: Timestamp
    public var clockOffset: Duration
    /// `configured`, `detected (score 0.82)`, …
    public var clockOffsetSource: String
    /// How much of the window the samples cover (the least covered counted domain).
    public var covered: Duration
    /// Requests that ran in the window.
    public var requestCount: Int
    public var books: [Book]
    public var shares: [Share]

    public init(
        host: String, start: Timestamp, end: Timestamp, computedAt: Timestamp, clockOffset: Duration,
        clockOffsetSource: String, covered: Duration, requestCount: Int, books: [Book], shares: [Share]
    ) {
        self.host = host
        self.start = start
        self.end = end
        self.computedAt = computedAt
        self.clockOffset = clockOffset
        self.clockOffsetSource = clockOffsetSource
        self.covered = covered
        self.requestCount = requestCount
        self.books = books
        self.shares = shares
    }
}

/// A window as stored: when it was computed and its books' totals over the
/// counted domains.
public struct StoredAttributionWindow: Hashable, Sendable {
    public var start: Timestamp
    public var end: Timestamp
    public var computedAt: Timestamp
    public var requestCount: Int
    public var clockOffset: Duration
    public var clockOffsetSource: String
    public var measured: Energy
    public var idle: Energy
    public var attributed: Energy
    public var unattributed: Energy
    public var idleAllocated: Energy
}

/// Energy used in a quarter hour by one model and tenant, and the requests
/// that ended in it.
public struct QuarterUsage: Hashable, Sendable {
    public var quarterStart: Timestamp
    public var model: String
    public var tenant: String
    public var requests: Int
    public var promptTokens: Int64
    public var completionTokens: Int64
    public var dynamic: Energy
    public var idle: Energy
    public var costs: EnergyHistogram
}

/// Per-model coefficients as fitted on a host.
public struct StoredCoefficients: Hashable, Sendable {
    public var model: String
    public var fittedAt: Timestamp
    public var coefficients: ModelCoefficients
    public var decodeBatchExponent: Double
    public var rSquared: Double?
    public var intervals: Int

    public init(
        model: String, fittedAt: Timestamp, coefficients: ModelCoefficients, decodeBatchExponent: Double,
        rSquared: Double?, intervals: Int
    ) {
        self.model = model
        self.fittedAt = fittedAt
        self.coefficients = coefficients
        self.decodeBatchExponent = decodeBatchExponent
        self.rSquared = rSquared
        self.intervals = intervals
    }
}
