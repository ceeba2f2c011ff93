import FrugalCarbon
import FrugalCore
import Testing

/// Pro rata split across quarter hours, in whole µJ that add up exactly.
@Suite struct EnergySplitTests {
    let q: Int64 = 900_000_000_000

    @Test func anIntervalInsideOneQuarterKeepsAllItsEnergy() {
        let parts = EnergySplit.byQuarter(
            energy: Energy(microjoules: 1_000), start: Timestamp(nanosecondsSinceEpoch: q + 5),
            end: Timestamp(nanosecondsSinceEpoch: 2 * q))
        #expect(parts.count == 1)
        #expect(parts[0].quarter == 1 && parts[0].energy.microjoules == 1_000)
    }

    @Test func aStraddlingIntervalIsSplitByTime() {
        // 10 minutes before :15 and 5 after: 2/3 and 1/3.
        let start = Timestamp(nanosecondsSinceEpoch: 5 * 60_000_000_000)
        let parts = EnergySplit.byQuarter(
            energy: Energy(microjoules: 3_000_001), start: start, end: start + .seconds(900))
        #expect(parts.map(\.quarter) == [0, 1])
        #expect(parts.map(\.energy.microjoules) == [2_000_000, 1_000_001])
    }

    @Test func partsAlwaysAddUpExactly() {
        var rng = SplitMix64(seed: 7)
        for _ in 0..<2_000 {
            let start = Int64(rng.next() % 10_000_000_000_000)
            let length = Int64(rng.next() % 20_000_000_000_000)
            let energy = Int64(rng.next() % 9_000_000_000_000_000)
            var sum: Int64 = 0
            var previous: Int64?
            EnergySplit.forEachQuarter(
                energyMicrojoules: energy, startNanoseconds: start, endNanoseconds: start + length
            ) {
                quarter, part in
                #expect(part >= 0)
                if let previous { #expect(quarter == previous + 1) }
                previous = quarter
                sum += part
            }
            #expect(sum == energy)
        }
    }

    @Test func anEmptyIntervalGivesItsEnergyToItsQuarter() {
        let t = Timestamp(nanosecondsSinceEpoch: 3 * q)
        #expect(EnergySplit.byQuarter(energy: Energy(microjoules: 5), start: t, end: t).map(\.quarter) == [3])
    }
}
