import FrugalCore
import FrugalStore
import PostgresNIO

extension PostgresStore {
    /// `SQLiteStore.commitIngest` for a host writing straight to PostgreSQL:
    /// the batch's requests, quarantined lines, counters and the log's offset
    /// in one transaction. A request whose (host, start, id) is stored is
    /// skipped and counted as a duplicate. Keys come from the columns'
    /// identity sequences. `host` names the quarantine and ingest rows.
    @discardableResult
    public func commitIngest(_ batch: IngestBatch, host: String) async throws(FleetError) -> IngestCommitReport {
        let requests = batch.records.enumerated().map { index, r -> [FleetValue] in
            let estimate = r.gatewayEstimate
            let frugalEstimate = batch.estimates.isEmpty ? nil : batch.estimates[index]
            return [
                .text(r.host), .text(r.id), .text(r.tenant), .text(r.model), .integer(r.start.nanosecondsSinceEpoch),
                r.firstToken.map { .integer($0.nanosecondsSinceEpoch) } ?? .null, .integer(r.end.nanosecondsSinceEpoch),
                r.promptTokens.map { .integer(Int64($0)) } ?? .null,
                r.completionTokens.map { .integer(Int64($0)) } ?? .null, .integer(Int64(r.status)),
                r.streaming.map { .integer($0 ? 1 : 0) } ?? .null, .text(r.format),
                r.endpoint.map { .text($0) } ?? .null,
                real(estimate?.energyMinKilowattHours), real(estimate?.energyMaxKilowattHours),
                real(estimate?.co2eMinKilograms), real(estimate?.co2eMaxKilograms),
                estimate.map { .text($0.method) } ?? .null, r.upstream.map { .text($0) } ?? .null,
                frugalEstimate.map { .integer($0.microjoules) } ?? .null, .integer(RequestIDHash.of(r.id)),
            ]
        }
        let insert = RowInsert(
            table: "requests", columns: FleetTables.requestColumns.filter { $0 != "request_key" },
            conflict: "ON CONFLICT DO NOTHING RETURNING 1")
        let quarantined = batch.rejected.map { line -> [FleetValue] in
            [
                .text(host), .text(batch.source), .text(line.file), .integer(line.lineOffset),
                line.format.map { .text($0) } ?? .null, .text(line.reason), line.field.map { .text($0) } ?? .null,
                .text(line.message), .blob(line.raw), .integer(Int64(line.rawBytes)),
                .integer(line.seenAt.nanosecondsSinceEpoch),
            ]
        }
        let quarantine = RowInsert(
            table: "quarantine", columns: FleetTables.quarantineColumns.filter { $0 != "quarantine_key" }, conflict: "")
        let counters = Self.counterRows(batch, host: host)
        let offset = batch.offset
        let offsetRow: [FleetValue] = [
            .text(host), .text(batch.source), .integer(Int64(bitPattern: offset.device)),
            .integer(Int64(bitPattern: offset.inode)), .blob(offset.head), .blob(offset.last), .integer(offset.offset),
            offset.format.map { .text($0) } ?? .null, .integer(offset.updatedAt.nanosecondsSinceEpoch),
        ]
        return try await connection.transaction { connection, logger in
            var report = IngestCommitReport()
            for query in insert.queries(requests) {
                for try await _ in try await connection.query(query, logger: logger) { report.inserted += 1 }
            }
            report.duplicates = requests.count - report.inserted
            report.quarantined = quarantined.count
            for query in quarantine.queries(quarantined) { try await connection.query(query, logger: logger) }
            let counted = counters(report)
            for query in FleetTables.countersAdd.queries(counted) { try await connection.query(query, logger: logger) }
            for query in FleetTables.offsetsInsert.queries([offsetRow]) {
                try await connection.query(query, logger: logger)
            }
            return report
        }
    }

    private func real(_ value: Double?) -> FleetValue { value.map { .real($0) } ?? .null }

    /// The counter rows of a batch once its duplicates are known.
    private static func counterRows(_ batch: IngestBatch, host: String)
        -> @Sendable (IngestCommitReport) -> [[FleetValue]]
    {
        var fixed: [String: Int] = ["lines": batch.linesRead]
        for line in batch.rejected { fixed["rejected." + line.reason, default: 0] += 1 }
        for (reason, count) in batch.skipped { fixed["skipped." + reason, default: 0] += count }
        let source = batch.source
        let format = batch.format
        let counted = fixed
        return { report in
            var all = counted
            all["records"] = report.inserted
            all["duplicates"] = report.duplicates
            return all.sorted { $0.key < $1.key }.map { counter, value in
                [.text(host), .text(source), .text(format), .text(counter), .integer(Int64(value))]
            }
        }
    }
}

extension FleetTables {
    /// Counters added to, not replaced: a direct commit brings increments.
    static let countersAdd = RowInsert(
        table: "ingest_counters", columns: counterColumns,
        conflict:
            "ON CONFLICT (host, source, format, counter) DO UPDATE SET value = ingest_counters.value + excluded.value")
}
