extension FleetTables {
    static let requestColumns = [
        "host", "request_key", "id", "tenant", "model", "start_ns", "first_token_ns", "end_ns", "prompt_tokens",
        "completion_tokens", "status", "streaming", "format", "endpoint", "kwh_min", "kwh_max", "kgco2eq_min",
        "kgco2eq_max", "estimate_method", "upstream", "estimated_uj", "id_hash",
    ]
    static let requestTypes: [ColumnType] = [
        .text, .integer, .text, .text, .text, .integer, .integer, .integer, .integer, .integer, .integer, .integer,
        .text, .text, .real, .real, .real, .real, .text, .text, .integer, .integer,
    ]
    /// Requests after key `?1`, at most `?2`, in key order.
    static let requestsSelect =
        "SELECT " + requestColumns.joined(separator: ", ")
        + " FROM requests WHERE request_key > ?1 ORDER BY request_key LIMIT ?2"
    /// A resent request (same host and key, or same host, start and id) is skipped.
    static let requestsInsert = RowInsert(
        table: "requests", columns: requestColumns, conflict: "ON CONFLICT DO NOTHING")

    static let quarantineColumns = [
        "host", "quarantine_key", "source", "file", "line_offset", "format", "reason", "field", "message", "raw",
        "raw_bytes", "seen_at_ns",
    ]
    static let quarantineTypes: [ColumnType] = [
        .text, .integer, .text, .text, .integer, .text, .text, .text, .text, .blob, .integer, .integer,
    ]
    /// `?3` is the host name (the table has none in SQLite).
    static let quarantineSelect = """
        SELECT ?3, quarantine_key, source, file, line_offset, format, reason, field, message, raw, raw_bytes,
               seen_at_ns
        FROM quarantine WHERE quarantine_key > ?1 ORDER BY quarantine_key LIMIT ?2
        """
    static let quarantineInsert = RowInsert(
        table: "quarantine", columns: quarantineColumns, conflict: "ON CONFLICT (host, quarantine_key) DO NOTHING")

    static let offsetColumns = [
        "host", "source", "device", "inode", "head", "last", "\"offset\"", "format", "updated_at_ns",
    ]
    static let offsetTypes: [ColumnType] = [.text, .text, .integer, .integer, .blob, .blob, .integer, .text, .integer]
    static let offsetsSelect = """
        SELECT ?1, source, device, inode, head, last, "offset", format, updated_at_ns FROM ingest_offsets
        ORDER BY source
        """
    static let offsetsInsert = RowInsert(
        table: "ingest_offsets", columns: offsetColumns,
        conflict: RowInsert.upsert(key: ["host", "source"], columns: offsetColumns))

    static let counterColumns = ["host", "source", "format", "counter", "value"]
    static let counterTypes: [ColumnType] = [.text, .text, .text, .text, .integer]
    static let countersSelect = "SELECT ?1, source, format, counter, value FROM ingest_counters ORDER BY 2, 3, 4"
    static let countersInsert = RowInsert(
        table: "ingest_counters", columns: counterColumns,
        conflict: RowInsert.upsert(key: ["host", "source", "format", "counter"], columns: counterColumns))

    static let coefficientColumns = [
        "host", "model", "fitted_at_ns", "prefill_uj_per_token", "decode_uj_per_token", "prefill_se_uj_per_token",
        "decode_se_uj_per_token", "decode_batch_exponent", "r_squared", "intervals",
    ]
    static let coefficientTypes: [ColumnType] = [
        .text, .text, .integer, .integer, .integer, .integer, .integer, .real, .real, .integer,
    ]
    static let coefficientsSelect =
        "SELECT " + coefficientColumns.joined(separator: ", ") + " FROM model_coefficients ORDER BY host, model"
    static let coefficientsInsert = RowInsert(
        table: "model_coefficients", columns: coefficientColumns,
        conflict: RowInsert.upsert(key: ["host", "model"], columns: coefficientColumns))

    static let gridColumns = ["zone", "quarter_start_ns", "g_per_kwh", "source", "fetched_at_ns"]
    static let gridTypes: [ColumnType] = [.text, .integer, .real, .text, .integer]
    /// Values fetched at or after `?1` (a resend of the last instant is absorbed).
    static let gridSelect =
        "SELECT " + gridColumns.joined(separator: ", ")
        + " FROM grid_intensity WHERE fetched_at_ns >= ?1 ORDER BY fetched_at_ns, zone, quarter_start_ns"
    static let gridInsert = RowInsert(
        table: "grid_intensity", columns: gridColumns,
        conflict: RowInsert.upsert(key: ["zone", "quarter_start_ns"], columns: gridColumns))
}
