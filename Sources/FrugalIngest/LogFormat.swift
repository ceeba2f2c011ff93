/// The log formats Frugal reads. See README.md for each one's fields.
public enum LogFormat: String, Hashable, Sendable, CaseIterable, Codable {
    /// LiteLLM proxy: the StandardLoggingPayload its logging callbacks send,
    /// or a SpendLogs row.
    case litellm
    /// Albert API (OpenGateLLM) `usage` rows, as JSON or CSV with a header.
    case albert
    /// nginx JSON access logs, read through an `NginxMapping`.
    case nginx
    /// Frugal's generic JSONL schema for any OpenAI-compatible server.
    case jsonl

    /// A new parser for this format.
    public func makeParser(nginx mapping: NginxMapping = NginxMapping()) -> any LogLineParser {
        switch self {
        case .litellm: LiteLLMParser()
        case .albert: AlbertParser()
        case .nginx: NginxParser(mapping: mapping)
        case .jsonl: JSONLParser()
        }
    }
}
