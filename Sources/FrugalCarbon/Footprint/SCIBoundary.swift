/// What the measured energy covers, stated beside every SCI figure, and the
/// data centre overhead applied to it.
public struct SCIBoundary: Hashable, Sendable {
    /// What the measured domains cover.
    public enum Scope: String, Hashable, Sendable, CaseIterable {
        /// CPU packages, DRAM and GPUs as RAPL/NVML report them: not fans,
        /// power-supply losses, disks or network.
        case components
        /// A whole-node meter (hwmon psys, a smart PDU): everything the host draws.
        case node
    }

    public var scope: Scope
    /// Power usage effectiveness (≥ 1): facility energy per IT energy; 1 when not configured.
    public var pue: Double

    public init(scope: Scope = .components, pue: Double = 1) {
        precondition(pue >= 1 && pue.isFinite, "a PUE is at least 1")
        self.scope = scope
        self.pue = pue
    }

    /// `[carbon] boundary` (`node` or `components`) and `pue` as configured.
    public init(configuredScope: String, pue: Double) {
        self.init(scope: configuredScope == "node" ? .node : .components, pue: pue)
    }

    /// One sentence for outputs.
    public var statement: String {
        let measured =
            scope == .components
            ? "measured components (CPU packages, DRAM, GPUs; not fans, PSU losses, disks, network)"
            : "the whole node as metered"
        return pue == 1 ? "E = \(measured), no PUE" : "E = \(measured) × PUE \(pue)"
    }
}
