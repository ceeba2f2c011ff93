import FrugalCore

/// The rows the monthly report reads (`ReportReading`), summed by SQL host
/// by host; the report turns them into figures (CO2e, per-day and per-month
/// buckets, per-host and fleet totals) itself.
public enum ReportRows {
    /// Attributed usage of one quarter hour on one host for one model and tenant.
    public struct Usage: Hashable, Sendable {
        public var quarterStart: Timestamp
        public var host: String
        public var model: String
        public var tenant: String
        /// Requests that ended in this quarter.
        public var requests: Int64
        public var promptTokens: Int64
        public var completionTokens: Int64
        /// Energy used in this quarter by those requests (dynamic part).
        public var dynamic: Energy
        /// Idle energy allocated to them in this quarter (the full-cost part).
        public var idle: Energy

        public init(
            quarterStart: Timestamp, host: String, model: String, tenant: String, requests: Int64,
            promptTokens: Int64, completionTokens: Int64, dynamic: Energy, idle: Energy
        ) {
            self.quarterStart = quarterStart
            self.host = host
            self.model = model
            self.tenant = tenant
            self.requests = requests
            self.promptTokens = promptTokens
            self.completionTokens = completionTokens
            self.dynamic = dynamic
            self.idle = idle
        }
    }

    /// Attributed usage of one model and tenant on one host over a period,
    /// all quarters together, with its CO2e where the store holds the
    /// quarter's intensity.
    public struct UsageLine: Hashable, Sendable {
        public var host: String
        public var model: String
        public var tenant: String
        public var requests: Int64
        public var promptTokens: Int64
        public var completionTokens: Int64
        public var dynamic: Energy
        public var idle: Energy
        /// Σ energy × intensity over the quarters that have a stored intensity (g).
        public var gramsWithIntensity: Double
        /// The energy of the quarters without one (converted by the caller's fallback).
        public var energyWithoutIntensity: Energy
    }

    /// Attributed usage of one quarter hour on one host, every model and tenant together.
    public struct QuarterTotal: Hashable, Sendable {
        public var quarterStart: Timestamp
        public var requests: Int64
        /// Dynamic plus allocated idle energy.
        public var energy: Energy
    }

    /// The books of one quarter hour on one host, every counted domain together:
    /// measured = idle + attributed + unattributed.
    public struct BookQuarter: Hashable, Sendable {
        public var quarterStart: Timestamp
        public var measured: Energy
        public var idle: Energy
        public var attributed: Energy
        public var unattributed: Energy
        public var idleAllocated: Energy
    }

    /// One power domain's books over a period.
    public struct BookDomain: Hashable, Sendable {
        public var host: String
        public var domain: String
        /// `DomainKind` raw value ("gpu", "package", "node", …).
        public var kind: String
        /// Whether the domain counts in the host total (a sub-zone does not).
        public var counted: Bool
        public var measured: Energy
        public var idle: Energy
        public var attributed: Energy
        public var unattributed: Energy
        public var windows: Int64
        /// Windows in which some energy was attributed to a request.
        public var activeWindows: Int64
        /// Mean idle power over the windows.
        public var meanIdlePower: Power
        /// How the idle power was found (configured, estimated, …), the latest seen.
        public var idleSource: String
    }

    /// How much of a period one host's attribution windows cover.
    public struct HostCoverage: Hashable, Sendable {
        public var host: String
        public var windows: Int64
        public var covered: Duration
        public var firstWindowStart: Timestamp
        public var lastWindowStart: Timestamp
    }

    /// The grid intensity of one quarter hour and where it came from.
    public struct Intensity: Hashable, Sendable {
        public var quarterStart: Timestamp
        public var gramsPerKilowattHour: Double
        public var source: String
    }

    /// Requests of one model, tenant and endpoint in one size bucket (in the
    /// sampled quarters of `reportSizeGroups`).
    public struct SizeGroup: Hashable, Sendable {
        public var model: String
        public var tenant: String
        /// "" when the log had no endpoint.
        public var endpoint: String
        public var promptBucket: Int
        public var completionBucket: Int
        public var requests: Int64
        public var promptTokens: Int64
        public var completionTokens: Int64
        /// Requests with a measured energy (attributed in `request_energy`).
        public var sampledRequests: Int64
        /// Total energy (dynamic + allocated idle, every window) of those requests.
        public var sampledEnergy: Energy
        /// Requests that carry the gateway's own estimate (Albert's `kwh_min`…).
        public var estimatedRequests: Int64
        public var estimateKilowattHoursMin: Double
        public var estimateKilowattHoursMax: Double
        public var estimateCO2eKilogramsMin: Double
        public var estimateCO2eKilogramsMax: Double
        /// The gateway's estimate methods seen, comma-separated ("" when none).
        public var estimateMethods: String
        /// Requests stored with Frugal's own estimate (`requests.estimated_uj`).
        public var frugalEstimatedRequests: Int64
        /// The sum of those estimates.
        public var frugalEstimate: Energy
    }

    /// Size buckets for "similar requests": prompt and completion token counts.
    public enum SizeBuckets {
        /// Upper bounds (exclusive) of the prompt buckets; the last bucket is open.
        public static let promptUpperBounds: [Int64] = [500, 2_000, 8_000]
        /// Upper bounds (exclusive) of the completion buckets; the last bucket is open.
        public static let completionUpperBounds: [Int64] = [100, 500]
    }

    /// Sample gaps over a period.
    public struct Gaps: Hashable, Sendable {
        public var count: Int64
        /// Summed length of the gaps, clipped to the period.
        public var total: Duration

        public init(count: Int64, total: Duration) {
            self.count = count
            self.total = total
        }
    }
}
