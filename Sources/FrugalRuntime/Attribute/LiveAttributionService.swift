import FrugalCore
import FrugalStore
import Logging
import ServiceLifecycle

/// Live attribution in the daemon: every `period`, attributes the quarter
/// hours the watermark has passed (and those late log lines reopened). It
/// opens its own store connection inside `run()`; sampling never waits on it.
///
/// A failed step (a busy or full database) is logged and retried at the next
/// period: windows are idempotent, nothing is half-written. After
/// `maxFailures` failed steps in a row the error is thrown and the daemon
/// exits for systemd to restart it.
public struct LiveAttributionService: Service {
    let makeStore: @Sendable () throws -> SQLiteStore
    let host: String
    let config: FrugalConfig
    let period: Duration
    let now: @Sendable () -> Timestamp
    let logger: Logger
    let maxFailures = 10

    public init(
        makeStore: @escaping @Sendable () throws -> SQLiteStore, host: String, config: FrugalConfig,
        period: Duration = .seconds(30), now: @escaping @Sendable () -> Timestamp, logger: Logger
    ) {
        self.makeStore = makeStore
        self.host = host
        self.config = config
        self.period = period
        self.now = now
        self.logger = logger
    }

    public func run() async throws {
        let stepper = LiveStepper(service: self)
        do {
            try await cancelWhenGracefulShutdown {
                while true {
                    try stepper.step()
                    try await Task.sleep(for: period)
                }
            }
        } catch is CancellationError {
            // Shutdown between two steps: every step ends with its commits.
        }
    }

    func log(_ outcome: WindowOutcome) {
        let metadata: Logger.Metadata = [
            "window.start_ns": "\(outcome.start.nanosecondsSinceEpoch)", "requests": "\(outcome.requests)",
            "measured_j": "\(outcome.measured.joules)", "idle_j": "\(outcome.idle.joules)",
            "attributed_j": "\(outcome.attributed.joules)", "unattributed_j": "\(outcome.unattributed.joules)",
            "recomputed": "\(outcome.recomputed)",
        ]
        if outcome.conserves && outcome.unmatchedShares == 0 {
            logger.info("attributed a quarter hour", metadata: metadata)
        } else {
            logger.error("attribution books do not balance", metadata: metadata)
        }
    }
}

/// The service's state, touched by one task at a time (`cancelWhenGracefulShutdown`
/// runs the loop in a child task while `run()` waits for it).
final class LiveStepper: @unchecked Sendable {
    let service: LiveAttributionService
    private var live: LiveAttribution?
    private var failures = 0

    init(service: LiveAttributionService) { self.service = service }

    func step() throws {
        do {
            var options = LiveAttribution.Options()
            options.settle = service.config.attributionSettle
            let current =
                try live
                ?? LiveAttribution(
                    store: service.makeStore(), host: service.host, config: service.config, options: options)
            live = current
            // A few windows per step: a long catch-up never holds the store for minutes.
            for outcome in try current.step(now: service.now(), limit: 8) { service.log(outcome) }
            failures = 0
        } catch {
            failures += 1
            live = nil
            service.logger.error("attribution step failed (retried next period): \(error)")
            if failures >= service.maxFailures { throw error }
        }
    }
}
