import FrugalCore

extension StoreEngine {
    func domains() throws -> [StoredDomain] {
        let select = try db.cached(
            """
            SELECT d.domain_id, d.kind, d.name, d.source, d.method, d.parent_domain_id, d.counter_range_uj,
                   d.location, d.first_seen_ns, d.last_seen_ns, h.name
            FROM domains d JOIN hosts h USING (host_key) ORDER BY d.domain_id, h.name
            """)
        defer { select.reset() }
        var result: [StoredDomain] = []
        while try select.step() {
            let domain = Domain(
                id: DomainID(select.text(at: 0)), kind: DomainKind(rawValue: select.text(at: 1)) ?? .other,
                name: select.text(at: 2), source: select.text(at: 3),
                method: MeasurementMethod(rawValue: select.text(at: 4)) ?? .energyCounter,
                parent: select.optionalText(at: 5).map { DomainID($0) },
                counterRangeMicrojoules: select.optionalInt64(at: 6).map { UInt64(clamping: $0) },
                location: select.text(at: 7))
            result.append(
                StoredDomain(
                    domain: domain, host: select.text(at: 10),
                    firstSeen: Timestamp(nanosecondsSinceEpoch: select.int64(at: 8)),
                    lastSeen: Timestamp(nanosecondsSinceEpoch: select.int64(at: 9))))
        }
        return result
    }

    /// Decoded samples of the blocks of minutes that can hold an end in `[from, to)`, filtered to it.
    func packedSamples(domainKey: Int64, from: Int64, to: Int64) throws -> [PackedSample] {
        guard from < to else { return [] }
        let firstMinute = Timestamp(nanosecondsSinceEpoch: from).minuteStart.nanosecondsSinceEpoch
        let select = try db.cached(
            """
            SELECT minute_start_ns, data FROM sample_blocks
            WHERE domain_key = ?1 AND minute_start_ns >= ?2 AND minute_start_ns < ?3
            ORDER BY minute_start_ns
            """)
        defer { select.reset() }
        try select.bind(domainKey, firstMinute, to)
        var result: [PackedSample] = []
        while try select.step() {
            let key = BlockKey(domainKey: domainKey, minuteStartNanoseconds: select.int64(at: 0))
            for sample in try decode(select.blob(at: 1), key: key)
            where sample.endNanoseconds >= from && sample.endNanoseconds < to {
                result.append(sample)
            }
        }
        return result
    }

    func samples(domain: DomainID, from: Timestamp, to: Timestamp) throws -> [EnergySample] {
        let key = try domainKey(domain)
        return try packedSamples(domainKey: key, from: from.nanosecondsSinceEpoch, to: to.nanosecondsSinceEpoch)
            .map { $0.energySample(domain) }
    }

    /// Whole hours inside the window come from hour rollups, the other whole
    /// minutes from minute rollups, and the partial minutes at its edges from
    /// raw blocks, which must still exist.
    func usage(domain: DomainID, from: Timestamp, to: Timestamp) throws -> EnergyUsage {
        let key = try domainKey(domain)
        let (start, end) = (from.nanosecondsSinceEpoch, to.nanosecondsSinceEpoch)
        guard start < end else { return EnergyUsage() }
        let (minute, hour) = (Self.minuteNanoseconds, Self.hourNanoseconds)
        let firstMinute = ceiling(start, minute)
        let lastMinuteEnd = floor(end, minute)
        guard firstMinute < lastMinuteEnd else { return try rawUsage(key, from: start, to: end) }
        var usage = EnergyUsage()
        let firstHour = ceiling(firstMinute, hour)
        let lastHourEnd = floor(lastMinuteEnd, hour)
        if firstHour < lastHourEnd {
            usage = try rollupUsage(key, table: "rollup_hour", from: firstHour, to: lastHourEnd)
            usage = usage + (try rollupUsage(key, table: "rollup_minute", from: firstMinute, to: firstHour))
            usage = usage + (try rollupUsage(key, table: "rollup_minute", from: lastHourEnd, to: lastMinuteEnd))
        } else {
            usage = try rollupUsage(key, table: "rollup_minute", from: firstMinute, to: lastMinuteEnd)
        }
        if start < firstMinute { usage = usage + (try rawUsage(key, from: start, to: firstMinute)) }
        if lastMinuteEnd < end { usage = usage + (try rawUsage(key, from: lastMinuteEnd, to: end)) }
        return usage
    }

    private func floor(_ nanoseconds: Int64, _ unit: Int64) -> Int64 {
        nanoseconds - ((nanoseconds % unit) + unit) % unit
    }

    private func ceiling(_ nanoseconds: Int64, _ unit: Int64) -> Int64 {
        let down = floor(nanoseconds, unit)
        return down == nanoseconds ? down : down + unit
    }

    private func rawUsage(_ key: Int64, from: Int64, to: Int64) throws -> EnergyUsage {
        let prunedBefore = try rawPrunedBeforeNanoseconds()
        if Timestamp(nanosecondsSinceEpoch: from).minuteStart.nanosecondsSinceEpoch < prunedBefore {
            throw StoreError(
                .rawPruned,
                message: "raw samples before \(prunedBefore) ns were pruned; the window starts at \(from) ns "
                    + "inside a pruned minute",
                path: db.path, fix: "ask for whole UTC minutes (minute rollups are kept forever)")
        }
        var usage = EnergyUsage()
        for sample in try packedSamples(domainKey: key, from: from, to: to) {
            usage.energy.microjoules += sample.energyMicrojoules
            usage.sampleCount += 1
            usage.covered += .nanoseconds(sample.elapsedNanoseconds)
            usage.wrappedCount += sample.wrapped ? 1 : 0
        }
        return usage
    }

    private func rollupUsage(_ key: Int64, table: String, from: Int64, to: Int64) throws -> EnergyUsage {
        guard from < to else { return EnergyUsage() }
        let column = table == "rollup_hour" ? "hour_start_ns" : "minute_start_ns"
        let select = try db.cached(
            """
            SELECT sum(energy_uj), sum(sample_count), sum(covered_ns), sum(wrapped_count)
            FROM \(table) WHERE \(column) >= ?2 AND \(column) < ?3 AND domain_key = ?1
            """)
        defer { select.reset() }
        try select.bind(key, from, to)
        guard try select.step() else { return EnergyUsage() }
        // sum() of no rows is NULL: nothing recorded.
        return EnergyUsage(
            energy: Energy(microjoules: select.optionalInt64(at: 0) ?? 0),
            sampleCount: Int(select.optionalInt64(at: 1) ?? 0),
            covered: .nanoseconds(select.optionalInt64(at: 2) ?? 0),
            wrappedCount: Int(select.optionalInt64(at: 3) ?? 0))
    }

    func minuteRollups(domain: DomainID, from: Timestamp, to: Timestamp) throws -> [MinuteRollup] {
        let key = try domainKey(domain)
        let select = try db.cached(
            """
            SELECT minute_start_ns, energy_uj, sample_count, covered_ns, wrapped_count FROM rollup_minute
            WHERE domain_key = ?1 AND minute_start_ns >= ?2 AND minute_start_ns < ?3 ORDER BY minute_start_ns
            """)
        defer { select.reset() }
        try select.bind(key, from.nanosecondsSinceEpoch, to.nanosecondsSinceEpoch)
        var result: [MinuteRollup] = []
        while try select.step() {
            result.append(
                MinuteRollup(
                    minuteStart: Timestamp(nanosecondsSinceEpoch: select.int64(at: 0)),
                    energy: Energy(microjoules: select.int64(at: 1)), sampleCount: Int(select.int64(at: 2)),
                    covered: .nanoseconds(select.int64(at: 3)), wrappedCount: Int(select.int64(at: 4))))
        }
        return result
    }

    func gaps(domain: DomainID, from: Timestamp, to: Timestamp) throws -> [SampleGap] {
        let key = try domainKey(domain)
        let select = try db.cached(
            """
            SELECT start_ns, end_ns, reason, detail FROM gaps
            WHERE domain_key = ?1 AND start_ns < ?3 AND end_ns > ?2 ORDER BY start_ns, reason
            """)
        defer { select.reset() }
        try select.bind(key, from.nanosecondsSinceEpoch, to.nanosecondsSinceEpoch)
        var result: [SampleGap] = []
        while try select.step() {
            let reasonText = select.text(at: 2)
            guard let reason = SampleGap.Reason(rawValue: reasonText) else {
                throw StoreError(
                    .sqlite, message: "gap with unknown reason '\(reasonText)'", path: db.path,
                    fix: "upgrade frugal: a newer version wrote this gap")
            }
            result.append(
                SampleGap(
                    domain: domain, start: Timestamp(nanosecondsSinceEpoch: select.int64(at: 0)),
                    end: Timestamp(nanosecondsSinceEpoch: select.int64(at: 1)), reason: reason,
                    detail: select.text(at: 3)))
        }
        return result
    }
}
