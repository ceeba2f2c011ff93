/// Turns rollup rows that may be rewritten (the open minute grows; a quarter
/// is re-attributed) into counter increments: each (series, bucket) keeps
/// what was already counted, and only a rise is added. Buckets older than
/// the watermark are final and forgotten, so each refresh reads a few rows.
struct BucketTotals<Series: Hashable> {
    private struct Key: Hashable {
        var series: Series
        var bucket: Int64
    }

    private var counted: [Key: Double] = [:]
    /// Buckets from here on are read again at each refresh.
    private(set) var watermark = Int64.min
    /// How far behind the newest bucket rows may still change.
    let lookbackNanoseconds: Int64

    init(lookbackNanoseconds: Int64) {
        self.lookbackNanoseconds = lookbackNanoseconds
    }

    /// The increase of `series` in `bucket` since it was last seen at `value`.
    mutating func increase(_ series: Series, bucket: Int64, to value: Double) -> Double {
        let key = Key(series: series, bucket: bucket)
        let old = counted[key] ?? 0
        guard value > old else { return 0 }
        counted[key] = value
        return value - old
    }

    /// Moves the watermark to `lookback` before the newest bucket read, dropping older entries.
    mutating func advance(newestBucket: Int64?) {
        guard let newestBucket else { return }
        let next = max(watermark, newestBucket - lookbackNanoseconds)
        guard next > watermark else { return }
        watermark = next
        counted = counted.filter { $0.key.bucket >= next }
    }
}
