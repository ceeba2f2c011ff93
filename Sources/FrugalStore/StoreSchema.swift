/// The store's schema, as numbered migrations. `SCHEMA.md` documents every
/// table; a change here changes that file in the same commit. Later stages
/// (attribution, carbon) append steps; a released step is never edited.
///
/// The per-second tables are keyed time first, `(minute_start_ns, domain_key)`:
/// a flush then dirties one or two leaf pages instead of one per domain, which
/// cuts what each commit writes to disk about sevenfold (see the benchmark).
public enum StoreSchema {
    /// Every step, in order.
    public static let migrations: [Migration] = [
        version1, version2, version3, version4, version5, version6, version7, version8,
    ]

    /// The version a database has once fully migrated.
    public static var latestVersion: Int { migrations.count }

    static let version1 = Migration(
        version: 1, summary: "hosts, domains, packed sample blocks, minute and hour rollups, gaps, store metadata",
        sql: """
            CREATE TABLE hosts (
                host_key      INTEGER PRIMARY KEY,
                name          TEXT    NOT NULL UNIQUE,
                first_seen_ns INTEGER NOT NULL,
                last_seen_ns  INTEGER NOT NULL
            );
            CREATE TABLE domains (
                domain_key       INTEGER PRIMARY KEY,
                host_key         INTEGER NOT NULL REFERENCES hosts (host_key),
                domain_id        TEXT    NOT NULL,
                kind             TEXT    NOT NULL,
                name             TEXT    NOT NULL,
                source           TEXT    NOT NULL,
                method           TEXT    NOT NULL,
                parent_domain_id TEXT,
                counter_range_uj INTEGER,
                location         TEXT    NOT NULL,
                first_seen_ns    INTEGER NOT NULL,
                last_seen_ns     INTEGER NOT NULL,
                UNIQUE (host_key, domain_id)
            );
            CREATE TABLE sample_blocks (
                minute_start_ns INTEGER NOT NULL,
                domain_key      INTEGER NOT NULL REFERENCES domains (domain_key),
                data            BLOB    NOT NULL,
                PRIMARY KEY (minute_start_ns, domain_key)
            ) WITHOUT ROWID;
            CREATE TABLE rollup_minute (
                minute_start_ns INTEGER NOT NULL,
                domain_key      INTEGER NOT NULL REFERENCES domains (domain_key),
                energy_uj       INTEGER NOT NULL,
                sample_count    INTEGER NOT NULL,
                covered_ns      INTEGER NOT NULL,
                wrapped_count   INTEGER NOT NULL,
                PRIMARY KEY (minute_start_ns, domain_key)
            ) WITHOUT ROWID;
            CREATE TABLE rollup_hour (
                hour_start_ns   INTEGER NOT NULL,
                domain_key      INTEGER NOT NULL REFERENCES domains (domain_key),
                energy_uj       INTEGER NOT NULL,
                sample_count    INTEGER NOT NULL,
                covered_ns      INTEGER NOT NULL,
                wrapped_count   INTEGER NOT NULL,
                PRIMARY KEY (hour_start_ns, domain_key)
            ) WITHOUT ROWID;
            CREATE TABLE gaps (
                domain_key INTEGER NOT NULL REFERENCES domains (domain_key),
                start_ns   INTEGER NOT NULL,
                end_ns     INTEGER NOT NULL,
                reason     TEXT    NOT NULL,
                detail     TEXT    NOT NULL,
                PRIMARY KEY (domain_key, start_ns, reason)
            ) WITHOUT ROWID;
            CREATE TABLE store_meta (
                key   TEXT    PRIMARY KEY,
                value INTEGER NOT NULL
            ) WITHOUT ROWID;
            """)
}
