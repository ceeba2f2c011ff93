/// What is copied from a host's SQLite file to the fleet database: for each
/// PostgreSQL table, the SQLite query that reads its rows (in the PostgreSQL
/// column order) and how a resend is absorbed.
enum FleetTables {
    static let hostColumns = ["name", "first_seen_ns", "last_seen_ns"]
    static let hostsSelect = "SELECT name, first_seen_ns, last_seen_ns FROM hosts ORDER BY name"
    static let hostsInsert = RowInsert(
        table: "hosts", columns: hostColumns,
        conflict: """
            ON CONFLICT (name) DO UPDATE SET first_seen_ns = LEAST(hosts.first_seen_ns, excluded.first_seen_ns),
            last_seen_ns = GREATEST(hosts.last_seen_ns, excluded.last_seen_ns)
            """)

    static let domainColumns = [
        "host", "domain_id", "kind", "name", "source", "method", "parent_domain_id", "counter_range_uj", "location",
        "first_seen_ns", "last_seen_ns",
    ]
    static let domainTypes: [ColumnType] = [
        .text, .text, .text, .text, .text, .text, .text, .integer, .text, .integer, .integer,
    ]
    static let domainsSelect = """
        SELECT h.name, d.domain_id, d.kind, d.name, d.source, d.method, d.parent_domain_id, d.counter_range_uj,
               d.location, d.first_seen_ns, d.last_seen_ns
        FROM domains d JOIN hosts h ON h.host_key = d.host_key ORDER BY h.name, d.domain_id
        """
    static let domainsInsert = RowInsert(
        table: "domains", columns: domainColumns,
        conflict: RowInsert.upsert(key: ["host", "domain_id"], columns: domainColumns))

    /// `?1 ≤ minute_start_ns < ?2`.
    static let blocksSelect = """
        SELECT h.name, d.domain_id, b.minute_start_ns, b.data
        FROM sample_blocks b JOIN domains d ON d.domain_key = b.domain_key JOIN hosts h ON h.host_key = d.host_key
        WHERE b.minute_start_ns >= ?1 AND b.minute_start_ns < ?2
        """
    static let blockTypes: [ColumnType] = [.text, .text, .integer, .blob]
    static let blocksInsert = RowInsert(
        table: "sample_blocks", columns: ["host", "domain", "minute_start_ns", "data"],
        conflict: "ON CONFLICT (host, minute_start_ns, domain) DO UPDATE SET data = excluded.data")

    static let rollupColumns = [
        "host", "domain", "minute_start_ns", "energy_uj", "sample_count", "covered_ns", "wrapped_count",
    ]
    static let rollupTypes: [ColumnType] = [.text, .text, .integer, .integer, .integer, .integer, .integer]
    static let rollupsSelect = """
        SELECT h.name, d.domain_id, r.minute_start_ns, r.energy_uj, r.sample_count, r.covered_ns, r.wrapped_count
        FROM rollup_minute r JOIN domains d ON d.domain_key = r.domain_key JOIN hosts h ON h.host_key = d.host_key
        WHERE r.minute_start_ns >= ?1 AND r.minute_start_ns < ?2
        """
    static let rollupsInsert = RowInsert(
        table: "rollup_minute", columns: rollupColumns,
        conflict: RowInsert.upsert(key: ["host", "minute_start_ns", "domain"], columns: rollupColumns))

    /// Hour rollups recomputed from the minutes, so each stays their exact sum
    /// whatever order minutes arrive in: `$1` hosts, `[$2, $3)` whole hours.
    static let hoursRebuild = """
        INSERT INTO rollup_hour (host, domain, hour_start_ns, energy_uj, sample_count, covered_ns, wrapped_count)
        SELECT host, domain, minute_start_ns - minute_start_ns % 3600000000000, sum(energy_uj), sum(sample_count),
               sum(covered_ns), sum(wrapped_count)
        FROM rollup_minute WHERE host = ANY($1) AND minute_start_ns >= $2 AND minute_start_ns < $3
        GROUP BY 1, 2, 3
        ON CONFLICT (host, hour_start_ns, domain) DO UPDATE SET energy_uj = excluded.energy_uj,
            sample_count = excluded.sample_count, covered_ns = excluded.covered_ns,
            wrapped_count = excluded.wrapped_count
        """

    /// Gaps that end at or after `?1` (merged gaps grow at their end).
    static let gapsSelect = """
        SELECT h.name, d.domain_id, g.start_ns, g.end_ns, g.reason, g.detail
        FROM gaps g JOIN domains d ON d.domain_key = g.domain_key JOIN hosts h ON h.host_key = d.host_key
        WHERE g.end_ns >= ?1 ORDER BY g.start_ns
        """
    static let gapTypes: [ColumnType] = [.text, .text, .integer, .integer, .text, .text]
    static let gapsInsert = RowInsert(
        table: "gaps", columns: ["host", "domain", "start_ns", "end_ns", "reason", "detail"],
        conflict: "ON CONFLICT (host, domain, start_ns, reason) DO UPDATE SET end_ns = excluded.end_ns, "
            + "detail = excluded.detail")
    /// A gap merged into one that starts earlier: the older rows it swallowed.
    static let gapsSwallowed = """
        DELETE FROM gaps WHERE host = $1 AND domain = $2 AND reason = $3 AND start_ns > $4 AND start_ns <= $5
        """
}
