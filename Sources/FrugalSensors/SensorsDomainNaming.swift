import FrugalCore

/// Domain IDs and kinds for libsensors features, the same as the raw sysfs
/// reader (`HwmonSource`) gives the same sensor, so that both readers of one
/// sensor name one domain.
///
/// IDs are `hwmon:<chip>/<feature>` (`hwmon:amdgpu/power1`). When two chips
/// share a prefix, each is qualified by its device (`hwmon:amdgpu@0000:c3:00.0/power1`) if the devices tell them
/// apart, else by its hwmon entry (`hwmon:ina3221@hwmon3/power1`); a replay
/// of `sensors -j` knows neither and falls back to the chip's position among
/// its namesakes (`hwmon:ina3221#2/power1`).
enum SensorsDomainNaming {
    /// The ID prefix of each chip, keyed by `SensorsChip.index`.
    ///
    /// Namesakes are counted among all chips, not only those with power
    /// features: an `ignore` line in the lm-sensors configuration hides a
    /// feature, and must not rename the other chip's domains.
    static func idPrefixes(_ chips: [SensorsChip]) -> [Int: String] {
        var prefixes: [Int: String] = [:]
        for (prefix, group) in Dictionary(grouping: chips, by: \.prefix) {
            if group.count == 1 {
                prefixes[group[0].index] = "hwmon:\(prefix)"
                continue
            }
            let devices = group.compactMap(\.deviceName)
            let entries = group.compactMap(\.hwmonEntry)
            let sorted = group.sorted { $0.index < $1.index }
            for (ordinal, chip) in sorted.enumerated() {
                let qualifier =
                    if devices.count == group.count && Set(devices).count == group.count {
                        "@\(chip.deviceName!)"
                    } else if entries.count == group.count && Set(entries).count == group.count {
                        "@\(chip.hwmonEntry!)"
                    } else {
                        "#\(ordinal + 1)"
                    }
                prefixes[chip.index] = "hwmon:\(prefix)\(qualifier)"
            }
        }
        return prefixes
    }

    /// What a feature measures, from the chip prefix and the label.
    ///
    /// The same table as the sysfs hwmon reader's (`HwmonChip.kind`), kept in
    /// step by hand until that one is public.
    static func kind(chip: String, label: String?) -> DomainKind {
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
}
