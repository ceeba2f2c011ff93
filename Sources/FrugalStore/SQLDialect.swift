/// The two SQL dialects the store's reads run in: the host's SQLite file and
/// the fleet's PostgreSQL database (FrugalFleet). Reads are written once, in
/// SQLite's form with numbered parameters (`?1`), and the few places where the
/// dialects differ go through this type, so both databases answer the same
/// query with the same values in the same order.
public enum SQLDialect: Sendable {
    case sqlite
    case postgres

    /// The statement as this dialect numbers parameters: `?1` in SQLite, `$1` in PostgreSQL.
    public func statement(_ sql: String) -> String {
        guard self == .postgres else { return sql }
        // The reads hold no `?` in literals.
        return sql.replacing(#/\?(\d+)/#) { "$" + $0.output.1 }
    }

    /// Orders or compares text byte by byte, as SQLite's BINARY collation
    /// does: `COLLATE "C"` in PostgreSQL, whose database collation may sort
    /// `a-b` after `ab` (and so change the order of a JSON list).
    public var binary: String { self == .sqlite ? "" : " COLLATE \"C\"" }

    /// A sum of integer columns as an integer: SQLite's `sum` of integers is
    /// one, PostgreSQL's `sum(bigint)` is `numeric`.
    public func integerSum(_ expression: String) -> String {
        self == .sqlite ? "sum(\(expression))" : "sum(\(expression))::bigint"
    }
}

/// A value bound to a numbered parameter, in either dialect.
public enum SQLValue: Hashable, Sendable {
    case integer(Int64?)
    case text(String?)

    /// The bindings `?1`, `?2`, … of `statement`.
    static func bind(_ values: [SQLValue], to statement: Statement) throws {
        for (index, value) in values.enumerated() {
            switch value {
            case .integer(let v): try statement.bind(v, at: Int32(index + 1))
            case .text(let v): try statement.bind(v, at: Int32(index + 1))
            }
        }
    }
}

/// A result row read by column index (0-based), whichever database answered:
/// a SQLite statement's current row, or a PostgreSQL row. One decoder turns
/// either into the store's records.
public protocol SQLRow {
    func isNull(at index: Int32) -> Bool
    func int64(at index: Int32) -> Int64
    func double(at index: Int32) -> Double
    func text(at index: Int32) -> String
    func blob(at index: Int32) -> [UInt8]
}

extension SQLRow {
    /// The integer, or nil for NULL.
    public func optionalInt64(at index: Int32) -> Int64? { isNull(at: index) ? nil : int64(at: index) }
    /// The text, or nil for NULL.
    public func optionalText(at index: Int32) -> String? { isNull(at: index) ? nil : text(at: index) }
    /// The real, or nil for NULL.
    public func optionalDouble(at index: Int32) -> Double? { isNull(at: index) ? nil : double(at: index) }
}

extension Statement: SQLRow {}
