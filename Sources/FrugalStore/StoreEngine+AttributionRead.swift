import FrugalCore

extension StoreEngine {
    /// Rewrites `usage_quarter` for one quarter: the energy its windows gave
    /// each model and tenant, and the requests that ended in it with the
    /// distribution of their full cost (summed over every window they ran in).
    func rebuildQuarter(host: String, start: Timestamp, end: Timestamp) throws {
        struct Key: Hashable {
            var model: String
            var tenant: String
        }
        var rows: [Key: QuarterUsage] = [:]
        func row(_ key: Key) -> QuarterUsage {
            rows[key]
                ?? QuarterUsage(
                    quarterStart: start, model: key.model, tenant: key.tenant, requests: 0, promptTokens: 0,
                    completionTokens: 0, dynamic: .zero, idle: .zero, costs: EnergyHistogram())
        }
        let energy = try db.cached(
            """
            SELECT r.model, r.tenant, total(e.dynamic_uj), total(e.idle_uj)
            FROM request_energy e JOIN requests r ON r.request_key = e.request_key
            WHERE e.host = ?1 AND e.window_start_ns = ?2 GROUP BY r.model, r.tenant
            """)
        try energy.bind(host, at: 1)
        try energy.bind(start.nanosecondsSinceEpoch, at: 2)
        while try energy.step() {
            let key = Key(model: energy.text(at: 0), tenant: energy.text(at: 1))
            var usage = row(key)
            usage.dynamic = Energy(microjoules: energy.int64(at: 2))
            usage.idle = Energy(microjoules: energy.int64(at: 3))
            rows[key] = usage
        }
        energy.reset()
        let ended = try db.cached(
            """
            SELECT r.model, r.tenant, r.prompt_tokens, r.completion_tokens,
                   (SELECT total(x.dynamic_uj + x.idle_uj) FROM request_energy x WHERE x.request_key = r.request_key)
            FROM requests r WHERE r.host = ?1 AND r.end_ns >= ?2 AND r.end_ns < ?3
            """)
        try ended.bind(host, at: 1)
        try ended.bind(start.nanosecondsSinceEpoch, at: 2)
        try ended.bind(end.nanosecondsSinceEpoch, at: 3)
        while try ended.step() {
            let key = Key(model: ended.text(at: 0), tenant: ended.text(at: 1))
            var usage = row(key)
            usage.requests += 1
            usage.promptTokens += ended.optionalInt64(at: 2) ?? 0
            usage.completionTokens += ended.optionalInt64(at: 3) ?? 0
            usage.costs.add(Energy(microjoules: Int64(ended.double(at: 4))))
            rows[key] = usage
        }
        ended.reset()
        try writeQuarter(
            host: host, start: start, rows: rows.values.sorted { ($0.model, $0.tenant) < ($1.model, $1.tenant) })
    }

    private func writeQuarter(host: String, start: Timestamp, rows: [QuarterUsage]) throws {
        let delete = try db.cached("DELETE FROM usage_quarter WHERE host = ?1 AND quarter_start_ns = ?2")
        try delete.bind(host, at: 1)
        try delete.bind(start.nanosecondsSinceEpoch, at: 2)
        try delete.run()
        delete.reset()
        let insert = try db.cached(
            """
            INSERT INTO usage_quarter (host, quarter_start_ns, model, tenant, requests, prompt_tokens,
                completion_tokens, dynamic_uj, idle_uj, cost_histogram)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)
            """)
        for usage in rows {
            insert.reset()
            try insert.bind(host, at: 1)
            try insert.bind(start.nanosecondsSinceEpoch, at: 2)
            try insert.bind(usage.model, at: 3)
            try insert.bind(usage.tenant, at: 4)
            try insert.bind(Int64(usage.requests), at: 5)
            try insert.bind(usage.promptTokens, at: 6)
            try insert.bind(usage.completionTokens, at: 7)
            try insert.bind(usage.dynamic.microjoules, at: 8)
            try insert.bind(usage.idle.microjoules, at: 9)
            try insert.bind(blob: usage.costs.encoded, at: 10)
            try insert.run()
        }
        insert.reset()
    }

    func attributionWindows(host: String, from: Timestamp, to: Timestamp) throws -> [StoredAttributionWindow] {
        let select = try db.cached(
            """
            SELECT w.window_start_ns, w.window_end_ns, w.computed_at_ns, w.requests, w.clock_offset_ns,
                   w.clock_offset_source, total(b.measured_uj), total(b.idle_uj), total(b.attributed_uj),
                   total(b.unattributed_uj), total(b.idle_allocated_uj)
            FROM attribution_windows w
            LEFT JOIN attribution_books b
                ON b.host = w.host AND b.window_start_ns = w.window_start_ns AND b.counted = 1
            WHERE w.host = ?1 AND w.window_start_ns >= ?2 AND w.window_start_ns < ?3
            GROUP BY w.window_start_ns ORDER BY w.window_start_ns
            """)
        defer { select.reset() }
        try select.bind(host, at: 1)
        try select.bind(from.nanosecondsSinceEpoch, at: 2)
        try select.bind(to.nanosecondsSinceEpoch, at: 3)
        var windows: [StoredAttributionWindow] = []
        while try select.step() {
            func energy(_ i: Int32) -> Energy { Energy(microjoules: Int64(select.double(at: i))) }
            windows.append(
                StoredAttributionWindow(
                    start: Timestamp(nanosecondsSinceEpoch: select.int64(at: 0)),
                    end: Timestamp(nanosecondsSinceEpoch: select.int64(at: 1)),
                    computedAt: Timestamp(nanosecondsSinceEpoch: select.int64(at: 2)),
                    requestCount: Int(select.int64(at: 3)), clockOffset: .nanoseconds(select.int64(at: 4)),
                    clockOffsetSource: select.text(at: 5), measured: energy(6), idle: energy(7),
                    attributed: energy(8), unattributed: energy(9), idleAllocated: energy(10)))
        }
        return windows
    }

    func quarterUsage(host: String?, from: Timestamp, to: Timestamp) throws -> [QuarterUsage] {
        let select = try db.cached(
            """
            SELECT quarter_start_ns, model, tenant, requests, prompt_tokens, completion_tokens, dynamic_uj, idle_uj,
                   cost_histogram
            FROM usage_quarter
            WHERE (?1 IS NULL OR host = ?1) AND quarter_start_ns >= ?2 AND quarter_start_ns < ?3
            ORDER BY quarter_start_ns, model, tenant
            """)
        defer { select.reset() }
        try select.bind(host, at: 1)
        try select.bind(from.nanosecondsSinceEpoch, at: 2)
        try select.bind(to.nanosecondsSinceEpoch, at: 3)
        var rows: [QuarterUsage] = []
        while try select.step() {
            rows.append(
                QuarterUsage(
                    quarterStart: Timestamp(nanosecondsSinceEpoch: select.int64(at: 0)), model: select.text(at: 1),
                    tenant: select.text(at: 2), requests: Int(select.int64(at: 3)), promptTokens: select.int64(at: 4),
                    completionTokens: select.int64(at: 5), dynamic: Energy(microjoules: select.int64(at: 6)),
                    idle: Energy(microjoules: select.int64(at: 7)),
                    costs: EnergyHistogram(encoded: select.blob(at: 8)) ?? EnergyHistogram()))
        }
        return rows
    }

    /// The highest request key and the earliest start among requests stored
    /// after `key`: what attribution has not seen yet.
    func requestsAdded(host: String, after key: Int64) throws -> (highest: Int64, earliestStart: Timestamp?) {
        let select = try db.cached(
            "SELECT max(request_key), min(start_ns) FROM requests WHERE request_key > ?1 AND host = ?2")
        defer { select.reset() }
        try select.bind(key, at: 1)
        try select.bind(host, at: 2)
        guard try select.step(), !select.isNull(at: 0) else { return (key, nil) }
        return (select.int64(at: 0), Timestamp(nanosecondsSinceEpoch: select.int64(at: 1)))
    }
}

extension StoreEngine {
    /// Each request's energy summed over its windows, for requests that
    /// started in `[from, to)`: (id, start, dynamic µJ, idle µJ).
    func requestTotals(host: String, from: Timestamp, to: Timestamp) throws -> [RequestEnergyTotal] {
        let select = try db.cached(
            """
            SELECT r.id, r.start_ns, r.model, r.tenant, total(e.dynamic_uj), total(e.idle_uj)
            FROM requests r JOIN request_energy e ON e.request_key = r.request_key
            WHERE r.host = ?1 AND r.start_ns >= ?2 AND r.start_ns < ?3
            GROUP BY r.request_key ORDER BY r.start_ns, r.id
            """)
        defer { select.reset() }
        try select.bind(host, at: 1)
        try select.bind(from.nanosecondsSinceEpoch, at: 2)
        try select.bind(to.nanosecondsSinceEpoch, at: 3)
        var rows: [RequestEnergyTotal] = []
        while try select.step() {
            rows.append(
                RequestEnergyTotal(
                    id: select.text(at: 0), start: Timestamp(nanosecondsSinceEpoch: select.int64(at: 1)),
                    model: select.text(at: 2), tenant: select.text(at: 3),
                    dynamic: Energy(microjoules: Int64(select.double(at: 4))),
                    idle: Energy(microjoules: Int64(select.double(at: 5)))))
        }
        return rows
    }
}

/// A request's energy over every window it ran in.
public struct RequestEnergyTotal: Hashable, Sendable {
    public var id: String
    public var start: Timestamp
    public var model: String
    public var tenant: String
    public var dynamic: Energy
    /// Allocated idle energy (the full-cost view).
    public var idle: Energy
}
