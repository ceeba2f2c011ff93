/// The energy column's choice: which prediction mode, and whether to code
/// RAPL counter units instead of microjoules (see `SampleBlockCodec`).
struct EnergyPlan {
    var mode: Int
    /// nJ per counter unit; 0 when energies are coded as µJ.
    var quantum: Int64
    /// x[0], the first value of the coded sequence.
    var first: Int64
    /// Median of x, the prediction of mode 1.
    var base: Int64
    var plan: ColumnCoder.Plan
    /// `e[i] - floor(x[i]·q)` for i >= 1, when quantized.
    var corrections: ColumnCoder.Plan?

    var costBits: Int { plan.costBits + (corrections?.costBits ?? 0) + (quantum == 0 ? 0 : 16) }

    static func cheapest(energy: [Int64], elapsed: [Int64]) -> EnergyPlan {
        var best = plans(x: energy, corrections: nil, quantum: 0, elapsed: elapsed)
        guard energy.count > 1 else { return best }
        for quantum in SampleBlockCodec.quanta {
            let x = energy.map { quantize($0, quantum) }
            var corrections: [Int64] = []
            corrections.reserveCapacity(energy.count)
            for i in energy.indices.dropFirst() { corrections.append(energy[i] &- dequantize(x[i], quantum)) }
            let correctionPlan = ColumnCoder.plan(corrections)
            // A quantum that does not fit leaves wide corrections: skip it early.
            guard correctionPlan.costBits < best.costBits / 2 else { continue }
            let candidate = plans(x: x, corrections: correctionPlan, quantum: quantum, elapsed: elapsed)
            if candidate.costBits < best.costBits { best = candidate }
        }
        return best
    }

    private static func plans(x: [Int64], corrections: ColumnCoder.Plan?, quantum: Int64, elapsed: [Int64])
        -> EnergyPlan
    {
        let base = SampleBlockCodec.median(x)
        var best: EnergyPlan?
        for mode in 0...2 {
            var residuals: [Int64] = []
            residuals.reserveCapacity(x.count)
            for i in x.indices.dropFirst() {
                let predicted = SampleBlockCodec.predictedEnergy(
                    mode: mode, previous: x[i - 1], base: base, elapsed: elapsed[i], previousElapsed: elapsed[i - 1])
                residuals.append(x[i] &- predicted)
            }
            let candidate = EnergyPlan(
                mode: mode, quantum: quantum, first: x[0], base: base, plan: ColumnCoder.plan(residuals),
                corrections: corrections)
            if best.map({ candidate.costBits < $0.costBits }) ?? true { best = candidate }
        }
        return best!
    }

    /// round(e / q) with q = quantum / 1000 µJ; e itself when quantum is 0.
    static func quantize(_ energy: Int64, _ quantum: Int64) -> Int64 {
        guard quantum != 0 else { return energy }
        let scaled = Int128(energy) * 1_000 + Int128(quantum / 2)
        return Int64(clamping: floorDivide(scaled, Int128(quantum)))
    }

    /// floor(x · q), wrapped to Int64 (the correction column absorbs any wrap).
    static func dequantize(_ x: Int64, _ quantum: Int64) -> Int64 {
        Int64(truncatingIfNeeded: floorDivide(Int128(x) * Int128(quantum), 1_000))
    }

    private static func floorDivide(_ a: Int128, _ b: Int128) -> Int128 {
        let q = a / b
        return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q
    }
}
