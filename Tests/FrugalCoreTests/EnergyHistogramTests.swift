import Foundation
import FrugalCore
import Testing

@Suite struct EnergyHistogramTests {
    @Test func quantilesAreWithinHalfABucketOfTheExactOnes() {
        var random = SplitMix64(seed: 7)
        var values: [Int64] = []
        var histogram = EnergyHistogram()
        for _ in 0..<10_000 {
            let value = Int64(exp(random.unit() * 12) * 1_000)  // 1 mJ to ~160 kJ, log-spread
            values.append(value)
            histogram.add(Energy(microjoules: value))
        }
        values.sort()
        for q in [0.1, 0.5, 0.9, 0.99] {
            let exact = Double(values[Int((q * Double(values.count)).rounded(.up)) - 1])
            let estimate = Double(histogram.quantile(q)!.microjoules)
            #expect(abs(estimate - exact) / exact < 0.023, "q=\(q): \(estimate) vs \(exact)")
        }
        #expect(histogram.total == 10_000)
    }

    @Test func mergingEqualsAddingEverything() {
        var a = EnergyHistogram()
        var b = EnergyHistogram()
        var all = EnergyHistogram()
        for value in stride(from: Int64(1), to: 2_000_000, by: 997) {
            if value % 3 == 0 { a.add(Energy(microjoules: value)) } else { b.add(Energy(microjoules: value)) }
            all.add(Energy(microjoules: value))
        }
        a.merge(b)
        #expect(a == all)
    }

    @Test func encodingRoundTripsAndRejectsGarbage() throws {
        var histogram = EnergyHistogram()
        histogram.add(.zero)
        histogram.add(Energy(joules: 350), count: 12)
        histogram.add(Energy(joules: 0.002))
        let decoded = try #require(EnergyHistogram(encoded: histogram.encoded))
        #expect(decoded == histogram)
        #expect(EnergyHistogram(encoded: []) == nil)
        #expect(EnergyHistogram(encoded: [2, 1, 1]) == nil)  // unknown version
        #expect(EnergyHistogram(encoded: [1, 5]) == nil)  // a bucket with no count
        #expect(EnergyHistogram(encoded: [1, 0x80]) == nil)  // a cut varint
        #expect(EnergyHistogram().quantile(0.5) == nil)
        #expect(decoded.quantile(0) == .zero)
    }
}
