/// The prediction modes and energy quantum a sample block was coded with
/// (see `SampleBlockCodec`), kept so that a later chunk of the same minute
/// can be coded the same way without trying every mode again.
struct BlockCoding: Hashable {
    var timeMode: Int
    var elapsedMode: Int
    var energyMode: Int
    /// nJ per counter unit; 0 when energies are coded as µJ.
    var quantum: Int64
}

extension EnergyPlan {
    /// The energy column coded with `mode` and `quantum` as given (lossless
    /// whatever they are: a quantum that does not fit leaves wide corrections).
    static func with(mode: Int, quantum: Int64, energy: [Int64], elapsed: [Int64]) -> EnergyPlan {
        let x = energy.map { quantize($0, quantum) }
        var corrections: ColumnCoder.Plan?
        if quantum != 0 {
            var values: [Int64] = []
            values.reserveCapacity(energy.count)
            for i in energy.indices.dropFirst() { values.append(energy[i] &- dequantize(x[i], quantum)) }
            corrections = ColumnCoder.plan(values)
        }
        let base = SampleBlockCodec.median(x)
        var residuals: [Int64] = []
        residuals.reserveCapacity(x.count)
        for i in x.indices.dropFirst() {
            let predicted = SampleBlockCodec.predictedEnergy(
                mode: mode, previous: x[i - 1], base: base, elapsed: elapsed[i], previousElapsed: elapsed[i - 1])
            residuals.append(x[i] &- predicted)
        }
        return EnergyPlan(
            mode: mode, quantum: quantum, first: x[0], base: base, plan: ColumnCoder.plan(residuals),
            corrections: corrections)
    }
}
