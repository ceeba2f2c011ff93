import FrugalCore
import FrugalStore
import PostgresNIO

extension PostgresStore {
    private struct BlockKey: Hashable {
        var domain: String
        var minute: Int64
    }

    /// One flush of directly written samples: read the touched minutes'
    /// blocks, merge, write blocks and minute rollups, rebuild the hours.
    func flush(_ batch: PendingSamples, host: String) async throws(FleetError) -> FlushReport {
        var fresh: [BlockKey: [Int64: PackedSample]] = [:]
        for sample in batch.samples {
            let end = sample.end.nanosecondsSinceEpoch
            let key = BlockKey(domain: sample.domain.rawValue, minute: end - mod(end, 60_000_000_000))
            fresh[key, default: [:]][end] = PackedSample(
                endNanoseconds: end, elapsedNanoseconds: sample.elapsed.nanoseconds,
                energyMicrojoules: sample.energy.microjoules, wrapped: sample.wrapped)
        }
        let minutes = Array(Set(fresh.keys.map(\.minute))).sorted()
        if let first = minutes.first, let last = minutes.last {
            try await ensurePartitions(
                FleetMonth.range(
                    FleetMonth(containing: Timestamp(nanosecondsSinceEpoch: first)),
                    through: FleetMonth(containing: Timestamp(nanosecondsSinceEpoch: last))))
        }
        let stored = try await storedBlocks(host: host, minutes: minutes)
        var blocks: [[FleetValue]] = []
        var rollups: [[FleetValue]] = []
        var report = FlushReport()
        for (key, samples) in fresh.sorted(by: { ($0.key.minute, $0.key.domain) < ($1.key.minute, $1.key.domain) }) {
            var merged = stored[key] ?? [:]
            merged.merge(samples) { _, new in new }
            let ordered = merged.values.sorted { $0.endNanoseconds < $1.endNanoseconds }
            blocks.append([
                .text(host), .text(key.domain), .integer(key.minute),
                .blob(SampleBlockCodec.encode(ordered, base: key.minute)),
            ])
            rollups.append([
                .text(host), .text(key.domain), .integer(key.minute),
                .integer(ordered.reduce(0) { $0 + $1.energyMicrojoules }), .integer(Int64(ordered.count)),
                .integer(ordered.reduce(0) { $0 + $1.elapsedNanoseconds }),
                .integer(Int64(ordered.filter(\.wrapped).count)),
            ])
            report.samplesWritten += samples.count
        }
        report.blocksWritten = blocks.count
        report.gapsWritten = batch.gaps.count
        var shipment = Shipment()
        shipment.add(FleetTables.blocksInsert, blocks)
        shipment.add(FleetTables.rollupsInsert, rollups)
        shipment.add(
            FleetTables.gapsInsert,
            batch.gaps.map { gap in
                [
                    .text(host), .text(gap.domain.rawValue), .integer(gap.start.nanosecondsSinceEpoch),
                    .integer(gap.end.nanosecondsSinceEpoch), .text(gap.reason.rawValue), .text(gap.detail),
                ]
            })
        let hours: Range<Int64>? = minutes.first.map { first in
            let hour: Int64 = 3_600_000_000_000
            return (first - mod(first, hour))..<((minutes.last! - mod(minutes.last!, hour)) + hour)
        }
        try await write(shipment, rebuildingHours: hours, hosts: [host])
        return report
    }

    private func storedBlocks(host: String, minutes: [Int64]) async throws(FleetError) -> [BlockKey: [Int64:
        PackedSample]]
    {
        guard !minutes.isEmpty else { return [:] }
        let rows = try await connection.run { connection, logger in
            var binds = PostgresBindings()
            binds.append(host)
            binds.append(minutes)
            let query = PostgresQuery(
                unsafeSQL:
                    "SELECT domain, minute_start_ns, data FROM sample_blocks WHERE host = $1 AND minute_start_ns = ANY($2)",
                binds: binds)
            var rows: [(String, Int64, [UInt8])] = []
            for try await (domain, minute, data) in try await connection.query(query, logger: logger).decode(
                (String, Int64, ByteBuffer).self)
            {
                rows.append((domain, minute, Array(data.readableBytesView)))
            }
            return rows
        }
        var blocks: [BlockKey: [Int64: PackedSample]] = [:]
        for (domain, minute, data) in rows {
            let samples: [PackedSample]
            do {
                samples = try SampleBlockCodec.decode(data, base: minute)
            } catch {
                throw FleetError(.server, "stored block of \(host) \(domain) at \(minute) does not decode: \(error)")
            }
            blocks[BlockKey(domain: domain, minute: minute)] = Dictionary(
                samples.map { ($0.endNanoseconds, $0) }, uniquingKeysWith: { _, b in b })
        }
        return blocks
    }
}

func mod(_ value: Int64, _ step: Int64) -> Int64 {
    let remainder = value % step
    return remainder < 0 ? remainder + step : remainder
}
