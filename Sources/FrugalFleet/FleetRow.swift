import FrugalStore
import PostgresNIO

/// A PostgreSQL result row decoded by its columns' types, read as `CostSQL`
/// reads a SQLite row: NULL reads as 0, "" or no bytes, as SQLite's do.
struct FleetRow: SQLRow, Sendable {
    var values: [FleetValue]

    init(_ row: PostgresRow) throws {
        values = try row.makeRandomAccess().map { cell -> FleetValue in
            guard cell.bytes != nil else { return .null }
            switch cell.dataType {
            case .int2, .int4, .int8: return .integer(try cell.decode(Int64.self))
            case .float4, .float8: return .real(try cell.decode(Double.self))
            case .bytea: return .blob(Array(try cell.decode(ByteBuffer.self).readableBytesView))
            case .bool: return .integer(try cell.decode(Bool.self) ? 1 : 0)
            default: return .text(try cell.decode(String.self))
            }
        }
    }

    func isNull(at index: Int32) -> Bool { values[Int(index)] == .null }

    func int64(at index: Int32) -> Int64 {
        switch values[Int(index)] {
        case .integer(let value): value
        case .real(let value): Int64(value)
        default: 0
        }
    }

    func double(at index: Int32) -> Double {
        switch values[Int(index)] {
        case .real(let value): value
        case .integer(let value): Double(value)
        default: 0
        }
    }

    func text(at index: Int32) -> String {
        if case .text(let value) = values[Int(index)] { return value }
        return ""
    }

    func blob(at index: Int32) -> [UInt8] {
        if case .blob(let value) = values[Int(index)] { return value }
        return []
    }
}

/// Runs `CostSQL`'s statements on one connection, for the length of one read.
struct FleetReader: Sendable {
    let connection: PostgresConnection
    let logger: Logger

    /// The rows of `sql` (already in PostgreSQL's `$n` form) with `parameters` bound to `$1`….
    func rows(_ sql: String, _ parameters: [SQLValue] = []) async throws -> [FleetRow] {
        var binds = PostgresBindings(capacity: parameters.count)
        for parameter in parameters {
            switch parameter {
            case .integer(let value): binds.append(value)
            case .text(let value): binds.append(value)
            }
        }
        var rows: [FleetRow] = []
        for try await row in try await connection.query(PostgresQuery(unsafeSQL: sql, binds: binds), logger: logger) {
            rows.append(try FleetRow(row))
        }
        return rows
    }
}

extension PostgresStore {
    /// `body` with a reader on the store's connection (one unit of work).
    func reading<T: Sendable>(_ body: @escaping @Sendable (FleetReader) async throws -> T) async throws(FleetError)
        -> T
    {
        try await connection.run { connection, logger in
            try await body(FleetReader(connection: connection, logger: logger))
        }
    }
}
