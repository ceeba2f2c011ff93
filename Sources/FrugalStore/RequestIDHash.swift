import CSQLite

/// The 64-bit key `GET /v1/requests/{id}` finds a request by
/// (`requests.id_hash`, schema 8): FNV-1a over the id's UTF-8 bytes, as a
/// signed integer. Gateway ids are random (`chatcmpl-…`), so any index on
/// them takes its inserts at random leaves; an 8-byte key instead of the
/// ~45-byte text keeps that index ~4× smaller, and ingest dirties ~4× fewer
/// pages a commit (see SCHEMA.md, version 8). Equal ids give equal keys; a
/// lookup compares the id itself too, so collisions cost a row, not a wrong
/// answer. Stable across platforms and releases: it is stored.
public enum RequestIDHash {
    public static func of(_ id: String) -> Int64 {
        var id = id
        return id.withUTF8 { of(UnsafeRawBufferPointer($0)) }
    }

    static func of(_ bytes: UnsafeRawBufferPointer) -> Int64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01b3
        }
        return Int64(bitPattern: hash)
    }

    /// Registers `frugal_id_hash(id)` on a connection: the migration to
    /// schema 8 fills the key of the requests stored before it with this.
    static func register(on db: OpaquePointer) -> Int32 {
        sqlite3_create_function_v2(
            db, "frugal_id_hash", 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC, nil,
            { context, count, values in
                guard count == 1, let value = values?[0], sqlite3_value_type(value) != SQLITE_NULL else {
                    return sqlite3_result_null(context)
                }
                let text = sqlite3_value_text(value)
                let length = Int(sqlite3_value_bytes(value))
                sqlite3_result_int64(context, RequestIDHash.of(UnsafeRawBufferPointer(start: text, count: length)))
            }, nil, nil, nil)
    }
}
