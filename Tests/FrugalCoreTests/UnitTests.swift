import FrugalCore
import Testing

@Suite("Units: integer energy and power")
struct UnitTests {
    @Test func powerOverDurationIsExactInMicrojoules() {
        #expect(Power(watts: 300).energy(over: .seconds(1)) == Energy(joules: 300))
        #expect(Power(microwatts: 1).energy(over: .milliseconds(500)) == Energy(microjoules: 1))  // 0.5 rounds up
        #expect(Power(microwatts: 3).energy(over: .milliseconds(100)) == .zero)
    }

    @Test func largeProductsDoNotOverflow() {
        // A 10 kW rack for a year: 3.15e17 µJ, beyond Int64 before the division.
        let year = Duration.seconds(365 * 24 * 3_600)
        let energy = Power(watts: 10_000).energy(over: year)
        #expect(energy.microjoules == 10_000 * 365 * 24 * 3_600 * 1_000_000)
    }

    @Test func averagePowerInvertsEnergy() throws {
        let energy = Energy(joules: 450)
        let power = try #require(energy.averagePower(over: .milliseconds(1_500)))
        #expect(power == Power(watts: 300))
        #expect(energy.averagePower(over: .zero) == nil)
    }

    @Test func trapezoidKeepsTheHalfMicrowatt() {
        let e = Power.trapezoid(Power(microwatts: 1), Power(microwatts: 2), over: .seconds(2))
        #expect(e == Energy(microjoules: 3))  // mean 1.5 µW for 2 s
        let watts = Power.trapezoid(Power(watts: 100), Power(watts: 300), over: .seconds(1))
        #expect(watts == Energy(joules: 200))
    }

    @Test func unitConversionsAtTheEdges() {
        #expect(Energy(millijoules: 1_234).microjoules == 1_234_000)
        #expect(Energy(joules: 3.6e6).kilowattHours == 1)
        #expect(Power(milliwatts: 32_303).watts == 32.303)
        #expect([Energy(microjoules: 1), Energy(microjoules: 2)].sum() == Energy(microjoules: 3))
    }

    @Test func minuteStartFloorsAlsoBeforeTheEpoch() {
        let t = Timestamp(nanosecondsSinceEpoch: 90_500_000_000)
        #expect(t.minuteStart == Timestamp(secondsSinceEpoch: 60))
        let before = Timestamp(nanosecondsSinceEpoch: -1)
        #expect(before.minuteStart == Timestamp(secondsSinceEpoch: -60))
    }

    @Test func sampleStartComesFromTheMonotonicLength() {
        let sample = EnergySample(
            domain: "rapl:intel-rapl:0", end: Timestamp(secondsSinceEpoch: 100), elapsed: .milliseconds(1_500),
            energy: Energy(joules: 1))
        #expect(sample.start == Timestamp(nanosecondsSinceEpoch: 98_500_000_000))
    }
}
