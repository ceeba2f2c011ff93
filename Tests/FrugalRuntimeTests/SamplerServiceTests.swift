import FrugalCore
import FrugalProbes
import FrugalRuntime
import Logging
import Testing

/// A sink that records what the loop asks of it.
final class RecordingSink: SampleSink, @unchecked Sendable {
    var registered: [DomainID] = []
    var samples: [EnergySample] = []
    var gaps: [SampleGap] = []
    var flushes = 0
    var prunes: [Timestamp] = []
    var closed = false
    var lastEnds: [DomainID: Timestamp] = [:]

    func register(domains: [Domain]) throws { registered += domains.map(\.id) }
    func append(samples: [EnergySample], gaps: [SampleGap]) throws {
        self.samples += samples
        self.gaps += gaps
    }
    func flush() throws { flushes += 1 }
    func lastSampleEnds() throws -> [DomainID: Timestamp] { lastEnds }
    func pruneRaw(olderThan cutoff: Timestamp) throws { prunes.append(cutoff) }
    func close() throws { closed = true }
}

/// A clock whose sleep jumps to the deadline, and which ends the run after `ticks` sleeps.
final class SteppingClock: SampleClock, @unchecked Sendable {
    var time = SampleTime.at(seconds: 0)
    var sleepsLeft: Int

    init(ticks: Int) { sleepsLeft = ticks }

    func now() -> SampleTime { time }
    func sleep(until deadline: Duration, or stop: StopSignal) throws {
        guard sleepsLeft > 0 else { throw CancellationError() }
        sleepsLeft -= 1
        time = time.advanced(by: deadline - time.monotonic)
    }
}

@Suite("SamplerService: the daemon's loop")
struct SamplerServiceTests {
    @Test func samplesFlushesPrunesAndClosesOnShutdown() async throws {
        // The loop runs on its own thread; the clock below ends it after five ticks.
        let pkg: DomainID = "rapl:intel-rapl:0"
        let sink = RecordingSink()
        sink.lastEnds = [pkg: SampleTime.at(seconds: -600).wall]
        let clock = SteppingClock(ticks: 5)
        let service = SamplerService(
            makeSampler: {
                let source = CountingSource(domain: ScriptedSource.counter(pkg))
                return Sampler(sources: [source], policy: SamplerPolicy(interval: .seconds(1)))
            },
            makeSink: { sink }, clock: clock, flushInterval: .seconds(2), rawRetention: .seconds(3_600),
            notifier: SystemdNotifier(environment: [:]), logger: Logger(label: "test"))
        // A cancelled sleep is how SIGTERM reaches the loop: run() still records and commits.
        try await service.run()
        #expect(sink.registered == [pkg])
        #expect(sink.samples.count == 5)
        #expect(sink.samples.allSatisfy { $0.energy == Energy(microjoules: 1_000) })
        #expect(sink.gaps.map(\.reason) == [.daemonDown], "the 10 minutes before the start are a gap")
        #expect(sink.prunes == [Timestamp(secondsSinceEpoch: 1_700_000_001 - 3_600)])
        #expect(sink.flushes == 3, "flushed at 2 s, 4 s and on shutdown")
        #expect(sink.closed)
    }
}

/// A counter that rises by 1000 µJ per read.
final class CountingSource: PowerSource {
    let name = "counting"
    let domain: Domain
    var value: UInt64 = 0
    init(domain: Domain) { self.domain = domain }
    func discover() -> Discovery { Discovery(domains: [domain]) }
    func read() -> [DomainID: Result<Reading, ProbeFailure>] {
        defer { value += 1_000 }
        return [domain.id: .success(.energyCounter(value))]
    }
}
