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
        let run = try IngestRun(path: path, store: try makeStore(), options: options, now: now())
        let follower = Follower(run: run)
        do {
            try await cancelWhenGracefulShutdown {
                while true {
                    try follower.step(service: self)
                    try await Task.sleep(for: pollInterval)
                }
            }
        } catch is CancellationError {
            // SIGTERM or SIGINT between two reads: every read ends with a commit.
        }
        logger.info("stopped following", metadata: ["log.path": "\(path)", "ingest.totals": "\(run.totals.summary)"])
    }
}

/// The run, touched by one task at a time (`cancelWhenGracefulShutdown`
/// runs the loop in a child task while `run()` waits for it).
final class Follower: @unchecked Sendable {
    let run: IngestRun
    init(run: IngestRun) { self.run = run }

    func step(service: IngestService) throws {
        try run.catchUp(now: service.now(), stop: { Task.isCancelled })
        for event in run.takeEvents() {
            service.logger.info("\(event)", metadata: ["log.path": "\(service.path)"])
        }
        service.onProgress(run.totals)
    }
}
