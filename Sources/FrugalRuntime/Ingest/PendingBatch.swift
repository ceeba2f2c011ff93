import FrugalCore
import FrugalIngest
import FrugalStore

/// The lines parsed since the last commit.
struct PendingBatch {
    var records: [RequestRecord] = []
    var rejected: [QuarantinedLine] = []
    var skipped: [String: Int] = [:]
    var linesRead = 0

    mutating func add(
        _ result: Result<RequestRecord, LineRejection>, line: UnsafeRawBufferPointer, file: String, offset: Int64,
        format: LogFormat, seenAt: Timestamp
    ) {
        linesRead += 1
        switch result {
        case .success(let record):
            records.append(record)
        case .failure(let rejection) where !rejection.isQuarantined:
            skipped[rejection.reason.rawValue, default: 0] += 1
        case .failure(let rejection):
            rejected.append(
                QuarantinedLine(
                    file: file, lineOffset: offset, format: format.rawValue, reason: rejection.reason.rawValue,
                    field: rejection.field, message: rejection.message, line: line, seenAt: seenAt))
        }
    }

    func make(source: String, format: String, offset: IngestOffset, estimator: (any RequestEnergyEstimator)?)
        -> IngestBatch
    {
        IngestBatch(
            source: source, format: format, records: records, rejected: rejected, skipped: skipped,
            linesRead: linesRead, offset: offset, estimates: estimator?.estimatedEnergy(of: records) ?? [])
    }
}

extension IngestTotals {
    mutating func subtract(_ other: IngestTotals) {
        linesRead -= other.linesRead
        inserted -= other.inserted
        duplicates -= other.duplicates
        rejected.merge(other.rejected.mapValues { -$0 }, uniquingKeysWith: +)
        rejected = rejected.filter { $0.value != 0 }
        skipped.merge(other.skipped.mapValues { -$0 }, uniquingKeysWith: +)
        skipped = skipped.filter { $0.value != 0 }
        commits -= other.commits
    }
}
