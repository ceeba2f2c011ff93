import FrugalCore
import FrugalStore

/// Attribution as the daemon runs it: quarter-hour windows (the grid
/// intensity's step), each computed once the watermark — now minus the
/// settle time logs need to arrive — has passed its end, and computed again
/// when a request that ran in it arrives late. A window's run replaces its
/// earlier results in one transaction, so re-running is harmless.
public final class LiveAttribution {
    public struct Options: Sendable {
        /// The window: a quarter hour, aligned to :00, :15, :30, :45 UTC.
        public var window: Duration = .seconds(900)
        /// How long after a window's end its requests' log lines may still arrive.
        public var settle: Duration = .seconds(120)
        /// The trailing span the idle power is estimated over.
        public var idleLookback: Duration = .seconds(3_600)
        /// The trailing span the per-model coefficients are fitted over, and how often.
        public var fitLookback: Duration = .seconds(6 * 3_600)
        public var refitEvery: Duration = .seconds(3_600)
        /// How far back a late request may reopen windows.
        public var maxRecompute: Duration = .seconds(86_400)
        /// How far back a first run starts.
        public var maxCatchUp: Duration = .seconds(7 * 86_400)

        public init() {}
    }

    let store: SQLiteStore
    let host: String
    let config: FrugalConfig
    let options: Options
    /// The end of the last window computed in order.
    public private(set) var attributedThrough: Timestamp?
    private var seenRequestKey: Int64
    var fit: LiveFit

    public init(store: SQLiteStore, host: String, config: FrugalConfig, options: Options = Options()) throws {
        self.store = store
        self.host = host
        self.config = config
        self.options = options
        attributedThrough = try store.metaValue(Self.throughKey(host)).map(Timestamp.init(nanosecondsSinceEpoch:))
        seenRequestKey = try store.metaValue(Self.requestKeyKey(host)) ?? 0
        fit = LiveFit(stored: try store.coefficients(host: host))
    }

    static func throughKey(_ host: String) -> String { "attribution_through_ns:\(host)" }
    static func requestKeyKey(_ host: String) -> String { "attribution_request_key:\(host)" }

    /// Computes every window the watermark allows, late ones first.
    /// - Parameter limit: at most this many windows (the rest wait for the next step).
    @discardableResult
    public func step(now: Timestamp, limit: Int = .max) throws -> [WindowOutcome] {
        let added = try store.requestsAdded(host: host, after: seenRequestKey)
        var windows: [Timestamp] = []
        if let through = attributedThrough, let earliest = added.earliestStart {
            let reopenFrom = max(earliest + config.logClockOffset, through - options.maxRecompute)
            var start = quarter(reopenFrom)
            while start < through {
                windows.append(start)
                start = start + options.window
            }
        }
        let watermark = now - options.settle
        var next = try attributedThrough ?? firstWindow(now: now)
        while let start = next, start + options.window <= watermark {
            windows.append(start)
            next = start + options.window
        }
        var outcomes: [WindowOutcome] = []
        for start in windows.prefix(limit) {
            let recomputed = attributedThrough.map { start < $0 } ?? false
            if let outcome = try compute(start: start, now: now, recomputed: recomputed) { outcomes.append(outcome) }
            if !recomputed {
                attributedThrough = start + options.window
                try store.setMetaValue(Self.throughKey(host), attributedThrough!.nanosecondsSinceEpoch)
            }
        }
        if windows.count <= limit {
            seenRequestKey = added.highest
            try store.setMetaValue(Self.requestKeyKey(host), seenRequestKey)
        }
        return outcomes
    }

    /// The quarter hour holding the first sample, or nil before any.
    private func firstWindow(now: Timestamp) throws -> Timestamp? {
        guard let first = try store.domains().map(\.firstSeen).min() else { return nil }
        return quarter(max(first, now - options.maxCatchUp))
    }

    func quarter(_ t: Timestamp) -> Timestamp {
        let step = options.window.nanoseconds
        let ns = t.nanosecondsSinceEpoch
        return Timestamp(nanosecondsSinceEpoch: ns - ((ns % step) + step) % step)
    }
}
