import FrugalCore
import FrugalRuntime
import Testing

@Suite("CounterReadings: the batch-attribution counter CSV")
struct CounterReadingsTests {
    let csv = """
        timestamp_ns,domain,energy_uj
        1000000000,nvml:GPU-0,5000000
        2000000000,nvml:GPU-0,305000000
        1000000000,rapl:intel-rapl:0,262143000000,262143328850
        2000000000,rapl:intel-rapl:0,500000,262143328850
        3000000000,nvml:GPU-0,100
        """

    @Test func readingsBecomeIntervalsWithWrapsAndResets() {
        let readings = CounterReadings(csv: csv)
        #expect(readings.errors.isEmpty)
        #expect(readings.domains.map(\.kind) == [.gpu, .package])
        #expect(readings.domains[1].counterRangeMicrojoules == 262_143_328_850)
        let (samples, gaps) = readings.intervals(maxDomainPower: Power(watts: 5_000))
        #expect(samples.map(\.energy) == [Energy(joules: 300), Energy(microjoules: 828_850)])
        #expect(gaps.map(\.reason) == [.counterReset], "the GPU counter went back to 100 µJ")
    }

    @Test func badLinesAreNamedAndTheGoodOnesKept() {
        let readings = CounterReadings(
            csv:
                "1000,nvml:GPU-0,1\nnot,a,line\n2000,,5\n3000,gpu,-4\n4000,gpu,7,x\n5000,nvml:GPU-0\n6000,nvml:GPU-0,9\n"
        )
        #expect(readings.readings.count == 2)
        #expect(readings.errors.map(\.line) == [2, 3, 4, 5, 6])
        #expect(readings.errors[0].description.contains("timestamp_ns"))
    }

    @Test func kindsComeFromTheIds() {
        let text = [
            "nvml:GPU-1", "rapl:intel-rapl:0:2-dram", "rapl:intel-rapl:0:0-core", "hwmon:power_meter/power1",
            "rapl:intel-rapl:1",
        ]
        .enumerated().map { "\($0.offset + 1)000,\($0.element),1" }.joined(separator: "\n")
        let kinds = Dictionary(
            uniqueKeysWithValues: CounterReadings(csv: text).domains.map { ($0.id.rawValue, $0.kind) })
        #expect(kinds["nvml:GPU-1"] == .gpu)
        #expect(kinds["rapl:intel-rapl:0:2-dram"] == .dram)
        #expect(kinds["rapl:intel-rapl:0:0-core"] == .core)
        #expect(kinds["hwmon:power_meter/power1"] == .node)
        #expect(kinds["rapl:intel-rapl:1"] == .package)
    }
}
