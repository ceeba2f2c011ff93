import FrugalCore

extension StoreEngine {
    /// Replaces everything an earlier run of `window` wrote, then rebuilds the
    /// quarter's usage rollup, in one transaction.
    func replaceAttributionWindow(_ window: AttributionWindowRecord) throws -> Int {
        precondition(!isClosed, "write after close")
        return try db.transaction {
            for table in ["attribution_windows", "attribution_books", "request_energy"] {
                let delete = try db.cached("DELETE FROM \(table) WHERE host = ?1 AND window_start_ns = ?2")
                try delete.bind(window.host, at: 1)
                try delete.bind(window.start.nanosecondsSinceEpoch, at: 2)
                try delete.run()
                delete.reset()
            }
            try insertWindow(window)
            try insertBooks(window)
            let missing = try insertShares(window)
            try rebuildQuarter(host: window.host, start: window.start, end: window.end)
            return missing
        }
    }

    private func insertWindow(_ w: AttributionWindowRecord) throws {
        let insert = try db.cached(
            """
            INSERT INTO attribution_windows (host, window_start_ns, window_end_ns, computed_at_ns, requests,
                clock_offset_ns, clock_offset_source, covered_ns)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
            """)
        defer { insert.reset() }
        try insert.bind(w.host, at: 1)
        try insert.bind(w.start.nanosecondsSinceEpoch, at: 2)
        try insert.bind(w.end.nanosecondsSinceEpoch, at: 3)
        try insert.bind(w.computedAt.nanosecondsSinceEpoch, at: 4)
        try insert.bind(Int64(w.requestCount), at: 5)
        try insert.bind(w.clockOffset.nanoseconds, at: 6)
        try insert.bind(w.clockOffsetSource, at: 7)
        try insert.bind(w.covered.nanoseconds, at: 8)
        try insert.run()
    }

    private func insertBooks(_ w: AttributionWindowRecord) throws {
        let insert = try db.cached(
            """
            INSERT INTO attribution_books (host, window_start_ns, domain, kind, counted, measured_uj, idle_uj,
                attributed_uj, unattributed_uj, idle_allocated_uj, idle_power_uw, idle_source)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)
            """)
        for book in w.books {
            insert.reset()
            let l = book.ledger
            try insert.bind(w.host, at: 1)
            try insert.bind(w.start.nanosecondsSinceEpoch, at: 2)
            try insert.bind(book.domain.id.rawValue, at: 3)
            try insert.bind(book.domain.kind.rawValue, at: 4)
            try insert.bind(book.counted ? Int64(1) : 0, at: 5)
            for (offset, value) in [
                l.measured.microjoules, l.idle.microjoules, l.attributed.microjoules, l.unattributed.microjoules,
                l.idleAllocated.microjoules, l.idlePower.microwatts,
            ].enumerated() {
                try insert.bind(value, at: Int32(6 + offset))
            }
            try insert.bind(l.idlePowerSource, at: 12)
            try insert.run()
        }
        insert.reset()
    }

    /// Returns how many shares named a request the store does not hold.
    private func insertShares(_ w: AttributionWindowRecord) throws -> Int {
        let insert = try db.cached(
            """
            INSERT INTO request_energy (host, window_start_ns, request_key, dynamic_uj, idle_uj, method, domains)
            SELECT ?1, ?2, request_key, ?5, ?6, ?7, ?8 FROM requests WHERE host = ?1 AND start_ns = ?3 AND id = ?4
            """)
        var missing = 0
        for share in w.shares {
            insert.reset()
            try insert.bind(w.host, at: 1)
            try insert.bind(w.start.nanosecondsSinceEpoch, at: 2)
            try insert.bind(share.start.nanosecondsSinceEpoch, at: 3)
            try insert.bind(share.id, at: 4)
            try insert.bind(share.dynamic.microjoules, at: 5)
            try insert.bind(share.idle.microjoules, at: 6)
            try insert.bind(share.method, at: 7)
            try insert.bind(Self.domainsJSON(share.domains), at: 8)
            try insert.run()
            if db.changes == 0 { missing += 1 }
        }
        insert.reset()
        return missing
    }

    /// `{"<domain>":[dynamic_uj,idle_uj],…}`; domain ids are sysfs/NVML
    /// names, escaped all the same.
    static func domainsJSON(_ parts: [(domain: DomainID, dynamic: Energy, idle: Energy)]) -> String {
        var json = "{"
        for (index, part) in parts.enumerated() {
            if index > 0 { json += "," }
            json += "\"" + escaped(part.domain.rawValue) + "\":["
            json += "\(part.dynamic.microjoules),\(part.idle.microjoules)]"
        }
        return json + "}"
    }

    private static func escaped(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
