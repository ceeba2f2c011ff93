/// The byte header of a block, as `SampleBlockCodec.decode` reads it.
struct BlockHeader {
    var count: Int
    var end0: Int64
    var stride: Int64
    var timeMode: Int
    var elapsedMode: Int
    var energyMode: Int
    var quantum: Int64
    var elapsed0: Int64
    var energy0: Int64
    /// Mode 1's base, relative to x[0] until the decoder adds x[0].
    var energyBase: Int64
    var wrapped: [Bool]
    var columns: [ColumnCoder.Header] = []
    /// Where the bit stream starts.
    var offset: Int

    init(_ bytes: [UInt8]) throws(BlockDecodingError) {
        guard bytes.first == SampleBlockCodec.format else {
            throw BlockDecodingError("unknown block format \(bytes.first ?? 0)")
        }
        var offset = 1
        let count = try Varint.read(bytes, at: &offset)
        guard count >= 1, count <= UInt64(bytes.count) * 8 + 1 else { throw BlockDecodingError("bad sample count") }
        self.count = Int(count)
        end0 = try Varint.readSigned(bytes, at: &offset)
        let strideMilliseconds = try Varint.readSigned(bytes, at: &offset)
        stride = strideMilliseconds &* SampleBlockCodec.millisecond &+ (try Varint.readSigned(bytes, at: &offset))
        guard offset < bytes.count else { throw BlockDecodingError("header ends early") }
        let modes = bytes[offset]
        offset += 1
        (timeMode, elapsedMode, energyMode) = (Int(modes & 3), Int(modes >> 2 & 3), Int(modes >> 4 & 3))
        guard timeMode <= 2, elapsedMode <= 2, energyMode <= 2, modes >> 6 == 0 else {
            throw BlockDecodingError("bad modes")
        }
        let quantumIndex = try Varint.read(bytes, at: &offset)
        guard quantumIndex <= UInt64(SampleBlockCodec.quanta.count) else {
            throw BlockDecodingError("unknown energy quantum \(quantumIndex)")
        }
        quantum = quantumIndex == 0 ? 0 : SampleBlockCodec.quanta[Int(quantumIndex) - 1]
        elapsed0 = (try Varint.readSigned(bytes, at: &offset)) &+ stride
        energy0 = try Varint.readSigned(bytes, at: &offset)
        energyBase = energyMode == 1 ? try Varint.readSigned(bytes, at: &offset) : 0
        wrapped = [Bool](repeating: false, count: Int(count))
        let wrappedCount = try Varint.read(bytes, at: &offset)
        guard wrappedCount <= count else { throw BlockDecodingError("bad wrapped count") }
        var index = 0
        for _ in 0..<wrappedCount {
            index += Int(truncatingIfNeeded: try Varint.read(bytes, at: &offset))
            guard index >= 0, index < Int(count) else { throw BlockDecodingError("wrapped index out of range") }
            wrapped[index] = true
        }
        for _ in 0..<(quantumIndex == 0 ? 3 : 4) { columns.append(try ColumnCoder.readHeader(bytes, at: &offset)) }
        self.offset = offset
    }
}
