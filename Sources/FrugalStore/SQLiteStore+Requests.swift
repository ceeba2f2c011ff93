import FrugalCore

extension SQLiteStore: RequestStore {
    @discardableResult
    public func commitIngest(_ batch: IngestBatch) throws -> IngestCommitReport {
        try locked { try $0.commitIngest(batch) }
    }

    public func ingestOffset(for source: String) throws -> IngestOffset? {
        try locked { try $0.ingestOffset(for: source) }
    }

    public func requests(host: String, overlapping from: Timestamp, to: Timestamp) throws -> [RequestRecord] {
        try locked { try $0.requests(host: host, from: from, to: to) }
    }

    public func quarantine(source: String? = nil, limit: Int = 100) throws -> [StoredQuarantine] {
        try locked { try $0.quarantine(source: source, limit: limit) }
    }

    public func ingestCounters(source: String) throws -> [String: Int64] {
        try locked { try $0.ingestCounters(source: source) }
    }

    public func requestCount(host: String? = nil) throws -> Int {
        try locked { try $0.requestCount(host: host) }
    }
}
