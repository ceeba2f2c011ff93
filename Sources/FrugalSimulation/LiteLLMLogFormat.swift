import FrugalCore

/// LiteLLM's `StandardLoggingPayload` (litellm/types/utils.py), one object
/// per line, with the fields attribution needs and a few realistic extras
/// (shape of shared/data/logs/litellm/standard_logging_payload.json).
///
/// - `startTime`, `endTime`, `completionStartTime`: epoch seconds as floats
///   (the type's declared `float`), microsecond digits.
/// - `completionStartTime` equals `endTime` when LiteLLM did not see a first
///   chunk (not streamed, failed, or lost): a parser must read that as unknown.
/// - The tenant is named as an operator names it in LiteLLM: each commune
///   has a virtual key whose `key_alias` is the commune
///   (`metadata.user_api_key_alias`) in a team of the same alias
///   (`…_team_alias`); the key hash and the team id are opaque, stable per
///   tenant and seed (a SHA-256-like hex, a UUID).
/// - A failed call has `"status":"failure"` and `error_information.error_code`
///   "500"; its record's status is 500.
struct LiteLLMLogFormat: LogLineWriter {
    let result: SimulationResult
    /// A stable stand-in for LiteLLM's SHA-256 of each tenant's virtual key.
    private let keyHashes: [String]
    /// A stable stand-in for each tenant's team id (a UUID in LiteLLM).
    private let teamIDs: [String]

    init(result: SimulationResult) {
        self.result = result
        keyHashes = result.scenario.tenants.indices.map { tenant in
            var random = SplitMix64(seed: result.scenario.seed, stream: 0x4B45_5900 + UInt64(tenant))
            return (0..<2).map { _ in ArrivalGenerator.hexKey(random.next(), random.next()) }.joined()
        }
        teamIDs = keyHashes.map { hash in
            let k = Array(hash.suffix(32))
            return String(k[0..<8]) + "-" + String(k[8..<12]) + "-" + String(k[12..<16]) + "-" + String(k[16..<20])
                + "-" + String(k[20..<32])
        }
    }

    func line(_ r: SimulatedRequest) -> String {
        let start = r.loggedStart.microseconds
        let end = r.loggedEnd.microseconds
        let firstChunk = r.loggedFirstToken?.microseconds ?? end
        let failed = r.status != 200
        let total = r.promptTokens + r.completionTokens
        var s = "{\"id\":"
        s.reserveCapacity(1_400)
        s += JSONText.string(r.id) + ",\"trace_id\":\"" + traceID(r) + "\""
        s += ",\"call_type\":\"acompletion\",\"cache_hit\":null,\"stream\":\(r.streaming)"
        s += ",\"status\":\"" + (failed ? "failure" : "success") + "\",\"custom_llm_provider\":\"hosted_vllm\""
        s += ",\"saved_cache_cost\":0.0,\"startTime\":" + JSONText.seconds(microseconds: start)
        s += ",\"endTime\":" + JSONText.seconds(microseconds: end)
        s += ",\"completionStartTime\":" + JSONText.seconds(microseconds: firstChunk)
        s += ",\"response_time\":" + JSONText.seconds(microseconds: end - start)
        s += ",\"model\":" + JSONText.string(r.model) + ",\"metadata\":" + metadata(r)
        s += ",\"cache_key\":null,\"response_cost\":0.0,\"total_tokens\":\(total)"
        s += ",\"prompt_tokens\":\(r.promptTokens),\"completion_tokens\":\(r.completionTokens)"
        s += ",\"request_tags\":[],\"end_user\":\"\",\"api_base\":\"" + SimulationResult.upstreamBase(r) + "\""
        s += ",\"model_group\":" + JSONText.string(r.model) + ",\"model_id\":\"" + String(r.key.prefix(16)) + "\""
        s += ",\"requester_ip_address\":null,\"messages\":[]"
        s += ",\"response\":" + (failed ? "null" : response(r))
        s += ",\"model_parameters\":{\"stream\":\(r.streaming),\"max_tokens\":4096}"
        s += ",\"error_str\":" + (failed ? "\"litellm.InternalServerError: upstream returned 500\"" : "null")
        s += ",\"error_information\":{\"error_code\":\"" + (failed ? "500" : "") + "\",\"error_class\":\""
        s += (failed ? "InternalServerError" : "") + "\",\"llm_provider\":\"" + (failed ? "hosted_vllm" : "") + "\"}}"
        return s
    }

    private func metadata(_ r: SimulatedRequest) -> String {
        let alias = JSONText.string(r.tenant)
        return "{\"user_api_key_hash\":\"" + keyHashes[r.tenantIndex] + "\",\"user_api_key_alias\":" + alias
            + ",\"user_api_key_team_id\":\"" + teamIDs[r.tenantIndex] + "\",\"user_api_key_org_id\":null"
            + ",\"user_api_key_user_id\":null,\"user_api_key_team_alias\":" + alias + ",\"spend_logs_metadata\":null"
            + ",\"requester_ip_address\":null,\"applied_guardrails\":[]}"
    }

    private func response(_ r: SimulatedRequest) -> String {
        "{\"id\":" + JSONText.string(r.id)
            + ",\"created\":\(UTCCalendar.floorDiv(r.loggedStart.microseconds, 1_000_000))"
            + ",\"model\":" + JSONText.string(r.model) + ",\"object\":\"chat.completion\",\"usage\":{"
            + "\"completion_tokens\":\(r.completionTokens),\"prompt_tokens\":\(r.promptTokens)"
            + ",\"total_tokens\":\(r.promptTokens + r.completionTokens)}}"
    }

    private func traceID(_ r: SimulatedRequest) -> String {
        let k = Array(r.key)
        return String(k[0..<8]) + "-" + String(k[8..<12]) + "-" + String(k[12..<16]) + "-" + String(k[16..<20]) + "-"
            + String(k[20..<32])
    }

    func record(_ r: SimulatedRequest) -> RequestRecord {
        RequestRecord(
            id: r.id, host: result.scenario.host, tenant: r.tenant, model: r.model, start: r.loggedStart,
            firstToken: r.loggedFirstToken, end: r.loggedEnd, promptTokens: r.promptTokens,
            completionTokens: r.completionTokens, status: r.status, streaming: r.streaming, format: "litellm",
            upstream: SimulationResult.upstreamBase(r))
    }
}
