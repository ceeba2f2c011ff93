import FrugalCore
import FrugalNVML
import FrugalProbes

/// A simulated inference host built on a real capture: the `Probes/` tree of
/// a two-socket server, whose RAPL counters the demo advances second by second
/// (read back by the real `RAPLSource`), and NVIDIA GPUs replayed from a
/// generated NVML trace (read by the real `NVMLSource`).
public final class DemoHost {
    public let timeline: SysfsTimeline
    public let nvml: ReplayNVML
    private var zones: [Zone]
    private let seconds: [DemoWorkload.Second]

    private struct Zone {
        var path: String
        var name: String
        var range: UInt64
        var value: UInt64
    }

    /// - Parameters:
    ///   - entry: a catalogue entry with RAPL zones, e.g. `Probes/rapl-full-server`.
    ///   - start: the wall-clock instant of second 0.
    public init(entry: String, seconds count: Int, gpuCount: Int, seed: UInt64, start: Timestamp) throws {
        timeline = try SysfsTimeline.materialize(entry: entry)
        var workload = DemoWorkload(gpuCount: gpuCount, seed: seed)
        seconds = (0...count).map { _ in workload.next() }
        nvml = ReplayNVML(trace: Self.trace(seconds, start: start))
        zones = Self.zones(under: timeline.sysfsRoot)
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
        let second = seconds[index - 1]
        for i in zones.indices {
            let power: Power =
                switch zones[i].name {
                case "core": second.core
                case "uncore": second.uncore
                case "dram": second.dram
                case "psys": second.package + second.package + second.dram + second.dram + Power(watts: 30)
                default: second.package
                }
            let energy = UInt64(power.energy(over: .seconds(1)).microjoules)
            zones[i].value = (zones[i].value + energy) % zones[i].range
            try timeline.perform(
                SysfsTimeline.Change(step: index, path: zones[i].path, action: .write(String(zones[i].value))))
        }
        nvml.step(to: index)
    }

    private static func trace(_ seconds: [DemoWorkload.Second], start: Timestamp) -> NVMLTrace {
        var rows: [NVMLTrace.Row] = []
        let gpus = seconds.first?.gpus.count ?? 0
        var energy = [UInt64](repeating: 1_000_000, count: gpus)
        for (index, second) in seconds.enumerated() {
            for gpu in 0..<gpus {
                let uuid = "GPU-de000000-0000-4000-8000-00000000000\(gpu)"
                rows.append(
                    NVMLTrace.Row(
                        timestamp: start + .seconds(index), gpuUUID: uuid, gpuName: "NVIDIA H100 80GB HBM3 (simulated)",
                        energyMillijoules: energy[gpu], powerMilliwatts: UInt32(second.gpus[gpu].microwatts / 1_000)))
                energy[gpu] += UInt64(second.gpus[gpu].energy(over: .seconds(1)).microjoules / 1_000)
            }
        }
        return NVMLTrace(rows: rows)
    }

    private static func zones(under root: String) -> [Zone] {
        let tree = SysfsTree(root: root)
        return (tree.list("class/powercap") ?? []).compactMap { name in
            let dir = "class/powercap/\(name)"
            guard let zoneName = tree.optionalText("\(dir)/name"),
                let range = tree.optionalText("\(dir)/max_energy_range_uj").flatMap(UInt64.init),
                let value = tree.optionalText("\(dir)/energy_uj").flatMap(UInt64.init)
            else { return nil }
            return Zone(path: "\(dir)/energy_uj", name: zoneName, range: range, value: value)
        }
    }
}
