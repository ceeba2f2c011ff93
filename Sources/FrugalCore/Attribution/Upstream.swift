/// The backend a gateway sent a request to, as a key that the log and the
/// configuration agree on.
///
/// Gateways name it differently: LiteLLM logs the deployment's `api_base`
/// (`http://10.0.0.5:8000/v1`), nginx its `upstream_addr` (`10.0.0.5:8000`,
/// or `10.0.0.4:8000, 10.0.0.5:8000` after a retry, groups separated by
/// ` : ` after an internal redirect: the last one answered).
/// The key keeps what identifies the server: the last address of such a
/// list, without surrounding spaces, a trailing `/`, or a trailing `/v1` (an
/// OpenAI-compatible server's API root is not a different server), in lower
/// case. The scheme is kept: `https://gpu0` and `http://gpu0` may differ.
public enum Upstream {
    public static func key(_ logged: String?) -> String? {
        guard let logged else { return nil }
        var text = Substring(logged)
        if let comma = text.lastIndex(of: ",") { text = text[text.index(after: comma)...] }
        // nginx separates redirect groups with " : " (a lone ":" is a port's).
        var index = text.endIndex
        while index > text.startIndex {
            index = text.index(before: index)
            if text[index] == ":", index > text.startIndex, text[text.index(before: index)] == " ",
                text.index(after: index) < text.endIndex, text[text.index(after: index)] == " "
            {
                text = text[text.index(after: index)...]
                break
            }
        }
        text = text.drop { $0 == " " || $0 == "\t" }
        while let last = text.last, last == " " || last == "\t" || last == "/" { text = text.dropLast() }
        if text.hasSuffix("/v1") { text = text.dropLast(3) }
        while text.last == "/" { text = text.dropLast() }
        // nginx writes "-" when no upstream was involved.
        guard !text.isEmpty, text != "-" else { return nil }
        return text.lowercased()
    }
}
