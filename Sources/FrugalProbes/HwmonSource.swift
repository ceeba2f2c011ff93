import FrugalCore

/// Power (`power*_average`, `power*_input`, µW) and energy (`energy*_input`,
/// µJ) channels of the raw hwmon sysfs interface (`<root>/class/hwmon/*`).
///
/// Domain IDs, kinds and names follow `HwmonNaming`, the same as the
/// libsensors reader gives the same sensor: `hwmon:<chip>/<channel>`
/// (`hwmon:amdgpu/power1`), namesake chips qualified by device
/// (`hwmon:amdgpu@0000:c3:00.0/power1`) or hwmon entry. See `README.md`
/// beside this file for the kinds, the choice of `_average` over `_input`,
/// and what is left out.
public final class HwmonSource: PowerSource {
    public let name = "hwmon"
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
        // Dangling links and plain files under class/hwmon are skipped by scan.
        let chips = (tree.list("class/hwmon") ?? []).compactMap { HwmonChip.scan(tree, entry: $0) }
        let prefixes = HwmonNaming.idPrefixes(chips.map(\.naming))
        var discovery = Discovery()
        for (chip, prefix) in zip(chips, prefixes) {
            if chip.hasVoltageAndCurrentOnly {
                discovery.problems.append(voltageCurrentOnly(chip))
            }
            guard !chip.channels.isEmpty else { continue }
            discovery = discovery + examine(chip, prefix: prefix)
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

    private func examine(_ chip: HwmonChip, prefix: String) -> Discovery {
        var discovery = Discovery()
        var opened: [(HwmonChip.Channel, SysfsFile)] = []
        for channel in chip.channels {
            switch open(chip, channel) {
            case .opened(let file): opened.append((channel, file))
            case .problem(let problem): discovery.problems.append(problem)
            }
        }
        let named = HwmonNaming.channels(
            opened.map { ($0.0.channel, $0.0.label) }, chip: chip.chipName, idPrefix: prefix)
        for ((channel, file), domain) in zip(opened, named) {
            discovery.domains.append(
                Domain(
                    id: domain.id, kind: domain.kind, name: domain.name, source: name,
                    method: channel.unit == .energyMicrojoules ? .energyCounter : .integratedPower,
                    parent: domain.parent, counterRangeMicrojoules: nil, location: file.displayPath))
            channels.append(SysfsChannel(id: domain.id, file: file, unit: channel.unit))
        }
        return discovery
    }

    /// Opens the first attribute of the channel that can be opened.
    private func open(_ chip: HwmonChip, _ channel: HwmonChip.Channel) -> OpenedChannel {
        var firstFailure: (String, ProbeFailure)?
        for attribute in channel.candidates {
            let file = SysfsFile(root: tree.root, relativePath: "\(chip.relativePath)/\(attribute)")
            switch file.open() {
            case .success: return .opened(file)
            case .failure(let failure): firstFailure = firstFailure ?? (file.displayPath, failure)
            }
        }
        let (location, failure) = firstFailure!
        return .problem(ProbeProblem(source: name, location: location, failure: failure))
    }

    private enum OpenedChannel {
        case opened(SysfsFile)
        case problem(ProbeProblem)
    }

    private func voltageCurrentOnly(_ chip: HwmonChip) -> ProbeProblem {
        ProbeProblem(
            source: name, location: chip.relativePath,
            failure: ProbeFailure(
                .unavailable,
                "\(chip.chipName) reports voltage and current only (in*_input, curr*_input), not used: "
                    + "which in/curr pair makes a power differs by chip, so none is derived",
                fix: "use a driver or libsensors configuration that exposes power*_input for this chip"))
    }
}
