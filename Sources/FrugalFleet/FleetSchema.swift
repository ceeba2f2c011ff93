/// The fleet database's schema in PostgreSQL, as numbered migrations recorded
/// in `schema_migrations`. The tables mean what their SQLite namesakes mean
/// (`Sources/FrugalStore/SCHEMA.md`); what differs:
///
/// * every per-host table carries `host` (the host's name) in its key,
///   instead of SQLite's file-private `host_key` / `domain_key`: a domain is
///   `(host, domain)` with the `DomainID` text;
/// * `requests` keeps the request key of the host's own SQLite file, so
///   `(host, request_key)` is the key `request_energy` refers to, and a
///   resend of the same request is the same row (a host writing directly,
///   without a file, draws keys from the column's identity sequence);
/// * the big time-ordered tables are partitioned by month on their time
///   column (`FleetPartitions`): retention drops whole partitions.
///
/// Types: integers are `bigint` (ns, µJ, counts), SQLite `REAL` is
/// `double precision`, `BLOB` is `bytea`. A released step is never edited.
public enum FleetSchema {
    /// One step: its SQL runs in one transaction with its `schema_migrations` row.
    public struct Step: Sendable {
        public var version: Int
        public var summary: String
        public var sql: String
    }

    /// Every step, in order.
    public static let steps: [Step] = [version1, version2]

    /// The version a database has once fully migrated.
    public static var latestVersion: Int { steps.count }

    /// The tables partitioned by month, with their partition column: the one
    /// list the schema's `PARTITION BY` clauses, the monthly partitions and
    /// retention are made from.
    public static let partitioned: [(table: String, column: String)] = [
        ("sample_blocks", "minute_start_ns"),
        ("attribution_windows", "window_start_ns"),
        ("attribution_books", "window_start_ns"),
        ("request_energy", "window_start_ns"),
        ("usage_quarter", "quarter_start_ns"),
    ]

    /// `PARTITION BY RANGE (column)` for one of `partitioned`.
    static func partitionedBy(_ table: String) -> String {
        guard let entry = partitioned.first(where: { $0.table == table }) else {
            preconditionFailure("\(table) is not in FleetSchema.partitioned")
        }
        return "PARTITION BY RANGE (\(entry.column))"
    }

    static let version1 = Step(
        version: 1,
        summary: "hosts, domains, monthly-partitioned sample blocks, rollups, gaps, requests, ingest, attribution, "
            + "usage, coefficients, grid intensity",
        sql: samplesSQL + requestsSQL + attributionSQL)

    /// SQLite's steps 5 to 8 on `requests`: the backend that served each
    /// request, Frugal's own estimate, and the lookup by a 64-bit key of the
    /// gateway id (`RequestIDHash`, copied from the host's file).
    static let version2 = Step(
        version: 2, summary: "requests: backend, estimate, lookup by id key",
        sql: """
            ALTER TABLE requests ADD COLUMN upstream text, ADD COLUMN estimated_uj bigint, ADD COLUMN id_hash bigint;
            CREATE INDEX requests_by_id_hash ON requests (id_hash);

            """)

    static let samplesSQL = """
        CREATE TABLE hosts (
            name          text   PRIMARY KEY,
            first_seen_ns bigint NOT NULL,
            last_seen_ns  bigint NOT NULL
        );
        CREATE TABLE domains (
            host             text   NOT NULL,
            domain_id        text   NOT NULL,
            kind             text   NOT NULL,
            name             text   NOT NULL,
            source           text   NOT NULL,
            method           text   NOT NULL,
            parent_domain_id text,
            counter_range_uj bigint,
            location         text   NOT NULL,
            first_seen_ns    bigint NOT NULL,
            last_seen_ns     bigint NOT NULL,
            PRIMARY KEY (host, domain_id)
        );
        CREATE TABLE sample_blocks (
            host            text   NOT NULL,
            domain          text   NOT NULL,
            minute_start_ns bigint NOT NULL,
            data            bytea  NOT NULL,
            PRIMARY KEY (host, minute_start_ns, domain)
        ) \(partitionedBy("sample_blocks"));
        CREATE TABLE rollup_minute (
            host            text   NOT NULL,
            domain          text   NOT NULL,
            minute_start_ns bigint NOT NULL,
            energy_uj       bigint NOT NULL,
            sample_count    bigint NOT NULL,
            covered_ns      bigint NOT NULL,
            wrapped_count   bigint NOT NULL,
            PRIMARY KEY (host, minute_start_ns, domain)
        );
        CREATE TABLE rollup_hour (
            host          text   NOT NULL,
            domain        text   NOT NULL,
            hour_start_ns bigint NOT NULL,
            energy_uj     bigint NOT NULL,
            sample_count  bigint NOT NULL,
            covered_ns    bigint NOT NULL,
            wrapped_count bigint NOT NULL,
            PRIMARY KEY (host, hour_start_ns, domain)
        );
        CREATE TABLE gaps (
            host     text   NOT NULL,
            domain   text   NOT NULL,
            start_ns bigint NOT NULL,
            end_ns   bigint NOT NULL,
            reason   text   NOT NULL,
            detail   text   NOT NULL,
            PRIMARY KEY (host, domain, start_ns, reason)
        );

        """

    static let requestsSQL = """
        CREATE TABLE requests (
            host              text    NOT NULL,
            request_key       bigint  GENERATED BY DEFAULT AS IDENTITY,
            id                text    NOT NULL,
            tenant            text    NOT NULL,
            model             text    NOT NULL,
            start_ns          bigint  NOT NULL,
            first_token_ns    bigint,
            end_ns            bigint  NOT NULL,
            prompt_tokens     bigint,
            completion_tokens bigint,
            status            bigint  NOT NULL,
            streaming         bigint,
            format            text    NOT NULL,
            endpoint          text,
            kwh_min           double precision,
            kwh_max           double precision,
            kgco2eq_min       double precision,
            kgco2eq_max       double precision,
            estimate_method   text,
            PRIMARY KEY (host, request_key),
            UNIQUE (host, start_ns, id)
        );
        CREATE INDEX requests_by_end ON requests (host, end_ns);
        CREATE TABLE quarantine (
            host           text   NOT NULL,
            quarantine_key bigint GENERATED BY DEFAULT AS IDENTITY,
            source         text   NOT NULL,
            file           text   NOT NULL,
            line_offset    bigint NOT NULL,
            format         text,
            reason         text   NOT NULL,
            field          text,
            message        text   NOT NULL,
            raw            bytea  NOT NULL,
            raw_bytes      bigint NOT NULL,
            seen_at_ns     bigint NOT NULL,
            PRIMARY KEY (host, quarantine_key)
        );
        CREATE TABLE ingest_offsets (
            host          text   NOT NULL,
            source        text   NOT NULL,
            device        bigint NOT NULL,
            inode         bigint NOT NULL,
            head          bytea  NOT NULL,
            last          bytea  NOT NULL,
            "offset"      bigint NOT NULL,
            format        text,
            updated_at_ns bigint NOT NULL,
            PRIMARY KEY (host, source)
        );
        CREATE TABLE ingest_counters (
            host    text   NOT NULL,
            source  text   NOT NULL,
            format  text   NOT NULL,
            counter text   NOT NULL,
            value   bigint NOT NULL,
            PRIMARY KEY (host, source, format, counter)
        );

        """

    static let attributionSQL = """
        CREATE TABLE attribution_windows (
            host                text   NOT NULL,
            window_start_ns     bigint NOT NULL,
            window_end_ns       bigint NOT NULL,
            computed_at_ns      bigint NOT NULL,
            requests            bigint NOT NULL,
            clock_offset_ns     bigint NOT NULL,
            clock_offset_source text   NOT NULL,
            covered_ns          bigint NOT NULL,
            PRIMARY KEY (host, window_start_ns)
        ) \(partitionedBy("attribution_windows"));
        CREATE TABLE attribution_books (
            host              text   NOT NULL,
            window_start_ns   bigint NOT NULL,
            domain            text   NOT NULL,
            kind              text   NOT NULL,
            counted           bigint NOT NULL,
            measured_uj       bigint NOT NULL,
            idle_uj           bigint NOT NULL,
            attributed_uj     bigint NOT NULL,
            unattributed_uj   bigint NOT NULL,
            idle_allocated_uj bigint NOT NULL,
            idle_power_uw     bigint NOT NULL,
            idle_source       text   NOT NULL,
            PRIMARY KEY (host, window_start_ns, domain)
        ) \(partitionedBy("attribution_books"));
        CREATE TABLE request_energy (
            host            text   NOT NULL,
            window_start_ns bigint NOT NULL,
            request_key     bigint NOT NULL,
            dynamic_uj      bigint NOT NULL,
            idle_uj         bigint NOT NULL,
            method          text   NOT NULL,
            domains         text   NOT NULL,
            PRIMARY KEY (host, window_start_ns, request_key)
        ) \(partitionedBy("request_energy"));
        CREATE INDEX request_energy_by_request ON request_energy (host, request_key);
        CREATE TABLE usage_quarter (
            host              text   NOT NULL,
            quarter_start_ns  bigint NOT NULL,
            model             text   NOT NULL,
            tenant            text   NOT NULL,
            requests          bigint NOT NULL,
            prompt_tokens     bigint NOT NULL,
            completion_tokens bigint NOT NULL,
            dynamic_uj        bigint NOT NULL,
            idle_uj           bigint NOT NULL,
            cost_histogram    bytea  NOT NULL,
            PRIMARY KEY (host, quarter_start_ns, model, tenant)
        ) \(partitionedBy("usage_quarter"));
        CREATE TABLE model_coefficients (
            host                    text   NOT NULL,
            model                   text   NOT NULL,
            fitted_at_ns            bigint NOT NULL,
            prefill_uj_per_token    bigint NOT NULL,
            decode_uj_per_token     bigint NOT NULL,
            prefill_se_uj_per_token bigint,
            decode_se_uj_per_token  bigint,
            decode_batch_exponent   double precision NOT NULL,
            r_squared               double precision,
            intervals               bigint NOT NULL,
            PRIMARY KEY (host, model)
        );
        CREATE TABLE grid_intensity (
            zone             text   NOT NULL,
            quarter_start_ns bigint NOT NULL,
            g_per_kwh        double precision NOT NULL,
            source           text   NOT NULL,
            fetched_at_ns    bigint NOT NULL,
            PRIMARY KEY (zone, quarter_start_ns)
        );
        """
}
