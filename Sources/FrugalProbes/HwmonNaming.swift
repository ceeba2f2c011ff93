import FrugalCore

/// How hwmon power and energy channels become domains: their IDs, kinds,
/// names and parents. The raw sysfs reader (`HwmonSource`) and the libsensors
/// reader (`SensorsSource`) both name through here, so that one sensor read
/// either way is one domain.
public enum HwmonNaming {
    /// A chip as the ID rule sees it.
    public struct Chip: Hashable, Sendable {
        /// The driver's name (`amdgpu`, `power_meter`): hwmon `name`, libsensors' prefix.
        public var name: String
        /// The device the chip belongs to (`0000:c3:00.0`), when known.
        public var deviceName: String?
        /// The entry under `class/hwmon` (`hwmon3`), when known.
        public var hwmonEntry: String?

        public init(name: String, deviceName: String?, hwmonEntry: String?) {
            self.name = name
            self.deviceName = deviceName
            self.hwmonEntry = hwmonEntry
        }
    }

    /// The ID prefix of each chip, in the order given (`hwmon:amdgpu`,
    /// `hwmon:amdgpu@0000:c3:00.0`).
    ///
    /// Pass every chip the reader sees, whether or not it has a power or
    /// energy channel: a namesake is qualified by its device when the devices
    /// tell the namesakes apart, else by its hwmon entry, else (a `sensors -j`
    /// replay knows neither) by its position among them, from 1 (`#2`).
    /// Counting every chip keeps IDs the same whichever channels a reader is
    /// shown: an lm-sensors `ignore` line or a disabled channel must not
    /// rename another chip's domains.
    public static func idPrefixes(_ chips: [Chip]) -> [String] {
        var prefixes = [String](repeating: "", count: chips.count)
        for (name, positions) in Dictionary(grouping: chips.indices, by: { chips[$0].name }) {
            let group = positions.sorted()
            guard group.count > 1 else {
                prefixes[group[0]] = "hwmon:\(name)"
                continue
            }
            let devices = group.compactMap { chips[$0].deviceName }
            let entries = group.compactMap { chips[$0].hwmonEntry }
            for (ordinal, position) in group.enumerated() {
                let qualifier =
                    if devices.count == group.count && Set(devices).count == group.count {
                        "@\(devices[ordinal])"
                    } else if entries.count == group.count && Set(entries).count == group.count {
                        "@\(entries[ordinal])"
                    } else {
                        "#\(ordinal + 1)"
                    }
                prefixes[position] = "hwmon:\(name)\(qualifier)"
            }
        }
        return prefixes
    }

    /// What a chip's channel measures, from the driver name and the label.
    public static func kind(chip: String, label: String?) -> DomainKind {
        switch chip {
        case "power_meter":
            // ACPI power meter: the whole node at the wall.
            return .node
        case "amdgpu", "radeon", "nouveau", "i915", "xe":
            return .gpu
        case "k10temp", "zenpower", "coretemp", "fam15h_power", "amd_energy":
            let text = (label ?? "").lowercased()
            if text.contains("socket") || text.contains("package") { return .package }
            if text.contains("core") { return .core }
            if text.contains("soc") { return .uncore }
            return .package
        default:
            return .other
        }
    }

    /// A channel of one chip, named: what a `Domain` needs beyond how it is read.
    public struct Channel: Hashable, Sendable {
        /// `hwmon:<prefix>/<channel>`.
        public var id: DomainID
        public var kind: DomainKind
        /// The label, else `<chip> <channel>`.
        public var name: String
        /// The chip's single package channel, for a core or SoC rail.
        public var parent: DomainID?
    }

    /// Names the channels of one chip (`power1`, `energy2`, with their labels
    /// when configured), in the order given.
    public static func channels(
        _ channels: [(channel: String, label: String?)], chip: String, idPrefix: String
    ) -> [Channel] {
        let named = channels.map { channel, label in
            Channel(
                id: DomainID("\(idPrefix)/\(channel)"), kind: kind(chip: chip, label: label),
                name: label ?? "\(chip) \(channel)", parent: nil)
        }
        let packages = named.filter { $0.kind == .package }
        // A core or SoC rail is inside the chip's package figure; with two
        // package channels it is not known which one holds it.
        guard packages.count == 1 else { return named }
        return named.map { channel in
            var channel = channel
            if channel.kind == .core || channel.kind == .uncore { channel.parent = packages[0].id }
            return channel
        }
    }
}
