import CSQLite

/// One connection to an SQLite database file: the thin layer the store is
/// built on. Not thread-safe: one owner at a time (the store wraps it in a
/// mutex). Every failure is thrown as a `StoreError` carrying the SQLite code,
/// its message, the statement and the file.
public final class SQLiteDatabase {
    /// How the file is opened.
    public enum Mode: Sendable {
        /// Read and write; the file is created when missing.
        case readWriteCreate
        /// Read and write an existing file.
        case readWrite
        /// Queries only; writers in other connections go on (WAL).
        case readOnly
    }

    /// The file this connection opened.
    public let path: String
    public let mode: Mode
    let handle: OpaquePointer
    private var statementCache: [String: Statement] = [:]
    private var isClosed = false

    /// Opens `path` and applies the connection settings every frugal
    /// connection uses: busy timeout, foreign keys on, and for writers WAL
    /// journaling with `synchronous=NORMAL` (a commit survives a crash of the
    /// process; a power loss may lose the last commits, never consistency).
    public init(path: String, mode: Mode = .readWriteCreate, busyTimeoutMilliseconds: Int32 = 30_000) throws {
        self.path = path
        self.mode = mode
        let flags: Int32
        switch mode {
        case .readWriteCreate: flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX
        case .readWrite: flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX
        case .readOnly: flags = SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX
        }
        Self.configureLibrary
        var db: OpaquePointer?
        let rc = sqlite3_open_v2(path, &db, flags, nil)
        guard rc == SQLITE_OK, let db else {
            let message = db.map { String(cString: sqlite3_errmsg($0)) } ?? "out of memory"
            sqlite3_close_v2(db)
            throw OpenDiagnosis.error(path: path, mode: mode, code: rc, message: message)
        }
        handle = db
        sqlite3_extended_result_codes(db, 1)
        sqlite3_busy_timeout(db, busyTimeoutMilliseconds)
        do {
            let registered = RequestIDHash.register(on: db)
            guard registered == SQLITE_OK else {
                throw StoreError(.sqlite, message: "could not register frugal_id_hash (code \(registered))", path: path)
            }
            try configure()
        } catch {
            close()  // marks it closed, so deinit does not close it twice
            throw error
        }
    }

    deinit { close() }

    /// Once per process, before SQLite initialises: no memory statistics
    /// (`frugal_sqlite_disable_memstatus`; Frugal never reads them).
    private static let configureLibrary: Void = { _ = frugal_sqlite_disable_memstatus() }()

    /// Finalizes the cached statements and closes the connection; the last
    /// connection to close checkpoints the WAL into the database file.
    public func close() {
        guard !isClosed else { return }
        isClosed = true
        statementCache.removeAll()
        sqlite3_close_v2(handle)
    }

    private func configure() throws {
        // Reading the schema first turns "not a database" into an error here, not later.
        _ = try scalarInt64("PRAGMA schema_version")
        try execute("PRAGMA foreign_keys = ON")
        guard mode != .readOnly else { return }
        let journal = try scalarText("PRAGMA journal_mode = WAL")
        if journal?.lowercased() != "wal" {
            throw StoreError(
                .sqlite, message: "could not switch to WAL journaling (got \(journal ?? "nothing"))",
                sql: "PRAGMA journal_mode = WAL", path: path,
                fix: "put the database on a local file system that supports shared memory (not NFS)")
        }
        try execute("PRAGMA synchronous = NORMAL")
        // A WAL file is reused, not shrunk, after a checkpoint: cap what it keeps.
        try execute("PRAGMA journal_size_limit = 8388608")
    }

    /// Runs one or more statements that return no rows.
    public func execute(_ sql: String) throws {
        var errorMessage: UnsafeMutablePointer<CChar>?
        let rc = sqlite3_exec(handle, sql, nil, nil, &errorMessage)
        defer { sqlite3_free(errorMessage) }
        guard rc == SQLITE_OK else {
            let message = errorMessage.map { String(cString: $0) } ?? String(cString: sqlite3_errmsg(handle))
            throw error(code: rc, message: message, sql: sql)
        }
    }

    /// A prepared statement, compiled once and kept for the life of the
    /// connection: the store's hot statements run every second.
    public func cached(_ sql: String) throws -> Statement {
        if let statement = statementCache[sql] {
            statement.reset()
            return statement
        }
        let statement = try Statement(database: self, sql: sql)
        statementCache[sql] = statement
        return statement
    }

    /// A new prepared statement, finalized when released.
    public func prepare(_ sql: String) throws -> Statement {
        try Statement(database: self, sql: sql)
    }

    /// The first column of the first row, as an integer; nil for no row or NULL.
    public func scalarInt64(_ sql: String) throws -> Int64? {
        let statement = try prepare(sql)
        guard try statement.step(), !statement.isNull(at: 0) else { return nil }
        return statement.int64(at: 0)
    }

    /// The first column of the first row, as text; nil for no row or NULL.
    public func scalarText(_ sql: String) throws -> String? {
        let statement = try prepare(sql)
        guard try statement.step(), !statement.isNull(at: 0) else { return nil }
        return statement.text(at: 0)
    }

    /// Runs `body` in one transaction: committed when it returns, rolled back
    /// when it throws (or when SQLite already rolled back, e.g. on a full disk).
    /// `IMMEDIATE` takes the write lock at the start, so a busy database fails
    /// before any work is done instead of at commit.
    public func transaction<T>(_ body: () throws -> T) throws -> T {
        try execute("BEGIN IMMEDIATE")
        do {
            let result = try body()
            try execute("COMMIT")
            return result
        } catch {
            if sqlite3_get_autocommit(handle) == 0 {
                try? execute("ROLLBACK")
            }
            throw error
        }
    }

    /// The number of rows changed by the last statement.
    public var changes: Int { Int(sqlite3_changes(handle)) }

    /// `PRAGMA integrity_check`'s answer: `["ok"]` for a sound database.
    public func integrityCheck() throws -> [String] {
        let statement = try prepare("PRAGMA integrity_check")
        var lines: [String] = []
        while try statement.step() { lines.append(statement.text(at: 0)) }
        return lines
    }

    /// Builds the `StoreError` for a failed call on this connection.
    func error(code: Int32, message: String? = nil, sql: String?) -> StoreError {
        let text = message ?? String(cString: sqlite3_errmsg(handle))
        return StoreError.from(code: code, message: text, sql: sql, path: path)
    }
}
