import FrugalCore
import FrugalProbes
import FrugalRuntime
import Testing

@Suite("Sampler: readings become samples and gaps")
struct SamplerTests {
    let pkg: DomainID = "rapl:intel-rapl:0"
    let gpu: DomainID = "nvml:GPU-1"

    func run(_ source: ScriptedSource, _ steps: [(Int64, [DomainID: Result<Reading, ProbeFailure>])]) -> [SampleBatch] {
        let sampler = Sampler(sources: [source], policy: SamplerPolicy(interval: .seconds(1)))
        var batches: [SampleBatch] = []
        for (index, (second, readings)) in steps.enumerated() {
            source.next = readings
            batches.append(
                index == 0 ? sampler.start(at: .at(seconds: second)) : sampler.tick(at: .at(seconds: second)))
        }
        return batches
    }

    @Test func counterDeltasBecomeSamplesStampedByTheWallClock() throws {
        let source = ScriptedSource(domains: [ScriptedSource.counter(pkg)])
        let batches = run(
            source, [(0, [pkg: .success(.energyCounter(1_000))]), (1, [pkg: .success(.energyCounter(301_000))])])
        #expect(batches[0].samples.isEmpty)
        #expect(batches[0].newDomains.map(\.id) == [pkg])
        let sample = try #require(batches[1].samples.first)
        #expect(sample.energy == Energy(microjoules: 300_000))
        #expect(sample.elapsed == .seconds(1))
        #expect(sample.end == Timestamp(secondsSinceEpoch: 1_700_000_001))
    }

    @Test func aWrapIsASampleMarkedWrapped() throws {
        let source = ScriptedSource(domains: [ScriptedSource.counter(pkg)])
        let batches = run(
            source,
            [(0, [pkg: .success(.energyCounter(262_143_000_000))]), (1, [pkg: .success(.energyCounter(500_000))])])
        let sample = try #require(batches[1].samples.first)
        #expect(sample.energy == Energy(microjoules: 828_850))
        #expect(sample.wrapped)
    }

    @Test func aBackwardsStepIsACounterResetGap() throws {
        let source = ScriptedSource(domains: [ScriptedSource.counter(pkg)])
        let batches = run(
            source,
            [
                (0, [pkg: .success(.energyCounter(9_000_000))]), (1, [pkg: .success(.energyCounter(8_000_000))]),
                (2, [pkg: .success(.energyCounter(8_100_000))]),
            ])
        let gap = try #require(batches[1].gaps.first)
        #expect(gap.reason == .counterReset)
        #expect(batches[1].samples.isEmpty)
        #expect(batches[2].samples.first?.energy == Energy(microjoules: 100_000))
    }

    @Test func aTransientFailureOnACounterLosesNoEnergy() throws {
        let source = ScriptedSource(domains: [ScriptedSource.counter(pkg)])
        let batches = run(
            source,
            [
                (0, [pkg: .success(.energyCounter(0))]),
                (1, [pkg: .failure(ProbeFailure(.transient, "EIO"))]),
                (2, [pkg: .success(.energyCounter(400_000))]),
            ])
        #expect(batches[1].failures[pkg]?.kind == .transient)
        let sample = try #require(batches[2].samples.first)
        #expect(sample.energy == Energy(microjoules: 400_000))
        #expect(sample.elapsed == .seconds(2))
        #expect(batches[2].gaps.isEmpty)
    }

    @Test func aVanishedDomainIsAGapWhenItReturns() throws {
        let source = ScriptedSource(domains: [ScriptedSource.counter(pkg)])
        let batches = run(
            source,
            [
                (0, [pkg: .success(.energyCounter(0))]), (1, [pkg: .success(.energyCounter(100))]),
                (2, [:]), (3, [:]),
                (4, [pkg: .success(.energyCounter(5))]), (5, [pkg: .success(.energyCounter(105))]),
            ])
        #expect(batches[2].failures[pkg]?.kind == .absent)
        let gap = try #require(batches[4].gaps.first)
        #expect(gap.reason == .domainVanished)
        #expect(gap.start == Timestamp(secondsSinceEpoch: 1_700_000_001))
        #expect(gap.end == Timestamp(secondsSinceEpoch: 1_700_000_004))
        #expect(batches[4].samples.isEmpty)
        #expect(batches[5].samples.first?.energy == Energy(microjoules: 100))
    }

    @Test func anIntervalLongEnoughForTwoWrapsIsFlagged() throws {
        let source = ScriptedSource(domains: [ScriptedSource.counter(pkg, range: 1_000_000)])
        // Range 1 J at 5 kW wraps every 200 µs: a 1 s interval can hide many wraps.
        let batches = run(source, [(0, [pkg: .success(.energyCounter(0))]), (1, [pkg: .success(.energyCounter(10))])])
        #expect(batches[1].gaps.first?.reason == .possibleDoubleWrap)
        #expect(batches[1].samples.isEmpty)
    }

    @Test func powerReadingsAreIntegratedByTrapezoid() throws {
        let source = ScriptedSource(domains: [ScriptedSource.power(gpu)])
        let batches = run(
            source, [(0, [gpu: .success(.power(Power(watts: 100)))]), (1, [gpu: .success(.power(Power(watts: 300)))])])
        #expect(batches[1].samples.first?.energy == Energy(joules: 200))
    }

    @Test func powerReadingsTooFarApartAreAGap() throws {
        let source = ScriptedSource(domains: [ScriptedSource.power(gpu)])
        let batches = run(
            source,
            [(0, [gpu: .success(.power(Power(watts: 100)))]), (10, [gpu: .success(.power(Power(watts: 300)))])])
        #expect(batches[1].gaps.first?.reason == .readFailed)
        #expect(batches[1].samples.isEmpty)
    }

    @Test func aFailureStillRunningAtShutdownIsRecorded() throws {
        let source = ScriptedSource(domains: [ScriptedSource.counter(pkg)])
        let sampler = Sampler(sources: [source], policy: SamplerPolicy())
        source.next = [pkg: .success(.energyCounter(0))]
        sampler.start(at: .at(seconds: 0))
        source.next = [pkg: .failure(ProbeFailure(.unavailable, "permission denied"))]
        _ = sampler.tick(at: .at(seconds: 1))
        let gaps = sampler.finish(at: .at(seconds: 5))
        #expect(gaps.map(\.reason) == [.readFailed])
        #expect(gaps.first?.start == Timestamp(secondsSinceEpoch: 1_700_000_000))
    }

    @Test func aDomainAppearingAtRunTimeIsPickedUp() throws {
        let source = ScriptedSource(domains: [ScriptedSource.counter(pkg)])
        let sampler = Sampler(sources: [source], policy: SamplerPolicy(rediscoverEveryTicks: 2))
        source.next = [pkg: .success(.energyCounter(0))]
        sampler.start(at: .at(seconds: 0))
        source.domains.append(ScriptedSource.power(gpu))
        source.next[gpu] = .success(.power(Power(watts: 50)))
        #expect(sampler.tick(at: .at(seconds: 1)).newDomains.isEmpty)
        #expect(sampler.tick(at: .at(seconds: 2)).newDomains.map(\.id) == [gpu])
        #expect(sampler.domains.map(\.id) == [gpu, pkg])
    }
}
