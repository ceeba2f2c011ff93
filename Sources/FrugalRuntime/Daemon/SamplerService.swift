import CFrugalShims
import FrugalCore
import FrugalProbes
import Logging
import ServiceLifecycle

#if canImport(Glibc)
    import Glibc
#endif

/// The daemon's sampling loop: read every domain each interval, hand the
/// samples to the store, commit every flush interval, keep systemd's watchdog
/// fed, and on SIGTERM/SIGINT flush and return.
///
/// The sampler and the sink are made inside `run()`: they hold open files and
/// belong to this one task.
public struct SamplerService: Service {
    public typealias Factory<T> = @Sendable () throws -> T

    let makeSampler: Factory<Sampler>
    let makeSink: Factory<any SampleSink>
    let clock: any SampleClock
    let flushInterval: Duration
    /// Raw samples older than this are pruned at start and every hour.
    let rawRetention: Duration
    let notifier: SystemdNotifier
    let logger: Logger
    /// Consecutive failed commits after which the daemon stops (systemd restarts it).
    let maxFailedFlushes: Int
    /// Whether, after the first commit, the process gives back the memory
    /// that only start-up used (`ResidentMemory.releaseStartupPages()`).
    let releasesStartupMemory: Bool

    public init(
        makeSampler: @escaping Factory<Sampler>, makeSink: @escaping Factory<any SampleSink>, clock: any SampleClock,
        flushInterval: Duration, rawRetention: Duration, notifier: SystemdNotifier, logger: Logger,
        maxFailedFlushes: Int = 30, releasesStartupMemory: Bool = true
    ) {
        self.makeSampler = makeSampler
        self.makeSink = makeSink
        self.clock = clock
        self.flushInterval = flushInterval
        self.rawRetention = rawRetention
        self.notifier = notifier
        self.logger = logger
        self.maxFailedFlushes = maxFailedFlushes
        self.releasesStartupMemory = releasesStartupMemory
    }

    /// Runs `body` on a new thread and waits for it without blocking the caller's executor.
    static func onThread(_ body: @escaping @Sendable () throws -> Void) async throws {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
            let started = SamplingThread.start {
                do {
                    try body()
                    continuation.resume()
                } catch {
                    continuation.resume(throwing: error)
                }
            }
            if let started { continuation.resume(throwing: started) }
        }
    }

    public func run() async throws {
        let sink = try makeSink()
        let sampler = try makeSampler()
        let loop = SamplingLoop(sampler: sampler, sink: sink, service: self)
        try loop.start(at: clock.now())
        try? notifier.ready(status: "sampling \(sampler.domains.count) power domains")
        // Sampling runs on a thread of its own, sleeping in one system call to
        // the exact deadline: waking through the async runtime costs more CPU
        // than a tick at 10 Hz. SIGTERM/SIGINT or cancellation cut its sleep short.
        let stop = try StopSignal()
        try await withTaskCancellationHandler {
            try await withGracefulShutdownHandler {
                try await Self.onThread { try loop.run(stop: stop) }
            } onGracefulShutdown: {
                stop.signal()
            }
        } onCancel: {
            stop.signal()
        }
        let end = clock.now()
        logger.info("shutting down: recording open gaps and flushing")
        try? notifier.stopping()
        try sink.append(samples: [], gaps: sampler.finish(at: end))
        try sink.flush()
        try sink.close()
    }
}

/// A detached POSIX thread for the sampling loop (no Foundation `Thread`:
/// the daemon's sampling path stays off Foundation).
enum SamplingThread {
    private final class Job {
        let body: () -> Void
        init(_ body: @escaping () -> Void) { self.body = body }
    }

    /// Starts `body` on a new thread named `frugal-sampler`; the error when
    /// the system refuses a thread (then `body` never runs).
    static func start(_ body: @escaping @Sendable () -> Void) -> SamplingThreadError? {
        let job = Unmanaged.passRetained(Job(body)).toOpaque()
        var thread = pthread_t()
        let created = pthread_create(
            &thread, nil,
            { context in
                _ = frugal_name_thread("frugal-sampler")
                Unmanaged<Job>.fromOpaque(context!).takeRetainedValue().body()
                return nil
            }, job)
        guard created == 0 else {
            Unmanaged<Job>.fromOpaque(job).release()
            return SamplingThreadError(code: created)
        }
        pthread_detach(thread)
        return nil
    }
}

struct SamplingThreadError: Error, CustomStringConvertible {
    let code: Int32
    var description: String {
        "could not start the sampling thread: \(String(cString: strerror(code))) (pthread_create \(code))"
    }
}

/// The state of one run of the sampling loop.
///
/// `@unchecked Sendable` because the sampling thread runs it while `run()`
/// waits for that thread: one thread at a time ever touches it, and the
/// sampler's open files with it.
final class SamplingLoop: @unchecked Sendable {
    let sampler: Sampler
    let sink: any SampleSink
    let service: SamplerService
    private var failedFlushes = 0
    private var lastFlush = Duration.zero
    private var lastWatchdog = Duration.zero
    private var lastPrune: Duration?
    private var failing: Set<DomainID> = []
    private var committedOnce = false

    init(sampler: Sampler, sink: any SampleSink, service: SamplerService) {
        self.sampler = sampler
        self.sink = sink
        self.service = service
    }

    func start(at now: SampleTime) throws {
        let first = sampler.start(at: now)
        try sink.register(domains: first.newDomains)
        try sink.append(samples: [], gaps: downtimeGaps(at: now))
        for problem in sampler.discovery.problems {
            service.logger.warning(
                "\(problem.failure.reason)",
                metadata: [
                    "probe.source": "\(problem.source)", "probe.location": "\(problem.location)",
                    "probe.fix": "\(problem.failure.fix ?? "-")",
                ])
        }
        for domain in first.newDomains {
            service.logger.info(
                "found power domain", metadata: ["domain.id": "\(domain.id)", "domain.kind": "\(domain.kind.rawValue)"])
        }
        lastFlush = now.monotonic
        lastWatchdog = now.monotonic
    }

    /// Gaps for the time the daemon was not running, found from the store.
    private func downtimeGaps(at now: SampleTime) throws -> [SampleGap] {
        let limit = sampler.policy.interval * 2
        return try sink.lastSampleEnds().compactMap { domain, end in
            guard now.wall - end > limit else { return nil }
            return SampleGap(
                domain: domain, start: end, end: now.wall, reason: .daemonDown, detail: "frugal was not running")
        }.sorted { $0.domain < $1.domain }
    }

    /// The loop on the sampling thread; returns when `stop` is signalled.
    func run(stop: StopSignal) throws {
        let interval = sampler.policy.interval
        var deadline = service.clock.now().monotonic + interval
        var batch = SampleBatch(time: service.clock.now())
        while true {
            do {
                try service.clock.sleep(until: deadline, or: stop)
            } catch is CancellationError {
                return
            }
            let now = service.clock.now()
            sampler.tick(at: now, into: &batch)
            deadline += interval
            if deadline <= now.monotonic {
                service.logger.notice("sampling fell behind; skipping missed ticks (counters lose no energy)")
                deadline = now.monotonic + interval
            }
            try record(batch, at: now)
        }
    }

    private func record(_ batch: SampleBatch, at now: SampleTime) throws {
        try sink.register(domains: batch.newDomains)
        try sink.append(samples: batch.samples, gaps: batch.gaps)
        logFailureChanges(batch)
        if now.monotonic - lastFlush >= service.flushInterval {
            lastFlush = now.monotonic
            do {
                try sink.flush()
                failedFlushes = 0
                if !committedOnce {
                    committedOnce = true
                    // Start-up is over (store open, first samples committed): what it alone used can go.
                    if service.releasesStartupMemory { ResidentMemory.releaseStartupPages() }
                }
            } catch {
                failedFlushes += 1
                service.logger.error("could not commit samples (kept in memory, will retry): \(error)")
                if failedFlushes >= service.maxFailedFlushes { throw error }
            }
        }
        if lastPrune.map({ now.monotonic - $0 >= .seconds(3_600) }) ?? true {
            lastPrune = now.monotonic
            do {
                try sink.pruneRaw(olderThan: now.wall + .nanoseconds(-service.rawRetention.nanoseconds))
            } catch {
                service.logger.error("could not prune raw samples older than the retention: \(error)")
            }
        }
        if let watchdog = service.notifier.watchdogInterval, now.monotonic - lastWatchdog >= watchdog / 2 {
            lastWatchdog = now.monotonic
            try? service.notifier.watchdog()
        }
    }

    /// Logs a domain once when it starts failing and once when it recovers.
    private func logFailureChanges(_ batch: SampleBatch) {
        guard !batch.failures.isEmpty || !failing.isEmpty else { return }
        let now = Set(batch.failures.keys)
        for id in now.subtracting(failing) {
            service.logger.warning(
                "read failed", metadata: ["domain.id": "\(id)", "probe.error": "\(batch.failures[id]!)"])
        }
        for id in failing.subtracting(now) {
            service.logger.info("read recovered", metadata: ["domain.id": "\(id)"])
        }
        failing = now
    }
}
