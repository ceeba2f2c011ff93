import FrugalCore

/// Power (`power*_average`, `power*_input`, µW) and energy (`energy*_input`,
/// µJ) channels of the raw hwmon sysfs interface (`<root>/class/hwmon/*`).
///
/// Domain IDs are `hwmon:<chip>/<channel>` (`hwmon:amdgpu/power1`); when two
/// chips with power channels share a name, each is qualified by its device
/// (`hwmon:amdgpu@0000:c3:00.0/power1`), or by its hwmon entry when the
/// devices do not tell them apart (`hwmon:ina3221@hwmon3/power1`). See
/// `README.md` beside this file for the kinds, the choice of `_average` over
/// `_input`, and what is left out.
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
        let prefixes = Self.idPrefixes(chips.filter { !$0.channels.isEmpty })
        var discovery = Discovery()
        for chip in chips {
            if chip.hasVoltageAndCurrentOnly {
                discovery.problems.append(voltageCurrentOnly(chip))
            }
            guard let prefix = prefixes[chip.entry] else { continue }
            discovery = discovery + examine(chip, prefix: prefix)
        }
        return discovery
    }

    public func read() -> [DomainID: Result<Reading, ProbeFailure>] {
        if !discovered { _ = discover() }
        return channels.readAll()
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
        let kinds = opened.map { HwmonChip.kind(chip: chip.chipName, label: $0.0.label) }
        let packages = zip(opened, kinds).filter { $0.1 == .package }.map { "\(prefix)/\($0.0.0.channel)" }
        for ((channel, file), kind) in zip(opened, kinds) {
            let id = DomainID("\(prefix)/\(channel.channel)")
            // A core or SoC rail is inside the chip's single package figure.
            let parent = (kind == .core || kind == .uncore) && packages.count == 1 ? DomainID(packages[0]) : nil
            discovery.domains.append(
                Domain(
                    id: id, kind: kind, name: channel.label ?? "\(chip.chipName) \(channel.channel)",
                    source: name, method: channel.unit == .energyMicrojoules ? .energyCounter : .integratedPower,
                    parent: parent, counterRangeMicrojoules: nil, location: file.displayPath))
            channels.append(SysfsChannel(id: id, file: file, unit: channel.unit))
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

    /// The ID prefix of each chip with channels, keyed by its entry: see the type's documentation.
    static func idPrefixes(_ chips: [HwmonChip]) -> [String: String] {
        var prefixes: [String: String] = [:]
        for (chipName, group) in Dictionary(grouping: chips, by: \.chipName) {
            if group.count == 1 {
                prefixes[group[0].entry] = "hwmon:\(chipName)"
                continue
            }
            let devices = group.compactMap(\.deviceName)
            let byDevice = devices.count == group.count && Set(devices).count == group.count
            for chip in group {
                prefixes[chip.entry] = "hwmon:\(chipName)@\(byDevice ? chip.deviceName! : chip.entry)"
            }
        }
        return prefixes
    }
}
