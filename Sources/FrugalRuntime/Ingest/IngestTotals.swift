/// What ingestion did: every line read is a record inserted, a duplicate, a
/// quarantined line or a skipped one (empty, CSV header).
public struct IngestTotals: Hashable, Sendable {
    public var linesRead = 0
    public var inserted = 0
    public var duplicates = 0
    /// Quarantined lines, by `LineRejection.Reason` raw value.
    public var rejected: [String: Int] = [:]
    /// Lines skipped without quarantine (`empty`, `header`), by reason.
    public var skipped: [String: Int] = [:]
    /// Transactions committed.
    public var commits = 0

    public init() {}

    public var quarantined: Int { rejected.values.reduce(0, +) }

    public static func += (a: inout IngestTotals, b: IngestTotals) {
        a.linesRead += b.linesRead
        a.inserted += b.inserted
        a.duplicates += b.duplicates
        a.rejected.merge(b.rejected, uniquingKeysWith: +)
        a.skipped.merge(b.skipped, uniquingKeysWith: +)
        a.commits += b.commits
    }

    /// One line for a person: `20412 lines: 20011 records, 96 duplicates, 305 rejected (truncated 120, …)`.
    public var summary: String {
        var text = "\(linesRead) lines: \(inserted) records, \(duplicates) duplicates, \(quarantined) rejected"
        if !rejected.isEmpty {
            text +=
                " (" + rejected.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
                + ")"
        }
        let skippedCount = skipped.values.reduce(0, +)
        if skippedCount > 0 { text += ", \(skippedCount) skipped" }
        return text
    }
}
