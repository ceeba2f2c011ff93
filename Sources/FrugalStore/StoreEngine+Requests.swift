import FrugalCore

extension StoreEngine {
    static let maxDurationKey = "requests_max_duration_ns"

    func commitIngest(_ batch: IngestBatch) throws -> IngestCommitReport {
        precondition(!isClosed, "commit after close")
        try tuneForIngest()
        var report = IngestCommitReport()
        try db.transaction {
            let insert = try db.cached(Self.insertRequestSQL)
            let binder = RequestRowBinder(insert)
            var longest: Int64 = 0
            for (index, record) in batch.records.enumerated() {
                let estimate = batch.estimates.isEmpty ? nil : batch.estimates[index]
                if try binder.insert(record, estimate: estimate, changes: { db.changes }) {
                    report.inserted += 1
                    longest = max(longest, record.end.nanosecondsSinceEpoch - record.start.nanosecondsSinceEpoch)
                } else {
                    report.duplicates += 1
                }
            }
            if longest > 0 { try raiseMeta(Self.maxDurationKey, to: longest) }
            for line in batch.rejected { try quarantine(line, source: batch.source) }
            report.quarantined = batch.rejected.count
            try count(batch, report)
            try saveOffset(batch.offset, source: batch.source)
        }
        return report
    }

    /// The connection that ingests keeps 16 MiB of pages (SQLite's default is
    /// 2 MiB) and checkpoints the WAL every 40 MiB (default 4 MiB): each
    /// request lands in four B-trees, two of them at random leaves (the id key
    /// and the primary key's neighbours), so a catch-up ingest rewrites the
    /// same leaves commit after commit. Checkpointing ten times less often
    /// copies each such leaf into the database once instead of ten times, and
    /// the cache keeps them from being read back (a million LiteLLM lines:
    /// 3× less system time; Benchmarks/README.md, "ingest"). Other connections
    /// keep the defaults; the WAL is still cut back to 8 MiB after a checkpoint.
    private func tuneForIngest() throws {
        guard !tunedForIngest else { return }
        try db.execute("PRAGMA cache_size = -16384; PRAGMA wal_autocheckpoint = 10000")
        tunedForIngest = true
    }

    static let insertRequestSQL = """
        INSERT OR IGNORE INTO requests (host, id, tenant, model, start_ns, first_token_ns, end_ns, prompt_tokens,
            completion_tokens, status, streaming, format, endpoint, kwh_min, kwh_max, kgco2eq_min, kgco2eq_max,
            estimate_method, upstream, estimated_uj, id_hash)
        VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21)
        """

    private func quarantine(_ line: QuarantinedLine, source: String) throws {
        let insert = try db.cached(
            """
            INSERT INTO quarantine (source, file, line_offset, format, reason, field, message, raw, raw_bytes,
                                    seen_at_ns)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)
            """)
        try insert.bind(source, at: 1)
        try insert.bind(line.file, at: 2)
        try insert.bind(line.lineOffset, at: 3)
        try insert.bind(line.format, at: 4)
        try insert.bind(line.reason, at: 5)
        try insert.bind(line.field, at: 6)
        try insert.bind(line.message, at: 7)
        try insert.bind(blob: line.raw, at: 8)
        try insert.bind(Int64(line.rawBytes), at: 9)
        try insert.bind(line.seenAt.nanosecondsSinceEpoch, at: 10)
        try insert.run()
    }

    private func count(_ batch: IngestBatch, _ report: IngestCommitReport) throws {
        var counters: [String: Int] = [
            "lines": batch.linesRead, "records": report.inserted, "duplicates": report.duplicates,
        ]
        for line in batch.rejected { counters["rejected.\(line.reason)", default: 0] += 1 }
        for (reason, n) in batch.skipped { counters["skipped.\(reason)", default: 0] += n }
        let upsert = try db.cached(
            """
            INSERT INTO ingest_counters (source, format, counter, value) VALUES (?1, ?2, ?3, ?4)
            ON CONFLICT (source, format, counter) DO UPDATE SET value = value + excluded.value
            """)
        for (counter, value) in counters.sorted(by: { $0.key < $1.key }) where value > 0 {
            upsert.reset()
            try upsert.bind(batch.source, at: 1)
            try upsert.bind(batch.format, at: 2)
            try upsert.bind(counter, at: 3)
            try upsert.bind(Int64(value), at: 4)
            try upsert.run()
        }
    }

    private func saveOffset(_ offset: IngestOffset, source: String) throws {
        let upsert = try db.cached(
            """
            INSERT OR REPLACE INTO ingest_offsets (source, device, inode, head, last, offset, format, updated_at_ns)
            VALUES (?1, ?2, ?3, ?4, ?8, ?5, ?6, ?7)
            """)
        try upsert.bind(source, at: 1)
        try upsert.bind(Int64(bitPattern: offset.device), at: 2)
        try upsert.bind(Int64(bitPattern: offset.inode), at: 3)
        try upsert.bind(blob: offset.head, at: 4)
        try upsert.bind(offset.offset, at: 5)
        try upsert.bind(offset.format, at: 6)
        try upsert.bind(offset.updatedAt.nanosecondsSinceEpoch, at: 7)
        try upsert.bind(blob: offset.last, at: 8)
        try upsert.run()
    }

    private func raiseMeta(_ key: String, to value: Int64) throws {
        let upsert = try db.cached(
            """
            INSERT INTO store_meta (key, value) VALUES (?1, ?2)
            ON CONFLICT (key) DO UPDATE SET value = max(value, excluded.value)
            """)
        try upsert.bind(key, at: 1)
        try upsert.bind(value, at: 2)
        try upsert.run()
    }
}
