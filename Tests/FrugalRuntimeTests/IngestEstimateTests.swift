import Foundation
import FrugalCarbon
import FrugalCore
import FrugalSimulation
import FrugalStore
import Testing

@testable import FrugalRuntime

/// Every ingested request is stored with Frugal's EcoLogits-style estimate
/// (`requests.estimated_uj`, schema 7) beside the measurement: EcoLogits'
/// formula at the model's active parameters over the request's own latency.
@Suite struct IngestEstimateTests {
    /// Three requests: a catalogue model (Mistral 7B, 7.25 B active), a model
    /// outside the catalogue, and a catalogue model without an output count.
    static let log = """
        {"id":"known","tenant":"lyon","model":"mistralai/Mistral-7B-Instruct-v0.3","start":"2026-10-05T09:00:00Z","end":"2026-10-05T09:00:04.5Z","prompt_tokens":320,"completion_tokens":180}
        {"id":"unknown","tenant":"lyon","model":"in-house-13b","start":"2026-10-05T09:00:01Z","end":"2026-10-05T09:00:03Z","prompt_tokens":50,"completion_tokens":40}
        {"id":"no-output","tenant":"lyon","model":"Mistral-7B-Instruct-v0.3","start":"2026-10-05T09:00:02Z","end":"2026-10-05T09:00:02.5Z","prompt_tokens":12}

        """

    func ingest(estimator: (any RequestEnergyEstimator)?) throws -> [String: Int64?] {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("estimate-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let logPath = directory.appendingPathComponent("gateway.jsonl").path
        try Self.log.write(toFile: logPath, atomically: true, encoding: .utf8)
        let store = try SQLiteStore(path: directory.appendingPathComponent("frugal.db").path)
        let now = Timestamp(secondsSinceEpoch: 1_792_000_000)
        let run = try IngestRun(
            path: logPath, store: store,
            options: IngestRun.Options(format: .jsonl, host: "gpu-01", estimator: estimator), now: now)
        let totals = try run.catchUp(now: now)
        #expect(totals.inserted == 3)
        let db = try SQLiteDatabase(path: directory.appendingPathComponent("frugal.db").path)
        let select = try db.prepare("SELECT id, estimated_uj FROM requests ORDER BY id")
        var stored: [String: Int64?] = [:]
        while try select.step() { stored[select.text(at: 0)] = select.isNull(at: 1) ? .some(nil) : select.int64(at: 1) }
        return stored
    }

    @Test func eachRequestIsStoredWithTheEstimateOfItsModelTokensAndLatency() throws {
        let stored = try ingest(estimator: ModelCatalogue.bundled)
        // E = 1.2 · (4.5 s · 1200 W · 1 GPU / 8 / 64 / 3600 + 1 GPU · 180 · (α·e^(β·64)·7.25 + γ)) Wh.
        let kilowattHours = EcoLogitsEstimate.kilowattHours(
            parameterBillions: 7.25, completionTokens: 180, latencySeconds: 4.5)
        let expected = Energy(joules: kilowattHours * 3.6e6).microjoules
        #expect(stored["known"] == .some(expected))
        // 1.2 · (2.93 mWh + 180 · 44.7 µWh) ≈ 13.2 mWh ≈ 47 J for 180 tokens of a 7 B model.
        #expect((45_000_000...50_000_000).contains(expected), "\(expected) µJ")
        #expect(stored["unknown"] == .some(nil), "a model outside the catalogue has no estimate")
        #expect(stored["no-output"] == .some(nil), "no output token count, no estimate")
    }

    @Test func noEstimatorStoresNone() throws {
        let stored = try ingest(estimator: nil)
        #expect(stored.count == 3 && stored.values.allSatisfy { $0 == nil })
    }
}
