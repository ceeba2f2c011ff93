import FrugalCore
import FrugalStore
import Logging
import ServiceLifecycle
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// Ships what a daemon wrote to its local SQLite file to the fleet database:
/// sample minutes, requests (by request key), quarantined lines, attribution
/// windows (by computation time), coefficients and grid intensities — in
/// order, each batch in one PostgreSQL transaction.
///
/// Exactly once: how far each table was shipped is kept in the local file's
/// `store_meta` (`fleet.*` keys) and advanced only after PostgreSQL
/// committed; a crash in between resends the batch, which the fleet's
/// upserts absorb. While PostgreSQL is unreachable (or refuses: full disk,
/// bad password, newer schema) the daemon goes on writing locally — the
/// shipper never touches the sampler's path — and retries with backoff.
public final class FleetShipper: Service, Sendable {
    public struct Options: Sendable {
        /// Pause between two drains once caught up.
        public var interval: Duration = .seconds(10)
        /// First retry delay after a failure; doubles up to `maxBackoff`.
        public var initialBackoff: Duration = .seconds(1)
        public var maxBackoff: Duration = .seconds(60)
        public var minutesPerBatch = 120
        public var requestsPerBatch = 2_000
        public var windowsPerBatch = 48
        /// Called after each committed batch with the totals of the drain so far (`frugal migrate`'s progress).
        public var progress: (@Sendable (ShipReport) -> Void)?

        public init() {}
    }

    /// What the shipper is doing, for logs, `/metrics` and tests.
    public struct Status: Sendable {
        public var lastError: FleetError?
        public var consecutiveFailures = 0
        public var drains = 0
        public var totals = ShipReport()
    }

    let store: PostgresStore
    let local: SQLiteStore
    let localPath: String
    let host: String
    let options: Options
    let logger: Logger
    let state = Mutex(Status())

    /// - Parameters:
    ///   - local: the daemon's own store (its `store_meta` keeps the shipping marks).
    ///   - localPath: its file, read through a read-only connection of the shipper's own.
    ///   - host: the host's name, for the tables that have none in SQLite.
    public init(
        store: PostgresStore, local: SQLiteStore, localPath: String, host: String, options: Options = Options(),
        logger: Logger = Logger(label: "frugal.fleet")
    ) {
        self.store = store
        self.local = local
        self.localPath = localPath
        self.host = host
        self.options = options
        self.logger = logger
    }

    public var status: Status { state.withLock { $0 } }

    /// Drains until shutdown, then tries one last drain that includes the
    /// open minute.
    public func run() async throws {
        await cancelWhenGracefulShutdown { await self.loop() }
        do {
            _ = try await drain(final: true)
        } catch {
            logger.warning("fleet: final drain failed; the data stays in the local store", metadata: error.metadata)
        }
    }

    private func loop() async {
        var backoff = options.initialBackoff
        var migrated = false
        while !Task.isCancelled {
            do {
                if !migrated {
                    try await store.migrate()
                    migrated = true
                }
                try await store.ensurePartitions(around: Timestamp.now)
                _ = try await drain(final: false)
                backoff = options.initialBackoff
                try? await Task.sleep(for: options.interval)
            } catch {
                if error.kind == .schemaTooNew { migrated = false }
                try? await Task.sleep(for: backoff)
                backoff = min(backoff * 2, options.maxBackoff)
            }
        }
    }

    /// Ships everything the local file holds beyond the marks; `final` also
    /// ships the newest (possibly open) minute, which the next drain sends again.
    @discardableResult
    public func drain(final: Bool) async throws(FleetError) -> ShipReport {
        do {
            let report = try await drainOnce(final: final)
            succeeded(report)
            return report
        } catch {
            failed(error)
            throw error
        }
    }

    private func succeeded(_ report: ShipReport) {
        let recovered = state.withLock { status in
            let recovered = status.lastError != nil
            status.lastError = nil
            status.consecutiveFailures = 0
            status.drains += 1
            status.totals = status.totals + report
            return recovered
        }
        if recovered { logger.notice("fleet: shipping again", metadata: ["store.target": "\(store.settings)"]) }
    }

    private func failed(_ error: FleetError) {
        let first = state.withLock { status in
            let first = status.lastError?.kind != error.kind
            status.lastError = error
            status.consecutiveFailures += 1
            return first
        }
        // One line per kind of failure, not one per retry.
        if first { logger.error("fleet: shipping paused, buffering locally", metadata: error.metadata) }
    }
}

extension FleetError {
    var metadata: Logger.Metadata { ["error.kind": "\(kind.rawValue)", "error.message": "\(description)"] }
}

extension Timestamp {
    static var now: Timestamp {
        var spec = timespec()
        clock_gettime(CLOCK_REALTIME, &spec)
        return Timestamp(nanosecondsSinceEpoch: Int64(spec.tv_sec) * 1_000_000_000 + Int64(spec.tv_nsec))
    }
}
