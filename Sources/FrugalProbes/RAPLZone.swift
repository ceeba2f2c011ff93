import FrugalCore

/// A powercap zone directory name (`intel-rapl:0`, `intel-rapl:0:1`,
/// `intel-rapl:a`, `intel-rapl-mmio:0`) taken apart.
struct RAPLZone: Hashable {
    /// The directory under `class/powercap`, also the tail of the DomainID.
    let directory: String
    /// Whether the zone comes from the MMIO driver (`intel_rapl_tpmi`/`mmio`),
    /// which on client parts duplicates the MSR package counter.
    let isMMIO: Bool
    /// The zone's indices after the prefix: `["0", "1"]` for `intel-rapl:0:1`.
    /// Kept as text: some trees have non-numeric indices (`intel-rapl:a`).
    let indices: [Substring]

    init?(directory: String) {
        let prefixes = [("intel-rapl-mmio:", true), ("intel-rapl:", false)]
        guard let (prefix, mmio) = prefixes.first(where: { directory.hasPrefix($0.0) }) else { return nil }
        let rest = directory.dropFirst(prefix.count)
        let indices = rest.split(separator: ":", omittingEmptySubsequences: false)
        guard !indices.isEmpty, !indices.contains(where: \.isEmpty) else { return nil }
        self.directory = directory
        self.isMMIO = mmio
        self.indices = indices
    }

    /// The directory of the zone that contains this one (`intel-rapl:0` for
    /// `intel-rapl:0:1`); nil for a top-level zone.
    var parentDirectory: String? {
        guard indices.count > 1 else { return nil }
        return String(directory[..<directory.lastIndex(of: ":")!])
    }

    var domainID: DomainID { DomainID("rapl:\(directory)") }

    var relativePath: String { "class/powercap/\(directory)" }

    /// What the zone's `name` says it measures.
    static func kind(forName name: String) -> DomainKind {
        // package-0, and package-0-die-0 on multi-die parts.
        if name.hasPrefix("package") { return .package }
        switch name {
        case "core": return .core
        case "uncore": return .uncore
        case "dram": return .dram
        case "psys": return .psys
        default: return .other
        }
    }
}
