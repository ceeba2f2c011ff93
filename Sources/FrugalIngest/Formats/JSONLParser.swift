import FrugalCore

/// Frugal's generic JSONL schema (README.md), one object per line:
/// `id`, `start`, `end` required; `tenant`, `model`, `first_token`,
/// `prompt_tokens`, `completion_tokens`, `status`, `stream`, `endpoint`,
/// `upstream` (the backend that served it) optional. Times are RFC 3339 text or epoch numbers (`EpochNumber`).
/// The tenant is taken as written (no prefix).
public final class JSONLParser: LogLineParser {
    public var format: LogFormat { .jsonl }
    private var scanner: JSONScanner?
    private let zones = ZoneResolver()

    /// The schema's keys, in slot order.
    public static let keys = [
        "id", "tenant", "model", "start", "first_token", "end", "prompt_tokens", "completion_tokens", "status",
        "stream", "endpoint", "upstream",
    ]
    enum F: Int {
        case id, tenant, model, start, firstToken, end, prompt, completion, status, stream, endpoint, upstream
    }
    /// Compiled once: a parser is made per file (and per input when fuzzing).
    static let query = JSONQuery(keys)

    public init() {}

    public func parseRecord(_ line: UnsafeRawBufferPointer, context: ParseContext) throws(LineRejection)
        -> RequestRecord
    {
        let scanner: JSONScanner
        if let existing = self.scanner, existing.limits == context.jsonLimits {
            scanner = existing
        } else {
            scanner = JSONScanner(query: Self.query, limits: context.jsonLimits)
            self.scanner = scanner
        }
        do throws(JSONScanError) { try scanner.scan(line) } catch { throw LineRejection(error) }
        let f = JSONFields(scanner: scanner, numbersInStrings: false, zones: zones, context: context)
        let id: String
        switch f.raw(F.id.rawValue) {
        case .int(let n): id = String(n)
        default: id = try f.requiredString(F.id.rawValue)
        }
        guard let status = try f.int(F.status.rawValue).map({ Int(clamping: $0) }) ?? .some(200),
            (0...999).contains(status)
        else { throw LineRejection(.badValue, field: "status", "status is not an HTTP status") }
        return RequestRecord(
            id: id, host: context.host, tenant: try f.string(F.tenant.rawValue) ?? context.unknownTenant,
            model: try f.string(F.model.rawValue) ?? context.unknownModel,
            start: try f.requiredTimestamp(F.start.rawValue), firstToken: try f.timestamp(F.firstToken.rawValue),
            end: try f.requiredTimestamp(F.end.rawValue), promptTokens: try f.tokens(F.prompt.rawValue),
            completionTokens: try f.tokens(F.completion.rawValue), status: status,
            streaming: try f.bool(F.stream.rawValue), format: LogFormat.jsonl.rawValue,
            endpoint: try f.string(F.endpoint.rawValue), upstream: try f.string(F.upstream.rawValue))
    }
}
