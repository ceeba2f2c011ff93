import CCurl
import CZlib
import Testing

/// The C libraries link and their shims call through (the variadic and macro
/// entry points Swift cannot reach directly).
@Suite("C shims: libcurl and zlib")
struct CShimTests {
    @Test func curlSetsOptionsThroughTheShims() throws {
        #expect(curl_global_init(Int(CURL_GLOBAL_DEFAULT)) == CURLE_OK)
        defer { curl_global_cleanup() }
        let handle = try #require(curl_easy_init())
        defer { curl_easy_cleanup(handle) }
        #expect(frugal_curl_set_string(handle, CURLOPT_URL, "http://127.0.0.1:9/") == CURLE_OK)
        #expect(frugal_curl_set_long(handle, CURLOPT_TIMEOUT_MS, 200) == CURLE_OK)
        // Nothing listens on the discard port: a clear error, not a crash.
        let result = curl_easy_perform(handle)
        #expect(result == CURLE_COULDNT_CONNECT || result == CURLE_OPERATION_TIMEDOUT)
        var code = 0
        #expect(frugal_curl_response_code(handle, &code) == CURLE_OK)
        #expect(code == 0)
    }

    @Test func zlibOpensAGzipStream() {
        var stream = z_stream()
        #expect(frugal_inflate_init_gzip(&stream) == Z_OK)
        #expect(inflateEnd(&stream) == Z_OK)
    }
}
