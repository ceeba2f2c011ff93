extension StoreSchema {
    /// The grid's carbon intensity per quarter hour, as fetched or imported,
    /// with where each value came from. A consolidated value replaces a
    /// real-time one for the same quarter; figures are computed by joining
    /// `usage_quarter` / `request_energy` on the quarter at read time, so a
    /// replaced value changes every figure that used it.
    static let version4 = Migration(
        version: 4, summary: "grid carbon intensity per quarter hour, with its source",
        sql: """
            CREATE TABLE grid_intensity (
                zone             TEXT    NOT NULL,
                quarter_start_ns INTEGER NOT NULL,
                g_per_kwh        REAL    NOT NULL,
                source           TEXT    NOT NULL,
                fetched_at_ns    INTEGER NOT NULL,
                PRIMARY KEY (zone, quarter_start_ns)
            ) WITHOUT ROWID;
            """)
}
