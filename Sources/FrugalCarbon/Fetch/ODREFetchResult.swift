import FrugalCore

/// Why one day of a fetch gave nothing.
public enum ODREFetchError: Error, Hashable, Sendable, CustomStringConvertible {
    case timeout(String)
    case transport(String)
    /// A status that is not 2xx (after retries for 429 and 5xx).
    case http(status: Int)
    /// A 2xx body that is not an ODRÉ records answer.
    case malformed(String)

    public var description: String {
        switch self {
        case .timeout(let m): "timed out (\(m))"
        case .transport(let m): "network error (\(m))"
        case .http(let status): "HTTP \(status)"
        case .malformed(let m): "malformed answer (\(m))"
        }
    }
}

public struct ODREFetchFailure: Hashable, Sendable {
    public var from: Timestamp
    public var to: Timestamp
    public var reason: ODREFetchError
}

/// What a fetch got: values (sorted, one per quarter), rows that gave none,
/// days that failed, and the quarters of the range still without a value.
public struct ODREFetchResult: Hashable, Sendable {
    public var dataset: ODREDataset
    public var from: Timestamp
    public var to: Timestamp
    public var points: [GridPoint] = []
    public var problems: [GridParseProblem] = []
    public var duplicateRows = 0
    public var failures: [ODREFetchFailure] = []
    /// HTTP requests made, retries included.
    public var requests = 0
    public var retries = 0

    public init(dataset: ODREDataset, from: Timestamp, to: Timestamp) {
        self.dataset = dataset
        self.from = from
        self.to = to
    }

    /// Sorts and keeps one point per quarter (a repeat across pages counts as duplicate).
    mutating func normalise() {
        var seen: Set<Int64> = []
        var kept: [GridPoint] = []
        for point in points.sorted(by: { $0.quarterStartNanoseconds < $1.quarterStartNanoseconds }) {
            if seen.insert(point.quarterStartNanoseconds).inserted { kept.append(point) } else { duplicateRows += 1 }
        }
        points = kept
    }

    /// Quarters in `[from, to)` with no value (the feed's gaps, or failed days).
    public var missingQuarters: [Timestamp] {
        let have = Set(points.map(\.quarterStartNanoseconds))
        var out: [Timestamp] = []
        var q = QuarterHour.index(from)
        while QuarterHour.start(index: q) < to {
            if !have.contains(q * QuarterHour.nanoseconds) { out.append(QuarterHour.start(index: q)) }
            q += 1
        }
        return out
    }
}
