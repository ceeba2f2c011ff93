import FrugalCore

extension StoreEngine {
    /// Deletes the raw blocks of whole minutes before `olderThan`, records the new boundary,
    /// then gives the freed pages back to the file system.
    func pruneRaw(olderThan: Timestamp) throws -> PruneReport {
        let boundary = olderThan.minuteStart.nanosecondsSinceEpoch
        var deleted = 0
        try db.transaction {
            // The key is time first: this is one range of the primary key.
            let delete = try db.cached("DELETE FROM sample_blocks WHERE minute_start_ns < ?1")
            try delete.bind(boundary)
            try delete.run()
            deleted = db.changes
            let mark = try db.cached(
                """
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
