import FrugalCore

/// Frugal's generic schema, one object per line:
///
///     {"id","tenant","model","start","first_token","end","prompt_tokens",
///      "completion_tokens","status","stream","endpoint","upstream"}
///
/// Times are RFC 3339 in UTC with microseconds; `first_token` is null when
/// unknown (not streamed, failed, or not logged).
struct GenericJSONLFormat: LogLineWriter {
    let result: SimulationResult

    func line(_ r: SimulatedRequest) -> String {
        var s = "{\"id\":" + JSONText.string(r.id)
        s += ",\"tenant\":" + JSONText.string(r.tenant) + ",\"model\":" + JSONText.string(r.model)
        s += ",\"start\":\"" + UTCCalendar.rfc3339(microseconds: r.loggedStart.microseconds) + "\""
        s +=
            ",\"first_token\":"
            + (r.loggedFirstToken.map { "\"" + UTCCalendar.rfc3339(microseconds: $0.microseconds) + "\"" } ?? "null")
        s += ",\"end\":\"" + UTCCalendar.rfc3339(microseconds: r.loggedEnd.microseconds) + "\""
        s += ",\"prompt_tokens\":\(r.promptTokens),\"completion_tokens\":\(r.completionTokens)"
        s +=
            ",\"status\":\(r.status),\"stream\":\(r.streaming),\"endpoint\":"
            + JSONText.string(SimulationResult.endpoint) + ",\"upstream\":"
            + JSONText.string(SimulationResult.upstreamBase(r)) + "}"
        return s
    }

    func record(_ r: SimulatedRequest) -> RequestRecord {
        RequestRecord(
            id: r.id, host: result.scenario.host, tenant: r.tenant, model: r.model, start: r.loggedStart,
            firstToken: r.loggedFirstToken, end: r.loggedEnd, promptTokens: r.promptTokens,
            completionTokens: r.completionTokens, status: r.status, streaming: r.streaming, format: "jsonl",
            endpoint: SimulationResult.endpoint, upstream: SimulationResult.upstreamBase(r))
    }
}
