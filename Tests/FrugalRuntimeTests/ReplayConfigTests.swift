import Foundation
import FrugalCore
import FrugalRuntime
import Testing

@Suite("[probes] replay: a catalogue entry read as the host")
struct ReplayConfigTests {
    let probes = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../Probes")
        .standardized

    @Test func anNVMLTraceIsReplayedOneInstantPerTick() throws {
        var config = FrugalConfig()
        config.replay = probes.appendingPathComponent("nvml-synthetic-8gpu").path
        let sources = SourceSet.make(config: config)
        #expect(sources.problems.isEmpty)
        let sampler = Sampler(sources: sources.sources, policy: SamplerPolicy(interval: .seconds(1)))
        let start = SampleTime(wall: Timestamp(secondsSinceEpoch: 1_800_000_000), monotonic: .zero)
        #expect(sampler.start(at: start).newDomains.count == 8)
        var samples: [DomainID: Int] = [:]
        var failures = 0
        for second in 1...40 {
            let batch = sampler.tick(at: start.advanced(by: .seconds(Int64(second))))
            for sample in batch.samples { samples[sample.domain, default: 0] += 1 }
            failures += batch.failures.count
        }
        // Seven GPUs answer throughout; the eighth is lost from step 30 of the trace.
        #expect(samples.count == 8)
        #expect(samples.values.filter { $0 == 40 }.count == 7)
        #expect(failures > 0)
    }

    @Test func aSysfsEntryIsReadThroughTheRealReaders() throws {
        var config = FrugalConfig()
        config.replay = probes.appendingPathComponent("rapl-full-server").path
        config.nvml = .off
        let sources = SourceSet.make(config: config)
        let found = sources.sources.flatMap { $0.discover().domains }.map(\.id.rawValue)
        #expect(found.contains("rapl:intel-rapl:0") && found.contains("rapl:intel-rapl:1:2"))
    }
}
