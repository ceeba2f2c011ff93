import FrugalCore
import FrugalIngest
import FrugalSimulation
import Testing

/// The simulator writes the logs, FrugalIngest reads them: each side checks
/// the other. A parsed line must give the record `expectedRecord` says.
@Suite("Cross-check: FrugalIngest parses what the simulator writes")
struct IngestCrossCheckTests {
    static let result = try! Simulation.run(TestScenarios.mixed(seed: 9, minutes: 3))

    static let mapping = NginxMapping(firstTokenSeconds: "ttft", stream: "stream")

    @Test(arguments: FrugalSimulation.LogFormat.allCases)
    func everyLineParsesToItsExpectedRecord(format: FrugalSimulation.LogFormat) throws {
        let converted = FrugalIngest.LogFormat(rawValue: format.rawValue)
        let ingestFormat = try #require(converted)
        let parser = ingestFormat.makeParser(nginx: Self.mapping)
        // Bill the key's alias (LiteLLM) and the user (Albert), as the scenario's tenants are.
        let context = ParseContext(
            host: Self.result.scenario.host, now: Self.result.scenario.start + .seconds(86_400),
            tenantOrder: [.keyAlias, .teamAlias, .user, .apiKey, .team, .endUser])
        var mismatches: [String] = []
        for request in Self.result.requests {
            let line = Self.result.logLine(request, format: format)
            let expected = Self.result.expectedRecord(request, format: format)
            switch parser.parse(line, context: context) {
            case .failure(let rejection):
                mismatches.append("\(request.id): rejected \(rejection)")
            case .success(let record):
                mismatches += differences(record, expected).map { "\(request.id): \($0)" }
            }
        }
        let count = mismatches.count
        #expect(count == 0, "\(format): \(count) differences, first: \(mismatches.prefix(3))")
    }

    /// Field by field; times within 1 µs (LiteLLM's float seconds); the
    /// tenant without FrugalIngest's `<source>:` prefix (`user:`; an alias has none)
    /// and Albert's id without its `albert-usage-` prefix.
    private func differences(_ got: RequestRecord, _ want: RequestRecord) -> [String] {
        var out: [String] = []
        func time(_ name: String, _ a: Timestamp?, _ b: Timestamp?) {
            switch (a, b) {
            case (nil, nil): break
            case (let x?, let y?) where abs(x.nanosecondsSinceEpoch - y.nanosecondsSinceEpoch) <= 1_000: break
            default: out.append("\(name) \(String(describing: a)) ≠ \(String(describing: b))")
            }
        }
        let id = got.format == "albert" && got.id.hasPrefix("albert-usage-") ? String(got.id.dropFirst(13)) : got.id
        if id != want.id { out.append("id \(got.id) ≠ \(want.id)") }
        if got.host != want.host { out.append("host") }
        let tenant = got.tenant.split(separator: ":", maxSplits: 1).last.map(String.init) ?? got.tenant
        if tenant != want.tenant { out.append("tenant \(got.tenant) ≠ \(want.tenant)") }
        if got.model != want.model { out.append("model \(got.model) ≠ \(want.model)") }
        time("start", got.start, want.start)
        time("first token", got.firstToken, want.firstToken)
        time("end", got.end, want.end)
        if got.promptTokens != want.promptTokens { out.append("prompt \(String(describing: got.promptTokens))") }
        if got.completionTokens != want.completionTokens {
            out.append("completion \(String(describing: got.completionTokens))")
        }
        if got.status != want.status { out.append("status \(got.status) ≠ \(want.status)") }
        if want.streaming != nil && got.streaming != want.streaming { out.append("streaming") }
        if got.format != want.format { out.append("format \(got.format)") }
        return out
    }
}
