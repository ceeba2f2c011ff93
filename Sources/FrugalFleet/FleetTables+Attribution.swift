extension FleetTables {
    static let windowColumns = [
        "host", "window_start_ns", "window_end_ns", "computed_at_ns", "requests", "clock_offset_ns",
        "clock_offset_source", "covered_ns",
    ]
    static let windowTypes: [ColumnType] = [
        .text, .integer, .integer, .integer, .integer, .integer, .text, .integer,
    ]
    /// Windows computed after `(?1 computed_at, ?2 window_start)`, at most `?3`,
    /// in computation order: a re-run window comes again with its new time.
    static let windowsSelect =
        "SELECT " + windowColumns.joined(separator: ", ")
            + """
             FROM attribution_windows
            WHERE computed_at_ns > ?1 OR (computed_at_ns = ?1 AND window_start_ns > ?2)
            ORDER BY computed_at_ns, window_start_ns LIMIT ?3
            """
    static let windowsInsert = RowInsert(table: "attribution_windows", columns: windowColumns, conflict: "")

    static let bookColumns = [
        "host", "window_start_ns", "domain", "kind", "counted", "measured_uj", "idle_uj", "attributed_uj",
        "unattributed_uj", "idle_allocated_uj", "idle_power_uw", "idle_source",
    ]
    static let bookTypes: [ColumnType] = [
        .text, .integer, .text, .text, .integer, .integer, .integer, .integer, .integer, .integer, .integer, .text,
    ]
    static let booksSelect =
        "SELECT " + bookColumns.joined(separator: ", ")
        + " FROM attribution_books WHERE host = ?1 AND window_start_ns = ?2 ORDER BY domain"
    static let booksInsert = RowInsert(table: "attribution_books", columns: bookColumns, conflict: "")

    static let shareColumns = [
        "host", "window_start_ns", "request_key", "dynamic_uj", "idle_uj", "method", "domains",
    ]
    static let shareTypes: [ColumnType] = [.text, .integer, .integer, .integer, .integer, .text, .text]
    static let sharesSelect =
        "SELECT " + shareColumns.joined(separator: ", ")
        + " FROM request_energy WHERE host = ?1 AND window_start_ns = ?2 ORDER BY request_key"
    static let sharesInsert = RowInsert(table: "request_energy", columns: shareColumns, conflict: "")

    static let usageColumns = [
        "host", "quarter_start_ns", "model", "tenant", "requests", "prompt_tokens", "completion_tokens", "dynamic_uj",
        "idle_uj", "cost_histogram",
    ]
    static let usageTypes: [ColumnType] = [
        .text, .integer, .text, .text, .integer, .integer, .integer, .integer, .integer, .blob,
    ]
    /// The quarter's usage rows, rebuilt by SQLite with the window of the same start.
    static let usageSelect =
        "SELECT " + usageColumns.joined(separator: ", ")
        + " FROM usage_quarter WHERE host = ?1 AND quarter_start_ns = ?2 ORDER BY model, tenant"
    static let usageInsert = RowInsert(table: "usage_quarter", columns: usageColumns, conflict: "")

    /// What a re-run window replaces, per host: `$1` host, `$2` window starts.
    static let windowDeletes = [
        "DELETE FROM attribution_windows WHERE host = $1 AND window_start_ns = ANY($2)",
        "DELETE FROM attribution_books WHERE host = $1 AND window_start_ns = ANY($2)",
        "DELETE FROM request_energy WHERE host = $1 AND window_start_ns = ANY($2)",
        "DELETE FROM usage_quarter WHERE host = $1 AND quarter_start_ns = ANY($2)",
    ]
}
