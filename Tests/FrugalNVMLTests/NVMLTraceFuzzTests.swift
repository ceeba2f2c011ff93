import FrugalCore
import Testing

@testable import FrugalNVML

/// Outside input never crashes the trace reader: seeded mutations of a valid
/// trace (bytes dropped, duplicated, replaced) either parse or fail with a line.
@Suite struct NVMLTraceFuzzTests {
    @Test func mutatedTracesParseOrFailWithALine() throws {
        var random = SplitMix64(seed: 0x5EED_F00D)
        let seed = Array(NVMLTraceTests.sample.utf8)
        let alphabet = Array("0123456789,-\n\r_GPU-aZ ".utf8)
        var parsed = 0
        for _ in 0..<3_000 {
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
                let trace = try NVMLTrace(csv: String(decoding: bytes, as: UTF8.self))
                // What parses replays without trapping.
                let source = NVMLSource(library: ReplayNVML(trace: trace))
                _ = source.discover()
                _ = source.read()
                parsed += 1
            } catch {
                #expect(error.line >= 1)
            }
        }
        #expect(parsed > 0)
    }
}
