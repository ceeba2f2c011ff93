import FrugalCore

/// The gateway log formats the simulator writes, one JSON object per line,
/// one line per request, in the order the gateway writes them (by end).
public enum LogFormat: String, CaseIterable, Sendable, Codable {
    /// LiteLLM's `StandardLoggingPayload` (what its logging callbacks get).
    case litellm
    /// A row of Albert's (OpenGateLLM) `usage` table as PostgreSQL's `row_to_json` writes it.
    case albert
    /// An nginx JSON access log (`log_format … escape=json`), mapping in `NginxLogFormat`.
    case nginx
    /// Frugal's generic JSONL schema for any OpenAI-compatible server.
    case jsonl
}

extension SimulationResult {
    /// The log line (no newline) the gateway writes for `request`.
    public func logLine(_ request: SimulatedRequest, format: LogFormat) -> String {
        writer(for: format).line(request)
    }

    /// The record a correct parser of `format` makes of `request`'s line:
    /// the logged values at that format's precision, with what the format
    /// cannot carry left nil. This is the contract the ingest tests check.
    public func expectedRecord(_ request: SimulatedRequest, format: LogFormat) -> RequestRecord {
        writer(for: format).record(request)
    }

    /// Writes every request's line, in log order, each ending with `\n`.
    public func writeLog(format: LogFormat, to stream: inout some TextOutputStream) {
        let writer = writer(for: format)
        for request in requests {
            var line = writer.line(request)
            line += "\n"
            stream.write(line)
        }
    }

    public func writeLog(format: LogFormat, toFile path: String) throws {
        try FileTextStream.writing(to: path) { writeLog(format: format, to: &$0) }
    }

    static let endpoint = "/v1/chat/completions"

    /// The backend that served a request, as a gateway in front of one
    /// inference server per replica logs it: `127.0.0.1:<8000 + GPU>` (the
    /// first GPU of a tensor-parallel group names the group's server).
    /// nginx logs the address (`upstream_addr`), LiteLLM and the generic
    /// JSONL the server's API base.
    static func upstreamAddress(_ r: SimulatedRequest) -> String { "127.0.0.1:\(8_000 + r.gpus[0])" }
    static func upstreamBase(_ r: SimulatedRequest) -> String { upstreamBase(gpu: r.gpus[0]) }
    static func upstreamBase(gpu: Int) -> String { "http://127.0.0.1:\(8_000 + gpu)/v1" }

    /// What an operator writes in `[attribution.upstream]` for this host:
    /// each GPU's backend (as LiteLLM logs it) and the GPU indices behind it.
    public var upstreamGPUs: [(upstream: String, gpus: [Int])] {
        var groups: [Int: Set<Int>] = [:]
        for request in requests { groups[request.gpus[0], default: []].formUnion(request.gpus) }
        return groups.keys.sorted().map { (Self.upstreamBase(gpu: $0), groups[$0]!.sorted()) }
    }

    private func writer(for format: LogFormat) -> any LogLineWriter {
        switch format {
        case .litellm: LiteLLMLogFormat(result: self)
        case .albert: AlbertLogFormat(result: self)
        case .nginx: NginxLogFormat(result: self)
        case .jsonl: GenericJSONLFormat(result: self)
        }
    }
}

/// One format's writer: a request's line, and the record a parser makes of it.
protocol LogLineWriter {
    func line(_ request: SimulatedRequest) -> String
    func record(_ request: SimulatedRequest) -> RequestRecord
}

extension Timestamp {
    /// Whole microseconds since the epoch (log stamps are microsecond-exact).
    var microseconds: Int64 { UTCCalendar.floorDiv(nanosecondsSinceEpoch, 1_000) }
    init(microseconds: Int64) { self.init(nanosecondsSinceEpoch: microseconds * 1_000) }
}
