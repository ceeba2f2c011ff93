import Dispatch
import FrugalCore
import FrugalIngest
import FrugalStore

/// What `frugal ingest` does (FrugalRuntime's `IngestRun`), without the CLI
/// and the runtime's dependencies, for profiling the store's share: the
/// tailer's lines parsed into batches of `batchLines`, each committed with
/// its offset by `SQLiteStore.commitIngest` on a second thread while the
/// next batch is parsed. `--frugal BIN` measures the real command.
func ingestInProcess(path: String, database: String, batchLines: Int, context: ParseContext) throws -> Int {
    let store = try SQLiteStore(path: database)
    defer { try? store.close() }
    let tailer = try LogTailer(path: path, startAt: nil, chunkBytes: 1 << 20)
    let parser = LiteLLMParser()
    let queue = DispatchQueue(label: "bench.commit")
    let group = DispatchGroup()
    nonisolated(unsafe) var failure: (any Error)?
    nonisolated(unsafe) var inserted = 0
    var records: [RequestRecord] = []
    var rejected: [QuarantinedLine] = []
    var lines = 0

    func submit() throws {
        group.wait()
        if let failure { throw failure }
        guard lines > 0, let position = tailer.position() else { return }
        let offset = IngestOffset(
            device: position.device, inode: position.inode, head: position.head, last: position.last,
            offset: position.offset, format: "litellm", updatedAt: context.now)
        let batch = IngestBatch(
            source: path, format: "litellm", records: records, rejected: rejected, linesRead: lines, offset: offset)
        (records, rejected, lines) = ([], [], 0)
        group.enter()
        queue.async {
            do { inserted += try store.commitIngest(batch).inserted } catch { failure = error }
            group.leave()
        }
    }

    while true {
        let bytes = try tailer.poll(maxBytes: 1 << 20) { line in
            lines += 1
            switch parser.parse(line.bytes, context: context) {
            case .success(let record): records.append(record)
            case .failure(let rejection):
                rejected.append(
                    QuarantinedLine(
                        file: line.file, lineOffset: line.offset, format: "litellm", reason: rejection.reason.rawValue,
                        field: rejection.field, message: rejection.message, line: line.bytes, seenAt: context.now))
            }
        }
        if lines >= batchLines || bytes == 0 { try submit() }
        if bytes == 0 { break }
    }
    group.wait()
    if let failure { throw failure }
    return inserted
}
