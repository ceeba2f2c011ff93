import FrugalCore
import Logging
import PostgresNIO
import Synchronization

/// The fleet store: one PostgreSQL database that every host's daemon writes
/// to (through `FleetShipper`, from its local SQLite file) and that fleet
/// reports read. Tables and meanings follow the SQLite store (`FleetSchema`);
/// every write is an idempotent upsert or a delete-then-insert of a whole
/// window, so a daemon that resends after a lost acknowledgement changes
/// nothing. One connection, reopened after it breaks; operations run one at
/// a time.
public final class PostgresStore: Sendable {
    public let settings: PostgresSettings
    let connection: FleetConnection
    let logger: Logger
    /// Months whose partitions exist (checked or created by this process).
    let knownMonths = Mutex<Set<FleetMonth>>([])
    /// What `SampleStore.append` buffered until `flush`.
    let pending = Mutex(PendingSamples())

    public init(settings: PostgresSettings, logger: Logger = Logger(label: "frugal.fleet")) {
        self.settings = settings
        self.logger = logger
        connection = FleetConnection(settings: settings, logger: logger)
    }

    /// Closes the connection (a later call opens a new one).
    public func shutdown() async {
        await connection.close()
    }

    // MARK: Schema

    /// Applies the missing schema steps (each in its own transaction with its
    /// `schema_migrations` row) and returns the version now. Refuses a
    /// database migrated by a newer frugal. Safe with many hosts starting at
    /// once: an advisory lock serializes them.
    @discardableResult
    public func migrate() async throws(FleetError) -> Int {
        try await connection.run { connection, logger in
            try await connection.query("SELECT pg_advisory_lock(727100)", logger: logger)
            do {
                let version = try await Self.migrate(connection, logger: logger, target: self.settings.target)
                try await connection.query("SELECT pg_advisory_unlock(727100)", logger: logger)
                return version
            } catch {
                _ = try? await connection.query("SELECT pg_advisory_unlock(727100)", logger: logger)
                throw error
            }
        }
    }

    private static func migrate(_ connection: PostgresConnection, logger: Logger, target: String) async throws -> Int {
        try await connection.query(
            """
            CREATE TABLE IF NOT EXISTS schema_migrations (
                version    integer     PRIMARY KEY,
                summary    text        NOT NULL,
                applied_at timestamptz NOT NULL DEFAULT now()
            )
            """, logger: logger)
        var current = 0
        for try await version in try await connection.query(
            "SELECT coalesce(max(version), 0) FROM schema_migrations", logger: logger
        ).decode(Int.self) {
            current = version
        }
        guard current <= FleetSchema.latestVersion else {
            throw FleetError(
                .schemaTooNew,
                "fleet database \(target) has schema version \(current), newer than this frugal "
                    + "(\(FleetSchema.latestVersion)): upgrade frugal",
                fix: "install a frugal at least as new as the newest one writing to this database")
        }
        for step in FleetSchema.steps where step.version > current {
            try await connection.query("BEGIN", logger: logger)
            do {
                // The extended protocol takes one statement at a time; the steps hold no ';' in literals.
                for statement in step.sql.split(separator: ";") where !statement.allSatisfy(\.isWhitespace) {
                    try await connection.query(PostgresQuery(unsafeSQL: String(statement)), logger: logger)
                }
                try await connection.query(
                    "INSERT INTO schema_migrations (version, summary) VALUES (\(step.version), \(step.summary))",
                    logger: logger)
                try await connection.query("COMMIT", logger: logger)
            } catch {
                _ = try? await connection.query("ROLLBACK", logger: logger)
                throw error
            }
            logger.info("fleet schema migrated", metadata: ["store.version": "\(step.version)"])
        }
        return max(current, FleetSchema.latestVersion)
    }

    /// The database's schema version (0 before the first migration).
    public func schemaVersion() async throws(FleetError) -> Int {
        try await connection.run { connection, logger in
            var exists = false
            for try await found in try await connection.query(
                "SELECT to_regclass('schema_migrations') IS NOT NULL", logger: logger
            ).decode(Bool.self) {
                exists = found
            }
            guard exists else { return 0 }
            let rows = try await connection.query(
                "SELECT coalesce(max(version), 0) FROM schema_migrations", logger: logger)
            var version = 0
            for try await value in rows.decode(Int.self) { version = value }
            return version
        }
    }
}

/// Samples appended through `SampleStore` and not yet flushed.
struct PendingSamples {
    var host: String?
    var samples: [EnergySample] = []
    var gaps: [SampleGap] = []
}
