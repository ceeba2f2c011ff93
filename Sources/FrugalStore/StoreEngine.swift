import FrugalCore

/// The store's state behind `SQLiteStore`'s mutex: the connection, the
/// domain-key map, the write buffer and the open minute of each domain.
final class StoreEngine {
    static let minuteNanoseconds: Int64 = 60_000_000_000
    static let hourNanoseconds: Int64 = 3_600_000_000_000

    /// One domain's newest written minute, as committed: its samples, the
    /// block bytes stored for them and their sums, so a flush that only adds
    /// later samples encodes just those (see `ChunkedBlock`).
    struct OpenBlock {
        var minuteStartNanoseconds: Int64
        var samples: [PackedSample]
        var encoded: [UInt8]
        var sums: RollupSums
        /// Size of the minute when last encoded whole, to tell when the
        /// chunks' headers outweigh the samples.
        var compactBytes: Int
        /// The modes of the minute's last whole encoding, which its chunks reuse.
        var coding: BlockCoding

        /// The minute encoded whole, with the cheapest modes, or with `coding`
        /// (an open minute re-encoded before it closes: its compaction searches).
        init(minuteStartNanoseconds: Int64, samples: [PackedSample], reusing coding: BlockCoding? = nil) {
            self.minuteStartNanoseconds = minuteStartNanoseconds
            self.samples = samples
            let encoding = SampleBlockCodec.encode(samples, base: minuteStartNanoseconds, reusing: coding)
            self.encoded = encoding.bytes
            self.coding = encoding.coding
            self.sums = RollupSums(samples)
            self.compactBytes = encoded.count
        }

        /// Whether the chunked bytes are over twice what the minute took as
        /// one block (plus room for the first chunks): then it is re-encoded
        /// whole. The gaps between re-encodings grow with the minute, so at
        /// 1 Hz a minute is encoded a few times over, not once per flush.
        var chunksOutweighSamples: Bool { encoded.count > 2 * compactBytes + 64 }
    }

    struct BlockKey: Hashable, Comparable {
        var domainKey: Int64
        var minuteStartNanoseconds: Int64
        static func < (a: BlockKey, b: BlockKey) -> Bool {
            (a.domainKey, a.minuteStartNanoseconds) < (b.domainKey, b.minuteStartNanoseconds)
        }
    }

    let db: SQLiteDatabase
    var hostKey: Int64?
    var domainKeys: [DomainID: Int64] = [:]
    var pendingSamples: [EnergySample] = []
    var pendingGaps: [SampleGap] = []
    var openBlocks: [Int64: OpenBlock] = [:]
    var isClosed = false
    /// Whether this connection has been set up for ingest (`tuneForIngest`).
    var tunedForIngest = false
    /// Sample timestamps are floored to a multiple of this (1: kept exactly).
    let resolutionNanoseconds: Int64

    init(db: SQLiteDatabase, resolutionNanoseconds: Int64 = 1) {
        self.db = db
        self.resolutionNanoseconds = resolutionNanoseconds
    }

    func registerHost(name: String, seenAt: Timestamp) throws {
        let upsert = try db.cached(
            """
            INSERT INTO hosts (name, first_seen_ns, last_seen_ns) VALUES (?1, ?2, ?2)
            ON CONFLICT (name) DO UPDATE SET last_seen_ns = max(last_seen_ns, excluded.last_seen_ns)
            """)
        try upsert.bind(name, at: 1)
        try upsert.bind(seenAt.nanosecondsSinceEpoch, at: 2)
        try upsert.run()
        let select = try db.cached("SELECT host_key FROM hosts WHERE name = ?1")
        try select.bind(name, at: 1)
        guard try select.step() else { preconditionFailure("host row vanished inside its own connection") }
        hostKey = select.int64(at: 0)
        select.reset()
        domainKeys = try loadDomainKeys()
    }

    func register(domains: [Domain], seenAt: Timestamp) throws {
        guard let hostKey else { preconditionFailure("registerHost(name:seenAt:) must come before register(domains:)") }
        try db.transaction {
            let upsert = try db.cached(
                """
                INSERT INTO domains (host_key, domain_id, kind, name, source, method, parent_domain_id,
                                     counter_range_uj, location, first_seen_ns, last_seen_ns)
                VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?10)
                ON CONFLICT (host_key, domain_id) DO UPDATE SET
                    kind = excluded.kind, name = excluded.name, source = excluded.source,
                    method = excluded.method, parent_domain_id = excluded.parent_domain_id,
                    counter_range_uj = excluded.counter_range_uj, location = excluded.location,
                    last_seen_ns = max(last_seen_ns, excluded.last_seen_ns)
                """)
            for domain in domains {
                upsert.reset()
                try upsert.bind(hostKey, at: 1)
                try upsert.bind(domain.id.rawValue, at: 2)
                try upsert.bind(domain.kind.rawValue, at: 3)
                try upsert.bind(domain.name, at: 4)
                try upsert.bind(domain.source, at: 5)
                try upsert.bind(domain.method.rawValue, at: 6)
                try upsert.bind(domain.parent?.rawValue, at: 7)
                // Ranges above Int64.max do not exist in practice (2^63 µJ); clamp rather than trap.
                try upsert.bind(domain.counterRangeMicrojoules.map { Int64(clamping: $0) }, at: 8)
                try upsert.bind(domain.location, at: 9)
                try upsert.bind(seenAt.nanosecondsSinceEpoch, at: 10)
                try upsert.run()
            }
        }
        domainKeys = try loadDomainKeys()
    }

    func loadDomainKeys() throws -> [DomainID: Int64] {
        let select = try db.cached("SELECT domain_id, domain_key FROM domains WHERE ?1 IS NULL OR host_key = ?1")
        try select.bind(hostKey, at: 1)
        var keys: [DomainID: Int64] = [:]
        while try select.step() { keys[DomainID(select.text(at: 0))] = select.int64(at: 1) }
        select.reset()
        return keys
    }

    /// The key of `domain`, looked up again when a writer may have added it since.
    func domainKey(_ domain: DomainID) throws -> Int64 {
        if let key = domainKeys[domain] { return key }
        domainKeys = try loadDomainKeys()
        guard let key = domainKeys[domain] else {
            throw StoreError(
                .unknownDomain, message: "domain \(domain) is not registered in this database", path: db.path,
                fix: "register the domain first (the daemon does at start); check the domain ID")
        }
        return key
    }

    /// Minutes before this instant have no raw blocks any more (0 when never pruned).
    func rawPrunedBeforeNanoseconds() throws -> Int64 {
        let select = try db.cached("SELECT value FROM store_meta WHERE key = 'raw_pruned_before_ns'")
        defer { select.reset() }
        return try select.step() ? select.int64(at: 0) : Int64.min
    }

    func close() throws {
        _ = try flush()
        try compactOpenBlocks()
        try? db.execute("PRAGMA optimize")
        isClosed = true
        db.close()
    }
}
