import CSQLite

/// A prepared SQLite statement: bind parameters (1-based, as SQLite counts
/// them), step through rows, read columns (0-based). Owned by one connection.
public final class Statement {
    unowned let database: SQLiteDatabase
    let handle: OpaquePointer
    /// The statement's text, carried into errors.
    public let sql: String

    init(database: SQLiteDatabase, sql: String) throws {
        self.database = database
        self.sql = sql
        var statement: OpaquePointer?
        let rc = sqlite3_prepare_v2(database.handle, sql, -1, &statement, nil)
        guard rc == SQLITE_OK, let statement else {
            throw database.error(code: rc, sql: sql)
        }
        handle = statement
    }

    deinit { sqlite3_finalize(handle) }

    /// Clears the bindings and rewinds, ready to run again.
    public func reset() {
        sqlite3_reset(handle)
        sqlite3_clear_bindings(handle)
    }

    /// Binds an integer to parameter `index` (1-based).
    public func bind(_ value: Int64, at index: Int32) throws {
        try check(sqlite3_bind_int64(handle, index, value))
    }

    /// Binds a floating-point value to parameter `index` (1-based).
    public func bind(_ value: Double, at index: Int32) throws {
        try check(sqlite3_bind_double(handle, index, value))
    }

    /// Binds text to parameter `index` (1-based); SQLite copies it.
    public func bind(_ value: String, at index: Int32) throws {
        try check(sqlite3_bind_text(handle, index, value, -1, frugal_sqlite_transient()))
    }

    /// Binds a blob to parameter `index` (1-based); SQLite copies it.
    public func bind(blob value: [UInt8], at index: Int32) throws {
        let rc = value.withUnsafeBytes { buffer in
            // A zero-length blob needs a non-null pointer to stay a blob, not NULL.
            sqlite3_bind_blob(
                handle, index, buffer.baseAddress ?? UnsafeRawPointer(bitPattern: 1), Int32(buffer.count),
                frugal_sqlite_transient())
        }
        try check(rc)
    }

    /// Binds NULL to parameter `index` (1-based).
    public func bindNull(at index: Int32) throws {
        try check(sqlite3_bind_null(handle, index))
    }

    /// Binds an optional integer, NULL for nil.
    public func bind(_ value: Int64?, at index: Int32) throws {
        if let value { try bind(value, at: index) } else { try bindNull(at: index) }
    }

    /// Binds optional text, NULL for nil.
    public func bind(_ value: String?, at index: Int32) throws {
        if let value { try bind(value, at: index) } else { try bindNull(at: index) }
    }

    /// Binds all values in order from parameter 1.
    public func bind(_ values: Int64...) throws {
        for (offset, value) in values.enumerated() { try bind(value, at: Int32(offset + 1)) }
    }

    /// Advances to the next row: true when a row is ready, false when done.
    @discardableResult
    public func step() throws -> Bool {
        let rc = sqlite3_step(handle)
        switch rc {
        case SQLITE_ROW: return true
        case SQLITE_DONE: return false
        default:
            let error = database.error(code: rc, sql: sql)
            sqlite3_reset(handle)
            throw error
        }
    }

    /// Runs a statement that returns no rows, then rewinds it.
    public func run() throws {
        defer { sqlite3_reset(handle) }
        while try step() {}
    }

    /// Whether column `index` (0-based) of the current row is NULL.
    public func isNull(at index: Int32) -> Bool { sqlite3_column_type(handle, index) == SQLITE_NULL }

    /// Column `index` (0-based) as an integer (0 for NULL: check `isNull` first).
    public func int64(at index: Int32) -> Int64 { sqlite3_column_int64(handle, index) }

    /// Column `index` (0-based) as a floating-point value.
    public func double(at index: Int32) -> Double { sqlite3_column_double(handle, index) }

    /// Column `index` (0-based) as text ("" for NULL).
    public func text(at index: Int32) -> String {
        guard let pointer = sqlite3_column_text(handle, index) else { return "" }
        return String(cString: pointer)
    }

    /// Column `index` (0-based) as bytes (empty for NULL).
    public func blob(at index: Int32) -> [UInt8] {
        let count = Int(sqlite3_column_bytes(handle, index))
        guard count > 0, let pointer = sqlite3_column_blob(handle, index) else { return [] }
        return Array(UnsafeRawBufferPointer(start: pointer, count: count))
    }

    private func check(_ rc: Int32) throws {
        guard rc == SQLITE_OK else { throw database.error(code: rc, sql: sql) }
    }
}
