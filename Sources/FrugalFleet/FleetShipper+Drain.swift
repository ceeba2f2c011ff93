import FrugalCore
import FrugalStore

/// What one or more drains shipped.
public struct ShipReport: Hashable, Sendable {
    public var minutes = 0
    public var blocks = 0
    public var requests = 0
    public var quarantined = 0
    public var windows = 0

    public init() {}

    public static func + (a: ShipReport, b: ShipReport) -> ShipReport {
        var sum = a
        sum.minutes += b.minutes
        sum.blocks += b.blocks
        sum.requests += b.requests
        sum.quarantined += b.quarantined
        sum.windows += b.windows
        return sum
    }
}

/// The `store_meta` keys of the local file that say how far shipping went.
enum ShipMark {
    static let samplesThrough = "fleet.samples_through_ns"
    static let requestKey = "fleet.request_key"
    static let quarantineKey = "fleet.quarantine_key"
    static let windowComputedAt = "fleet.window_computed_at_ns"
    static let windowStart = "fleet.window_start_ns"
    static let gridFetchedAt = "fleet.grid_fetched_at_ns"
}

extension FleetShipper {
    static let minuteNanoseconds: Int64 = 60_000_000_000
    static let hourNanoseconds: Int64 = 3_600_000_000_000

    func drainOnce(final: Bool) async throws(FleetError) -> ShipReport {
        let source: LocalSource
        do {
            source = try LocalSource(path: localPath, host: host)
        } catch {
            throw FleetError(.configuration, "cannot read the local store \(localPath): \(error)")
        }
        defer { source.close() }
        var report = ShipReport()
        try await shipSamples(source, final: final, into: &report)
        try await shipRequests(source, into: &report)
        try await shipWindows(source, into: &report)
        let (shipment, newest) = try local {
            try source.coefficientsAndGrid(fetchedSince: try mark(ShipMark.gridFetchedAt))
        }
        try await store.write(shipment)
        try local { try self.local.setMetaValue(ShipMark.gridFetchedAt, newest) }
        return report
    }

    /// Runs a local (SQLite) step, mapping its error.
    func local<T>(_ body: () throws -> T) throws(FleetError) -> T {
        do {
            return try body()
        } catch let error as FleetError {
            throw error
        } catch {
            throw FleetError(.configuration, "local store \(localPath): \(error)")
        }
    }

    func mark(_ key: String) throws -> Int64 { try local.metaValue(key) ?? 0 }

    private func shipSamples(_ source: LocalSource, final: Bool, into report: inout ShipReport)
        async throws(FleetError)
    {
        let bounds = try local { () throws -> (Int64, Int64)? in
            guard let newest = try source.newestMinute(), let oldest = try source.oldestMinute() else { return nil }
            // A mark before the oldest minute (reset, or raw data pruned since) starts at the oldest.
            return (max(try self.local.metaValue(ShipMark.samplesThrough) ?? oldest, oldest), newest)
        }
        guard var (from, newest) = bounds else { return }
        let end = final ? newest + Self.minuteNanoseconds : newest
        let step = Int64(options.minutesPerBatch) * Self.minuteNanoseconds
        while from < end {
            // Minutes without samples (the host was off) are skipped, not shipped batch by empty batch.
            guard let first = try local({ try source.firstMinute(atOrAfter: from) }), first < end else { break }
            from = first
            let to = min(end, from + step)
            let shipment = try local { try source.samples(from: from, to: to) }
            let months = FleetMonth.range(
                FleetMonth(containing: Timestamp(nanosecondsSinceEpoch: from)),
                through: FleetMonth(containing: Timestamp(nanosecondsSinceEpoch: to - 1)))
            try await store.ensurePartitions(months)
            let hours =
                floorTo(from, Self.hourNanoseconds)..<(floorTo(to - 1, Self.hourNanoseconds) + Self.hourNanoseconds)
            try await store.write(shipment, rebuildingHours: hours, hosts: shipment.hostNames)
            let shipped = min(to, newest)
            try local { try self.local.setMetaValue(ShipMark.samplesThrough, shipped) }
            report.minutes += Int((min(to, newest) - from) / Self.minuteNanoseconds)
            report.blocks += shipment.inserts.first { $0.0.table == "sample_blocks" }?.1.count ?? 0
            from = to
            newest = max(newest, shipped)
            options.progress?(report)
        }
    }

    private func shipRequests(_ source: LocalSource, into report: inout ShipReport) async throws(FleetError) {
        var key = try local { try mark(ShipMark.requestKey) }
        while true {
            let (shipment, highest) = try local { try source.requests(after: key, limit: options.requestsPerBatch) }
            try await store.write(shipment)
            try local { try self.local.setMetaValue(ShipMark.requestKey, highest) }
            report.requests += shipment.count(of: "requests")
            options.progress?(report)
            guard shipment.count(of: "requests") == options.requestsPerBatch else { break }
            key = highest
        }
        var quarantineKey = try local { try mark(ShipMark.quarantineKey) }
        while true {
            let (shipment, highest) = try local {
                try source.quarantine(after: quarantineKey, limit: options.requestsPerBatch)
            }
            guard shipment.rowCount > 0 else { break }
            try await store.write(shipment)
            try local { try self.local.setMetaValue(ShipMark.quarantineKey, highest) }
            report.quarantined += shipment.rowCount
            quarantineKey = highest
        }
    }

    private func shipWindows(_ source: LocalSource, into report: inout ShipReport) async throws(FleetError) {
        var position = try local {
            WindowPosition(computedAt: try mark(ShipMark.windowComputedAt), start: try mark(ShipMark.windowStart))
        }
        while true {
            let (shipment, last) = try local { try source.windows(after: position, limit: options.windowsPerBatch) }
            guard !shipment.windows.isEmpty else { break }
            let starts = shipment.windows.compactMap { $0[1].int64 }
            if let first = starts.min(), let latest = starts.max() {
                try await store.ensurePartitions(
                    FleetMonth.range(
                        FleetMonth(containing: Timestamp(nanosecondsSinceEpoch: first)),
                        through: FleetMonth(containing: Timestamp(nanosecondsSinceEpoch: latest))))
            }
            try await store.write(shipment)
            try local {
                try self.local.setMetaValue(ShipMark.windowStart, last.start)
                try self.local.setMetaValue(ShipMark.windowComputedAt, last.computedAt)
            }
            report.windows += shipment.windows.count
            position = last
            options.progress?(report)
        }
    }
}

private func floorTo(_ value: Int64, _ step: Int64) -> Int64 {
    let remainder = value % step
    return remainder < 0 ? value - remainder - step : value - remainder
}

extension Shipment {
    func count(of table: String) -> Int {
        inserts.first { $0.0.table == table }?.1.count ?? 0
    }

    /// The hosts of the shipment's `hosts` rows.
    var hostNames: [String] {
        (inserts.first { $0.0.table == "hosts" }?.1 ?? []).compactMap { row in
            if case .text(let name) = row[0] { return name }
            return nil
        }
    }
}

extension FleetShipper {
    /// The hosts registered in the SQLite file at `path`, by name.
    public static func localHostNames(path: String) throws -> [String] {
        let source = try LocalSource(path: path, host: "")
        defer { source.close() }
        return try source.rows("SELECT name FROM hosts ORDER BY name", [.text]).compactMap { row in
            if case .text(let name) = row[0] { return name }
            return nil
        }
    }
}
