import FrugalIngestUnderTest

// libFuzzer calls the entry on one thread.
nonisolated(unsafe) let scanner = JSONScanner(
    query: JSONQuery([
        "id", "a", "a.b", "a.b.c", "metadata.user_api_key_hash", "metadata.usage_object.prompt_tokens",
        "response.usage.prompt_tokens", "startTime", "", "\u{e9}",
    ]), limits: JSONLimits(maxDepth: 32, maxStringBytes: 4_096))

/// libFuzzer entry: the whole input is one JSON text. Whatever it holds,
/// the scanner either accepts it or says why, and what it extracts is
/// consistent with the query.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    do throws(JSONScanError) {
        try scanner.scan(UnsafeRawBufferPointer(start: data, count: size))
        for slot in 0..<scanner.query.count {
            if case .string(let s) = scanner[slot] { precondition(s.utf8.count <= 4 * size + 4) }
        }
    } catch {
        switch error {
        case .unexpected(_, let offset), .invalidUTF8(let offset), .trailingData(let offset):
            precondition(offset >= 0 && offset < max(size, 1), "an offset outside the input")
        default: break
        }
    }
    return 0
}
