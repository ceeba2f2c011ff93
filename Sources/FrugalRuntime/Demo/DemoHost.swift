import FrugalCore
import FrugalNVML
import FrugalProbes
import FrugalSimulation

/// A simulated inference host built on a real capture: the `Probes/` tree of
/// a two-socket server, whose RAPL counters the demo advances second by second
/// with the energy the simulator's CPU packages drew (read back by the real
/// `RAPLSource`), and the simulator's GPUs replayed as an NVML trace (read by
/// the real `NVMLSource`). The requests behind that energy are in the
/// simulation's gateway log.
public final class DemoHost {
    public let timeline: SysfsTimeline
    public let nvml: ReplayNVML
    private let simulation: SimulationResult
    private var zones: [Zone]

    private struct Zone {
        var path: String
        var range: UInt64
        var value: UInt64
        /// The simulated domains whose energy this zone shows, each with a share.
        var parts: [(domain: Int, share: Double)]
        /// Power drawn besides them (the platform's fans and board, for psys).
        var extra: Power
    }

    /// - Parameters:
    ///   - entry: a catalogue entry with RAPL zones, e.g. `Probes/rapl-full-server`.
    ///   - simulation: sampled once a second; its CPU packages feed the zones.
    public init(entry: String, simulation: SimulationResult) throws {
        precondition(simulation.scenario.sampleIntervalMilliseconds == 1_000, "the demo steps a second at a time")
        self.simulation = simulation
        timeline = try SysfsTimeline.materialize(entry: entry)
        nvml = ReplayNVML(trace: Self.trace(simulation))
        zones = Self.zones(under: timeline.sysfsRoot, simulation: simulation)
    }

    /// The sources a daemon would use on this host.
    public func sources() -> [any PowerSource] {
        [
            RAPLSource(sysfsRoot: timeline.sysfsRoot), HwmonSource(sysfsRoot: timeline.sysfsRoot),
            NVMLSource(library: nvml),
        ]
    }

    /// Moves the host to second `index`: RAPL counters grow (and wrap) by the
    /// energy of the second before; the GPUs' replay steps on.
    public func advance(to index: Int) throws {
        for i in zones.indices {
            var energy = Double(zones[i].extra.energy(over: .seconds(1)).microjoules)
            for part in zones[i].parts { energy += part.share * Double(delta(part.domain, at: index)) }
            zones[i].value = (zones[i].value + UInt64(energy.rounded())) % zones[i].range
            try timeline.perform(
                SysfsTimeline.Change(step: index, path: zones[i].path, action: .write(String(zones[i].value))))
        }
        nvml.step(to: index)
    }

    /// What simulated domain `d` drew between readings `k − 1` and `k`, µJ.
    private func delta(_ d: Int, at k: Int) -> Int64 {
        let readings = simulation.counterReadings[d]
        let step = Int64(bitPattern: readings[k] &- readings[k - 1])
        guard step < 0, let range = simulation.domains[d].domain.counterRangeMicrojoules else { return step }
        return step + Int64(range)
    }

    private static func trace(_ simulation: SimulationResult) -> NVMLTrace {
        var rows: [NVMLTrace.Row] = []
        let gpus = simulation.domains.indices.filter { simulation.domains[$0].domain.kind == .gpu }
        for d in gpus {
            let domain = simulation.domains[d].domain
            let readings = simulation.counterReadings[d]
            for k in readings.indices {
                let energy = (readings[k] &- readings[0]) / 1_000 + 1_000_000
                let power = k == 0 ? 0 : (readings[k] &- readings[k - 1]) / 1_000
                rows.append(
                    NVMLTrace.Row(
                        timestamp: simulation.sampleTime(k), gpuUUID: domain.location,
                        gpuName: "NVIDIA H100 80GB HBM3 (simulated)", energyMillijoules: energy,
                        powerMilliwatts: UInt32(clamping: power)))
            }
        }
        return NVMLTrace(rows: rows.sorted { ($0.timestamp, $0.gpuUUID) < ($1.timestamp, $1.gpuUUID) })
    }

    /// Each captured zone, fed by the simulated package of the same number:
    /// `package-N` and its `dram` sub-zone from the package's and DRAM's
    /// energy, `core` and `uncore` as fixed shares of the package, `psys` the
    /// sum of every package and DRAM plus 30 W of platform.
    private static func zones(under root: String, simulation: SimulationResult) -> [Zone] {
        let tree = SysfsTree(root: root)
        let simulated = simulation.domains.map(\.domain)
        func index(of id: String) -> Int? { simulated.firstIndex { $0.id.rawValue == id } }
        return (tree.list("class/powercap") ?? []).compactMap { name in
            let dir = "class/powercap/\(name)"
            guard let zoneName = tree.optionalText("\(dir)/name"),
                let range = tree.optionalText("\(dir)/max_energy_range_uj").flatMap(UInt64.init),
                let value = tree.optionalText("\(dir)/energy_uj").flatMap(UInt64.init)
            else { return nil }
            let package = name.split(separator: ":").dropFirst().first.map { "rapl:intel-rapl:\($0)" } ?? ""
            var parts: [(domain: Int, share: Double)] = []
            var extra = Power.zero
            switch zoneName {
            case _ where zoneName.hasPrefix("package-"): parts = index(of: package).map { [($0, 1)] } ?? []
            case "dram": parts = index(of: package + ":0").map { [($0, 1)] } ?? []
            case "core": parts = index(of: package).map { [($0, 0.6)] } ?? []
            case "uncore": parts = index(of: package).map { [($0, 0.08)] } ?? []
            case "psys":
                parts = simulated.indices.filter { [.package, .dram].contains(simulated[$0].kind) }.map { ($0, 1) }
                extra = Power(watts: 30)
            default: return nil
            }
            return Zone(path: "\(dir)/energy_uj", range: range, value: value, parts: parts, extra: extra)
        }
    }
}
