/// A `SensorsLibrary` that answers from `sensors -j` output: libsensors' own
/// view of a host (labels and `compute` lines already applied), captured with
/// `sensors -j > snapshot.json`, replayed without the host.
///
/// Several snapshots of one host make a timeline: the chips and features come
/// from the first, the values from the current step, which only the caller
/// moves (`step(to:)`, `advance()`), as with `ReplayNVML`. A value missing
/// from the current step (libsensors could not read it: `sensors` prints an
/// empty feature) reads as `SENSORS_ERR_KERNEL`.
///
/// What `sensors -j` does not say, the replay cannot know: chips have no
/// hwmon entry, and a device only where the chip name encodes it (PCI, I2C;
/// other namesakes are told apart by position), values keep
/// the three decimals `sensors` prints (mW, mJ), and a label equal to the
/// feature name is taken for no label.
public final class SensorsJSONReplay: SensorsLibrary {
    private let layout: [ChipLayout]
    private let steps: [[[String: Double]]]
    /// The step values are read from, `0..<stepCount`.
    public private(set) var stepIndex = 0
    private var initialized = false

    private struct ChipLayout {
        var chip: SensorsChip
        var features: [(feature: SensorsFeature, label: String, subfeatures: [SensorsSubfeature])]
    }

    /// - Parameter snapshots: one or more `sensors -j` outputs of one host, in time order.
    public init(snapshots: [String]) throws(SensorsJSONError) {
        guard let first = snapshots.first else { throw SensorsJSONError("no snapshot") }
        layout = try Self.layout(of: try Self.chipMembers(first))
        var steps: [[[String: Double]]] = []
        for snapshot in snapshots {
            let members = try Self.chipMembers(snapshot)
            guard members.map(\.key) == layout.map(\.chip.name) else {
                throw SensorsJSONError("snapshot \(steps.count) lists other chips than the first")
            }
            steps.append(members.map { Self.values(of: $0.value) })
        }
        self.steps = steps
    }

    /// One `sensors -j` output, replayed as a single step.
    public convenience init(json: String) throws(SensorsJSONError) {
        try self.init(snapshots: [json])
    }

    public var stepCount: Int { steps.count }

    /// - Precondition: `0 <= index < stepCount`.
    public func step(to index: Int) {
        precondition(steps.indices.contains(index), "step \(index) outside 0..<\(stepCount)")
        stepIndex = index
    }

    /// Moves to the next step; returns false (and stays) at the last one.
    @discardableResult
    public func advance() -> Bool {
        guard stepIndex + 1 < stepCount else { return false }
        stepIndex += 1
        return true
    }

    // MARK: - SensorsLibrary

    public func initialize(configPath: String?) throws(SensorsError) {
        if let configPath {
            throw SensorsError(
                code: SensorsError.parse, "a replay has its configuration applied already: \(configPath)")
        }
        initialized = true
    }

    public func cleanup() { initialized = false }

    public func chips() -> [SensorsChip] { initialized ? layout.map(\.chip) : [] }

    public func features(of chip: SensorsChip) -> [SensorsFeature] {
        chipLayout(chip)?.features.map(\.feature) ?? []
    }

    public func subfeatures(of chip: SensorsChip, feature: SensorsFeature) -> [SensorsSubfeature] {
        chipLayout(chip)?.features.first { $0.feature == feature }?.subfeatures ?? []
    }

    public func label(of chip: SensorsChip, feature: SensorsFeature) -> String {
        chipLayout(chip)?.features.first { $0.feature == feature }?.label ?? feature.name
    }

    public func value(of chip: SensorsChip, subfeature: SensorsSubfeature) throws(SensorsError) -> Double {
        guard chipLayout(chip) != nil else { throw SensorsError(code: SensorsError.io, "no chip \(chip.name)") }
        guard let value = steps[stepIndex][chip.index][subfeature.name] else {
            throw SensorsError(
                code: SensorsError.kernel, "Kernel interface error (no \(subfeature.name) at step \(stepIndex))")
        }
        return value
    }

    // MARK: - Reading the JSON

    private func chipLayout(_ chip: SensorsChip) -> ChipLayout? {
        initialized && layout.indices.contains(chip.index) ? layout[chip.index] : nil
    }

    private static func chipMembers(_ text: String) throws(SensorsJSONError) -> [(key: String, value: OrderedJSON)] {
        guard case .object(let chips) = try OrderedJSON.parse(text) else {
            throw SensorsJSONError("not an object of chips")
        }
        return chips
    }

    /// Subfeature values of one chip by name (`power1_average`: 118.0).
    private static func values(of chip: OrderedJSON) -> [String: Double] {
        guard case .object(let members) = chip else { return [:] }
        var values: [String: Double] = [:]
        for case (_, .object(let subfeatures)) in members {
            for case (let name, .number(let value)) in subfeatures { values[name] = value }
        }
        return values
    }

    private static func layout(of chips: [(key: String, value: OrderedJSON)]) throws(SensorsJSONError) -> [ChipLayout] {
        var layouts: [ChipLayout] = []
        for (index, (name, body)) in chips.enumerated() {
            guard case .object(let members) = body else { throw SensorsJSONError("chip \(name) is not an object") }
            var adapter: String?
            var features: [(feature: SensorsFeature, label: String, subfeatures: [SensorsSubfeature])] = []
            var subfeatureNumber: Int32 = 0
            for (key, value) in members {
                if key == "Adapter", case .string(let text) = value {
                    adapter = text
                    continue
                }
                guard case .object(let subs) = value else { throw SensorsJSONError("\(name)/\(key) is not an object") }
                // The feature name is the subfeatures' common stem; an empty feature is keyed by its name.
                guard
                    let featureName = subs.first.map({ SensorsJSONNames.featureName(of: $0.key) })
                        ?? SensorsJSONNames.bareFeature(key)
                else { continue }
                let type = SensorsJSONNames.featureType(of: featureName)
                let subfeatures = subs.map { sub in
                    defer { subfeatureNumber += 1 }
                    return SensorsSubfeature(
                        name: sub.key, number: subfeatureNumber, type: SensorsJSONNames.subfeatureType(of: sub.key))
                }
                features.append(
                    (SensorsFeature(name: featureName, number: Int32(features.count), type: type), key, subfeatures))
            }
            let chip = SensorsChip(
                index: index, prefix: SensorsJSONNames.prefix(of: name), name: name,
                deviceName: SensorsJSONNames.deviceName(of: name), adapter: adapter)
            layouts.append(ChipLayout(chip: chip, features: features))
        }
        return layouts
    }
}
