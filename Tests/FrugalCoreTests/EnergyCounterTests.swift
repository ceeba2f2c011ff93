import FrugalCore
import PropertyBased
import Testing

/// The range of RAPL package counters on the captured hosts (µJ).
private let raplRange: UInt64 = 262_143_328_850

@Suite("EnergyCounter: every outcome of a new reading")
struct EnergyCounterTests {
    @Test func firstReadingSaysNothing() {
        var counter = EnergyCounter(range: raplRange)
        #expect(counter.update(1_000) == .firstSample)
        #expect(counter.previous == 1_000)
    }

    @Test func risingCounterGivesItsDelta() {
        var counter = EnergyCounter(range: raplRange)
        _ = counter.update(1_000)
        #expect(counter.update(251_000) == .delta(Energy(microjoules: 250_000)))
    }

    @Test func equalReadingsAreAZeroDelta() {
        var counter = EnergyCounter(range: nil)
        _ = counter.update(42)
        #expect(counter.update(42) == .delta(.zero))
    }

    @Test func oneWrapAddsTheRange() {
        // The worked example of the probes README: prev near the top, cur past zero.
        var counter = EnergyCounter(range: raplRange)
        _ = counter.update(262_143_000_000)
        #expect(counter.update(500_000) == .wrappedDelta(Energy(microjoules: 828_850)))
    }

    @Test func backwardsWithoutKnownRangeIsAReset() {
        var counter = EnergyCounter(range: nil)
        _ = counter.update(5_000_000)
        #expect(counter.update(4_000_000) == .reset(previous: 5_000_000, current: 4_000_000))
    }

    @Test func implausibleWrapIsAReset() {
        // A small backwards step would be a wrap of ~262 kJ in one second: impossible at 5 kW.
        var counter = EnergyCounter(range: raplRange)
        _ = counter.update(5_000_000)
        let bound = Power(watts: 5_000).energy(over: .seconds(1))
        #expect(counter.update(4_999_000, maxPlausible: bound) == .reset(previous: 5_000_000, current: 4_999_000))
    }

    @Test func readingAboveTheRangeIsAReset() {
        var counter = EnergyCounter(range: 1_000)
        _ = counter.update(900)
        #expect(counter.update(5_000) == .delta(Energy(microjoules: 4_100)))
        #expect(counter.update(10) == .reset(previous: 5_000, current: 10))
    }

    @Test func restartForgetsThePreviousReading() {
        var counter = EnergyCounter(range: raplRange)
        _ = counter.update(10)
        counter.restart()
        #expect(counter.update(5) == .firstSample)
    }

    @Test func safeIntervalAtFiveHundredWatts() throws {
        let counter = EnergyCounter(range: raplRange)
        let safe = try #require(counter.longestSafeInterval(atMost: Power(watts: 500)))
        // 262 143 J / 500 W ≈ 524 s: the "about 8 minutes" of the design.
        #expect(safe > .seconds(524) && safe < .seconds(525))
    }

    @Test("wrapped = unwrapped: the sum of deltas equals the true energy")
    func wrappedEqualsUnwrapped() async {
        await propertyCheck(
            input: Gen.int(in: 1...1_000_000), Gen.int(in: 0...1_000_000).array(of: 1...200)
        ) { range, steps in
            var counter = EnergyCounter(range: UInt64(range))
            var trueTotal: Int64 = 0
            var counted: Int64 = 0
            var raw: UInt64 = 0
            _ = counter.update(raw)
            for step in steps {
                // At most one wrap per interval: the step stays within the range.
                let increment = UInt64(step) % UInt64(range)
                trueTotal += Int64(increment)
                raw = (raw + increment) % UInt64(range)
                let outcome = counter.update(raw)
                counted += outcome.energy?.microjoules ?? -1_000_000_000_000
            }
            #expect(counted == trueTotal)
        }
    }
}
