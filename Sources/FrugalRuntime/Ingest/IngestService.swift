import FrugalCore
import FrugalStore
import Logging
import ServiceLifecycle

/// Follows one gateway log into the store until the service group shuts
/// down: reads to the end every `pollInterval`, each batch committed with
/// its offset. The log's store and tailer are made inside `run()` and
/// belong to its task.
public struct IngestService: Service {
    let path: String
    let makeStore: @Sendable () throws -> any RequestStore
    let options: IngestRun.Options
    let pollInterval: Duration
    let now: @Sendable () -> Timestamp
    let logger: Logger
    /// Called after every read with the totals so far (progress, tests).
    let onProgress: @Sendable (IngestTotals) -> Void

    public init(
        path: String, makeStore: @escaping @Sendable () throws -> any RequestStore, options: IngestRun.Options,
        pollInterval: Duration = .milliseconds(250), now: @escaping @Sendable () -> Timestamp, logger: Logger,
        onProgress: @escaping @Sendable (IngestTotals) -> Void = { _ in }
    ) {
        precondition(pollInterval > .zero, "poll at some interval")
        self.path = path
        self.makeStore = makeStore
        self.options = options
        self.pollInterval = pollInterval
        self.now = now
        self.logger = logger
        self.onProgress = onProgress
    }

    public func run() async throws {
        let follower = Follower(service: self)
        do {
            try await cancelWhenGracefulShutdown {
                while true {
                    try follower.step()
                    try await Task.sleep(for: pollInterval)
                }
            }
        } catch is CancellationError {
            // SIGTERM or SIGINT between two reads: every read ends with a commit.
        }
        logger.info(
            "stopped following", metadata: ["log.path": "\(path)", "ingest.totals": "\(follower.totals.summary)"])
    }
}

/// The run, touched by one task at a time (`cancelWhenGracefulShutdown`
/// runs the loop in a child task while `run()` waits for it).
///
/// A read or a commit that fails (a full disk, a busy database, an
/// unreadable file) drops the run: the next step opens a new one at the
/// last committed offset, so nothing is lost or repeated. After
/// `maxFailures` failed steps in a row the error is thrown.
final class Follower: @unchecked Sendable {
    let service: IngestService
    let maxFailures = 30
    private var run: IngestRun?
    private var failures = 0
    /// What the runs before the current one committed.
    private var earlier = IngestTotals()

    init(service: IngestService) { self.service = service }

    var totals: IngestTotals {
        var all = earlier
        if let run { all += run.totals }
        return all
    }

    func step() throws {
        do {
            let current =
                try run
                ?? IngestRun(
                    path: service.path, store: try service.makeStore(), options: service.options, now: service.now())
            run = current
            try current.catchUp(now: service.now(), stop: { Task.isCancelled })
            for event in current.takeEvents() {
                service.logger.info("\(event)", metadata: ["log.path": "\(service.path)"])
            }
            failures = 0
        } catch {
            failures += 1
            if let run { earlier += run.totals }
            run = nil
            service.logger.error(
                "could not ingest (will resume at the last committed line): \(error)",
                metadata: ["log.path": "\(service.path)"])
            if failures >= maxFailures { throw error }
        }
        service.onProgress(totals)
    }
}
