import Foundation
import Testing

@testable import FrugalSensors

/// Outside input never crashes the `sensors -j` reader: seeded mutations of
/// the catalogue's real snapshots either replay or fail with a message.
@Suite struct SensorsJSONFuzzTests {
    @Test func mutatedSnapshotsReplayOrFail() throws {
        var random = SplitMix64(seed: 0xC0FF_EE00)
        let url = SensorsProbeCatalogueTests.probes.appendingPathComponent("sensors-kepler-fixture/sensors.json")
        let seed = Array(try String(contentsOf: url, encoding: .utf8).utf8)
        let alphabet = Array("{}[]\":,.-0123456789e\\ _powerenergy1input".utf8)
        var replayed = 0
        for _ in 0..<500 {
            var bytes = seed
            for _ in 0..<Int(random.next() % 4 + 1) {
                let at = Int(random.next() % UInt64(bytes.count))
                switch random.next() % 3 {
                case 0: bytes.remove(at: at)
                case 1: bytes.insert(bytes[at], at: at)
                default: bytes[at] = alphabet[Int(random.next() % UInt64(alphabet.count))]
                }
            }
            do {
                let source = SensorsSource(library: try SensorsJSONReplay(json: String(decoding: bytes, as: UTF8.self)))
                _ = source.discover()
                _ = source.read()
                replayed += 1
            } catch {
                #expect(!error.message.isEmpty)
            }
        }
        #expect(replayed > 0)
    }

    @Test func deepNestingIsAnErrorNotAStackOverflow() {
        let deep = String(repeating: "[", count: 100_000)
        #expect(throws: SensorsJSONError.self) { try SensorsJSONReplay(json: deep) }
    }
}

/// A small seeded generator (SplitMix64) so a failure replays exactly.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
