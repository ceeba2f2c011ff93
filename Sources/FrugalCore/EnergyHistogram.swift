#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A distribution of per-request energies, small enough to keep one per
/// model, tenant and quarter hour, and mergeable: the p50 and p90 of a month
/// come from adding a month of quarter-hour histograms, not from rereading a
/// million requests.
///
/// Buckets are logarithmic, `bucketsPerDoubling` to a factor of two (16: each
/// bucket spans 4.4 %, so a quantile is within ±2.2 % of the exact one). A
/// bucket holds energies in `[lower, lower·2^(1/16))`; bucket 0 holds zero and
/// everything below 1 µJ.
public struct EnergyHistogram: Hashable, Sendable {
    public static let bucketsPerDoubling = 16
    /// Counts by bucket index; absent buckets are empty.
    public private(set) var counts: [Int: Int64] = [:]
    public private(set) var total: Int64 = 0

    public init() {}

    /// Counts one request of energy `energy`.
    public mutating func add(_ energy: Energy, count: Int64 = 1) {
        counts[Self.bucket(of: energy), default: 0] += count
        total += count
    }

    /// Adds every count of `other`.
    public mutating func merge(_ other: EnergyHistogram) {
        for (bucket, count) in other.counts { counts[bucket, default: 0] += count }
        total += other.total
    }

    /// The energy below which a fraction `q` (0…1) of the requests fall: the
    /// geometric middle of the bucket holding that rank; nil when empty.
    public func quantile(_ q: Double) -> Energy? {
        guard total > 0 else { return nil }
        let rank = max(1, Int64((min(max(q, 0), 1) * Double(total)).rounded(.up)))
        var seen: Int64 = 0
        for bucket in counts.keys.sorted() {
            seen += counts[bucket]!
            if seen >= rank { return Self.middle(of: bucket) }
        }
        return Self.middle(of: counts.keys.max()!)
    }

    static func bucket(of energy: Energy) -> Int {
        guard energy.microjoules >= 1 else { return 0 }
        return 1 + Int((log2(Double(energy.microjoules)) * Double(bucketsPerDoubling)).rounded(.down))
    }

    static func middle(of bucket: Int) -> Energy {
        guard bucket > 0 else { return .zero }
        let exponent = (Double(bucket - 1) + 0.5) / Double(bucketsPerDoubling)
        return Energy(microjoules: Int64(exp2(exponent).rounded()))
    }
}

extension EnergyHistogram {
    /// A compact form for storage: for each non-empty bucket in order, the
    /// gap from the previous bucket index and the count, as LEB128 varints.
    public var encoded: [UInt8] {
        var bytes: [UInt8] = [1]  // format version
        var previous = 0
        for bucket in counts.keys.sorted() {
            appendVarint(UInt64(bucket - previous), to: &bytes)
            appendVarint(UInt64(counts[bucket]!), to: &bytes)
            previous = bucket
        }
        return bytes
    }

    /// Reads `encoded`; nil when the bytes are not a histogram.
    public init?(encoded bytes: some Collection<UInt8>) {
        var iterator = bytes.makeIterator()
        guard iterator.next() == 1 else { return nil }
        var bucket = 0
        while let first = iterator.next() {
            guard let gap = readVarint(&iterator, first: first), let countFirst = iterator.next(),
                let count = readVarint(&iterator, first: countFirst), count > 0, count < 1 << 62, gap <= 1 << 20
            else { return nil }
            bucket += Int(gap)
            counts[bucket, default: 0] += Int64(count)
            total += Int64(count)
        }
    }
}

private func appendVarint(_ value: UInt64, to bytes: inout [UInt8]) {
    var rest = value
    while rest >= 0x80 {
        bytes.append(UInt8(rest & 0x7F) | 0x80)
        rest >>= 7
    }
    bytes.append(UInt8(rest))
}

private func readVarint<I: IteratorProtocol<UInt8>>(_ iterator: inout I, first: UInt8) -> UInt64? {
    var byte = first
    var value: UInt64 = 0
    var shift: UInt64 = 0
    while true {
        value |= UInt64(byte & 0x7F) << shift
        if byte < 0x80 { return value }
        shift += 7
        guard shift < 63, let next = iterator.next() else { return nil }
        byte = next
    }
}
