import FrugalCore

/// A row of Albert's (OpenGateLLM) `usage` table as `row_to_json` writes it,
/// columns in table order (app/sql/models.py at etalab-ia/OpenGateLLM
/// 80e24d4): `id, datetime, duration, time_to_first_token, user_id, token_id,
/// endpoint, method, model, request_model, prompt_tokens, completion_tokens,
/// total_tokens, cost, status, kwh_min, kwh_max, kgco2eq_min, kgco2eq_max`.
///
/// What OpenGateLLM stores (app/utils/hooks_decorator.py): `datetime` is the
/// request START (`datetime.now()` when the hook is entered; a `timestamp
/// without time zone`, written here in UTC, the usual container clock);
/// `duration` is whole milliseconds from start to the log write (Python
/// `int()` truncates); `time_to_first_token` is whole milliseconds from start
/// to the first streamed chunk, null when not streamed. The tenant is the
/// numeric `user_id`. A failed call (HTTPException) keeps its status and has
/// no model, token counts or estimate. The kWh/kgCO2eq are EcoLogits-style
/// estimates (`EcoLogitsEstimate`).
struct AlbertLogFormat: LogLineWriter {
    let result: SimulationResult

    func line(_ r: SimulatedRequest) -> String {
        let tenant = result.scenario.tenants[r.tenantIndex]
        let start = r.loggedStart.microseconds
        let failed = r.status != 200
        var s =
            "{\"id\":\(r.albertID),\"datetime\":\"" + UTCCalendar.dateTime(microseconds: start, separator: "T") + "\""
        s += ",\"duration\":\((r.loggedEnd.microseconds - start) / 1_000)"
        s +=
            ",\"time_to_first_token\":"
            + JSONText.optional(r.loggedFirstToken.map { ($0.microseconds - start) / 1_000 })
        s += ",\"user_id\":\(tenant.userID),\"token_id\":\(tenant.userID * 10 + 1)"
        s += ",\"endpoint\":" + JSONText.string(SimulationResult.endpoint) + ",\"method\":\"POST\""
        s +=
            ",\"model\":" + (failed ? "null" : JSONText.string(r.model)) + ",\"request_model\":"
            + JSONText.string(r.model)
        if failed {
            s += ",\"prompt_tokens\":null,\"completion_tokens\":null,\"total_tokens\":null,\"cost\":null"
            s += ",\"status\":\(r.status),\"kwh_min\":null,\"kwh_max\":null,\"kgco2eq_min\":null,\"kgco2eq_max\":null}"
            return s
        }
        let estimate = EcoLogitsEstimate.estimate(for: r, scenario: result.scenario)
        s += ",\"prompt_tokens\":\(r.promptTokens),\"completion_tokens\":\(r.completionTokens)"
        s += ",\"total_tokens\":\(r.promptTokens + r.completionTokens),\"cost\":0.0,\"status\":\(r.status)"
        s += ",\"kwh_min\":" + JSONText.optional(estimate.energyMinKilowattHours)
        s += ",\"kwh_max\":" + JSONText.optional(estimate.energyMaxKilowattHours)
        s += ",\"kgco2eq_min\":" + JSONText.optional(estimate.co2eMinKilograms)
        s += ",\"kgco2eq_max\":" + JSONText.optional(estimate.co2eMaxKilograms) + "}"
        return s
    }

    func record(_ r: SimulatedRequest) -> RequestRecord {
        let tenant = result.scenario.tenants[r.tenantIndex]
        let start = r.loggedStart
        let failed = r.status != 200
        return RequestRecord(
            id: String(r.albertID), host: result.scenario.host, tenant: String(tenant.userID), model: r.model,
            start: start,
            firstToken: r.loggedFirstToken.map {
                start + .milliseconds(($0.microseconds - start.microseconds) / 1_000)
            },
            end: start + .milliseconds((r.loggedEnd.microseconds - start.microseconds) / 1_000),
            promptTokens: failed ? nil : r.promptTokens, completionTokens: failed ? nil : r.completionTokens,
            status: r.status, streaming: nil, format: "albert", endpoint: SimulationResult.endpoint,
            gatewayEstimate: failed ? nil : EcoLogitsEstimate.estimate(for: r, scenario: result.scenario))
    }
}
