import FrugalCore

/// nginx JSON access log lines (`log_format … escape=json '{…}'`), read
/// through an `NginxMapping`. The tenant is taken as logged (no prefix).
public final class NginxParser: LogLineParser {
    public var format: LogFormat { .nginx }
    public let mapping: NginxMapping
    private var scanner: JSONScanner?
    private let zones = ZoneResolver()
    /// Field index → query slot (nil: not mapped).
    private let slotOf: [Int?]
    /// The mapping's keys, compiled once.
    private let query: JSONQuery

    enum F: Int {
        case id, time, requestTime, status, endpoint, tenant, model, prompt, completion, firstToken, stream, upstream
    }

    public init(mapping: NginxMapping = NginxMapping()) {
        self.mapping = mapping
        var paths: [String] = []
        var slots: [Int?] = []
        for key in mapping.keys {
            if let key, let existing = paths.firstIndex(of: key) {
                slots.append(existing)
            } else if let key {
                paths.append(key)
                slots.append(paths.count - 1)
            } else {
                slots.append(nil)
            }
        }
        self.query = JSONQuery(paths)
        self.slotOf = slots
    }

    public func parseRecord(_ line: UnsafeRawBufferPointer, context: ParseContext) throws(LineRejection)
        -> RequestRecord
    {
        let scanner: JSONScanner
        if let existing = self.scanner, existing.limits == context.jsonLimits {
            scanner = existing
        } else {
            scanner = JSONScanner(query: query, limits: context.jsonLimits)
            self.scanner = scanner
        }
        do throws(JSONScanError) { try scanner.scan(line) } catch { throw LineRejection(error) }
        let f = MappedFields(
            base: JSONFields(scanner: scanner, numbersInStrings: true, zones: zones, context: context), slotOf: slotOf)
        return try record(f, context: context)
    }

    private func record(_ f: MappedFields, context: ParseContext) throws(LineRejection) -> RequestRecord {
        let end = try f.requiredTimestamp(F.time.rawValue)
        guard let seconds = try f.double(F.requestTime.rawValue) else { throw f.missing(F.requestTime.rawValue) }
        guard seconds >= 0, seconds < 86_400 * 365 else {
            throw LineRejection(.endBeforeStart, field: f.name(F.requestTime.rawValue), "request_time is \(seconds) s")
        }
        let start = end + .nanoseconds(-Int64((seconds * 1e9).rounded()))
        let firstToken = try f.double(F.firstToken.rawValue).map { (s) throws(LineRejection) -> Timestamp in
            guard s >= 0, s <= seconds else {
                throw LineRejection(.firstTokenOutside, field: f.name(F.firstToken.rawValue), "first token at \(s) s")
            }
            return start + .nanoseconds(Int64((s * 1e9).rounded()))
        }
        return RequestRecord(
            id: try f.requiredString(F.id.rawValue), host: context.host,
            tenant: try f.string(F.tenant.rawValue) ?? context.unknownTenant,
            model: try f.string(F.model.rawValue) ?? mapping.defaultModel ?? context.unknownModel, start: start,
            firstToken: firstToken, end: end, promptTokens: try f.tokens(F.prompt.rawValue),
            completionTokens: try f.tokens(F.completion.rawValue),
            status: try f.int(F.status.rawValue).map { Int(clamping: $0) } ?? 200,
            streaming: try f.bool(F.stream.rawValue),
            format: LogFormat.nginx.rawValue, endpoint: try f.string(F.endpoint.rawValue),
            upstream: try f.string(F.upstream.rawValue))
    }
}

/// Fields numbered by meaning, read from the query slots the mapping chose.
struct MappedFields: FieldSource {
    let base: JSONFields
    let slotOf: [Int?]
    var numbersInStrings: Bool { base.numbersInStrings }
    var zones: ZoneResolver { base.zones }
    var context: ParseContext { base.context }

    /// nginx writes an unset variable as `-`: absent, like `""`.
    func raw(_ f: Int) -> JSONValue? {
        guard let value = slotOf[f].flatMap({ base.raw($0) }) else { return nil }
        if case .string("-") = value { return nil }
        return value
    }
    func name(_ f: Int) -> String { slotOf[f].map { base.name($0) } ?? "field \(f)" }
    func plainText(_ f: Int) -> UnsafeBufferPointer<UInt8>? {
        guard let text = slotOf[f].flatMap({ base.plainText($0) }) else { return nil }
        return text.count == 1 && text[0] == UInt8(ascii: "-") ? nil : text
    }
}
