extension StoreEngine {
    func meta(_ key: String) throws -> Int64? {
        let select = try db.cached("SELECT value FROM store_meta WHERE key = ?1")
        defer { select.reset() }
        try select.bind(key, at: 1)
        return try select.step() ? select.int64(at: 0) : nil
    }

    func setMeta(_ key: String, _ value: Int64) throws {
        let upsert = try db.cached(
            "INSERT INTO store_meta (key, value) VALUES (?1, ?2) ON CONFLICT (key) DO UPDATE SET value = excluded.value"
        )
        defer { upsert.reset() }
        try upsert.bind(key, at: 1)
        try upsert.bind(value, at: 2)
        try upsert.run()
    }
}

extension SQLiteStore {
    /// A number kept by a stage of the pipeline across restarts (attribution's
    /// progress, …), in `store_meta`.
    public func metaValue(_ key: String) throws -> Int64? {
        try locked { try $0.meta(key) }
    }

    public func setMetaValue(_ key: String, _ value: Int64) throws {
        try locked { try $0.setMeta(key, value) }
    }
}
