import CCurl

/// `HTTPGetting` over libcurl's easy interface: one handle per request (the
/// fetcher makes a few per quarter hour), a whole-request timeout, no
/// signals (safe in a multi-threaded daemon), gzip accepted, redirects followed.
public struct CurlHTTPClient: HTTPGetting {
    /// `curl_global_init` is not thread-safe: done once, before any handle.
    private static let initialised: Bool = curl_global_init(Int(CURL_GLOBAL_DEFAULT)) == CURLE_OK

    public let userAgent: String

    public init(userAgent: String = "frugal (energy and carbon meter; +https://github.com/)") {
        self.userAgent = userAgent
    }

    public func get(url: String, timeout: Duration) throws(HTTPFailure) -> HTTPResponse {
        guard Self.initialised, let handle = curl_easy_init() else {
            throw HTTPFailure(kind: .transport, message: "libcurl could not be initialised")
        }
        defer { curl_easy_cleanup(handle) }
        let body = Buffer()
        let headers = Buffer()
        let milliseconds = max(1, Int(timeout.nanoseconds / 1_000_000))
        frugal_curl_set_string(handle, CURLOPT_URL, url)
        frugal_curl_set_long(handle, CURLOPT_TIMEOUT_MS, milliseconds)
        frugal_curl_set_long(handle, CURLOPT_CONNECTTIMEOUT_MS, milliseconds)
        frugal_curl_set_long(handle, CURLOPT_NOSIGNAL, 1)
        frugal_curl_set_long(handle, CURLOPT_FOLLOWLOCATION, 1)
        frugal_curl_set_long(handle, CURLOPT_MAXREDIRS, 5)
        frugal_curl_set_string(handle, CURLOPT_USERAGENT, userAgent)
        frugal_curl_set_string(handle, CURLOPT_ACCEPT_ENCODING, "")
        frugal_curl_set_write_callback(handle, Buffer.append)
        // Without a header callback, libcurl hands headers to the write
        // callback with CURLOPT_HEADERDATA as its context.
        let code = withExtendedLifetime((body, headers)) { () -> CURLcode in
            frugal_curl_set_pointer(handle, CURLOPT_WRITEDATA, Unmanaged.passUnretained(body).toOpaque())
            frugal_curl_set_pointer(handle, CURLOPT_HEADERDATA, Unmanaged.passUnretained(headers).toOpaque())
            return curl_easy_perform(handle)
        }
        guard code == CURLE_OK else {
            let message = String(cString: curl_easy_strerror(code))
            throw HTTPFailure(kind: code == CURLE_OPERATION_TIMEDOUT ? .timeout : .transport, message: message)
        }
        var status = 0
        frugal_curl_response_code(handle, &status)
        return HTTPResponse(status: status, headers: Self.parseHeaders(headers.bytes), body: body.bytes)
    }

    /// The last response's headers (after redirects), names lowercased.
    static func parseHeaders(_ bytes: [UInt8]) -> [String: String] {
        var out: [String: String] = [:]
        for line in String(decoding: bytes, as: UTF8.self).split(separator: "\r\n") {
            if line.hasPrefix("HTTP/") {
                out = [:]
                continue
            }
            guard let colon = line.firstIndex(of: ":") else { continue }
            out[line[..<colon].lowercased()] = String(line[line.index(after: colon)...]).trimmingSpaces()
        }
        return out
    }

    /// Bytes libcurl hands over, for one request on one thread.
    private final class Buffer {
        var bytes: [UInt8] = []

        static let append: frugal_curl_write_callback = { data, size, count, context in
            guard let data, let context else { return 0 }
            let buffer = Unmanaged<Buffer>.fromOpaque(context).takeUnretainedValue()
            let length = size * count
            data.withMemoryRebound(to: UInt8.self, capacity: length) {
                buffer.bytes.append(contentsOf: UnsafeBufferPointer(start: $0, count: length))
            }
            return length
        }
    }
}
