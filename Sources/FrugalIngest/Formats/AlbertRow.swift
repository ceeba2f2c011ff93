import FrugalCore

/// The columns of Albert API's (OpenGateLLM) `usage` table that a record
/// needs, and how a row becomes a record.
///
/// `datetime` is the request's *start*: OpenGateLLM's `hooks` decorator
/// (app/utils/hooks_decorator.py) creates `Usage(datetime=start_time)` with
/// `start_time = datetime.now()` on entry, and `log_usage` sets
/// `duration = now - start_time` in ms once the response (the whole stream)
/// is sent; `time_to_first_token` is ms from the same start, set on the first
/// streamed chunk only. `datetime.now()` is naive local time, stored in a
/// `timestamp without time zone` column: the context's zone applies.
enum AlbertColumn: Int, CaseIterable {
    case id, datetime, duration, timeToFirstToken, userID, tokenID, endpoint, model, requestModel
    case promptTokens, completionTokens, status, kwhMin, kwhMax, co2Min, co2Max

    var name: String {
        switch self {
        case .id: "id"
        case .datetime: "datetime"
        case .duration: "duration"
        case .timeToFirstToken: "time_to_first_token"
        case .userID: "user_id"
        case .tokenID: "token_id"
        case .endpoint: "endpoint"
        case .model: "model"
        case .requestModel: "request_model"
        case .promptTokens: "prompt_tokens"
        case .completionTokens: "completion_tokens"
        case .status: "status"
        case .kwhMin: "kwh_min"
        case .kwhMax: "kwh_max"
        case .co2Min: "kgco2eq_min"
        case .co2Max: "kgco2eq_max"
        }
    }

    /// The tenant is the API token (`key:<token_id>`), then the user
    /// (`user:<user_id>`), in the context's order.
    static let tenantFields: [TenantSource: [Int]] = [
        .apiKey: [tokenID.rawValue], .user: [userID.rawValue],
    ]

    static func record(_ f: some FieldSource) throws(LineRejection) -> RequestRecord {
        guard let id = try f.int(id.rawValue) else { throw f.missing(id.rawValue) }
        let start = try f.requiredTimestamp(datetime.rawValue)
        guard let durationMs = try f.int(duration.rawValue) else { throw f.missing(duration.rawValue) }
        guard durationMs >= 0, durationMs < 86_400_000 * 365 else {
            throw LineRejection(.endBeforeStart, field: "duration", "duration is \(durationMs) ms")
        }
        let firstTokenMs = try f.int(timeToFirstToken.rawValue)
        let firstToken = try firstTokenMs.map { (ms) throws(LineRejection) -> Timestamp in
            guard ms >= 0, ms < 86_400_000 * 365 else {
                throw LineRejection(.firstTokenOutside, field: "time_to_first_token", "time_to_first_token is \(ms) ms")
            }
            return start + .milliseconds(ms)
        }
        let context = f.context
        return RequestRecord(
            id: "albert-usage-\(id)", host: context.host, tenant: try f.tenant(tenantFields),
            model: try f.firstString([model.rawValue, requestModel.rawValue]) ?? context.unknownModel,
            start: start, firstToken: firstToken, end: start + .milliseconds(durationMs),
            promptTokens: try f.tokens(promptTokens.rawValue),
            completionTokens: try f.tokens(completionTokens.rawValue),
            status: try f.int(status.rawValue).map { Int(clamping: $0) } ?? 200,
            // Only a streamed response sets time_to_first_token.
            streaming: firstTokenMs != nil, format: LogFormat.albert.rawValue,
            endpoint: try f.string(endpoint.rawValue), gatewayEstimate: try estimate(f))
    }

    /// EcoLogits' figures as Albert logged them, nil when it logged none.
    static func estimate(_ f: some FieldSource) throws(LineRejection) -> GatewayEstimate? {
        let values = [
            try f.double(kwhMin.rawValue), try f.double(kwhMax.rawValue), try f.double(co2Min.rawValue),
            try f.double(co2Max.rawValue),
        ]
        guard values.contains(where: { $0 != nil }) else { return nil }
        return GatewayEstimate(
            energyMinKilowattHours: values[0], energyMaxKilowattHours: values[1], co2eMinKilograms: values[2],
            co2eMaxKilograms: values[3], method: "albert/ecologits")
    }
}
