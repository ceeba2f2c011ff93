/// The open minute of a domain, stored as a run of small blocks so that each
/// flush encodes only the samples it brings instead of the whole minute.
///
/// Layout (format 2), used only while a minute is still being written:
///
///     u8      format (2)
///     repeated:
///       varint  length of the chunk in bytes
///       bytes   a format-1 block (`SampleBlockCodec`) on the same base
///
/// Chunks are in time order and never overlap. When the minute closes (a
/// later minute is written) or the store closes, the block is re-encoded as
/// one format-1 block; a crash may leave a format-2 block, which reads the
/// same and is rewritten as format 1 if its minute is written again.
enum ChunkedBlock {
    static let format: UInt8 = 2

    /// Appends the encoded `chunk` to `block`, which is empty, a format-1
    /// block (wrapped as the first chunk) or already format 2.
    static func append(_ chunk: [UInt8], to block: inout [UInt8]) {
        if block.isEmpty {
            block = chunk
            return
        }
        if block[0] != format {
            var wrapped: [UInt8] = [format]
            wrapped.reserveCapacity(block.count * 2 + chunk.count + 8)
            Varint.append(UInt64(block.count), to: &wrapped)
            wrapped += block
            block = wrapped
        }
        Varint.append(UInt64(chunk.count), to: &block)
        block += chunk
    }

    /// Whether `block` holds more than one chunk.
    static func isChunked(_ block: [UInt8]) -> Bool { block.first == format }

    /// Decodes a block of either format relative to `base`.
    static func decode(_ bytes: [UInt8], base: Int64) throws(BlockDecodingError) -> [PackedSample] {
        guard bytes.first == format else { return try SampleBlockCodec.decode(bytes, base: base) }
        var samples: [PackedSample] = []
        var offset = 1
        while offset < bytes.count {
            let length = try Varint.read(bytes, at: &offset)
            guard length >= 1, length <= UInt64(bytes.count - offset) else {
                throw BlockDecodingError("chunk of \(length) bytes runs past the block")
            }
            let end = offset + Int(length)
            let chunk = try SampleBlockCodec.decode(Array(bytes[offset..<end]), base: base)
            if let last = samples.last, let first = chunk.first, first.endNanoseconds <= last.endNanoseconds {
                throw BlockDecodingError("chunks out of time order")
            }
            samples += chunk
            offset = end
        }
        guard !samples.isEmpty else { throw BlockDecodingError("chunked block without chunks") }
        return samples
    }
}
