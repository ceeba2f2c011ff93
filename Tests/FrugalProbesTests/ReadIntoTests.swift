import FrugalCore
import FrugalProbes
import Testing

/// `read(_:into:)`, the sampler's allocation-free read, says what `read()` says.
@Suite struct ReadIntoTests {
    private static func byID(_ source: any PowerSource, _ ids: [DomainID]) -> [Result<Reading, ProbeFailure>] {
        let all = source.read()
        return ids.map { all[$0] ?? .failure(ProbeFailure(.absent, "\(source.name) no longer reports \($0)")) }
    }

    /// On every catalogue tree, at every step of its timeline (zones vanishing,
    /// garbage, denied files), in discovery order and in any other order.
    @Test(arguments: Catalogue.entries())
    func readIntoAgreesWithRead(entry: String) throws {
        let timeline = try SysfsTimeline.materialize(entry: Catalogue.root.path + "/" + entry)
        let sources: [any PowerSource] = [
            RAPLSource(sysfsRoot: timeline.sysfsRoot), HwmonSource(sysfsRoot: timeline.sysfsRoot),
        ]
        let ids = sources.map { $0.discover().domains.map(\.id) }
        var buffer: [Result<Reading, ProbeFailure>] = [.failure(ProbeFailure(.transient, "stale"))]
        for step in [0] + timeline.steps {
            if step > 0 { try timeline.apply(step: step) }
            for (source, ids) in zip(sources, ids) {
                source.read(ids, into: &buffer)
                #expect(buffer == Self.byID(source, ids), "\(entry) step \(step) \(source.name)")
                let shuffled = ids.reversed() + [DomainID("rapl:not-a-zone")]
                source.read(shuffled, into: &buffer)
                #expect(buffer == Self.byID(source, shuffled), "\(entry) step \(step) \(source.name) reordered")
            }
        }
    }
}
