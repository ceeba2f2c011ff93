import FrugalCore

extension CostSQL {
    static let requestColumns = """
        r.request_key, r.id, r.host, r.tenant, r.model, r.start_ns, r.first_token_ns, r.end_ns, r.prompt_tokens,
        r.completion_tokens, r.status, r.streaming, r.format, r.endpoint
        """

    /// The first host of a stored request after ?1 (one index seek; NULL past the last).
    public static func nextRequestHost(_ d: SQLDialect) -> String {
        d.statement("SELECT min(host\(d.binary)) FROM requests WHERE host\(d.binary) > ?1")
    }

    /// One host's requests of a page, along its `(host, start_ns, id)` index: `requestRowParameters`.
    public static func requestRows(_ d: SQLDialect) -> String {
        d.statement(
            """
            SELECT \(requestColumns) FROM requests r
            WHERE r.host = ?1 AND r.start_ns >= ?2 AND r.start_ns < ?3
              AND (r.start_ns > ?2 OR r.request_key > ?4)
              AND (CAST(?5 AS TEXT) IS NULL OR r.model = ?5) AND (CAST(?6 AS TEXT) IS NULL OR r.tenant = ?6)
              AND (CAST(?7 AS BIGINT) IS NULL OR r.status = ?7)
            ORDER BY r.start_ns, r.request_key LIMIT ?8
            """)
    }

    /// Host `host`'s part of the page `query` asks for: one more than the page, to tell whether another follows.
    public static func requestRowParameters(_ query: RequestPageQuery, host: String) -> [SQLValue] {
        let window = query.window
        let start = max(window.from.nanosecondsSinceEpoch, query.after?.startNanoseconds ?? Int64.min)
        // Past the cursor: later starts, or the cursor's start with a higher key.
        let keyFloor = query.after.map { $0.startNanoseconds == start ? $0.requestKey : Int64.min } ?? Int64.min
        return [
            .text(host), .integer(start), .integer(window.to.nanosecondsSinceEpoch), .integer(keyFloor),
            .text(window.model), .text(window.tenant), .integer(query.status.map { Int64($0) }),
            .integer(Int64(query.limit + 1)),
        ]
    }

    /// The hosts' rows merged in (start, key) order: the page's rows, and whether more follow.
    public static func page(_ merged: [(RequestCursor, RequestRecord)], limit: Int) -> (
        rows: [(RequestCursor, RequestRecord)], more: Bool
    ) {
        (Array(merged.sorted { $0.0 < $1.0 }.prefix(limit)), merged.count > limit)
    }

    /// The requests with id ?1 (key ?3: `RequestIDHash`; on host ?2 when not NULL), newest first.
    public static func requestsByID(_ d: SQLDialect) -> String {
        d.statement(
            """
            SELECT \(requestColumns) FROM requests r
            WHERE r.id_hash = ?3 AND r.id = ?1 AND (CAST(?2 AS TEXT) IS NULL OR r.host = ?2)
            ORDER BY r.start_ns DESC, r.host\(d.binary) LIMIT 10
            """)
    }

    public static func requestsByIDParameters(id: String, host: String?) -> [SQLValue] {
        [.text(id), .text(host), .integer(RequestIDHash.of(id))]
    }

    /// A `requestRows` or `requestsByID` row: its cursor and record.
    public static func request(_ s: some SQLRow) -> (RequestCursor, RequestRecord) {
        let record = RequestRecord(
            id: s.text(at: 1), host: s.text(at: 2), tenant: s.text(at: 3), model: s.text(at: 4),
            start: Timestamp(nanosecondsSinceEpoch: s.int64(at: 5)),
            firstToken: s.optionalInt64(at: 6).map(Timestamp.init(nanosecondsSinceEpoch:)),
            end: Timestamp(nanosecondsSinceEpoch: s.int64(at: 7)), promptTokens: s.optionalInt64(at: 8).map { Int($0) },
            completionTokens: s.optionalInt64(at: 9).map { Int($0) }, status: Int(s.int64(at: 10)),
            streaming: s.optionalInt64(at: 11).map { $0 != 0 }, format: s.text(at: 12), endpoint: s.optionalText(at: 13)
        )
        return (RequestCursor(startNanoseconds: s.int64(at: 5), requestKey: s.int64(at: 0)), record)
    }

    /// Request ?1 of host ?3's windows, with zone ?2's stored intensity of each.
    public static func requestWindows(_ d: SQLDialect) -> String {
        d.statement(
            """
            SELECT e.window_start_ns, e.dynamic_uj, e.idle_uj, e.method, e.domains, g.g_per_kwh, g.source
            FROM request_energy e
            LEFT JOIN grid_intensity g ON g.zone = ?2 AND g.quarter_start_ns = e.window_start_ns
            WHERE e.request_key = ?1 AND e.host = ?3 ORDER BY e.window_start_ns
            """)
    }

    public static func requestWindowParameters(key: Int64, record: RequestRecord, zone: String) -> [SQLValue] {
        [.integer(key), .text(zone), .text(record.host)]
    }

    /// Folds a request's `requestWindows` rows into its cost.
    public struct RequestCostFold {
        public private(set) var cost: RequestCost
        let windows: Bool

        /// `windows`: keep each window (a single request), not only the sums (a page).
        public init(key: Int64, record: RequestRecord, windows: Bool) {
            cost = RequestCost(key: key, record: record, dynamic: nil, idle: nil, intensity: [], windows: [])
            self.windows = windows
        }

        public mutating func add(_ row: some SQLRow) {
            let dynamic = Energy(microjoules: row.int64(at: 1))
            let idle = Energy(microjoules: row.int64(at: 2))
            let grams = row.optionalDouble(at: 5)
            let source = row.optionalText(at: 6)
            cost.dynamic = (cost.dynamic ?? .zero) + dynamic
            cost.idle = (cost.idle ?? .zero) + idle
            let quarter = IntensityShare.isFeed(source) ? nil : Timestamp(nanosecondsSinceEpoch: row.int64(at: 0))
            let share = IntensityShare(
                source: source, quarterStart: quarter, energy: dynamic + idle, dynamic: dynamic,
                co2eGrams: (grams ?? 0) * Double((dynamic + idle).microjoules) / CostSQL.microjoulesPerKWh,
                dynamicCo2eGrams: (grams ?? 0) * Double(dynamic.microjoules) / CostSQL.microjoulesPerKWh)
            if let index = cost.intensity.firstIndex(where: { $0.source == source && $0.quarterStart == quarter }) {
                cost.intensity[index].absorb(share)
            } else {
                cost.intensity.append(share)
            }
            guard windows else { return }
            cost.windows.append(
                RequestWindowEnergy(
                    windowStart: Timestamp(nanosecondsSinceEpoch: row.int64(at: 0)), dynamic: dynamic, idle: idle,
                    method: row.text(at: 3), domainsJSON: row.text(at: 4), intensityGramsPerKWh: grams,
                    intensitySource: source))
        }
    }
}

extension IntensityShare {
    /// Adds another share of the same source and quarter.
    mutating func absorb(_ other: IntensityShare) {
        energy += other.energy
        dynamic += other.dynamic
        co2eGrams += other.co2eGrams
        dynamicCo2eGrams += other.dynamicCo2eGrams
    }
}
