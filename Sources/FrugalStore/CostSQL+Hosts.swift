import FrugalCore

extension CostSQL {
    /// Every host named in `hosts` (with when it was seen) or in the attribution windows (no parameters).
    public static let hostNames = """
        SELECT name, first_seen_ns, last_seen_ns FROM hosts
        UNION ALL SELECT DISTINCT host, CAST(NULL AS BIGINT), CAST(NULL AS BIGINT) FROM attribution_windows
        """

    /// Books per host and domain over windows starting in [?1, ?2).
    public static func hostBooks(_ d: SQLDialect) -> String {
        d.statement(
            """
            SELECT host, domain, kind, max(counted), \(d.integerSum("measured_uj")), \(d.integerSum("idle_uj")),
                   \(d.integerSum("attributed_uj")), \(d.integerSum("unattributed_uj"))
            FROM attribution_books WHERE window_start_ns >= ?1 AND window_start_ns < ?2
            GROUP BY host, domain, kind ORDER BY host\(d.binary), domain\(d.binary), kind\(d.binary)
            """)
    }

    /// Windows per host starting in [?1, ?2): their count and the latest end.
    public static func hostWindows(_ d: SQLDialect) -> String {
        d.statement(
            """
            SELECT host, count(*), max(window_end_ns) FROM attribution_windows
            WHERE window_start_ns >= ?1 AND window_start_ns < ?2 GROUP BY host
            """)
    }

    /// Folds `hostNames`, then `hostBooks`, then `hostWindows` rows into `HostCost`s.
    public struct HostFold {
        private var hosts: [String: HostCost] = [:]

        public init() {}

        /// The hosts by name.
        public var result: [HostCost] { hosts.values.sorted { $0.name < $1.name } }

        public mutating func addName(_ row: some SQLRow) {
            let name = row.text(at: 0)
            guard hosts[name] == nil || !row.isNull(at: 1) else { return }
            hosts[name] = HostCost(
                name: name, firstSeen: row.optionalInt64(at: 1).map(Timestamp.init(nanosecondsSinceEpoch:)),
                lastSeen: row.optionalInt64(at: 2).map(Timestamp.init(nanosecondsSinceEpoch:)), books: [], windows: 0,
                latestWindowEnd: hosts[name]?.latestWindowEnd)
        }

        public mutating func addBook(_ row: some SQLRow) {
            let book = HostCost.DomainBook(
                domain: row.text(at: 1), kind: row.text(at: 2), counted: row.int64(at: 3) != 0,
                measured: Energy(microjoules: row.int64(at: 4)), idle: Energy(microjoules: row.int64(at: 5)),
                attributed: Energy(microjoules: row.int64(at: 6)), unattributed: Energy(microjoules: row.int64(at: 7)))
            let name = row.text(at: 0)
            hosts[name, default: HostCost(name: name, books: [], windows: 0)].books.append(book)
        }

        public mutating func addWindows(_ row: some SQLRow) {
            let name = row.text(at: 0)
            hosts[name]?.windows = row.int64(at: 1)
            hosts[name]?.latestWindowEnd = Timestamp(nanosecondsSinceEpoch: row.int64(at: 2))
        }
    }
}

extension HostCost {
    init(name: String, books: [DomainBook], windows: Int64) {
        self.init(name: name, firstSeen: nil, lastSeen: nil, books: books, windows: windows, latestWindowEnd: nil)
    }
}
