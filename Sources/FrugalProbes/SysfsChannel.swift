import FrugalCore

/// A discovered domain's open attribute and how its integer is read.
struct SysfsChannel {
    enum Unit {
        /// A cumulative counter in µJ (`energy_uj`, `energy*_input`).
        case energyMicrojoules
        /// A power in µW (`power*_average`, `power*_input`).
        case powerMicrowatts
    }

    let id: DomainID
    let file: SysfsFile
    let unit: Unit

    /// Reads the attribute now; a failure is passed on, never turned into a zero.
    func read() -> Result<Reading, ProbeFailure> {
        file.readUInt64().flatMap { value in
            switch unit {
            case .energyMicrojoules:
                return .success(.energyCounter(value))
            case .powerMicrowatts:
                guard let microwatts = Int64(exactly: value) else {
                    return .failure(ProbeFailure(.transient, "\(file.displayPath): \(value) µW is out of range"))
                }
                return .success(.power(Power(microwatts: microwatts)))
            }
        }
    }
}

extension Array where Element == SysfsChannel {
    /// Reads every channel once.
    func readAll() -> [DomainID: Result<Reading, ProbeFailure>] {
        var readings = [DomainID: Result<Reading, ProbeFailure>](minimumCapacity: count)
        for channel in self { readings[channel.id] = channel.read() }
        return readings
    }

    /// Reads every channel into `readings` in order, when `domains` lists
    /// exactly these channels (the sampler passes the last discovery); false
    /// when it does not, and the caller must look readings up by id.
    func read(_ domains: [DomainID], into readings: inout [Result<Reading, ProbeFailure>]) -> Bool {
        guard count == domains.count, zip(self, domains).allSatisfy({ $0.id == $1 }) else { return false }
        readings.removeAll(keepingCapacity: true)
        for channel in self { readings.append(channel.read()) }
        return true
    }
}
