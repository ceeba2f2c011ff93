import FrugalCore

/// Per-request output of `frugal attribute`, one line per request: JSON
/// lines (default) or CSV. Built by hand: a month holds millions of lines.
public enum AttributionLines {
    public static let csvHeader =
        "id,model,tenant,start_ns,end_ns,prompt_tokens,completion_tokens,dynamic_joules,idle_joules,total_joules,method"

    /// Writes every request through `write`, one line at a time.
    public static func write(_ result: AttributionResult, csv: Bool, to write: (String) -> Void) {
        if csv { write(csvHeader + "\n") }
        let counted = result.countedIndices
        for index in result.requests.indices {
            write(csv ? csvLine(result, index, counted) : jsonLine(result, index, counted))
        }
    }

    static func jsonLine(_ result: AttributionResult, _ index: Int, _ counted: [Int]) -> String {
        let request = result.requests[index]
        let (dynamic, idle) = result.totals(at: index, counted: counted)
        var domains: [String] = []
        for (d, domain) in result.domains.enumerated() {
            let dyn = result.dynamic[d][index]
            let idl = result.idle[d][index]
            if dyn != 0 || idl != 0 {
                domains.append(
                    "\(quoted(domain.id.rawValue)):{\"dynamic_joules\":\(joules(dyn)),\"idle_joules\":\(joules(idl))}")
            }
        }
        return "{\"id\":\(quoted(request.id)),\"model\":\(quoted(request.model)),\"tenant\":\(quoted(request.tenant)),"
            + "\"start_ns\":\(request.start.nanosecondsSinceEpoch),\"end_ns\":\(request.end.nanosecondsSinceEpoch),"
            + "\"prompt_tokens\":\(request.promptTokens.map(String.init) ?? "null"),"
            + "\"completion_tokens\":\(request.completionTokens.map(String.init) ?? "null"),"
            + "\"dynamic_joules\":\(joules(dynamic)),\"idle_joules\":\(joules(idle)),\"total_joules\":\(joules(dynamic + idle)),"
            + "\"domains\":{\(domains.joined(separator: ","))},\"method\":\(quoted(result.methods[index]))}\n"
    }

    static func csvLine(_ result: AttributionResult, _ index: Int, _ counted: [Int]) -> String {
        let request = result.requests[index]
        let (dynamic, idle) = result.totals(at: index, counted: counted)
        let fields = [
            csvField(request.id), csvField(request.model), csvField(request.tenant),
            String(request.start.nanosecondsSinceEpoch),
            String(request.end.nanosecondsSinceEpoch), request.promptTokens.map(String.init) ?? "",
            request.completionTokens.map(String.init) ?? "", joules(dynamic), joules(idle), joules(dynamic + idle),
            csvField(result.methods[index]),
        ]
        return fields.joined(separator: ",") + "\n"
    }

    /// Exact joules from µJ: "12.000345".
    static func joules(_ microjoules: Int64) -> String {
        let sign = microjoules < 0 ? "-" : ""
        let magnitude = microjoules.magnitude
        let fraction = String(magnitude % 1_000_000)
        return "\(sign)\(magnitude / 1_000_000).\(String(repeating: "0", count: 6 - fraction.count))\(fraction)"
    }

    static func quoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20:
                out +=
                    "\\u" + String(repeating: "0", count: 4 - String(scalar.value, radix: 16).count)
                    + String(scalar.value, radix: 16)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    static func csvField(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
