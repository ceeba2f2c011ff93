/// One hwmon chip directory (`class/hwmon/hwmonN`, a link into `devices/` or
/// a plain directory) and the power and energy channels it offers.
struct HwmonChip {
    /// A channel that gives power (µW) or energy (µJ).
    struct Channel {
        /// `power1`, `energy2`: the attribute without its suffix.
        let channel: String
        /// The attributes to try in order (`power1_average`, then `power1_input`).
        let candidates: [String]
        let label: String?
        let unit: SysfsChannel.Unit
    }

    /// The entry under `class/hwmon`.
    let entry: String
    /// The chip name: the `name` file, else the `device` link's target, else the entry.
    let chipName: String
    /// The name of the device the chip belongs to (`0000:c3:00.0`, `coretemp.0`), when linked.
    let deviceName: String?
    let channels: [Channel]
    /// Voltage and current inputs but no power or energy channel.
    let hasVoltageAndCurrentOnly: Bool

    var relativePath: String { "class/hwmon/\(entry)" }

    /// The chip as `HwmonNaming` sees it.
    var naming: HwmonNaming.Chip { HwmonNaming.Chip(name: chipName, deviceName: deviceName, hwmonEntry: entry) }

    /// Scans the chip; nil when the entry is not a directory (a dangling link).
    static func scan(_ tree: SysfsTree, entry: String) -> HwmonChip? {
        let path = "class/hwmon/\(entry)"
        guard tree.isDirectory(path), let files = tree.list(path) else { return nil }
        let attributes = files.compactMap(Attribute.init)
        let present = Set(files)
        let deviceName = tree.linkTargetName("\(path)/device")
        let chipName = tree.optionalText("\(path)/name") ?? deviceName ?? entry
        func enabled(_ channel: String) -> Bool {
            // An attribute `<channel>_enable` holding 0 turns the channel off.
            tree.optionalText("\(path)/\(channel)_enable") != "0"
        }
        func label(_ channel: String) -> String? {
            present.contains("\(channel)_label") ? tree.optionalText("\(path)/\(channel)_label") : nil
        }
        var channels: [Channel] = []
        for (type, unit, suffixes) in [
            ("power", SysfsChannel.Unit.powerMicrowatts, ["average", "input"]),
            ("energy", .energyMicrojoules, ["input"]),
        ] {
            let indices = Set(attributes.filter { $0.type == type && suffixes.contains($0.suffix) }.map(\.index))
            for index in indices.sorted() {
                let channel = "\(type)\(index)"
                guard enabled(channel) else { continue }
                let candidates = suffixes.map { "\(channel)_\($0)" }.filter(present.contains)
                channels.append(Channel(channel: channel, candidates: candidates, label: label(channel), unit: unit))
            }
        }
        let hasInput = { (type: String) in
            attributes.contains { $0.type == type && $0.suffix == "input" && enabled("\(type)\($0.index)") }
        }
        return HwmonChip(
            entry: entry, chipName: chipName, deviceName: deviceName, channels: channels,
            hasVoltageAndCurrentOnly: channels.isEmpty && hasInput("in") && hasInput("curr"))
    }

    /// An attribute name taken apart: `power1_average` is (`power`, 1, `average`).
    struct Attribute {
        let type: String
        let index: Int
        let suffix: String

        init?(_ name: String) {
            guard let underscore = name.firstIndex(of: "_") else { return nil }
            let head = name[..<underscore]
            guard let firstDigit = head.firstIndex(where: \.isASCIIDigit), firstDigit > head.startIndex,
                let index = Int(head[firstDigit...]), head[firstDigit...].allSatisfy(\.isASCIIDigit)
            else { return nil }
            self.type = String(head[..<firstDigit])
            self.index = index
            self.suffix = String(name[name.index(after: underscore)...])
        }
    }
}

extension Character {
    fileprivate var isASCIIDigit: Bool { isASCII && isNumber }
}
