import Dispatch
import FrugalStore

/// Commits one batch on a thread of its own while the caller parses the
/// next: on two cores ingest then takes about as long as parsing alone.
/// Batches are committed in the order given, one at a time, so offsets only
/// move forward and each stays in the transaction of its records.
///
/// `@unchecked Sendable`: `outcome` is written on the queue before the group
/// is left and read only after `wait()` returns (the group orders them).
final class CommitPipeline: @unchecked Sendable {
    private let queue = DispatchQueue(label: "frugal.ingest.commit")
    private let group = DispatchGroup()
    private var outcome: Result<IngestCommitReport, any Error>?
    /// What the batch in flight holds, for the totals once it is in.
    private var inFlight: PendingBatch?

    /// Starts committing `batch`; the previous one must be finished.
    func submit(_ batch: IngestBatch, summary: PendingBatch, to store: any RequestStore) {
        precondition(inFlight == nil, "finish() the batch in flight first")
        inFlight = summary
        group.enter()
        queue.async { [self] in
            outcome = Result { try store.commitIngest(batch) }
            group.leave()
        }
    }

    /// Waits for the batch in flight, if any: its report and what it held.
    /// A failed commit is thrown here (its transaction rolled back).
    func finish() throws -> (report: IngestCommitReport, batch: PendingBatch)? {
        guard let batch = inFlight else { return nil }
        group.wait()
        inFlight = nil
        defer { outcome = nil }
        return (try outcome!.get(), batch)
    }
}
