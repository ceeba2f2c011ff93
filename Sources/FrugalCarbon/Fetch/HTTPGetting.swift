/// The one HTTP call the carbon fetcher makes, behind a protocol so tests can
/// count attempts and the daemon can use libcurl.
public protocol HTTPGetting: Sendable {
    /// GETs `url`; a response with any status is a success here, a transport
    /// failure (timeout, refused, DNS) is thrown.
    func get(url: String, timeout: Duration) throws(HTTPFailure) -> HTTPResponse
}

/// A response: its status, its headers (names lowercased) and its body.
public struct HTTPResponse: Hashable, Sendable {
    public var status: Int
    public var headers: [String: String]
    public var body: [UInt8]

    public init(status: Int, headers: [String: String] = [:], body: [UInt8]) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// `Retry-After` in seconds (the delta form; an HTTP date is ignored).
    public var retryAfter: Duration? {
        guard let text = headers["retry-after"], let seconds = Int(text.trimmingSpaces()), seconds >= 0 else {
            return nil
        }
        return .seconds(seconds)
    }
}

/// Why no response came back.
public struct HTTPFailure: Error, Hashable, Sendable, CustomStringConvertible {
    public enum Kind: String, Hashable, Sendable {
        /// The whole request took longer than its timeout.
        case timeout
        /// Connection refused, DNS, TLS, reset…
        case transport
    }

    public var kind: Kind
    public var message: String

    public init(kind: Kind, message: String) {
        self.kind = kind
        self.message = message
    }

    public var description: String { "\(kind.rawValue): \(message)" }
}
