import FrugalCore

extension StoreEngine {
    /// Deletes the raw blocks of whole minutes before `olderThan`, domain by
    /// domain (each a range of the primary key), records the new boundary,
    /// then gives the freed pages back to the file system.
    func pruneRaw(olderThan: Timestamp) throws -> PruneReport {
        let boundary = olderThan.minuteStart.nanosecondsSinceEpoch
        var deleted = 0
        try db.transaction {
            let keys = try db.prepare("SELECT domain_key FROM domains")
            var domainKeys: [Int64] = []
            while try keys.step() { domainKeys.append(keys.int64(at: 0)) }
            let delete = try db.cached("DELETE FROM sample_blocks WHERE domain_key = ?1 AND minute_start_ns < ?2")
            for key in domainKeys {
                try delete.bind(key, boundary)
                try delete.run()
                deleted += db.changes
            }
            let mark = try db.cached("""
                INSERT INTO store_meta (key, value) VALUES ('raw_pruned_before_ns', ?1)
                ON CONFLICT (key) DO UPDATE SET value = max(value, excluded.value)
                """)
            try mark.bind(boundary)
            try mark.run()
        }
        openBlocks = openBlocks.filter { $0.value.minuteStartNanoseconds >= boundary }
        // auto_vacuum = INCREMENTAL (set by the first migration): free pages go back now.
        try db.execute("PRAGMA incremental_vacuum")
        let keptFrom = try rawPrunedBeforeNanoseconds()
        return PruneReport(blocksDeleted: deleted, rawKeptFrom: Timestamp(nanosecondsSinceEpoch: keptFrom))
    }
}
