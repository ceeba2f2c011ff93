import FrugalStore

/// Rows read from a host's SQLite file, ready to be written to the fleet
/// database in one transaction.
struct Shipment: Sendable {
    var inserts: [(RowInsert, [[FleetValue]])] = []

    var rowCount: Int { inserts.reduce(0) { $0 + $1.1.count } }

    mutating func add(_ insert: RowInsert, _ rows: [[FleetValue]]) {
        if !rows.isEmpty { inserts.append((insert, rows)) }
    }
}

/// Reads what to ship from the host's SQLite file through a read-only
/// connection of its own (WAL: the daemon goes on writing meanwhile). Each
/// read runs in one read transaction, so it sees one committed state.
final class LocalSource {
    let db: SQLiteDatabase
    /// The host's name, for the tables that have none in SQLite (quarantine, ingest).
    let host: String

    init(path: String, host: String) throws {
        db = try SQLiteDatabase(path: path, mode: .readOnly)
        self.host = host
    }

    func close() { db.close() }

    func snapshot<T>(_ body: () throws -> T) throws -> T {
        try db.execute("BEGIN")
        defer { try? db.execute("COMMIT") }
        return try body()
    }

    func rows(_ sql: String, _ types: [ColumnType], _ parameters: [FleetValue] = []) throws -> [[FleetValue]] {
        let statement = try db.cached(sql)
        defer { statement.reset() }
        for (index, parameter) in parameters.enumerated() {
            let at = Int32(index + 1)
            switch parameter {
            case .integer(let v): try statement.bind(v, at: at)
            case .text(let v): try statement.bind(v, at: at)
            case .real(let v): try statement.bind(v, at: at)
            case .blob(let v): try statement.bind(blob: v, at: at)
            case .null: try statement.bindNull(at: at)
            }
        }
        var rows: [[FleetValue]] = []
        while try statement.step() { rows.append(statement.fleetRow(types)) }
        return rows
    }

    /// The newest minute with samples (possibly still open), or nil.
    func newestMinute() throws -> Int64? {
        try db.scalarInt64("SELECT max(minute_start_ns) FROM rollup_minute")
    }

    func oldestMinute() throws -> Int64? {
        try db.scalarInt64("SELECT min(minute_start_ns) FROM rollup_minute")
    }

    /// The first minute with samples at or after `instant` (ns), or nil.
    func firstMinute(atOrAfter instant: Int64) throws -> Int64? {
        let row = try rows(
            "SELECT min(minute_start_ns) FROM rollup_minute WHERE minute_start_ns >= ?1", [.integer],
            [.integer(instant)])
        if case .integer(let minute) = row.first?.first { return minute }
        return nil
    }

    /// Hosts, domains, and the blocks, minute rollups and gaps of minutes in `[from, to)`.
    func samples(from: Int64, to: Int64) throws -> Shipment {
        try snapshot {
            var shipment = Shipment()
            shipment.add(FleetTables.hostsInsert, try rows(FleetTables.hostsSelect, [.text, .integer, .integer]))
            shipment.add(FleetTables.domainsInsert, try rows(FleetTables.domainsSelect, FleetTables.domainTypes))
            let range: [FleetValue] = [.integer(from), .integer(to)]
            let blocks = try rows(FleetTables.blocksSelect, FleetTables.blockTypes, range).map(Self.normalized)
            shipment.add(FleetTables.blocksInsert, blocks)
            shipment.add(FleetTables.rollupsInsert, try rows(FleetTables.rollupsSelect, FleetTables.rollupTypes, range))
            shipment.add(
                FleetTables.gapsInsert, try rows(FleetTables.gapsSelect, FleetTables.gapTypes, [.integer(from)]))
            return shipment
        }
    }

    /// A block as format 1: an open minute's chunked block (format 2, left by
    /// a crash) is decoded chunk by chunk and packed again.
    static func normalized(_ row: [FleetValue]) throws -> [FleetValue] {
        guard case .blob(let data) = row[3], data.first == 2, case .integer(let base) = row[2] else { return row }
        var samples: [PackedSample] = []
        var offset = 1
        while offset < data.count {
            var length = 0
            var shift = 0
            while offset < data.count {
                let byte = data[offset]
                offset += 1
                length |= Int(byte & 0x7f) << shift
                shift += 7
                if byte & 0x80 == 0 { break }
            }
            guard length > 0, offset + length <= data.count else {
                throw FleetError(.server, "corrupt chunked sample block at minute \(base)")
            }
            samples += try SampleBlockCodec.decode(Array(data[offset..<offset + length]), base: base)
            offset += length
        }
        var normalized = row
        normalized[3] = .blob(SampleBlockCodec.encode(samples, base: base))
        return normalized
    }
}
