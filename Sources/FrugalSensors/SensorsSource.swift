import FrugalCore
import FrugalProbes

/// Power (`power*_average`, else `power*_input`) and energy (`energy*_input`)
/// sensors as libsensors presents them: labelled, corrected by `compute`
/// lines and filtered by `ignore` lines of the lm-sensors configuration.
///
/// Domain IDs, kinds and names follow `HwmonNaming`, the same as the raw
/// sysfs hwmon reader gives the same sensor. libsensors returns watts and joules as
/// `Double`; they become integer µW and µJ here, at the edge.
public final class SensorsSource: PowerSource {
    public let name = "libsensors"
    private let library: any SensorsLibrary
    private let configPath: String?
    private var initialized = false
    private var channels: [DomainID: Channel] = [:]

    private struct Channel {
        var chip: SensorsChip
        var subfeature: SensorsSubfeature
        var isEnergy: Bool
    }

    /// - Parameter configPath: an lm-sensors configuration file to use instead
    ///   of the system's (`/etc/sensors3.conf` and `/etc/sensors.d`).
    public init(library: any SensorsLibrary, configPath: String? = nil) {
        self.library = library
        self.configPath = configPath
    }

    deinit {
        if initialized { library.cleanup() }
    }

    public func discover() -> Discovery {
        channels = [:]
        if !initialized {
            do {
                try library.initialize(configPath: configPath)
                initialized = true
            } catch {
                return Discovery(problems: [problem("libsensors", error.probeFailure(atStart: true))])
            }
        }
        let chips = library.chips()
        // Every chip takes part in naming, so an `ignore` line cannot rename another chip's domains.
        let prefixes = HwmonNaming.idPrefixes(chips.map(\.naming))
        let measuring = zip(chips, prefixes).map { ($0, $1, powerFeatures(of: $0)) }.filter { !$0.2.isEmpty }
        guard !measuring.isEmpty else { return Discovery(problems: [noSensors(chips)]) }
        return measuring.map { examine($0.0, $0.2, prefix: $0.1) }.reduce(Discovery(), +)
    }

    public func read() -> [DomainID: Result<Reading, ProbeFailure>] {
        channels.mapValues { channel in
            Result { () throws(ProbeFailure) -> Reading in try reading(channel) }
        }
    }

    /// Releases libsensors (`sensors_cleanup`); a later `discover()` starts it again.
    public func cleanup() {
        guard initialized else { return }
        library.cleanup()
        initialized = false
        channels = [:]
    }

    private func reading(_ channel: Channel) throws(ProbeFailure) -> Reading {
        let value: Double
        do {
            value = try library.value(of: channel.chip, subfeature: channel.subfeature)
        } catch {
            throw error.probeFailure(atStart: false)
        }
        guard value.isFinite, value >= 0 else {
            throw ProbeFailure(.transient, "libsensors: \(channel.subfeature.name) read \(value), not a measure")
        }
        if channel.isEnergy {
            return .energyCounter(UInt64(Energy(joules: value).microjoules))
        }
        return .power(Power(watts: value))
    }

    private func powerFeatures(of chip: SensorsChip) -> [SensorsFeature] {
        library.features(of: chip).filter { $0.type == .power || $0.type == .energy }
    }

    private func examine(_ chip: SensorsChip, _ features: [SensorsFeature], prefix: String) -> Discovery {
        var discovery = Discovery()
        var found: [(feature: SensorsFeature, subfeature: SensorsSubfeature, label: String?)] = []
        for feature in features {
            let label = library.label(of: chip, feature: feature)
            guard let subfeature = Self.preferred(library.subfeatures(of: chip, feature: feature), of: feature) else {
                discovery.problems.append(
                    problem(
                        "\(chip.name)/\(feature.name)",
                        ProbeFailure(.unavailable, "libsensors: \(feature.name) has no readable value")))
                continue
            }
            // libsensors answers the feature name when no label is configured.
            found.append((feature, subfeature, label == feature.name ? nil : label))
        }
        let named = HwmonNaming.channels(
            found.map { ($0.feature.name, $0.label) }, chip: chip.prefix, idPrefix: prefix)
        for ((feature, subfeature, _), domain) in zip(found, named) {
            let isEnergy = feature.type == .energy
            discovery.domains.append(
                Domain(
                    id: domain.id, kind: domain.kind, name: domain.name, source: name,
                    method: isEnergy ? .energyCounter : .integratedPower, parent: domain.parent,
                    location: "\(chip.name)/\(subfeature.name)"))
            channels[domain.id] = Channel(chip: chip, subfeature: subfeature, isEnergy: isEnergy)
        }
        return discovery
    }

    /// `_average` before `_input` for power, as the sysfs hwmon reader
    /// chooses; `_input` for energy.
    static func preferred(_ subfeatures: [SensorsSubfeature], of feature: SensorsFeature) -> SensorsSubfeature? {
        let order: [SensorsSubfeatureType] = feature.type == .energy ? [.energyInput] : [.powerAverage, .powerInput]
        return order.lazy.compactMap { type in subfeatures.first { $0.type == type } }.first
    }

    private func noSensors(_ chips: [SensorsChip]) -> ProbeProblem {
        let reason =
            chips.isEmpty
            ? "libsensors found no chips"
            : "none of the \(chips.count) chips libsensors found has a power or energy sensor "
                + "(\(chips.map(\.name).joined(separator: ", ")))"
        return problem(
            "libsensors",
            ProbeFailure(.absent, reason, fix: "load the hwmon driver of the board's power sensors (sensors-detect)"))
    }

    private func problem(_ location: String, _ failure: ProbeFailure) -> ProbeProblem {
        ProbeProblem(source: name, location: location, failure: failure)
    }
}

extension SensorsChip {
    /// The chip as the shared hwmon naming rule sees it.
    fileprivate var naming: HwmonNaming.Chip {
        HwmonNaming.Chip(name: prefix, deviceName: deviceName, hwmonEntry: hwmonEntry)
    }
}
