import Foundation
import FrugalCore

extension MonthFiles {
    /// Every request, in start order (then id), as the log parser makes them.
    func loadRequests() throws -> [RequestRecord] {
        let handle = try FileHandle(forReadingFrom: directory.appendingPathComponent("requests.bin"))
        defer { try? handle.close() }
        var records: [RequestRecord] = []
        records.reserveCapacity(requestCount)
        // In chunks: the file is not held beside the records it becomes.
        let chunk = 65_536
        while records.count < requestCount {
            let count = min(chunk, requestCount - records.count)
            guard let data = try handle.read(upToCount: count * Self.requestBytes),
                data.count == count * Self.requestBytes
            else { throw CocoaError(.fileReadCorruptFile) }
            data.withUnsafeBytes { raw in
                let fields = raw.bindMemory(to: Int64.self)
                for index in 0..<count { records.append(record(fields, at: index * 11)) }
            }
        }
        return records
    }

    private func record(_ fields: UnsafeBufferPointer<Int64>, at base: Int) -> RequestRecord {
        let f = { fields[base + $0] }
        return RequestRecord(
            id: "chatcmpl-" + Self.hex(UInt64(bitPattern: f(9))) + Self.hex(UInt64(bitPattern: f(10))),
            host: "gpu-node-1", tenant: tenants[Int(f(6))], model: models[Int(f(5))],
            start: Timestamp(nanosecondsSinceEpoch: f(0)),
            firstToken: f(1) == .min ? nil : Timestamp(nanosecondsSinceEpoch: f(1)),
            end: Timestamp(nanosecondsSinceEpoch: f(2)), promptTokens: f(3) < 0 ? nil : Int(f(3)),
            completionTokens: f(4) < 0 ? nil : Int(f(4)), status: Int(f(7)), streaming: f(8) == 1,
            format: "litellm", endpoint: "/v1/chat/completions")
    }

    /// 16 lowercase hex digits.
    static func hex(_ value: UInt64) -> String {
        let digits = Array("0123456789abcdef".utf8)
        return String(unsafeUninitializedCapacity: 16) { buffer in
            for position in 0..<16 { buffer[position] = digits[Int((value >> (60 - 4 * UInt64(position))) & 0xf)] }
            return 16
        }
    }
}

/// Reads counter readings by range of instants (pread: safe from any thread).
final class ReadingFile: @unchecked Sendable {
    let descriptor: Int32
    let domains: Int

    init(_ month: MonthFiles) throws {
        descriptor = open(month.directory.appendingPathComponent("readings.bin").path, O_RDONLY)
        guard descriptor >= 0 else { throw CocoaError(.fileReadNoPermission) }
        domains = month.domains.count
    }

    deinit { close(descriptor) }

    /// Readings `first...last`: per instant the time, then one value per domain.
    func rows(_ first: Int, _ last: Int) -> [Int64] {
        let width = domains + 1
        var buffer = [Int64](repeating: 0, count: (last - first + 1) * width)
        let bytes = buffer.count * 8
        let read = buffer.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, bytes, off_t(first * width * 8)) }
        precondition(read == bytes, "short read of the readings file")
        return buffer
    }

    /// The intervals between readings `first...last`, through the daemon's wrap-safe counter.
    func samples(_ first: Int, _ last: Int, domains list: [Domain]) -> [EnergySample] {
        let rows = rows(first, last)
        let width = domains + 1
        var samples: [EnergySample] = []
        samples.reserveCapacity((last - first) * domains)
        for (d, domain) in list.enumerated() {
            var counter = EnergyCounter(range: domain.counterRangeMicrojoules)
            _ = counter.update(UInt64(bitPattern: rows[d + 1]))
            for k in 1...(last - first) {
                let row = k * width
                if let energy = counter.update(UInt64(bitPattern: rows[row + d + 1])).energy {
                    samples.append(
                        EnergySample(
                            domain: domain.id, end: Timestamp(nanosecondsSinceEpoch: rows[row]),
                            elapsed: .nanoseconds(rows[row] - rows[row - width]), energy: energy))
                }
            }
        }
        return samples
    }
}
