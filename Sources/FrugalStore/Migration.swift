/// One numbered step of the schema. Steps run in order, each in its own
/// transaction that also sets `PRAGMA user_version` to the step's number, so a
/// crash leaves the database at the previous step or the new one, never between.
public struct Migration: Sendable {
    /// The schema version this step produces (1, 2, 3, … with no holes).
    public var version: Int
    /// What the step does, for logs and `SCHEMA.md`.
    public var summary: String
    /// The statements to run.
    public var sql: String

    public init(version: Int, summary: String, sql: String) {
        self.version = version
        self.summary = summary
        self.sql = sql
    }
}

/// Brings a database to the schema this code expects, or says why it can't.
public enum Migrator {
    /// Applies every step newer than the database's `user_version`; returns
    /// the versions applied. A database newer than `migrations` is refused.
    @discardableResult
    public static func migrate(_ db: SQLiteDatabase, to migrations: [Migration] = StoreSchema.migrations) throws
        -> [Int]
    {
        precondition(
            migrations.enumerated().allSatisfy { $0.element.version == $0.offset + 1 },
            "migrations must be numbered 1, 2, 3, … in order")
        let current = try version(of: db)
        let latest = migrations.last?.version ?? 0
        try refuseNewer(current: current, latest: latest, path: db.path)
        if current == 0, try db.scalarInt64("SELECT count(*) FROM sqlite_schema") == 0 {
            // Lets retention give pages back. Fixed when the file is laid out, and
            // switching to WAL already wrote page 1: VACUUM (instant when empty) applies it.
            try db.execute("PRAGMA auto_vacuum = INCREMENTAL")
            try db.execute("VACUUM")
        }
        var applied: [Int] = []
        for step in migrations where step.version > current {
            let ran = try db.transaction { () -> Bool in
                // The daemon's services open their connections at once: another one
                // may have applied this step since `current` was read (BEGIN IMMEDIATE
                // makes the check and the step one unit).
                guard try version(of: db) < step.version else { return false }
                try db.execute(step.sql)
                try db.execute("PRAGMA user_version = \(step.version)")
                return true
            }
            if ran { applied.append(step.version) }
        }
        return applied
    }

    /// For read-only connections: checks that the schema is exactly the one
    /// this code reads, without changing anything.
    public static func check(_ db: SQLiteDatabase, against migrations: [Migration] = StoreSchema.migrations) throws {
        let current = try version(of: db)
        let latest = migrations.last?.version ?? 0
        try refuseNewer(current: current, latest: latest, path: db.path)
        guard current == latest else {
            throw StoreError(
                .schemaTooOld,
                message: "database schema version \(current) is older than this frugal (\(latest))",
                path: db.path, fix: "start `frugal daemon` once: it migrates the database")
        }
    }

    /// The database's schema version (`PRAGMA user_version`).
    public static func version(of db: SQLiteDatabase) throws -> Int {
        Int(try db.scalarInt64("PRAGMA user_version") ?? 0)
    }

    private static func refuseNewer(current: Int, latest: Int, path: String) throws {
        guard current <= latest else {
            throw StoreError(
                .schemaTooNew,
                message: "database schema version \(current) is newer than this frugal (\(latest)): upgrade frugal",
                path: path, fix: "install a frugal at least as new as the one that last wrote this database")
        }
    }
}
