import FrugalCore

extension StoreEngine {
    /// Bounds that keep every sum and minute computation far from overflow:
    /// 2^50 µJ is a megawatt for 13 days; 2^50 ns is 13 days.
    static let maxSampleMicrojoules: Int64 = 1 << 50
    static let maxElapsedNanoseconds: Int64 = 1 << 50
    static let maxTimestampNanoseconds: Int64 = 4_000_000_000_000_000_000

    func append(samples: [EnergySample], gaps: [SampleGap]) throws {
        // Checked here, so a bad batch is refused whole and never blocks later flushes.
        for sample in samples {
            _ = try domainKey(sample.domain)
            let valid =
                (0...Self.maxSampleMicrojoules).contains(sample.energy.microjoules)
                && (1...Self.maxElapsedNanoseconds).contains(sample.elapsed.nanoseconds)
                && (0...Self.maxTimestampNanoseconds).contains(sample.end.nanosecondsSinceEpoch)
            guard valid else { throw invalid("sample \(sample)") }
        }
        for gap in gaps {
            _ = try domainKey(gap.domain)
            let range = 0...Self.maxTimestampNanoseconds
            guard range.contains(gap.start.nanosecondsSinceEpoch), range.contains(gap.end.nanosecondsSinceEpoch),
                gap.start <= gap.end
            else { throw invalid("gap \(gap)") }
        }
        pendingSamples += samples
        pendingGaps += gaps
    }

    private func invalid(_ what: String) -> StoreError {
        StoreError(
            .invalidSample,
            message: "refused \(what): energy must be 0...2^50 µJ, elapsed 1 ns...2^50 ns, "
                + "times within 1970–2096, and a gap must not end before it starts",
            path: db.path, fix: "this is a sampler bug: report it with the sample")
    }

    /// Writes the buffer in one transaction. A minute that only gains later
    /// samples gets them appended as a chunk (`ChunkedBlock`) and its rollups
    /// moved by their sums; any other touched minute is re-encoded from the
    /// union of what is stored and what arrived and its rollup recomputed from
    /// that, so a rollup is always exactly the sum of its block, whatever
    /// order samples arrive in.
    func flush() throws -> FlushReport {
        precondition(!isClosed, "flush after close")
        guard !pendingSamples.isEmpty || !pendingGaps.isEmpty else { return FlushReport() }
        var report = FlushReport()
        let groups = try groupPending(prunedBefore: try rawPrunedBeforeNanoseconds(), report: &report)
        var newOpenBlocks = openBlocks
        try db.transaction {
            for (key, incoming) in groups {
                let previous = newOpenBlocks[key.domainKey]
                let written = try writeMinute(key, incoming: incoming, open: previous)
                report.blocksWritten += 1
                report.samplesWritten += incoming.count
                let previousMinute = previous?.minuteStartNanoseconds
                if let previous, key.minuteStartNanoseconds > previous.minuteStartNanoseconds {
                    try compact(previous, domainKey: key.domainKey)
                }
                if previousMinute.map({ key.minuteStartNanoseconds >= $0 }) ?? true {
                    newOpenBlocks[key.domainKey] = written
                }
                if previousMinute.map({ key.minuteStartNanoseconds > $0 }) ?? true {
                    try touchDomain(key.domainKey, seenAtNanoseconds: written.samples.last!.endNanoseconds)
                }
            }
            for gap in pendingGaps { try writeGap(gap) }
            report.gapsWritten = pendingGaps.count
        }
        // Only after the commit: a failed flush leaves buffer and cache as they were.
        openBlocks = newOpenBlocks
        pendingSamples.removeAll(keepingCapacity: true)
        pendingGaps.removeAll(keepingCapacity: true)
        return report
    }

    /// The pending samples by block, in key order, without those of pruned minutes.
    private func groupPending(prunedBefore: Int64, report: inout FlushReport) throws -> [(BlockKey, [PackedSample])] {
        var groups: [BlockKey: [PackedSample]] = [:]
        var lastDomain: (id: DomainID, key: Int64)?
        for original in pendingSamples {
            let sample = PackedSample(original, resolution: resolutionNanoseconds)
            let minute = Timestamp(nanosecondsSinceEpoch: sample.endNanoseconds).minuteStart.nanosecondsSinceEpoch
            guard minute >= prunedBefore else {
                report.samplesDroppedAsPruned += 1
                continue
            }
            let domainKey: Int64
            if let lastDomain, lastDomain.id == original.domain {
                domainKey = lastDomain.key
            } else {
                domainKey = try self.domainKey(original.domain)
                lastDomain = (original.domain, domainKey)
            }
            groups[BlockKey(domainKey: domainKey, minuteStartNanoseconds: minute), default: []].append(sample)
        }
        return groups.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
    }

    func readBlock(_ key: BlockKey) throws -> [PackedSample]? {
        let select = try db.cached(
            "SELECT data FROM sample_blocks WHERE domain_key = ?1 AND minute_start_ns = ?2")
        defer { select.reset() }
        try select.bind(key.domainKey, key.minuteStartNanoseconds)
        guard try select.step() else { return nil }
        return try decode(select.blob(at: 0), key: key)
    }

    func decode(_ data: [UInt8], key: BlockKey) throws -> [PackedSample] {
        do {
            return try ChunkedBlock.decode(data, base: key.minuteStartNanoseconds)
        } catch {
            throw StoreError(
                .badBlock,
                message:
                    "sample block of domain key \(key.domainKey), minute \(key.minuteStartNanoseconds) ns: \(error)",
                path: db.path, fix: "run `PRAGMA integrity_check`; a newer frugal may have written this block")
        }
    }

    func touchDomain(_ domainKey: Int64, seenAtNanoseconds: Int64) throws {
        let update = try db.cached(
            "UPDATE domains SET last_seen_ns = max(last_seen_ns, ?2) WHERE domain_key = ?1")
        try update.bind(domainKey, seenAtNanoseconds)
        try update.run()
    }

    /// Stores a gap, merged with stored gaps of the same domain and reason
    /// that overlap or touch it, so a sensor failing every second for an hour
    /// is one row, and re-appending a gap changes nothing.
    private func writeGap(_ gap: SampleGap) throws {
        let key = try domainKey(gap.domain)
        var start = gap.start.nanosecondsSinceEpoch
        var end = gap.end.nanosecondsSinceEpoch
        let nearby = try db.cached(
            """
            SELECT start_ns, end_ns FROM gaps
            WHERE domain_key = ?1 AND start_ns <= ?2 AND reason = ?3
            ORDER BY start_ns DESC LIMIT 64
            """)
        try nearby.bind(key, at: 1)
        try nearby.bind(end, at: 2)
        try nearby.bind(gap.reason.rawValue, at: 3)
        var merged: [Int64] = []
        while try nearby.step() {
            guard nearby.int64(at: 1) >= start else { continue }
            merged.append(nearby.int64(at: 0))
            start = min(start, nearby.int64(at: 0))
            end = max(end, nearby.int64(at: 1))
        }
        nearby.reset()
        let delete = try db.cached("DELETE FROM gaps WHERE domain_key = ?1 AND start_ns = ?2 AND reason = ?3")
        for oldStart in merged {
            try delete.bind(key, at: 1)
            try delete.bind(oldStart, at: 2)
            try delete.bind(gap.reason.rawValue, at: 3)
            try delete.run()
        }
        let insert = try db.cached(
            "INSERT OR REPLACE INTO gaps (domain_key, start_ns, end_ns, reason, detail) VALUES (?1, ?2, ?3, ?4, ?5)")
        try insert.bind(key, start, end)
        try insert.bind(gap.reason.rawValue, at: 4)
        try insert.bind(gap.detail, at: 5)
        try insert.run()
    }
}

extension PackedSample {
    /// The sample with its end floored and its elapsed time rounded to `resolution` ns.
    init(_ sample: EnergySample, resolution: Int64 = 1) {
        let end = sample.end.nanosecondsSinceEpoch
        let elapsed = sample.elapsed.nanoseconds
        guard resolution > 1 else {
            self.init(
                endNanoseconds: end, elapsedNanoseconds: elapsed, energyMicrojoules: sample.energy.microjoules,
                wrapped: sample.wrapped)
            return
        }
        let flooredEnd = end - ((end % resolution) + resolution) % resolution
        let roundedElapsed = (elapsed + resolution / 2) / resolution * resolution
        self.init(
            endNanoseconds: flooredEnd, elapsedNanoseconds: roundedElapsed,
            energyMicrojoules: sample.energy.microjoules, wrapped: sample.wrapped)
    }

    func energySample(_ domain: DomainID) -> EnergySample {
        EnergySample(
            domain: domain, end: Timestamp(nanosecondsSinceEpoch: endNanoseconds),
            elapsed: .nanoseconds(elapsedNanoseconds), energy: Energy(microjoules: energyMicrojoules), wrapped: wrapped)
    }
}

/// The sums a rollup row holds.
struct RollupSums: Equatable {
    var energy: Int64 = 0
    var count: Int64 = 0
    var covered: Int64 = 0
    var wrapped: Int64 = 0

    init() {}

    init(_ samples: [PackedSample]) {
        for sample in samples {
            energy += sample.energyMicrojoules
            covered += sample.elapsedNanoseconds
            wrapped += sample.wrapped ? 1 : 0
        }
        count = Int64(samples.count)
    }

    static func + (a: RollupSums, b: RollupSums) -> RollupSums {
        var result = RollupSums()
        result.energy = a.energy + b.energy
        result.count = a.count + b.count
        result.covered = a.covered + b.covered
        result.wrapped = a.wrapped + b.wrapped
        return result
    }

    static func - (a: RollupSums, b: RollupSums) -> RollupSums {
        var result = RollupSums()
        result.energy = a.energy - b.energy
        result.count = a.count - b.count
        result.covered = a.covered - b.covered
        result.wrapped = a.wrapped - b.wrapped
        return result
    }
}
