import Foundation
import FrugalCore
import FrugalProbes

/// Reads a catalogue entry with the real sources and renders its golden.
enum CatalogueReplay {
    /// The steps of a timeline are taken as one second apart, and no domain
    /// draws more than 1 kW: a backwards step worth more than 1 kJ is a reset.
    static let maxPlausiblePerStep = Energy(joules: 1000)

    static func render(entryPath: String, denied: [String]) throws -> Golden {
        let timeline = try SysfsTimeline.materialize(entry: entryPath)
        for path in denied { try timeline.perform(.init(step: 0, path: path, action: .deny)) }
        let reader: (() -> Golden.Step) -> Golden.Step = { body in
            denied.isEmpty ? body() : asUnprivilegedReader(body)
        }
        let sources: [any PowerSource] = [
            RAPLSource(sysfsRoot: timeline.sysfsRoot), HwmonSource(sysfsRoot: timeline.sysfsRoot),
        ]
        var discovery: [String: Discovery] = [:]
        var domains: [Domain] = []
        var counters: [DomainID: EnergyCounter] = [:]
        var steps: [Golden.Step] = []
        for step in [0] + timeline.steps {
            if step > 0 { try timeline.apply(step: step) }
            steps.append(
                reader {
                    if step == 0 {
                        for source in sources { discovery[source.name] = source.discover() }
                        domains = discovery.values.flatMap(\.domains)
                        counters = Dictionary(
                            uniqueKeysWithValues: domains.map {
                                ($0.id, EnergyCounter(range: $0.counterRangeMicrojoules))
                            })
                    }
                    let readings = sources.map { $0.read() }.reduce(into: [:]) { $0.merge($1) { a, _ in a } }
                    let fresh =
                        [RAPLSource(sysfsRoot: timeline.sysfsRoot), HwmonSource(sysfsRoot: timeline.sysfsRoot)]
                        as [any PowerSource]
                    return Golden.Step(
                        step: step,
                        readings: Dictionary(
                            uniqueKeysWithValues: readings.map { ($0.key.rawValue, GoldenReading($0.value)) }),
                        counters: classify(readings, &counters),
                        rediscovered: fresh.flatMap { $0.discover().domains.map(\.id.rawValue) }.sorted())
                })
        }
        if timeline.steps.isEmpty {
            return Golden(discovery: discovery, readings: steps[0].readings, steps: nil)
        }
        return Golden(discovery: discovery, readings: nil, steps: steps)
    }

    /// What a sampler makes of each energy counter reading: a failure is a
    /// gap after which the counter starts over.
    static func classify(
        _ readings: [DomainID: Result<Reading, ProbeFailure>], _ counters: inout [DomainID: EnergyCounter]
    )
        -> [String: String]
    {
        var out: [String: String] = [:]
        for (id, result) in readings {
            guard counters[id] != nil else { continue }
            switch result {
            case .success(.energyCounter(let value)):
                out[id.rawValue] = describe(counters[id]!.update(value, maxPlausible: maxPlausiblePerStep))
            case .success(.power):
                counters[id] = nil
            case .failure(let failure):
                counters[id]!.restart()
                out[id.rawValue] = "gap: \(failure.kind.rawValue)"
            }
        }
        return out
    }

    static func describe(_ delta: CounterDelta) -> String {
        switch delta {
        case .firstSample: "first sample"
        case .delta(let energy): "delta \(energy.microjoules) µJ"
        case .wrappedDelta(let energy): "wrapped \(energy.microjoules) µJ"
        case .reset(let previous, let current): "reset \(previous) → \(current)"
        }
    }
}
