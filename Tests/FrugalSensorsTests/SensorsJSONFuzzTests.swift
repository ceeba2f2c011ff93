import Foundation
import FrugalCore
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
