import FrugalCore

/// An nginx JSON access log in front of the inference server, with this
/// documented mapping (the model, tenant and token counts come from response
/// headers the gateway adds; `ttft` is `$upstream_header_time` for streamed
/// responses and null otherwise, through a `map`):
///
///     log_format frugal escape=json '{"time":$msec,"request_time":$request_time,'
///         '"request_id":"$request_id","status":$status,"method":"$request_method",'
///         '"uri":"$uri","model":"$upstream_http_x_model","tenant":"$http_x_tenant",'
///         '"prompt_tokens":$upstream_http_x_prompt_tokens,'
///         '"completion_tokens":$upstream_http_x_completion_tokens,"ttft":$ttft_or_null,'
///         '"stream":$stream_flag,"upstream_addr":"$upstream_addr","body_bytes_sent":$body_bytes_sent}';
///
/// `time` is when the line is written (the end), in seconds with millisecond
/// resolution; `request_time` and `ttft` are seconds with millisecond
/// resolution. So start = time − request_time, first token = start + ttft.
struct NginxLogFormat: LogLineWriter {
    let result: SimulationResult

    private struct Stamps {
        var endMs: Int64
        var durationMs: Int64
        var ttftMs: Int64?
    }

    private func stamps(_ r: SimulatedRequest) -> Stamps {
        let startMicro = r.loggedStart.microseconds
        return Stamps(
            endMs: UTCCalendar.floorDiv(r.loggedEnd.microseconds, 1_000),
            durationMs: (r.loggedEnd.microseconds - startMicro) / 1_000,
            ttftMs: r.loggedFirstToken.map { ($0.microseconds - startMicro) / 1_000 })
    }

    func line(_ r: SimulatedRequest) -> String {
        let t = stamps(r)
        var s = "{\"time\":" + JSONText.seconds(milliseconds: t.endMs)
        s += ",\"request_time\":" + JSONText.seconds(milliseconds: t.durationMs)
        s += ",\"request_id\":\"" + r.key + "\",\"status\":\(r.status),\"method\":\"POST\""
        s += ",\"uri\":" + JSONText.string(SimulationResult.endpoint)
        s += ",\"model\":" + JSONText.string(r.model) + ",\"tenant\":" + JSONText.string(r.tenant)
        s += ",\"prompt_tokens\":\(r.promptTokens),\"completion_tokens\":\(r.completionTokens)"
        s += ",\"ttft\":" + (t.ttftMs.map { JSONText.seconds(milliseconds: $0) } ?? "null")
        s += ",\"stream\":\(r.streaming),\"upstream_addr\":\"" + SimulationResult.upstreamAddress(r) + "\""
        s += ",\"body_bytes_sent\":\(r.streaming ? 180 + r.completionTokens * 150 : 420 + r.completionTokens * 4)}"
        return s
    }

    func record(_ r: SimulatedRequest) -> RequestRecord {
        let t = stamps(r)
        let start = Timestamp(microseconds: (t.endMs - t.durationMs) * 1_000)
        return RequestRecord(
            id: r.key, host: result.scenario.host, tenant: r.tenant, model: r.model, start: start,
            firstToken: t.ttftMs.map { start + .milliseconds($0) }, end: Timestamp(microseconds: t.endMs * 1_000),
            promptTokens: r.promptTokens, completionTokens: r.completionTokens, status: r.status,
            streaming: r.streaming, format: "nginx", endpoint: SimulationResult.endpoint,
            upstream: SimulationResult.upstreamAddress(r))
    }
}
