import FrugalCore
import PropertyBased
import Testing

@Suite("LargestRemainder: parts add up to the whole")
struct LargestRemainderTests {
    @Test func splitsInProportionAndGivesLeftoversToTheLargestFractions() {
        #expect(LargestRemainder.split(10, by: [1, 1, 1]) == [4, 3, 3])
        #expect(LargestRemainder.split(100, by: [3, 1]) == [75, 25])
        #expect(LargestRemainder.split(7, by: [0, 2, 0]) == [0, 7, 0])
        #expect(LargestRemainder.split(5, by: [0, 0]) == nil)
        #expect(LargestRemainder.split(0, by: [1, 2]) == [0, 0])
    }

    @Test("shares sum to the total, never negative, zero weight gets zero")
    func sharesSumToTheTotal() async {
        await propertyCheck(
            input: Gen.int(in: 0...2_000_000_000), Gen.double(in: 0...1_000).array(of: 1...40)
        ) { total, raw in
            let weights = raw.enumerated().map { $0.offset % 5 == 4 ? 0 : $0.element }
            guard let parts = LargestRemainder.split(Int64(total), by: weights) else {
                #expect(weights.allSatisfy { $0 == 0 })
                return
            }
            #expect(parts.reduce(0, +) == Int64(total))
            #expect(parts.allSatisfy { $0 >= 0 })
            for (part, weight) in zip(parts, weights) where weight == 0 { #expect(part == 0) }
        }
    }
}
