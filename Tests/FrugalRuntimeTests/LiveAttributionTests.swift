import Foundation
import FrugalCore
import FrugalSimulation
import FrugalStore
import Testing

@testable import FrugalRuntime

/// Live attribution on a demo run: the whole pipeline (real readers, real
/// ingest, quarter-hour windows) over 45 simulated minutes.
@Suite(.serialized) struct LiveAttributionTests {
    let probes = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../Probes")

    func demo(seconds: Int = 2_700) throws -> (DemoSummary, DemoRun.Options) {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("live-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let options = DemoRun.Options(
            entry: probes.appendingPathComponent("rapl-full-server").standardized.path, directory: directory,
            seconds: seconds)
        return (try DemoRun.run(options), options)
    }

    @Test func everyQuarterHourIsAttributedOnceAndItsBooksBalance() throws {
        let (summary, options) = try demo()
        defer { try? FileManager.default.removeItem(atPath: options.directory) }
        // 06:00–06:45 UTC: three windows, in order, none recomputed on a clean run.
        #expect(summary.windows.map(\.start) == [0, 1, 2].map { DemoRun.start + .seconds(900 * Int64($0)) })
        #expect(summary.windows.allSatisfy { $0.conserves && $0.unmatchedShares == 0 && !$0.recomputed })
        #expect(summary.windows.allSatisfy { $0.attributed > .zero && $0.requests > 0 })
        let store = try SQLiteStore(path: options.databasePath)
        let stored = try store.attributionWindows(
            host: DemoRun.host, from: DemoRun.start, to: DemoRun.start + .seconds(3_600))
        #expect(stored.count == 3)
        for window in stored {
            #expect(window.measured == window.idle + window.attributed + window.unattributed)
            // What requests got in the window is exactly what the books gave them.
            let usage = try store.quarterUsage(host: DemoRun.host, from: window.start, to: window.end)
            #expect(usage.map(\.dynamic).sum() == window.attributed)
            #expect(usage.map(\.idle).sum() == window.idleAllocated)
        }
        // Requests are counted once, in the quarter where they end.
        let counted = try store.quarterUsage(
            host: DemoRun.host, from: DemoRun.start, to: DemoRun.start + .seconds(2_700))
        let ended = try store.requests(
            host: DemoRun.host, overlapping: DemoRun.start - .seconds(3_600), to: DemoRun.start + .seconds(2_700)
        ).filter { $0.end < DemoRun.start + .seconds(2_700) && $0.end >= DemoRun.start }
        #expect(counted.map(\.requests).reduce(0, +) == ended.count)
        #expect(summary.models.count == 4)
        #expect(try #require(summary.requestErrorMedian) < 0.15)
    }

    @Test func aLateRequestReopensItsWindowAndTheRerunReplacesTheOldRows() throws {
        let (_, options) = try demo(seconds: 1_800)
        defer { try? FileManager.default.removeItem(atPath: options.directory) }
        let store = try SQLiteStore(path: options.databasePath)
        let before = try store.attributionWindows(
            host: DemoRun.host, from: DemoRun.start, to: DemoRun.start + .seconds(1_800))
        let totalsBefore = try store.requestTotals(
            host: DemoRun.host, from: DemoRun.start - .seconds(3_600), to: DemoRun.start + .seconds(1_800))
        // A request that ran 06:05–06:06 UTC, logged long after its window closed.
        let late = RequestRecord(
            id: "late-1", host: DemoRun.host, tenant: "commune-rennes", model: "meta-llama/Llama-3.1-8B-Instruct",
            start: DemoRun.start + .seconds(300), firstToken: DemoRun.start + .seconds(301),
            end: DemoRun.start + .seconds(360), promptTokens: 900, completionTokens: 400, status: 200, streaming: true,
            format: "jsonl")
        try store.commitIngest(
            IngestBatch(
                source: "late.log", format: "jsonl", records: [late], linesRead: 1,
                offset: IngestOffset(
                    device: 1, inode: 1, head: [UInt8]("x".utf8), offset: 1, format: "jsonl", updatedAt: DemoRun.start))
        )
        let config = DemoRun.config(
            for: try Simulation.run(DemoRun.scenario(seconds: 1_800, seed: 2026)), databasePath: options.databasePath)
        let live = try LiveAttribution(store: store, host: DemoRun.host, config: config)
        let outcomes = try live.step(now: DemoRun.start + .seconds(1_800))
        #expect(outcomes.map(\.start) == [DemoRun.start, DemoRun.start + .seconds(900)])
        #expect(outcomes.allSatisfy { $0.recomputed && $0.conserves && $0.unmatchedShares == 0 })
        let after = try store.attributionWindows(
            host: DemoRun.host, from: DemoRun.start, to: DemoRun.start + .seconds(1_800))
        #expect(after.count == before.count)
        #expect(after.map(\.measured) == before.map(\.measured))
        let totals = try store.requestTotals(
            host: DemoRun.host, from: DemoRun.start - .seconds(3_600), to: DemoRun.start + .seconds(1_800))
        #expect(totals.count == totalsBefore.count + 1)
        #expect(try #require(totals.first { $0.id == "late-1" }).dynamic > .zero)
        // Nothing new: a further step computes nothing.
        #expect(try live.step(now: DemoRun.start + .seconds(1_800)).isEmpty)
    }
}
