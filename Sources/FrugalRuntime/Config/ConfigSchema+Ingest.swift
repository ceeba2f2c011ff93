import FrugalCore
import FrugalIngest

extension ConfigKeys {
    /// The `[ingest]` keys: which gateway logs the daemon follows.
    static let ingest: [ConfigKey] = [
        ConfigKey(
            section: "ingest", table: "logs", type: "table of label = path",
            help:
                "Gateway logs to follow, e.g. litellm = \"/var/log/litellm/requests.jsonl\" (rotation and gzip handled)."
        ) { config, label, raw in
            guard case .string(let path) = raw, path.hasPrefix("/") else {
                return "expected an absolute path in a string, got \(raw.text)"
            }
            config.ingestLogs[label] = path
            return nil
        },
        ConfigKey(
            section: "ingest", name: "format",
            type: "auto|" + LogFormat.allCases.map(\.rawValue).joined(separator: "|"),
            defaultValue: "\"auto\"", help: "The logs' format; auto detects it from the first lines."
        ) { config, raw in
            guard case .string(let text) = raw, text == "auto" || LogFormat(rawValue: text) != nil else {
                return
                    "expected auto or one of \(LogFormat.allCases.map(\.rawValue).joined(separator: ", ")), got \(raw.text)"
            }
            config.ingestFormat = LogFormat(rawValue: text)
            return nil
        },
    ]

    /// The live attribution keys of `[attribution]`.
    static let liveAttribution: [ConfigKey] = [
        .bool(
            "attribution", "live", \.liveAttribution,
            "Attribute each quarter hour in the daemon once its log lines have had time to arrive."),
        .duration(
            "attribution", "settle", \.attributionSettle, in: .seconds(0)...(.seconds(86_400)),
            "How long after a quarter hour ends its requests' log lines may still arrive (the watermark's lag)."),
    ]
}
