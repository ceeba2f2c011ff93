import FrugalStore
import PostgresNIO

/// One column value, as read from the host's SQLite file and written to
/// PostgreSQL unchanged: copying values rather than re-deriving them is what
/// makes the fleet's rows equal the host's, byte for byte.
enum FleetValue: Hashable, Sendable {
    case null
    case integer(Int64)
    case real(Double)
    case text(String)
    case blob([UInt8])

    var int64: Int64? {
        if case .integer(let value) = self { return value }
        return nil
    }
}

/// The type of a copied column, as SQLite stores it.
enum ColumnType: Sendable {
    case integer, real, text, blob
}

/// A column of a copied table.
struct FleetColumn: Sendable {
    var name: String
    var type: ColumnType

    init(_ name: String, _ type: ColumnType) {
        self.name = name
        self.type = type
    }
}

extension Statement {
    /// Reads the current row's columns `0..<types.count`.
    func fleetRow(_ types: [ColumnType]) -> [FleetValue] {
        types.enumerated().map { index, type in
            let column = Int32(index)
            if isNull(at: column) { return .null }
            switch type {
            case .integer: return .integer(int64(at: column))
            case .real: return .real(double(at: column))
            case .text: return .text(text(at: column))
            case .blob: return .blob(blob(at: column))
            }
        }
    }
}

/// Multi-row `INSERT … VALUES (…), (…) ON CONFLICT …` statements, split so
/// that none passes PostgreSQL's 65,535 parameters.
struct RowInsert {
    var table: String
    var columns: [String]
    /// The `ON CONFLICT …` clause (an upsert or `DO NOTHING`), or "".
    var conflict: String

    static let maxParameters = 60_000

    func queries(_ rows: [[FleetValue]]) -> [PostgresQuery] {
        guard !rows.isEmpty else { return [] }
        let perQuery = max(1, Self.maxParameters / columns.count)
        var queries: [PostgresQuery] = []
        var start = 0
        while start < rows.count {
            let chunk = rows[start..<min(rows.count, start + perQuery)]
            queries.append(query(chunk))
            start += perQuery
        }
        return queries
    }

    private func query(_ rows: ArraySlice<[FleetValue]>) -> PostgresQuery {
        var bindings = PostgresBindings(capacity: rows.count * columns.count)
        var sql = "INSERT INTO \(table) (\(columns.joined(separator: ", "))) VALUES "
        var parameter = 1
        for (index, row) in rows.enumerated() {
            precondition(row.count == columns.count, "a row has one value per column")
            sql += index == 0 ? "(" : ", ("
            for (column, value) in row.enumerated() {
                sql += column == 0 ? "$\(parameter)" : ", $\(parameter)"
                parameter += 1
                bindings.bind(value)
            }
            sql += ")"
        }
        if !conflict.isEmpty { sql += " " + conflict }
        return PostgresQuery(unsafeSQL: sql, binds: bindings)
    }

    /// `ON CONFLICT (key) DO UPDATE SET c = excluded.c, …` for the non-key columns.
    static func upsert(key: [String], columns: [String]) -> String {
        let updates = columns.filter { !key.contains($0) }.map { "\($0) = excluded.\($0)" }
        return "ON CONFLICT (\(key.joined(separator: ", "))) DO UPDATE SET " + updates.joined(separator: ", ")
    }
}

extension PostgresBindings {
    mutating func bind(_ value: FleetValue) {
        switch value {
        case .null: appendNull()
        case .integer(let v): append(v)
        case .real(let v): append(v)
        case .text(let v): append(v)
        case .blob(let v): append(ByteBuffer(bytes: v))
        }
    }
}
