import FrugalCore
import FrugalStore

/// The Green Software Foundation's Software Carbon Intensity,
/// SCI = (E·I + M) / R, for a set of quarter-hour usage rows: E the energy
/// (× PUE), I the intensity of each quarter (direct: RTE's `taux_co2` with
/// its provenance; lifecycle: that intensity plus the upstream adder, `LifecycleIntensity`), M the embodied
/// emissions of the quarters' hours allocated like idle energy, R requests
/// (or thousands of tokens).
public struct SCIFigures: Hashable, Sendable {
    public var requests: Int64
    public var tokens: Int64
    /// E, after PUE.
    public var energy: Energy
    /// E·I with each quarter's direct intensity, per source.
    public var operational: CarbonTally
    /// E·I with each quarter's lifecycle intensity (direct + upstream).
    public var lifecycleGrams: Double
    /// M allocated to these rows.
    public var embodiedGrams: Double
    public var boundary: SCIBoundary

    public init(
        requests: Int64, tokens: Int64, energy: Energy, operational: CarbonTally, lifecycleGrams: Double,
        embodiedGrams: Double, boundary: SCIBoundary
    ) {
        self.requests = requests
        self.tokens = tokens
        self.energy = energy
        self.operational = operational
        self.lifecycleGrams = lifecycleGrams
        self.embodiedGrams = embodiedGrams
        self.boundary = boundary
    }

    /// (E·I + M) / R, grams per request; nil without requests.
    public var gramsPerRequest: Double? {
        requests > 0 ? (operational.totalGrams + embodiedGrams) / Double(requests) : nil
    }

    /// (E·I + M) per 1,000 tokens (prompt + completion); nil without tokens.
    public var gramsPerThousandTokens: Double? {
        tokens > 0 ? (operational.totalGrams + embodiedGrams) * 1_000 / Double(tokens) : nil
    }

    /// The lifecycle view: (E·I_lifecycle + M) / R.
    public var lifecycleGramsPerRequest: Double? {
        requests > 0 ? (lifecycleGrams + embodiedGrams) / Double(requests) : nil
    }
}

public enum SCI {
    /// SCI per group (model, tenant, or anything `key` returns) of `rows`.
    /// Quarters with no stored intensity take `fallback`'s. Embodied
    /// emissions of each (host, quarter) are shared among that quarter's
    /// rows by their allocated idle energy (by total energy when no idle was
    /// allocated), like idle energy itself; quarters without requests carry
    /// none to any request.
    public static func figures(
        rows: [QuarterEnergyIntensity], key: (QuarterEnergyIntensity) -> String, fallback: IntensityFallback,
        embodied: EmbodiedEmissions?, lifecycle: LifecycleIntensity = .france, boundary: SCIBoundary = SCIBoundary()
    ) -> [String: SCIFigures] {
        let quarterEmbodied = embodied.map { $0.grams(over: .seconds(900)) } ?? 0
        var weights: [String: (idle: Int64, total: Int64)] = [:]
        for row in rows {
            let slot = "\(row.host)|\(row.quarterStart.nanosecondsSinceEpoch)"
            weights[slot, default: (0, 0)].idle += row.idle.microjoules
            weights[slot, default: (0, 0)].total += row.total.microjoules
        }
        var out: [String: SCIFigures] = [:]
        for row in rows {
            let group = key(row)
            var figures =
                out[group]
                ?? SCIFigures(
                    requests: 0, tokens: 0, energy: .zero, operational: CarbonTally(), lifecycleGrams: 0,
                    embodiedGrams: 0, boundary: boundary)
            let energy = Int64((Double(row.total.microjoules) * boundary.pue).rounded())
            let intensity =
                row.source.flatMap { source in
                    row.gramsPerKilowattHour.map { ResolvedIntensity(gramsPerKilowattHour: $0, source: source) }
                } ?? fallback.resolve(quarter: QuarterHour.index(row.quarterStart))
            figures.requests += row.requests
            figures.tokens += row.promptTokens + row.completionTokens
            figures.energy += Energy(microjoules: energy)
            figures.operational.add(energyMicrojoules: energy, intensity: intensity)
            figures.lifecycleGrams += CarbonTally.grams(
                energyMicrojoules: energy,
                gramsPerKilowattHour: lifecycle.gramsPerKilowattHour(direct: intensity.gramsPerKilowattHour))
            let weight = weights["\(row.host)|\(row.quarterStart.nanosecondsSinceEpoch)"]!
            figures.embodiedGrams += embodiedShare(
                of: quarterEmbodied, idle: row.idle, total: row.total, hostIdle: weight.idle, hostTotal: weight.total)
            out[group] = figures
        }
        return out
    }

    /// The part of one host's quarter of embodied emissions (`quarterGrams`)
    /// carried by energy `idle` / `total` out of the host's `hostIdle` /
    /// `hostTotal` µJ attributed in that quarter: by allocated idle energy,
    /// by total energy when no idle was allocated; none without energy.
    public static func embodiedShare(
        of quarterGrams: Double, idle: Energy, total: Energy, hostIdle: Int64, hostTotal: Int64
    ) -> Double {
        if hostIdle > 0 { return quarterGrams * Double(idle.microjoules) / Double(hostIdle) }
        if hostTotal > 0 { return quarterGrams * Double(total.microjoules) / Double(hostTotal) }
        return 0
    }
}
