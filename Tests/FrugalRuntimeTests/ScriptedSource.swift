import FrugalCore
import FrugalProbes
import FrugalRuntime

/// A source whose readings a test writes step by step: the sampler's own
/// logic is under test here; the real readers are replayed from Probes/.
final class ScriptedSource: PowerSource {
    let name = "scripted"
    var domains: [Domain]
    var next: [DomainID: Result<Reading, ProbeFailure>] = [:]

    init(domains: [Domain]) { self.domains = domains }

    func discover() -> Discovery { Discovery(domains: domains) }
    func read() -> [DomainID: Result<Reading, ProbeFailure>] { next }

    static func counter(_ id: DomainID, range: UInt64? = 262_143_328_850) -> Domain {
        Domain(
            id: id, kind: .package, name: id.rawValue, source: "scripted", method: .energyCounter,
            counterRangeMicrojoules: range, location: id.rawValue)
    }

    static func power(_ id: DomainID) -> Domain {
        Domain(
            id: id, kind: .gpu, name: id.rawValue, source: "scripted", method: .integratedPower, location: id.rawValue)
    }
}

extension SampleTime {
    static func at(seconds: Int64) -> SampleTime {
        SampleTime(wall: Timestamp(secondsSinceEpoch: 1_700_000_000 + seconds), monotonic: .seconds(seconds))
    }
}
