import FrugalCore

/// LiteLLM proxy lines: the StandardLoggingPayload its logging callbacks
/// send (`metadata` an object, times epoch seconds or text), and the
/// SpendLogs row (`request_id`, `metadata` a JSON-encoded string, times
/// `YYYY-MM-DD HH:MM:SS.ffffff` in the gateway's local zone).
///
/// The backend is the deployment's `api_base` (top level in both shapes,
/// `hidden_params.api_base` in older payloads).
///
/// The model is the one that ran (`model`, the deployment's name), not the
/// alias the client asked for (`model_group`), which is used only when
/// `model` is empty; `modelFields` changes that order.
public final class LiteLLMParser: LogLineParser {
    public var format: LogFormat { .litellm }

    /// Which model name a record carries, first non-empty wins.
    public enum ModelField: String, Sendable, CaseIterable {
        case model
        case modelGroup = "model_group"
    }

    enum F: Int, CaseIterable {
        case id, requestID, start, end, firstToken, model, modelGroup
        case prompt, completion, responsePrompt, responseCompletion, usagePrompt, usageCompletion
        case status, stream, errorCode, metadataErrorCode, route
        case keyHash, apiKey, metadataKey, teamMeta, team, userMeta, user, endUser, endUserMeta
        case apiBase, hiddenAPIBase
        case keyAlias, teamAliasMeta, teamAlias

        var path: String {
            switch self {
            case .id: "id"
            case .requestID: "request_id"
            case .start: "startTime"
            case .end: "endTime"
            case .firstToken: "completionStartTime"
            case .model: "model"
            case .modelGroup: "model_group"
            case .prompt: "prompt_tokens"
            case .completion: "completion_tokens"
            case .responsePrompt: "response.usage.prompt_tokens"
            case .responseCompletion: "response.usage.completion_tokens"
            case .usagePrompt: "metadata.usage_object.prompt_tokens"
            case .usageCompletion: "metadata.usage_object.completion_tokens"
            case .status: "status"
            case .stream: "stream"
            case .errorCode: "error_information.error_code"
            case .metadataErrorCode: "metadata.error_information.error_code"
            case .route: "metadata.user_api_key_request_route"
            case .keyHash: "metadata.user_api_key_hash"
            case .apiKey: "api_key"
            case .metadataKey: "metadata.user_api_key"
            case .teamMeta: "metadata.user_api_key_team_id"
            case .team: "team_id"
            case .userMeta: "metadata.user_api_key_user_id"
            case .user: "user"
            case .endUser: "end_user"
            case .endUserMeta: "metadata.user_api_key_end_user_id"
            case .apiBase: "api_base"
            case .hiddenAPIBase: "hidden_params.api_base"
            case .keyAlias: "metadata.user_api_key_alias"
            case .teamAliasMeta: "metadata.user_api_key_team_alias"
            case .teamAlias: "team_alias"
            }
        }
    }

    /// Where each tenant source is read, in order. Both payloads carry the
    /// aliases in `metadata` (an object in StandardLoggingPayload, a JSON
    /// string in a SpendLogs row: shared/data/logs/litellm); a top-level
    /// `team_alias` (a SpendLogs row joined with LiteLLM_TeamTable) is read too.
    static let tenantFields: [TenantSource: [Int]] = [
        .keyAlias: [F.keyAlias.rawValue],
        .teamAlias: [F.teamAliasMeta.rawValue, F.teamAlias.rawValue],
        .apiKey: [F.keyHash.rawValue, F.apiKey.rawValue, F.metadataKey.rawValue],
        .team: [F.teamMeta.rawValue, F.team.rawValue],
        .user: [F.userMeta.rawValue, F.user.rawValue],
        .endUser: [F.endUser.rawValue, F.endUserMeta.rawValue],
    ]

    public let modelFields: [ModelField]
    private var scanner: JSONScanner?
    private let zones = ZoneResolver()

    public init(modelFields: [ModelField] = [.model, .modelGroup]) {
        precondition(!modelFields.isEmpty, "name at least one model field")
        self.modelFields = modelFields
    }

    public func parseRecord(_ line: UnsafeRawBufferPointer, context: ParseContext) throws(LineRejection)
        -> RequestRecord
    {
        let scanner = scanner(limits: context.jsonLimits)
        do throws(JSONScanError) { try scanner.scan(line) } catch { throw LineRejection(error) }
        let fields = JSONFields(scanner: scanner, numbersInStrings: false, zones: zones, context: context)
        return try record(fields, context: context)
    }

    /// Compiled once: a parser is made per file (and per input when fuzzing).
    static let query = JSONQuery(F.allCases.map(\.path))

    private func scanner(limits: JSONLimits) -> JSONScanner {
        if let scanner, scanner.limits == limits { return scanner }
        let made = JSONScanner(query: Self.query, limits: limits)
        scanner = made
        return made
    }

    func record(_ f: JSONFields, context: ParseContext) throws(LineRejection) -> RequestRecord {
        guard let id = try f.firstString([F.id.rawValue, F.requestID.rawValue]) else {
            throw LineRejection(.missingField, field: "id", "neither id nor request_id is present")
        }
        var model: String?
        for field in modelFields where model == nil {
            model = try f.string(field == .model ? F.model.rawValue : F.modelGroup.rawValue)
        }
        let prompt = try f.firstTokens([F.prompt.rawValue, F.responsePrompt.rawValue, F.usagePrompt.rawValue])
        let completion = try f.firstTokens([
            F.completion.rawValue, F.responseCompletion.rawValue, F.usageCompletion.rawValue,
        ])
        let start = try f.requiredTimestamp(F.start.rawValue)
        let end = try f.requiredTimestamp(F.end.rawValue)
        // LiteLLM sets completionStartTime to endTime when it saw no first
        // chunk (a call not streamed, failed, or a chunk it missed): equal to
        // the microsecond, it says nothing about the first token, streamed or
        // not (a real first chunk, even of a one-token answer, comes earlier).
        let streaming = try f.bool(F.stream.rawValue)
        let firstToken = try f.timestamp(F.firstToken.rawValue).flatMap { $0 == end && end > start ? nil : $0 }
        return RequestRecord(
            id: id, host: context.host, tenant: try f.tenant(Self.tenantFields),
            model: model ?? context.unknownModel, start: start, firstToken: firstToken, end: end,
            promptTokens: prompt, completionTokens: completion, status: try status(f),
            streaming: streaming, format: LogFormat.litellm.rawValue,
            endpoint: try f.string(F.route.rawValue),
            upstream: try f.firstString([F.apiBase.rawValue, F.hiddenAPIBase.rawValue]))
    }

    /// `success` is 200; `failure` is the logged error code when it is an
    /// HTTP status, else 500. An integer status is kept as it is.
    func status(_ f: JSONFields) throws(LineRejection) -> Int {
        switch f.raw(F.status.rawValue) {
        case nil: return 200
        case .int(let n) where (100...599).contains(n): return Int(n)
        case .string("success"): return 200
        case .string("failure"):
            for field in [F.errorCode, F.metadataErrorCode] {
                let code: Int? =
                    switch f.raw(field.rawValue) {
                    case .string(let text): Int(text)
                    case .int(let n): Int(exactly: n)
                    default: nil
                    }
                if let code, (100...599).contains(code) { return code }
            }
            return 500
        case let value?:
            throw LineRejection(.badValue, field: "status", "status is \(value), expected success or failure")
        }
    }
}
