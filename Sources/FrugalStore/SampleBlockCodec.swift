/// One sample as the block codec sees it: plain integers, no domain (a block
/// holds one domain).
public struct PackedSample: Hashable, Sendable {
    /// Wall-clock end of the interval, ns since the Unix epoch.
    public var endNanoseconds: Int64
    /// Interval length from the monotonic clock, ns.
    public var elapsedNanoseconds: Int64
    public var energyMicrojoules: Int64
    public var wrapped: Bool

    public init(endNanoseconds: Int64, elapsedNanoseconds: Int64, energyMicrojoules: Int64, wrapped: Bool) {
        self.endNanoseconds = endNanoseconds
        self.elapsedNanoseconds = elapsedNanoseconds
        self.energyMicrojoules = energyMicrojoules
        self.wrapped = wrapped
    }
}

/// Packs the samples of one domain in one minute into a few bytes per sample,
/// losslessly, and back. Pure: no SQLite, no clock.
///
/// Layout (format 1): a header of bytes, then one bit stream.
///
///     u8      format (1)
///     varint  n, the number of samples (>= 1)
///     zigzag  end[0] - base, base = the block's minute start
///     zigzag  S / 1 ms, then zigzag S % 1 ms: the stride S = median of end[i] - end[i-1]
///     u8      modes: bits 0-1 time, bits 2-3 elapsed, bits 4-5 energy
///     varint  quantum: 0 none, i > 0 the i-th of `quanta`, see below
///     zigzag  elapsed[0] - S
///     zigzag  energy[0]
///     zigzag  base of x - x[0]                 (energy mode 1 only)
///     varint  wrapped count, then each wrapped index as a delta from the previous
///     3 or 4 × column header (divisor, coding), see `ColumnCoder`
///     bits    n-1 residuals for each of time, elapsed, energy (and corrections)
///
/// Residuals, for i = 1..<n, with d[i] = end[i] - end[i-1], all in wrapping
/// arithmetic so that any Int64 input round-trips:
///
/// * time: 0 `d[i] - S`, 1 `d[i] - d[i-1]` (delta of delta: a drifting
///   scheduler), or 2 `end[i] - (g[i-1] + S)`, the distance from a grid of
///   period S anchored at end[0] (a deadline scheduler: just its wake-up
///   latency, about one bit less than mode 0), where a residual of whole
///   periods (a missed tick) moves the grid point g along;
/// * elapsed: 0 `elapsed[i] - d[i]` (monotonic and wall clocks agree),
///   1 `elapsed[i] - S`, 2 `elapsed[i] - elapsed[i-1]`;
/// * energy, on x = e (Q = 0) or x = round(e / q) with q = Q/1000 µJ:
///   0 `x[i] - x[i-1]`, 1 `x[i] - median(x)`, 2 `x[i] - x[i-1]·elapsed[i]/elapsed[i-1]`
///   (same power over an irregular interval).
///
/// The quantum is RAPL's: the kernel shows a counter of 2^-ESU J units as
/// `floor(units · Q / 1000)` µJ with Q = 61035 (ESU 14), 30517 or 15258, so a
/// delta is `floor(k·q)` or one more, and k needs ~6 bits fewer than the µJ
/// value. The correction `e[i] - floor(x[i]·q)` (0 or 1) is a fourth column.
///
/// Each column takes the mode (and quantum) whose coded size is smallest.
public enum SampleBlockCodec {
    /// The format byte this code writes.
    public static let format: UInt8 = 1
    /// RAPL energy quanta tried, in nJ per counter unit.
    static let quanta: [Int64] = [61_035, 30_517, 15_258]
    static let millisecond: Int64 = 1_000_000

    /// Encodes `samples` (at least one; normally sorted by end, unique ends)
    /// relative to `base`, the start of their minute.
    public static func encode(_ samples: [PackedSample], base: Int64) -> [UInt8] {
        encode(samples, base: base, reusing: nil).bytes
    }

    /// `encode(_:base:)`, also returning the modes chosen. With `reusing`, the
    /// block is coded with those modes instead of the cheapest of all: the
    /// open minute's chunks (10 samples a flush at 10 Hz, re-encoded whole when
    /// the minute closes) take their minute's modes, a fifth of the work for a
    /// few bits more. Any modes decode exactly; only the size depends on them.
    static func encode(_ samples: [PackedSample], base: Int64, reusing coding: BlockCoding?)
        -> (bytes: [UInt8], coding: BlockCoding)
    {
        precondition(!samples.isEmpty, "a block holds at least one sample")
        let n = samples.count
        let ends = samples.map(\.endNanoseconds)
        let elapsed = samples.map(\.elapsedNanoseconds)
        var deltas = [Int64](repeating: 0, count: n)
        for i in 1..<n { deltas[i] = ends[i] &- ends[i - 1] }
        let stride = n > 1 ? median(Array(deltas[1...])) : 0

        let time: ModePlan
        let elapsedPlan: ModePlan
        let energy: EnergyPlan
        if let coding {
            time = timeResiduals(mode: coding.timeMode, ends: ends, deltas: deltas, stride: stride)
            elapsedPlan = elapsedResiduals(mode: coding.elapsedMode, elapsed: elapsed, deltas: deltas, stride: stride)
            energy = EnergyPlan.with(
                mode: coding.energyMode, quantum: coding.quantum, energy: samples.map(\.energyMicrojoules),
                elapsed: elapsed)
        } else {
            time = cheapest((0...2).map { timeResiduals(mode: $0, ends: ends, deltas: deltas, stride: stride) })
            elapsedPlan = cheapest(
                (0...2).map { elapsedResiduals(mode: $0, elapsed: elapsed, deltas: deltas, stride: stride) })
            energy = EnergyPlan.cheapest(energy: samples.map(\.energyMicrojoules), elapsed: elapsed)
        }
        let chosen = BlockCoding(
            timeMode: time.mode, elapsedMode: elapsedPlan.mode, energyMode: energy.mode, quantum: energy.quantum)

        var bytes: [UInt8] = [format]
        bytes.reserveCapacity(24 + n * 4)
        Varint.append(UInt64(n), to: &bytes)
        Varint.appendSigned(ends[0] &- base, to: &bytes)
        Varint.appendSigned(stride / millisecond, to: &bytes)
        Varint.appendSigned(stride % millisecond, to: &bytes)
        bytes.append(UInt8(time.mode | elapsedPlan.mode << 2 | energy.mode << 4))
        Varint.append(UInt64(quanta.firstIndex(of: energy.quantum).map { $0 + 1 } ?? 0), to: &bytes)
        Varint.appendSigned(elapsed[0] &- stride, to: &bytes)
        Varint.appendSigned(samples[0].energyMicrojoules, to: &bytes)
        if energy.mode == 1 { Varint.appendSigned(energy.base &- energy.first, to: &bytes) }
        let wrappedIndexes = samples.indices.filter { samples[$0].wrapped }
        Varint.append(UInt64(wrappedIndexes.count), to: &bytes)
        var previous = 0
        for index in wrappedIndexes {
            Varint.append(UInt64(index - previous), to: &bytes)
            previous = index
        }
        var writer = BitWriter(reservingBytes: n * 4)
        for plan in [time.plan, elapsedPlan.plan, energy.plan] + (energy.corrections.map { [$0] } ?? []) {
            ColumnCoder.writeHeader(plan, to: &bytes)
            ColumnCoder.writeValues(plan, to: &writer)
        }
        return (bytes + writer.finish(), chosen)
    }

    /// Decodes a block written by `encode` with the same `base`.
    public static func decode(_ bytes: [UInt8], base: Int64) throws(BlockDecodingError) -> [PackedSample] {
        var header = try BlockHeader(bytes)
        let n = header.count
        var reader = BitReader(bytes, byteOffset: header.offset)
        var columns: [[Int64]] = []
        for column in header.columns {
            columns.append(try ColumnCoder.readValues(count: n - 1, header: column, from: &reader))
        }
        let quantum = header.quantum
        let end0 = header.end0 &+ base
        var samples: [PackedSample] = []
        samples.reserveCapacity(n)
        samples.append(
            PackedSample(
                endNanoseconds: end0, elapsedNanoseconds: header.elapsed0, energyMicrojoules: header.energy0,
                wrapped: header.wrapped[0]))
        let stride = header.stride
        var previousDelta = stride
        var grid = end0
        var previousX = EnergyPlan.quantize(header.energy0, quantum)
        header.energyBase = header.energyBase &+ previousX
        for i in 1..<n {
            let last = samples[i - 1]
            let delta: Int64
            switch header.timeMode {
            case 0: delta = columns[0][i - 1] &+ stride
            case 1: delta = columns[0][i - 1] &+ previousDelta
            default:
                delta = (grid &+ stride &+ columns[0][i - 1]) &- last.endNanoseconds
                grid = nextGridPoint(grid, stride: stride, residual: columns[0][i - 1])
            }
            previousDelta = delta
            let elapsed =
                columns[1][i - 1]
                &+ predictedElapsed(
                    mode: header.elapsedMode, delta: delta, stride: stride, previous: last.elapsedNanoseconds)
            let x =
                columns[2][i - 1]
                &+ predictedEnergy(
                    mode: header.energyMode, previous: previousX, base: header.energyBase,
                    elapsed: elapsed, previousElapsed: last.elapsedNanoseconds)
            previousX = x
            let energy = quantum == 0 ? x : EnergyPlan.dequantize(x, quantum) &+ columns[3][i - 1]
            samples.append(
                PackedSample(
                    endNanoseconds: last.endNanoseconds &+ delta, elapsedNanoseconds: elapsed,
                    energyMicrojoules: energy, wrapped: header.wrapped[i]))
        }
        return samples
    }
}

extension SampleBlockCodec {
    typealias ModePlan = (mode: Int, plan: ColumnCoder.Plan)

    static func cheapest(_ candidates: [ModePlan]) -> ModePlan {
        candidates.min { $0.plan.costBits < $1.plan.costBits }!
    }

    static func timeResiduals(mode: Int, ends: [Int64], deltas: [Int64], stride: Int64) -> ModePlan {
        var residuals: [Int64] = []
        residuals.reserveCapacity(deltas.count)
        var grid = ends[0]
        for i in deltas.indices.dropFirst() {
            switch mode {
            case 0, 1:
                residuals.append(deltas[i] &- (mode == 0 || i == 1 ? stride : deltas[i - 1]))
            default:
                let residual = ends[i] &- (grid &+ stride)
                residuals.append(residual)
                grid = nextGridPoint(grid, stride: stride, residual: residual)
            }
        }
        return (mode, ColumnCoder.plan(residuals))
    }

    /// The grid point of a sample `residual` ns after the point following `grid`:
    /// that point plus the whole periods the residual spans (missed ticks).
    @inline(__always)
    static func nextGridPoint(_ grid: Int64, stride: Int64, residual: Int64) -> Int64 {
        let next = grid &+ stride
        guard stride > 0 else { return next }
        let periods = (Int128(residual) + Int128(stride / 2)) / Int128(stride)
        return next &+ Int64(truncatingIfNeeded: periods) &* stride
    }

    static func elapsedResiduals(mode: Int, elapsed: [Int64], deltas: [Int64], stride: Int64) -> ModePlan {
        var residuals: [Int64] = []
        residuals.reserveCapacity(elapsed.count)
        for i in elapsed.indices.dropFirst() {
            let predicted = predictedElapsed(mode: mode, delta: deltas[i], stride: stride, previous: elapsed[i - 1])
            residuals.append(elapsed[i] &- predicted)
        }
        return (mode, ColumnCoder.plan(residuals))
    }

    @inline(__always)
    static func predictedElapsed(mode: Int, delta: Int64, stride: Int64, previous: Int64) -> Int64 {
        switch mode {
        case 0: delta
        case 1: stride
        default: previous
        }
    }

    @inline(__always)
    static func predictedEnergy(mode: Int, previous: Int64, base: Int64, elapsed: Int64, previousElapsed: Int64)
        -> Int64
    {
        switch mode {
        case 0: return previous
        case 1: return base
        default:
            // The previous interval's power over this interval's length.
            guard elapsed > 0, previousElapsed > 0 else { return previous }
            let scaled = Int128(previous) * Int128(elapsed) / Int128(previousElapsed)
            return Int64(clamping: scaled)
        }
    }

    static func median(_ values: [Int64]) -> Int64 {
        guard !values.isEmpty else { return 0 }
        return values.sorted()[values.count / 2]
    }
}
