import Dispatch
import FrugalCore
import FrugalStore
import PostgresNIO
import Synchronization

/// The daemon's write protocol straight onto PostgreSQL (a host without a
/// local file). The calls block the calling thread until PostgreSQL answered,
/// as SQLite's do: call them from the sampler's own thread, never from an
/// event loop. Fleets should prefer a local SQLite file plus `FleetShipper`,
/// which keeps sampling while the database is away.
extension PostgresStore: SampleStore {
    public func registerHost(name: String, seenAt: Timestamp) throws {
        pending.withLock { $0.host = name }
        let row: [FleetValue] = [
            .text(name), .integer(seenAt.nanosecondsSinceEpoch), .integer(seenAt.nanosecondsSinceEpoch),
        ]
        try write(blocking: FleetTables.hostsInsert, [row])
    }

    public func register(domains: [Domain], seenAt: Timestamp) throws {
        let host = try currentHost()
        let seen = FleetValue.integer(seenAt.nanosecondsSinceEpoch)
        let rows: [[FleetValue]] = domains.map { d in
            [
                .text(host), .text(d.id.rawValue), .text(d.kind.rawValue), .text(d.name), .text(d.source),
                .text(d.method.rawValue), d.parent.map { .text($0.rawValue) } ?? .null,
                d.counterRangeMicrojoules.map { .integer(Int64(clamping: $0)) } ?? .null, .text(d.location), seen, seen,
            ]
        }
        try write(
            blocking: RowInsert(
                table: "domains", columns: FleetTables.domainColumns,
                conflict: "ON CONFLICT (host, domain_id) DO UPDATE SET kind = excluded.kind, name = excluded.name, "
                    + "source = excluded.source, method = excluded.method, parent_domain_id = excluded.parent_domain_id, "
                    + "counter_range_uj = excluded.counter_range_uj, location = excluded.location, "
                    + "last_seen_ns = excluded.last_seen_ns"), rows)
    }

    public func append(samples: [EnergySample], gaps: [SampleGap]) throws {
        pending.withLock {
            $0.samples += samples
            $0.gaps += gaps
        }
    }

    /// Merges the buffered samples into the stored minute blocks (a sample
    /// with the same domain and end replaces the stored one), rewrites their
    /// minute rollups and rebuilds the hours, in one transaction. A failed
    /// flush keeps its batch for the next try.
    @discardableResult
    public func flush() throws -> FlushReport {
        let host = try currentHost()
        let batch = pending.withLock { pending in
            let batch = pending
            pending.samples = []
            pending.gaps = []
            return batch
        }
        guard !batch.samples.isEmpty || !batch.gaps.isEmpty else { return FlushReport() }
        do {
            return try blocking { () async throws(FleetError) in try await self.flush(batch, host: host) }
        } catch {
            pending.withLock {
                $0.samples = batch.samples + $0.samples
                $0.gaps = batch.gaps + $0.gaps
            }
            throw error
        }
    }

    /// Drops the sample-block partitions of months that end before
    /// `olderThan` (whole months only: retention is monthly in a fleet).
    @discardableResult
    public func pruneRaw(olderThan: Timestamp) throws -> PruneReport {
        let dropped = try blocking { () async throws(FleetError) in
            try await self.dropPartitions(before: olderThan, tables: ["sample_blocks"])
        }
        let kept = dropped.compactMap { FleetPartitions.month(ofPartition: $0, table: "sample_blocks") }.max()
        return PruneReport(
            blocksDeleted: dropped.count, rawKeptFrom: kept?.next.start ?? Timestamp(nanosecondsSinceEpoch: 0))
    }

    public func close() throws {
        try flush()
        blockingNoThrow { await self.shutdown() }
    }

    private func write(blocking insert: RowInsert, _ rows: [[FleetValue]]) throws {
        var shipment = Shipment()
        shipment.add(insert, rows)
        let ready = shipment
        try blocking { () async throws(FleetError) in try await self.write(ready) }
    }

    private func currentHost() throws -> String {
        guard let host = pending.withLock({ $0.host }) else {
            throw FleetError(.configuration, "registerHost(name:seenAt:) must come before domains and samples")
        }
        return host
    }

    /// Runs async work to completion from synchronous code.
    func blocking<T: Sendable>(_ body: @escaping @Sendable () async throws(FleetError) -> T) throws(FleetError) -> T {
        let box = Mutex<Result<T, FleetError>?>(nil)
        let done = DispatchSemaphore(value: 0)
        Task.detached {
            let result: Result<T, FleetError>
            do { result = .success(try await body()) } catch { result = .failure(FleetError.from(error, target: "")) }
            box.withLock { $0 = result }
            done.signal()
        }
        done.wait()
        return try box.withLock { $0! }.get()
    }

    private func blockingNoThrow(_ body: @escaping @Sendable () async -> Void) {
        _ = try? blocking { () async throws(FleetError) in await body() }
    }
}
