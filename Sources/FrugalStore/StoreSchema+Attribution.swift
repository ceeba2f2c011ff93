extension StoreSchema {
    /// What attribution produced, per window. A window is one quarter hour
    /// (aligned to :00, :15, :30, :45 UTC), the step of the French grid's
    /// carbon intensity, so each window's energy meets exactly one intensity.
    ///
    /// Re-running a window replaces all of its rows in one transaction
    /// (`attribution_windows`, `attribution_books`, `request_energy`,
    /// `usage_quarter`): attribution is idempotent per window.
    static let version3 = Migration(
        version: 3, summary: "attribution windows, per-domain books, per-request energy, quarter-hour usage rollups",
        sql: """
            CREATE TABLE attribution_windows (
                host                 TEXT    NOT NULL,
                window_start_ns      INTEGER NOT NULL,
                window_end_ns        INTEGER NOT NULL,
                computed_at_ns       INTEGER NOT NULL,
                requests             INTEGER NOT NULL,
                clock_offset_ns      INTEGER NOT NULL,
                clock_offset_source  TEXT    NOT NULL,
                covered_ns           INTEGER NOT NULL,
                PRIMARY KEY (host, window_start_ns)
            ) WITHOUT ROWID;
            CREATE TABLE attribution_books (
                host              TEXT    NOT NULL,
                window_start_ns   INTEGER NOT NULL,
                domain            TEXT    NOT NULL,
                kind              TEXT    NOT NULL,
                counted           INTEGER NOT NULL,
                measured_uj       INTEGER NOT NULL,
                idle_uj           INTEGER NOT NULL,
                attributed_uj     INTEGER NOT NULL,
                unattributed_uj   INTEGER NOT NULL,
                idle_allocated_uj INTEGER NOT NULL,
                idle_power_uw     INTEGER NOT NULL,
                idle_source       TEXT    NOT NULL,
                PRIMARY KEY (host, window_start_ns, domain)
            ) WITHOUT ROWID;
            CREATE TABLE request_energy (
                host            TEXT    NOT NULL,
                window_start_ns INTEGER NOT NULL,
                request_key     INTEGER NOT NULL,
                dynamic_uj      INTEGER NOT NULL,
                idle_uj         INTEGER NOT NULL,
                method          TEXT    NOT NULL,
                domains         TEXT    NOT NULL,
                PRIMARY KEY (host, window_start_ns, request_key)
            ) WITHOUT ROWID;
            CREATE INDEX request_energy_by_request ON request_energy (request_key);
            CREATE TABLE usage_quarter (
                host              TEXT    NOT NULL,
                quarter_start_ns  INTEGER NOT NULL,
                model             TEXT    NOT NULL,
                tenant            TEXT    NOT NULL,
                requests          INTEGER NOT NULL,
                prompt_tokens     INTEGER NOT NULL,
                completion_tokens INTEGER NOT NULL,
                dynamic_uj        INTEGER NOT NULL,
                idle_uj           INTEGER NOT NULL,
                cost_histogram    BLOB    NOT NULL,
                PRIMARY KEY (host, quarter_start_ns, model, tenant)
            ) WITHOUT ROWID;
            CREATE TABLE model_coefficients (
                host                    TEXT    NOT NULL,
                model                   TEXT    NOT NULL,
                fitted_at_ns            INTEGER NOT NULL,
                prefill_uj_per_token    INTEGER NOT NULL,
                decode_uj_per_token     INTEGER NOT NULL,
                prefill_se_uj_per_token INTEGER,
                decode_se_uj_per_token  INTEGER,
                decode_batch_exponent   REAL    NOT NULL,
                r_squared               REAL,
                intervals               INTEGER NOT NULL,
                PRIMARY KEY (host, model)
            ) WITHOUT ROWID;
            """)
}
