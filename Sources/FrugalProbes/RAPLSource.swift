import FrugalCore

/// RAPL energy counters through the powercap sysfs interface
/// (`<root>/class/powercap/intel-rapl:*`, also used by AMD Zen).
///
/// Every zone and sub-zone with a readable `energy_uj` is a domain with ID
/// `rapl:<zone directory>`; a sub-zone's `parent` is its package, whose
/// energy already contains it. The wrap range comes from
/// `max_energy_range_uj`. See `README.md` beside this file for the rules
/// (MMIO twins, `enabled`, permissions) and a worked wrap example.
public final class RAPLSource: PowerSource {
    public let name = "rapl"
    private let tree: SysfsTree
    private var channels: [SysfsChannel] = []
    private var discovered = false

    /// - Parameter sysfsRoot: the sysfs mount (`/sys` on a host, a `sys/`
    ///   folder of a `Probes/` entry in tests).
    public init(sysfsRoot: String) {
        self.tree = SysfsTree(root: sysfsRoot)
    }

    public func discover() -> Discovery {
        discovered = true
        channels = []
        guard let entries = tree.list("class/powercap") else {
            return Discovery(problems: [noRAPL("class/powercap does not exist")])
        }
        let zones = entries.compactMap(RAPLZone.init(directory:))
        guard !zones.isEmpty else {
            return Discovery(problems: [noRAPL("class/powercap has no intel-rapl zone")])
        }
        let names = Dictionary(uniqueKeysWithValues: zones.map { ($0, tree.optionalText("\($0.relativePath)/name")) })
        let present = Set(zones.map(\.directory))
        var discovery = Discovery()
        for zone in zones {
            let zoneName = names[zone] ?? nil
            if zone.isMMIO, let twin = msrTwin(of: zone, named: zoneName, among: zones, names: names) {
                discovery.problems.append(duplicate(zone, of: twin))
                continue
            }
            discovery = discovery + examine(zone, name: zoneName, parentPresent: present)
        }
        return discovery
    }

    public func read() -> [DomainID: Result<Reading, ProbeFailure>] {
        if !discovered { _ = discover() }
        return channels.readAll()
    }

    /// Reads the channels straight into `readings` when `domains` is this
    /// source's last discovery, as it is for the sampler.
    public func read(_ domains: [DomainID], into readings: inout [Result<Reading, ProbeFailure>]) {
        if !discovered { _ = discover() }
        if !channels.read(domains, into: &readings) { readByID(domains, into: &readings) }
    }

    /// Opens one zone's counter and reads its range.
    private func examine(_ zone: RAPLZone, name: String?, parentPresent: Set<String>) -> Discovery {
        let energyPath = "\(zone.relativePath)/energy_uj"
        let file = SysfsFile(root: tree.root, relativePath: energyPath)
        if case .failure(let failure) = file.open() {
            // A denied counter is left out, never read as zero.
            return Discovery(problems: [ProbeProblem(source: self.name, location: energyPath, failure: failure)])
        }
        var discovery = Discovery()
        let rangePath = "\(zone.relativePath)/max_energy_range_uj"
        let range: UInt64?
        switch tree.readText(rangePath).flatMap({ IntegerText.parseUInt64($0, path: rangePath) }) {
        case .success(let value) where value > 0:
            range = value
        case .success:
            range = nil
            discovery.problems.append(missingRange(rangePath, why: "\(rangePath) is 0"))
        case .failure(let failure):
            range = nil
            discovery.problems.append(missingRange(rangePath, why: failure.reason))
        }
        let parent = zone.parentDirectory.flatMap { parentPresent.contains($0) ? DomainID("rapl:\($0)") : nil }
        let domain = Domain(
            id: zone.domainID, kind: name.map(RAPLZone.kind(forName:)) ?? .other,
            name: name ?? zone.directory, source: self.name, method: .energyCounter,
            parent: parent, counterRangeMicrojoules: range, location: energyPath)
        discovery.domains.append(domain)
        channels.append(SysfsChannel(id: domain.id, file: file, unit: .energyMicrojoules))
        return discovery
    }

    /// The MSR zone that an MMIO zone duplicates: a top-level `intel-rapl:*`
    /// zone with the same `name` (both expose the same package counter).
    private func msrTwin(of zone: RAPLZone, named name: String?, among zones: [RAPLZone], names: [RAPLZone: String?])
        -> RAPLZone?
    {
        guard let name else { return nil }
        return zones.first { !$0.isMMIO && $0.indices.count == zone.indices.count && names[$0] == name }
    }

    private func duplicate(_ zone: RAPLZone, of twin: RAPLZone) -> ProbeProblem {
        ProbeProblem(
            source: name, location: zone.relativePath,
            failure: ProbeFailure(
                .absent,
                "skipped duplicate: \(zone.directory) is the MMIO view of the counter read at \(twin.directory); "
                    + "counted once, as \(twin.domainID)"))
    }

    private func missingRange(_ path: String, why: String) -> ProbeProblem {
        ProbeProblem(
            source: name, location: path,
            failure: ProbeFailure(
                .unavailable,
                "no wrap range (\(why)): the counter is still read, but a wrap cannot be told "
                    + "from a reset, so a backwards step becomes a gap",
                fix: "use a kernel whose powercap driver exposes max_energy_range_uj"))
    }

    private func noRAPL(_ why: String) -> ProbeProblem {
        ProbeProblem(
            source: name, location: "class/powercap",
            failure: ProbeFailure(
                .absent,
                "no RAPL (\(why)): not an Intel/AMD Zen host, or the intel_rapl_common / "
                    + "intel_rapl_msr module is not loaded",
                fix: "modprobe intel_rapl_msr"))
    }
}
