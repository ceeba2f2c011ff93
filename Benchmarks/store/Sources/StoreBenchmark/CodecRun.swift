import FrugalCore
import FrugalStore

/// The block codec alone at three timestamp resolutions, on two simulated days.
func codecPayloadLines(options: Options) -> [String] {
    var lines: [String] = []
    for (label, resolution) in [("ns", Int64(1)), ("µs", Int64(1_000)), ("ms", Int64(1_000_000))] {
        var simulator = HostSimulator(seed: options.seed, start: options.start, resolutionNanoseconds: resolution)
        var bytesByKind = [String: (bytes: Int, samples: Int)]()
        for _ in 0..<(2 * 1_440) {
            var minute = [DomainID: [PackedSample]]()
            for _ in 0..<60 {
                for sample in simulator.tick() {
                    minute[sample.domain, default: []].append(
                        PackedSample(
                            endNanoseconds: sample.end.nanosecondsSinceEpoch,
                            elapsedNanoseconds: sample.elapsed.nanoseconds,
                            energyMicrojoules: sample.energy.microjoules, wrapped: sample.wrapped))
                }
            }
            for (domain, samples) in minute {
                let kind =
                    String(domain.rawValue.prefix { $0 != ":" }) + (domain.rawValue.hasSuffix(":2") ? " dram" : "")
                let base = samples[0].endNanoseconds / 60_000_000_000 * 60_000_000_000
                bytesByKind[kind, default: (0, 0)].bytes += SampleBlockCodec.encode(samples, base: base).count
                bytesByKind[kind, default: (0, 0)].samples += samples.count
            }
        }
        let total = bytesByKind.values.reduce((0, 0)) { ($0.0 + $1.bytes, $0.1 + $1.samples) }
        let parts = bytesByKind.sorted { $0.key < $1.key }
            .map { "\($0.key) \(formatted(Double($0.value.bytes) / Double($0.value.samples)))" }
            .joined(separator: ", ")
        lines.append(
            "| block payload, timestamps in \(label) | \(formatted(Double(total.0) / Double(total.1))) B/sample (\(parts)) |"
        )
    }
    return lines
}
