import FrugalCore
import FrugalStore
import Logging
import ServiceLifecycle

/// Keeps `grid_intensity` current on its own schedule, off the sampling
/// path: every `interval` it fetches the real-time feed for the last
/// `lookback` (filling the feed's late quarters as they appear), then, once a
/// day, the consolidated dataset for the days before, which replaces live
/// values. A failed fetch is logged and retried next round; quarters still
/// missing are left to the read-time fallbacks, which mark their source.
/// The blocking libcurl calls run on a thread of their own (`OffThread`), so
/// a slow network holds neither the cooperative pool nor a graceful shutdown:
/// the round in flight is dropped and the service returns at once.
public struct CarbonService: Service {
    public struct Settings: Sendable {
        public var zone: String
        public var interval: Duration
        /// How far back each real-time round asks (the feed lags about an hour).
        public var lookback: Duration
        /// How many days back the daily consolidated round asks.
        public var consolidatedDays: Int

        public init(
            zone: String = "FR", interval: Duration = .seconds(900), lookback: Duration = .seconds(6 * 3_600),
            consolidatedDays: Int = 7
        ) {
            self.zone = zone
            self.interval = interval
            self.lookback = lookback
            self.consolidatedDays = consolidatedDays
        }
    }

    let client: ODREClient
    let store: SQLiteStore
    let settings: Settings
    let logger: Logger
    let now: @Sendable () -> Timestamp

    /// - Parameters:
    ///   - client: the ODRÉ client (base URL, timeout, retries).
    ///   - store: where values go (`grid_intensity`).
    ///   - now: the wall clock (injected for tests).
    public init(
        client: ODREClient, store: SQLiteStore, settings: Settings = Settings(), logger: Logger,
        now: @escaping @Sendable () -> Timestamp
    ) {
        self.client = client
        self.store = store
        self.settings = settings
        self.logger = logger
        self.now = now
    }

    public func run() async throws {
        var lastConsolidatedDay: Int64?
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            let today = floorDiv(now().nanosecondsSinceEpoch, 86_400_000_000_000)
            let consolidated = lastConsolidatedDay != today
            let round = await runRound(consolidated: consolidated)
            if consolidated && round { lastConsolidatedDay = today }
            // A graceful shutdown ends the wait, not only a cancellation.
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: self.settings.interval) }
        }
    }

    /// One round: the real-time window and, when asked, the consolidated days.
    /// True when every fetch succeeded.
    @discardableResult
    public func runRound(consolidated: Bool) async -> Bool {
        let client = self.client
        let end = now()
        var windows: [(ODREDataset, Timestamp, Timestamp)] = [(.realTime, end - settings.lookback, end)]
        if consolidated {
            let days = Duration.seconds(86_400 * Int64(settings.consolidatedDays))
            windows.append((.consolidated, end - days, end - settings.lookback))
        }
        var ok = true
        for (dataset, from, to) in windows {
            guard let result = await OffThread.run({ client.fetch(dataset, from: from, to: to) }) else {
                return false  // Shutting down: what was in flight is dropped.
            }
            ok = record(result) && ok
        }
        return ok
    }

    private func record(_ result: ODREFetchResult) -> Bool {
        var metadata: Logger.Metadata = [
            "carbon.dataset": "\(result.dataset.rawValue)", "carbon.values": "\(result.points.count)",
            "carbon.requests": "\(result.requests)", "carbon.retries": "\(result.retries)",
        ]
        do {
            let report = try GridIntensityWriter(store: store, zone: settings.zone).store(
                points: result.points, fetchedAt: now())
            metadata["carbon.inserted"] = "\(report.inserted)"
            metadata["carbon.replaced"] = "\(report.replaced)"
        } catch {
            logger.error("carbon: could not store grid intensities", metadata: ["error": "\(error)"])
            return false
        }
        for failure in result.failures {
            logger.warning(
                "carbon: eCO2mix fetch failed; figures fall back (cached, history, profile or static) until it returns",
                metadata: metadata.merging(["carbon.reason": "\(failure.reason)"]) { $1 })
        }
        if result.failures.isEmpty { logger.debug("carbon: eCO2mix fetched", metadata: metadata) }
        return result.failures.isEmpty
    }
}
