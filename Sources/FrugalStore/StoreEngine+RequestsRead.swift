import FrugalCore

extension StoreEngine {
    func ingestOffset(for source: String) throws -> IngestOffset? {
        let select = try db.cached(
            "SELECT device, inode, head, offset, format, updated_at_ns, last FROM ingest_offsets WHERE source = ?1")
        defer { select.reset() }
        try select.bind(source, at: 1)
        guard try select.step() else { return nil }
        return IngestOffset(
            device: UInt64(bitPattern: select.int64(at: 0)), inode: UInt64(bitPattern: select.int64(at: 1)),
            head: select.blob(at: 2), last: select.blob(at: 6), offset: select.int64(at: 3),
            format: select.optionalText(at: 4),
            updatedAt: Timestamp(nanosecondsSinceEpoch: select.int64(at: 5)))
    }

    /// Uses the start index: a request overlapping `[from, to)` starts before
    /// `to` and no earlier than `from` minus the longest stored request.
    func requests(host: String, from: Timestamp, to: Timestamp) throws -> [RequestRecord] {
        let longest = try db.cached("SELECT value FROM store_meta WHERE key = ?1")
        try longest.bind(Self.maxDurationKey, at: 1)
        let maxDuration = try longest.step() ? longest.int64(at: 0) : 0
        longest.reset()
        let select = try db.cached(
            """
            SELECT id, host, tenant, model, start_ns, first_token_ns, end_ns, prompt_tokens, completion_tokens,
                   status, streaming, format, endpoint, kwh_min, kwh_max, kgco2eq_min, kgco2eq_max, estimate_method,
                   upstream
            FROM requests
            WHERE host = ?1 AND start_ns < ?3 AND start_ns >= ?4 AND end_ns > ?2
            ORDER BY start_ns, id
            """)
        defer { select.reset() }
        try select.bind(host, at: 1)
        try select.bind(from.nanosecondsSinceEpoch, at: 2)
        try select.bind(to.nanosecondsSinceEpoch, at: 3)
        try select.bind(from.nanosecondsSinceEpoch &- maxDuration, at: 4)
        var records: [RequestRecord] = []
        while try select.step() { records.append(record(from: select)) }
        return records
    }

    private func record(from s: Statement) -> RequestRecord {
        var estimate: GatewayEstimate?
        if let method = s.optionalText(at: 17) {
            func real(_ i: Int32) -> Double? { s.isNull(at: i) ? nil : s.double(at: i) }
            estimate = GatewayEstimate(
                energyMinKilowattHours: real(13), energyMaxKilowattHours: real(14), co2eMinKilograms: real(15),
                co2eMaxKilograms: real(16), method: method)
        }
        return RequestRecord(
            id: s.text(at: 0), host: s.text(at: 1), tenant: s.text(at: 2), model: s.text(at: 3),
            start: Timestamp(nanosecondsSinceEpoch: s.int64(at: 4)),
            firstToken: s.optionalInt64(at: 5).map(Timestamp.init(nanosecondsSinceEpoch:)),
            end: Timestamp(nanosecondsSinceEpoch: s.int64(at: 6)), promptTokens: s.optionalInt64(at: 7).map { Int($0) },
            completionTokens: s.optionalInt64(at: 8).map { Int($0) }, status: Int(s.int64(at: 9)),
            streaming: s.optionalInt64(at: 10).map { $0 != 0 }, format: s.text(at: 11),
            endpoint: s.optionalText(at: 12), gatewayEstimate: estimate, upstream: s.optionalText(at: 18))
    }

    func quarantine(source: String?, limit: Int) throws -> [StoredQuarantine] {
        let select = try db.cached(
            """
            SELECT quarantine_key, source, file, line_offset, format, reason, field, message, raw, raw_bytes, seen_at_ns
            FROM quarantine WHERE ?1 IS NULL OR source = ?1 ORDER BY quarantine_key LIMIT ?2
            """)
        defer { select.reset() }
        try select.bind(source, at: 1)
        try select.bind(Int64(limit), at: 2)
        var rows: [StoredQuarantine] = []
        while try select.step() {
            let raw = select.blob(at: 8)
            var line = raw.withUnsafeBytes { bytes in
                QuarantinedLine(
                    file: select.text(at: 2), lineOffset: select.int64(at: 3), format: select.optionalText(at: 4),
                    reason: select.text(at: 5), field: select.optionalText(at: 6), message: select.text(at: 7),
                    line: bytes, seenAt: Timestamp(nanosecondsSinceEpoch: select.int64(at: 10)))
            }
            line.rawBytes = Int(select.int64(at: 9))
            rows.append(StoredQuarantine(key: select.int64(at: 0), source: select.text(at: 1), line: line))
        }
        return rows
    }

    func ingestCounters(source: String) throws -> [String: Int64] {
        let select = try db.cached(
            "SELECT counter, sum(value) FROM ingest_counters WHERE source = ?1 GROUP BY counter")
        defer { select.reset() }
        try select.bind(source, at: 1)
        var counters: [String: Int64] = [:]
        while try select.step() { counters[select.text(at: 0)] = select.int64(at: 1) }
        return counters
    }

    func requestCount(host: String?) throws -> Int {
        let select = try db.cached("SELECT count(*) FROM requests WHERE ?1 IS NULL OR host = ?1")
        defer { select.reset() }
        try select.bind(host, at: 1)
        _ = try select.step()
        return Int(select.int64(at: 0))
    }
}
