extension StoreSchema {
    /// Requests read from gateway logs, the lines that could not be read, and
    /// how far each log was read — written together, one transaction per
    /// batch, so a crash neither loses nor repeats a line.
    ///
    /// A request is unique by (host, start, id), not (host, id): both indexes
    /// then grow at their time-ordered end, so a batch dirties a few pages
    /// instead of one per request (2.8× faster ingest at a million requests;
    /// see SCHEMA.md). A repeated line has the same start and id.
    static let version2 = Migration(
        version: 2, summary: "requests from gateway logs, quarantined lines, ingest offsets and counters",
        sql: """
            CREATE TABLE requests (
                request_key       INTEGER PRIMARY KEY,
                host              TEXT    NOT NULL,
                id                TEXT    NOT NULL,
                tenant            TEXT    NOT NULL,
                model             TEXT    NOT NULL,
                start_ns          INTEGER NOT NULL,
                first_token_ns    INTEGER,
                end_ns            INTEGER NOT NULL,
                prompt_tokens     INTEGER,
                completion_tokens INTEGER,
                status            INTEGER NOT NULL,
                streaming         INTEGER,
                format            TEXT    NOT NULL,
                endpoint          TEXT,
                kwh_min           REAL,
                kwh_max           REAL,
                kgco2eq_min       REAL,
                kgco2eq_max       REAL,
                estimate_method   TEXT
            );
            CREATE UNIQUE INDEX requests_by_start ON requests (host, start_ns, id);
            CREATE INDEX requests_by_end ON requests (host, end_ns);
            CREATE TABLE quarantine (
                quarantine_key INTEGER PRIMARY KEY,
                source         TEXT    NOT NULL,
                file           TEXT    NOT NULL,
                line_offset    INTEGER NOT NULL,
                format         TEXT,
                reason         TEXT    NOT NULL,
                field          TEXT,
                message        TEXT    NOT NULL,
                raw            BLOB    NOT NULL,
                raw_bytes      INTEGER NOT NULL,
                seen_at_ns     INTEGER NOT NULL
            );
            CREATE INDEX quarantine_by_source ON quarantine (source, quarantine_key);
            CREATE TABLE ingest_offsets (
                source        TEXT    PRIMARY KEY,
                device        INTEGER NOT NULL,
                inode         INTEGER NOT NULL,
                head          BLOB    NOT NULL,
                last          BLOB    NOT NULL,
                offset        INTEGER NOT NULL,
                format        TEXT,
                updated_at_ns INTEGER NOT NULL
            ) WITHOUT ROWID;
            CREATE TABLE ingest_counters (
                source  TEXT    NOT NULL,
                format  TEXT    NOT NULL,
                counter TEXT    NOT NULL,
                value   INTEGER NOT NULL,
                PRIMARY KEY (source, format, counter)
            ) WITHOUT ROWID;
            """)

    /// The backend that served each request (LiteLLM `api_base`, nginx
    /// `upstream_addr`): with `[attribution.upstream]` it says which replica
    /// ran the request. NULL for requests stored before, and when not logged.
    static let version5 = Migration(
        version: 5, summary: "the backend that served each request",
        sql: """
            ALTER TABLE requests ADD COLUMN upstream TEXT;
            """)
}

extension StoreSchema {
    /// `GET /v1/requests/{id}` looks a request up by the gateway's id alone:
    /// without this index that is a scan of every request (a million rows,
    /// ~100 ms). The cost is on ingest: ids are random, so each insert
    /// touches a random leaf of this index (see SCHEMA.md, version 6).
    static let version6 = Migration(
        version: 6, summary: "requests looked up by gateway id",
        sql: """
            CREATE INDEX requests_by_id ON requests (id);
            """)
}

extension StoreSchema {
    /// Frugal's own model-based estimate of each request's energy, written
    /// at ingest beside the gateway's (Albert's EcoLogits figures) and never
    /// mixed with the measurement: the report's "estimé" beside "mesuré".
    static let version7 = Migration(
        version: 7, summary: "an EcoLogits-style energy estimate stored with each request",
        sql: """
            ALTER TABLE requests ADD COLUMN estimated_uj INTEGER;
            """)
}

extension StoreSchema {
    /// Requests looked up by a 64-bit key of their id (`RequestIDHash`)
    /// instead of the id's text: the index takes ingest's inserts at random
    /// leaves either way, but an 8-byte key makes it ~4× smaller, and a
    /// catch-up ingest spent ~9 µs a row on the text index (SCHEMA.md).
    static let version8 = Migration(
        version: 8, summary: "requests looked up by a 64-bit key of their id",
        sql: """
            ALTER TABLE requests ADD COLUMN id_hash INTEGER;
            UPDATE requests SET id_hash = frugal_id_hash(id);
            DROP INDEX requests_by_id;
            CREATE INDEX requests_by_id_hash ON requests (id_hash);
            """)
}
