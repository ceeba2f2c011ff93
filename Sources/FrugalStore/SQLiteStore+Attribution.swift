import FrugalCore

extension SQLiteStore {
    /// Writes one attribution window, replacing an earlier run of it, and
    /// rebuilds its quarter's usage rollup — one transaction. Returns how many
    /// shares named a request the store does not hold (0 unless the caller
    /// attributed requests it did not read from this store).
    @discardableResult
    public func replaceAttributionWindow(_ window: AttributionWindowRecord) throws -> Int {
        try locked { try $0.replaceAttributionWindow(window) }
    }

    /// Windows starting in `[from, to)`, with their books' totals over the counted domains.
    public func attributionWindows(host: String, from: Timestamp, to: Timestamp) throws -> [StoredAttributionWindow] {
        try locked { try $0.attributionWindows(host: host, from: from, to: to) }
    }

    /// Usage rollups of the quarters starting in `[from, to)`; every host when `host` is nil.
    public func quarterUsage(host: String? = nil, from: Timestamp, to: Timestamp) throws -> [QuarterUsage] {
        try locked { try $0.quarterUsage(host: host, from: from, to: to) }
    }

    /// Requests stored after request key `key` (keys only grow): the highest
    /// key now and the earliest start among the new ones.
    public func requestsAdded(host: String, after key: Int64) throws -> (highest: Int64, earliestStart: Timestamp?) {
        try locked { try $0.requestsAdded(host: host, after: key) }
    }

    public func saveCoefficients(host: String, _ rows: [StoredCoefficients]) throws {
        try locked { try $0.saveCoefficients(host: host, rows) }
    }

    public func coefficients(host: String) throws -> [StoredCoefficients] {
        try locked { try $0.coefficients(host: host) }
    }

    /// Each request's energy summed over its windows, for requests that started in `[from, to)`.
    public func requestTotals(host: String, from: Timestamp, to: Timestamp) throws -> [RequestEnergyTotal] {
        try locked { try $0.requestTotals(host: host, from: from, to: to) }
    }
}
