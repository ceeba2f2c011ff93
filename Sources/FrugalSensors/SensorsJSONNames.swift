/// How `sensors -j` names things, taken apart: chip names
/// (`k10temp-pci-00c3`), feature names (`power1`) and subfeature names
/// (`power1_average`), as libsensors' `sensors_snprintf_chip_name` and the
/// hwmon sysfs ABI write them.
enum SensorsJSONNames {
    /// The bus parts libsensors appends to a chip prefix, for each bus type.
    private static let busParts: [String: Int] = [
        "isa": 1, "pci": 1, "virtual": 1, "acpi": 1, "mdio": 1, "i2c": 2, "spi": 2, "hid": 2, "scsi": 2,
    ]

    /// The prefix (`k10temp`) of a full chip name (`k10temp-pci-00c3`,
    /// `lm75-i2c-1-48`); the whole name when no known bus follows.
    static func prefix(of chipName: String) -> String {
        let parts = chipName.split(separator: "-", omittingEmptySubsequences: false)
        for (bus, count) in busParts {
            let busIndex = parts.count - 1 - count
            if busIndex >= 1, parts[busIndex] == bus {
                return parts[..<busIndex].joined(separator: "-")
            }
        }
        return chipName
    }

    /// The kernel's name of the chip's device, where the chip name encodes
    /// it: `amdgpu-pci-c300` is PCI device `0000:c3:00.0` (libsensors drops
    /// the PCI domain, so domain 0000 is assumed), `lm75-i2c-1-48` is I2C
    /// device `1-0048`. Nil for other buses.
    static func deviceName(of chipName: String) -> String? {
        let parts = chipName.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count >= 3 else { return nil }
        if parts[parts.count - 2] == "pci", let address = UInt16(parts[parts.count - 1], radix: 16) {
            // libsensors' PCI address is bus << 8 | device << 3 | function.
            let bus = hex(Int(address >> 8), width: 2)
            let device = hex(Int((address >> 3) & 0x1f), width: 2)
            return "0000:\(bus):\(device).\(address & 0x7)"
        }
        if parts.count >= 4, parts[parts.count - 3] == "i2c", let bus = Int(parts[parts.count - 2]),
            let address = UInt16(parts[parts.count - 1], radix: 16)
        {
            return "\(bus)-\(hex(Int(address), width: 4))"
        }
        return nil
    }

    private static func hex(_ value: Int, width: Int) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }

    /// `power1` for `power1_average`.
    static func featureName(of subfeature: String) -> String {
        String(subfeature.prefix { $0 != "_" })
    }

    /// The key itself when it reads as a feature name (`in2`), else nil (a label).
    static func bareFeature(_ key: String) -> String? {
        let letters = key.prefix { $0.isLetter }
        let digits = key.dropFirst(letters.count)
        return !letters.isEmpty && !digits.isEmpty && digits.allSatisfy(\.isNumber) ? key : nil
    }

    static func featureType(of feature: String) -> SensorsFeatureType {
        switch feature.prefix(while: \.isLetter) {
        case "in": .voltage
        case "fan": .fan
        case "temp": .temperature
        case "power": .power
        case "energy": .energy
        case "curr": .current
        default: .unknown
        }
    }

    static func subfeatureType(of subfeature: String) -> SensorsSubfeatureType {
        let feature = featureName(of: subfeature)
        let suffix = subfeature.dropFirst(feature.count)
        switch (featureType(of: feature), suffix) {
        case (.power, "_average"): return .powerAverage
        case (.power, "_input"): return .powerInput
        case (.energy, "_input"): return .energyInput
        default: return .unknown
        }
    }
}
