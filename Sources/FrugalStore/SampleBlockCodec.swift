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
///     zigzag  S, the stride: median of end[i] - end[i-1]
///     u8      modes: bit 0 time, bits 1-2 elapsed, bits 3-4 energy
///     zigzag  elapsed[0] - S
///     zigzag  energy[0]
///     zigzag  energy base - energy[0]          (energy mode 1 only)
///     varint  wrapped count, then each wrapped index as a delta from the previous
///     3 × column header (divisor, coding), see `ColumnCoder`
///     bits    n-1 residuals for each of time, elapsed, energy
///
/// Residuals, for i = 1..<n, with d[i] = end[i] - end[i-1], all in wrapping
/// arithmetic so that any Int64 input round-trips:
///
/// * time: 0 `d[i] - S` (a deadline scheduler: mostly jitter) or
///   1 `d[i] - d[i-1]` (delta of delta: a drifting scheduler);
/// * elapsed: 0 `elapsed[i] - d[i]` (monotonic and wall clocks agree),
///   1 `elapsed[i] - S`, 2 `elapsed[i] - elapsed[i-1]`;
/// * energy: 0 `e[i] - e[i-1]`, 1 `e[i] - median(e)`, 2 `e[i] - e[i-1]·elapsed[i]/elapsed[i-1]`
///   (same power over an irregular interval).
///
/// Each column takes the mode whose coded size is smallest.
public enum SampleBlockCodec {
    /// The format byte this code writes.
    public static let format: UInt8 = 1

    /// Encodes `samples` (at least one; normally sorted by end, unique ends)
    /// relative to `base`, the start of their minute.
    public static func encode(_ samples: [PackedSample], base: Int64) -> [UInt8] {
        precondition(!samples.isEmpty, "a block holds at least one sample")
        let n = samples.count
        let ends = samples.map(\.endNanoseconds)
        let elapsed = samples.map(\.elapsedNanoseconds)
        let energy = samples.map(\.energyMicrojoules)
        var deltas = [Int64](repeating: 0, count: n)
        for i in 1..<n { deltas[i] = ends[i] &- ends[i - 1] }
        let stride = n > 1 ? median(Array(deltas[1...])) : 0
        let energyBase = median(energy)

        let time = cheapest((0...1).map { timeResiduals(mode: $0, deltas: deltas, stride: stride) })
        let elapsedPlan = cheapest(
            (0...2).map { elapsedResiduals(mode: $0, elapsed: elapsed, deltas: deltas, stride: stride) })
        let energyPlan = cheapest(
            (0...2).map { energyResiduals(mode: $0, energy: energy, elapsed: elapsed, base: energyBase) })

        var bytes: [UInt8] = [format]
        bytes.reserveCapacity(16 + n * 4)
        Varint.append(UInt64(n), to: &bytes)
        Varint.appendSigned(ends[0] &- base, to: &bytes)
        Varint.appendSigned(stride, to: &bytes)
        bytes.append(UInt8(time.mode | elapsedPlan.mode << 1 | energyPlan.mode << 3))
        Varint.appendSigned(elapsed[0] &- stride, to: &bytes)
        Varint.appendSigned(energy[0], to: &bytes)
        if energyPlan.mode == 1 { Varint.appendSigned(energyBase &- energy[0], to: &bytes) }
        let wrappedIndexes = samples.indices.filter { samples[$0].wrapped }
        Varint.append(UInt64(wrappedIndexes.count), to: &bytes)
        var previous = 0
        for index in wrappedIndexes {
            Varint.append(UInt64(index - previous), to: &bytes)
            previous = index
        }
        var writer = BitWriter(reservingBytes: n * 4)
        for column in [time, elapsedPlan, energyPlan] {
            ColumnCoder.writeHeader(column.plan, to: &bytes)
            ColumnCoder.writeValues(column.plan, to: &writer)
        }
        return bytes + writer.finish()
    }

    /// Decodes a block written by `encode` with the same `base`.
    public static func decode(_ bytes: [UInt8], base: Int64) throws(BlockDecodingError) -> [PackedSample] {
        guard bytes.first == format else { throw BlockDecodingError("unknown block format \(bytes.first ?? 0)") }
        var offset = 1
        let count = try Varint.read(bytes, at: &offset)
        guard count >= 1, count <= UInt64(bytes.count) * 8 + 1 else { throw BlockDecodingError("bad sample count") }
        let n = Int(count)
        let end0 = (try Varint.readSigned(bytes, at: &offset)) &+ base
        let stride = try Varint.readSigned(bytes, at: &offset)
        guard offset < bytes.count else { throw BlockDecodingError("header ends early") }
        let modes = bytes[offset]
        offset += 1
        let (timeMode, elapsedMode, energyMode) = (Int(modes & 1), Int(modes >> 1 & 3), Int(modes >> 3 & 3))
        guard elapsedMode <= 2, energyMode <= 2, modes >> 5 == 0 else { throw BlockDecodingError("bad modes") }
        let elapsed0 = (try Varint.readSigned(bytes, at: &offset)) &+ stride
        let energy0 = try Varint.readSigned(bytes, at: &offset)
        let energyBase = energyMode == 1 ? (try Varint.readSigned(bytes, at: &offset)) &+ energy0 : 0
        var wrapped = [Bool](repeating: false, count: n)
        let wrappedCount = try Varint.read(bytes, at: &offset)
        guard wrappedCount <= count else { throw BlockDecodingError("bad wrapped count") }
        var index = 0
        for _ in 0..<wrappedCount {
            index += Int(truncatingIfNeeded: try Varint.read(bytes, at: &offset))
            guard index >= 0, index < n else { throw BlockDecodingError("wrapped index out of range") }
            wrapped[index] = true
        }
        var headers: [(UInt64, ColumnCoder.Coding)] = []
        for _ in 0..<3 { headers.append(try ColumnCoder.readHeader(bytes, at: &offset)) }
        var reader = BitReader(bytes, byteOffset: offset)
        var columns: [[Int64]] = []
        for (divisor, coding) in headers {
            columns.append(try ColumnCoder.readValues(count: n - 1, divisor: divisor, coding: coding, from: &reader))
        }
        var samples: [PackedSample] = []
        samples.reserveCapacity(n)
        samples.append(PackedSample(
            endNanoseconds: end0, elapsedNanoseconds: elapsed0, energyMicrojoules: energy0, wrapped: wrapped[0]))
        var previousDelta = stride
        for i in 1..<n {
            let last = samples[i - 1]
            let delta = columns[0][i - 1] &+ (timeMode == 0 ? stride : previousDelta)
            previousDelta = delta
            let elapsed = columns[1][i - 1] &+ predictedElapsed(
                mode: elapsedMode, delta: delta, stride: stride, previous: last.elapsedNanoseconds)
            let energy = columns[2][i - 1] &+ predictedEnergy(
                mode: energyMode, previous: last.energyMicrojoules, base: energyBase,
                elapsed: elapsed, previousElapsed: last.elapsedNanoseconds)
            samples.append(PackedSample(
                endNanoseconds: last.endNanoseconds &+ delta, elapsedNanoseconds: elapsed,
                energyMicrojoules: energy, wrapped: wrapped[i]))
        }
        return samples
    }
}

extension SampleBlockCodec {
    typealias ModePlan = (mode: Int, plan: ColumnCoder.Plan)

    static func cheapest(_ candidates: [ModePlan]) -> ModePlan {
        candidates.min { $0.plan.costBits < $1.plan.costBits }!
    }

    static func timeResiduals(mode: Int, deltas: [Int64], stride: Int64) -> ModePlan {
        var residuals: [Int64] = []
        residuals.reserveCapacity(deltas.count)
        for i in deltas.indices.dropFirst() {
            let predicted = mode == 0 || i == 1 ? stride : deltas[i - 1]
            residuals.append(deltas[i] &- predicted)
        }
        return (mode, ColumnCoder.plan(residuals))
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

    static func energyResiduals(mode: Int, energy: [Int64], elapsed: [Int64], base: Int64) -> ModePlan {
        var residuals: [Int64] = []
        residuals.reserveCapacity(energy.count)
        for i in energy.indices.dropFirst() {
            let predicted = predictedEnergy(
                mode: mode, previous: energy[i - 1], base: base, elapsed: elapsed[i], previousElapsed: elapsed[i - 1])
            residuals.append(energy[i] &- predicted)
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
    static func predictedEnergy(mode: Int, previous: Int64, base: Int64, elapsed: Int64, previousElapsed: Int64) -> Int64 {
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
