import Foundation
import Hummingbird

/// An error answered as `application/problem+json` (RFC 9457): what went
/// wrong and, in `detail`, what to send instead.
public struct Problem: HTTPResponseError, Encodable, Sendable {
    /// The kinds of problem, each with its own `type` URI and title.
    public enum Kind: String, Sendable, CaseIterable {
        case invalidParameter = "invalid-parameter"
        case windowTooLong = "window-too-long"
        case unauthorized
        case forbidden
        case notFound = "not-found"
        case methodNotAllowed = "method-not-allowed"
        case notReady = "not-ready"
        case storeError = "store-error"

        var title: String {
            switch self {
            case .invalidParameter: "A query parameter is invalid"
            case .windowTooLong: "The time window is too long"
            case .unauthorized: "A bearer token is required"
            case .forbidden: "This token's role may not read this"
            case .notFound: "Not found"
            case .methodNotAllowed: "Method not allowed"
            case .notReady: "The store is not ready"
            case .storeError: "The store could not answer"
            }
        }

        var status: HTTPResponse.Status {
            switch self {
            case .invalidParameter, .windowTooLong: .badRequest
            case .unauthorized: .unauthorized
            case .forbidden: .forbidden
            case .notFound: .notFound
            case .methodNotAllowed: .methodNotAllowed
            case .notReady: .serviceUnavailable
            case .storeError: .internalServerError
            }
        }
    }

    public let kind: Kind
    public let detail: String
    /// The parameter at fault, when there is one.
    public let parameter: String?

    public init(_ kind: Kind, _ detail: String, parameter: String? = nil) {
        self.kind = kind
        self.detail = detail
        self.parameter = parameter
    }

    public var status: HTTPResponse.Status { kind.status }

    enum CodingKeys: String, CodingKey { case type, title, status, detail, parameter }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode("urn:frugal:problem:\(kind.rawValue)", forKey: .type)
        try container.encode(kind.title, forKey: .title)
        try container.encode(Int(kind.status.code), forKey: .status)
        try container.encode(detail, forKey: .detail)
        try container.encodeIfPresent(parameter, forKey: .parameter)
    }

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        var headers: HTTPFields = [.contentType: "application/problem+json"]
        if kind == .unauthorized { headers[.wwwAuthenticate] = "Bearer realm=\"frugal\"" }
        if kind == .methodNotAllowed { headers[.allow] = "GET" }
        let body = (try? JSONEncoder().encode(self)) ?? Data("{}".utf8)
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: body)))
    }
}
