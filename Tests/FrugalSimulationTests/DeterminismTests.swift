import Foundation
import FrugalCore
import FrugalSimulation
import Testing

@Suite("Determinism: same scenario and seed, same bytes")
struct DeterminismTests {
    @Test func sameSeedGivesTheSameBytesInEveryOutput() throws {
        let a = try Simulation.run(TestScenarios.mixed(seed: 42, minutes: 5))
        let b = try Simulation.run(TestScenarios.mixed(seed: 42, minutes: 5))
        #expect(TestScenarios.text(a.writeCounters) == TestScenarios.text(b.writeCounters))
        #expect(TestScenarios.text(a.writeTruth) == TestScenarios.text(b.writeTruth))
        for format in FrugalSimulation.LogFormat.allCases {
            let left = TestScenarios.text { a.writeLog(format: format, to: &$0) }
            let right = TestScenarios.text { b.writeLog(format: format, to: &$0) }
            #expect(left == right, "format \(format)")
        }
    }

    @Test func anotherSeedGivesOtherTrafficAndNoise() throws {
        let a = try Simulation.run(TestScenarios.mixed(seed: 42, minutes: 5))
        let b = try Simulation.run(TestScenarios.mixed(seed: 43, minutes: 5))
        #expect(a.requests.map(\.key) != b.requests.map(\.key))
        #expect(a.counterReadings != b.counterReadings)
    }

    @Test func theGeneratorStreamDependsOnlyOnTheSeed() {
        var a = SplitMix64(seed: 1)
        // Reference values of SplitMix64 seeded with 1 (Vigna's splitmix64.c).
        #expect(a.next() == 0x910A_2DEC_8902_5CC1)
        #expect(a.next() == 0xBEEB_8DA1_658E_EC67)
    }

    @Test func writingToAFileGivesTheSameBytesAsToAString() throws {
        let result = try Simulation.run(TestScenarios.mixed(seed: 3, minutes: 2))
        let path = "/tmp/frugal-sim-test-\(UInt32.random(in: 0...UInt32.max)).jsonl"
        defer { try? FileManager.default.removeItem(atPath: path) }
        try result.writeLog(format: .litellm, toFile: path)
        let written = try String(contentsOfFile: path, encoding: .utf8)
        #expect(written == TestScenarios.text { result.writeLog(format: .litellm, to: &$0) })
    }
}
