import CSQLite
import FrugalCore

/// Binds a `RequestRecord` to the requests INSERT without copying its text
/// twice: the record's strings are laid out once in a scratch buffer and
/// bound `SQLITE_STATIC` (SQLite reads them in place during the step),
/// where `Statement.bind(_: String)` makes SQLite copy each one (a malloc
/// and a free per string per row, seven strings a row).
///
/// The buffer must not change until the statement has stepped: `insert`
/// binds, steps and resets in one call. One binder per connection.
final class RequestRowBinder {
    private let statement: Statement
    private var scratch: UnsafeMutableRawBufferPointer

    /// `statement` is `StoreEngine.insertRequestSQL`, prepared.
    init(_ statement: Statement) {
        self.statement = statement
        scratch = .allocate(byteCount: 4_096, alignment: 1)
    }

    deinit {
        // Bindings outlive a reset: none may point into the freed buffer.
        sqlite3_clear_bindings(statement.handle)
        scratch.deallocate()
    }

    /// Inserts `r` with Frugal's estimate of its energy (nil: none); returns
    /// whether a row was inserted (false: a duplicate, ignored).
    func insert(_ r: RequestRecord, estimate: Energy?, changes: () -> Int) throws -> Bool {
        let method = r.gatewayEstimate?.method
        let needed =
            r.host.utf8.count + r.id.utf8.count + r.tenant.utf8.count + r.model.utf8.count + r.format.utf8.count
            + (r.endpoint?.utf8.count ?? 0) + (method?.utf8.count ?? 0) + (r.upstream?.utf8.count ?? 0)
        if needed > scratch.count {
            scratch.deallocate()
            scratch = .allocate(byteCount: max(needed, scratch.count * 2), alignment: 1)
        }
        var used = 0
        try bindText(r.host, 1, &used)
        try bindText(r.id, 2, &used)
        try bindText(r.tenant, 3, &used)
        try bindText(r.model, 4, &used)
        try bindText(r.format, 12, &used)
        try bindText(r.endpoint, 13, &used)
        try bindText(method, 18, &used)
        try bindText(r.upstream, 19, &used)
        try bindNumbers(r)
        try check(
            estimate.map { sqlite3_bind_int64(statement.handle, 20, $0.microjoules) }
                ?? sqlite3_bind_null(statement.handle, 20))
        try check(sqlite3_bind_int64(statement.handle, 21, RequestIDHash.of(r.id)))
        try statement.run()
        return changes() == 1
    }

    /// Copies `text` to the scratch buffer at `used` and binds it there (NULL for nil).
    private func bindText(_ text: String?, _ index: Int32, _ used: inout Int) throws {
        guard var text else { return try check(sqlite3_bind_null(statement.handle, index)) }
        let offset = used
        let count = text.withUTF8 { utf8 in
            UnsafeMutableRawBufferPointer(rebasing: scratch[offset...]).copyMemory(from: UnsafeRawBufferPointer(utf8))
            return utf8.count
        }
        let start = scratch.baseAddress!.advanced(by: offset).assumingMemoryBound(to: CChar.self)
        // nil destructor: SQLITE_STATIC, the bytes stay put until the step is done.
        try check(sqlite3_bind_text(statement.handle, index, start, Int32(count), nil))
        used += count
    }

    private func bindNumbers(_ r: RequestRecord) throws {
        let h = statement.handle
        func int(_ value: Int64?, _ index: Int32) throws {
            try check(value.map { sqlite3_bind_int64(h, index, $0) } ?? sqlite3_bind_null(h, index))
        }
        func real(_ value: Double?, _ index: Int32) throws {
            try check(value.map { sqlite3_bind_double(h, index, $0) } ?? sqlite3_bind_null(h, index))
        }
        try int(r.start.nanosecondsSinceEpoch, 5)
        try int(r.firstToken?.nanosecondsSinceEpoch, 6)
        try int(r.end.nanosecondsSinceEpoch, 7)
        try int(r.promptTokens.map(Int64.init), 8)
        try int(r.completionTokens.map(Int64.init), 9)
        try int(Int64(r.status), 10)
        try int(r.streaming.map { $0 ? 1 : 0 }, 11)
        let e = r.gatewayEstimate
        try real(e?.energyMinKilowattHours, 14)
        try real(e?.energyMaxKilowattHours, 15)
        try real(e?.co2eMinKilograms, 16)
        try real(e?.co2eMaxKilograms, 17)
    }

    private func check(_ rc: Int32) throws {
        guard rc == SQLITE_OK else { throw statement.database.error(code: rc, sql: statement.sql) }
    }
}
