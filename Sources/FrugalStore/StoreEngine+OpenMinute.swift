extension StoreEngine {
    /// Writes what `incoming` makes of the minute `key` (block, minute rollup,
    /// hour rollup) in the caller's transaction and returns the minute as now
    /// stored. `open` is the domain's newest written minute, if known.
    func writeMinute(_ key: BlockKey, incoming: [PackedSample], open: OpenBlock?) throws -> OpenBlock {
        let base = key.minuteStartNanoseconds
        if var open, open.minuteStartNanoseconds == base, Self.isStrictlyAfter(incoming, open.samples.last) {
            // The daemon's steady state: encode only what arrived.
            let added = RollupSums(incoming)
            let chunk = SampleBlockCodec.encode(incoming, base: base, reusing: open.coding).bytes
            ChunkedBlock.append(chunk, to: &open.encoded)
            open.samples += incoming
            open.sums = open.sums + added
            if open.chunksOutweighSamples {
                // Few samples per flush (1 Hz): bound the headers' overhead by re-encoding now and then.
                open = OpenBlock(minuteStartNanoseconds: base, samples: open.samples, reusing: open.coding)
            }
            try writeRows(key, open, change: added)
            return open
        }
        let stored: [PackedSample]
        if let open, open.minuteStartNanoseconds == base {
            stored = open.samples
        } else {
            stored = try readBlock(key) ?? []
        }
        let merged = Self.merged(stored, incoming)
        let block = OpenBlock(minuteStartNanoseconds: base, samples: merged)
        try writeRows(key, block, change: block.sums - RollupSums(stored))
        return block
    }

    /// Rewrites a minute stored in chunks as one block; its rollups do not change.
    func compact(_ open: OpenBlock, domainKey: Int64) throws {
        guard ChunkedBlock.isChunked(open.encoded) else { return }
        let key = BlockKey(domainKey: domainKey, minuteStartNanoseconds: open.minuteStartNanoseconds)
        try writeBlockRow(key, SampleBlockCodec.encode(open.samples, base: open.minuteStartNanoseconds))
    }

    /// Compacts every open minute still in chunks (at close, so files at rest hold format 1 only).
    func compactOpenBlocks() throws {
        let chunked = openBlocks.filter { ChunkedBlock.isChunked($0.value.encoded) }
        guard !chunked.isEmpty else { return }
        try db.transaction {
            for (domainKey, open) in chunked { try compact(open, domainKey: domainKey) }
        }
        for (domainKey, open) in chunked {
            openBlocks[domainKey] = OpenBlock(
                minuteStartNanoseconds: open.minuteStartNanoseconds, samples: open.samples)
        }
    }

    /// Whether `samples` are in strictly increasing time order, all after `last`.
    static func isStrictlyAfter(_ samples: [PackedSample], _ last: PackedSample?) -> Bool {
        var previous = last?.endNanoseconds ?? Int64.min
        for sample in samples {
            guard sample.endNanoseconds > previous else { return false }
            previous = sample.endNanoseconds
        }
        return true
    }

    /// What the minute holds once `incoming` is added: one sample per end
    /// timestamp, the newest write winning, in time order.
    static func merged(_ stored: [PackedSample], _ incoming: [PackedSample]) -> [PackedSample] {
        if isStrictlyAfter(incoming, stored.last) { return stored + incoming }
        var byEnd: [Int64: PackedSample] = [:]
        for sample in stored { byEnd[sample.endNanoseconds] = sample }
        for sample in incoming { byEnd[sample.endNanoseconds] = sample }
        return byEnd.values.sorted { $0.endNanoseconds < $1.endNanoseconds }
    }

    private func writeBlockRow(_ key: BlockKey, _ data: [UInt8]) throws {
        let block = try db.cached(
            """
            INSERT INTO sample_blocks (minute_start_ns, domain_key, data) VALUES (?1, ?2, ?3)
            ON CONFLICT (minute_start_ns, domain_key) DO UPDATE SET data = excluded.data
            """)
        try block.bind(key.minuteStartNanoseconds, key.domainKey)
        try block.bind(blob: data, at: 3)
        try block.run()
    }

    /// Writes the block, its minute rollup (the block's sums) and its hour
    /// rollup (moved by `change`, the change of the minute's sums, in exact
    /// integers), all in the caller's transaction.
    private func writeRows(_ key: BlockKey, _ block: OpenBlock, change: RollupSums) throws {
        try writeBlockRow(key, block.encoded)
        let sums = block.sums
        let minute = try db.cached(
            """
            INSERT INTO rollup_minute (minute_start_ns, domain_key, energy_uj, sample_count, covered_ns, wrapped_count)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6)
            ON CONFLICT (minute_start_ns, domain_key) DO UPDATE SET
                energy_uj = excluded.energy_uj, sample_count = excluded.sample_count,
                covered_ns = excluded.covered_ns, wrapped_count = excluded.wrapped_count
            """)
        try minute.bind(
            key.minuteStartNanoseconds, key.domainKey, sums.energy, sums.count, sums.covered, sums.wrapped)
        try minute.run()

        guard change != RollupSums() else { return }
        let hour = try db.cached(
            """
            INSERT INTO rollup_hour (hour_start_ns, domain_key, energy_uj, sample_count, covered_ns, wrapped_count)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6)
            ON CONFLICT (hour_start_ns, domain_key) DO UPDATE SET
                energy_uj = energy_uj + excluded.energy_uj, sample_count = sample_count + excluded.sample_count,
                covered_ns = covered_ns + excluded.covered_ns, wrapped_count = wrapped_count + excluded.wrapped_count
            """)
        let hourStart =
            key.minuteStartNanoseconds
            - ((key.minuteStartNanoseconds % Self.hourNanoseconds)
                + Self.hourNanoseconds) % Self.hourNanoseconds
        try hour.bind(hourStart, key.domainKey, change.energy, change.count, change.covered, change.wrapped)
        try hour.run()
    }
}
