/// Which domains add up to a host's total, without counting any joule twice.
///
/// - A whole-node meter (`kind == .node`, e.g. ACPI `power_meter`) measures
///   everything: it alone is the total, the other domains are its breakdown.
/// - Otherwise the CPU side is RAPL `psys` when present (the platform, which
///   holds the packages and memory), else each package plus its DRAM: DRAM is
///   a child of the package in sysfs but is metered beside it, not inside.
///   Cores and uncore are inside their package and never added.
/// - Accelerators and other top-level sensors are added to the CPU side.
public enum HostTotal {
    public static func domains(_ all: [Domain]) -> [Domain] {
        let nodes = all.filter { $0.kind == .node }
        if !nodes.isEmpty { return nodes }
        let psys = all.filter { $0.kind == .psys }
        let cpuSide = psys.isEmpty ? all.filter { $0.kind == .package || $0.kind == .dram } : psys
        let rest = all.filter { domain in
            domain.parent == nil && ![.package, .dram, .psys, .core, .uncore].contains(domain.kind)
        }
        return (cpuSide + rest).sorted { $0.id < $1.id }
    }

    /// Whether the total covers the whole node or the measured components only.
    public static func coversWholeNode(_ all: [Domain]) -> Bool { all.contains { $0.kind == .node } }
}
