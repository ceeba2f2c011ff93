import Foundation
import FrugalCore
import FrugalRuntime
import FrugalServer
import Hummingbird
import HummingbirdTesting
import Logging
import Testing

/// A server over a seeded store, with one token per role, tested in process.
struct TestServer {
    static let adminToken = "admin-secret"
    static let tenantToken = "commune-b-secret"
    static let aggregateToken = "grafana-secret"
    /// "now" for every test: an hour after the seeded windows start.
    static let now = Timestamp(nanosecondsSinceEpoch: SeededStore.t0 + 3_600_000_000_000)
    static let window = "from=2025-11-23T12:00:00Z&to=2025-11-23T13:00:00Z"

    let seeded: SeededStore
    let server: CostServer

    /// `configure`: changes to the default configuration (`[carbon]` keys, …).
    init(tokens: Bool = true, tenantMetrics: Bool = false, configure: (inout FrugalConfig) -> Void = { _ in }) throws {
        seeded = try SeededStore()
        var config = FrugalConfig()
        config.server.tenantMetrics = tenantMetrics
        configure(&config)
        if tokens {
            config.server.tokens = [
                "ops": ServerToken(sha256: SHA256.hex(Self.adminToken), role: .admin),
                "commune-b": ServerToken(sha256: SHA256.hex(Self.tenantToken), role: .tenant("commune-b")),
                "grafana": ServerToken(sha256: SHA256.hex(Self.aggregateToken), role: .aggregate),
            ]
        }
        server = try CostServer(
            config: config, storePath: seeded.path, version: "test", logger: Logger(label: "test"),
            cacheResponses: false, now: { Self.now })
    }

    /// Runs `body` with an in-process client.
    func test(_ body: @Sendable (any TestClientProtocol) async throws -> Void) async throws {
        try await server.application().test(.router, body)
        seeded.remove()
    }
}

extension TestClientProtocol {
    /// GET `uri` with a bearer token; returns the status, content type and decoded JSON body.
    func get(_ uri: String, token: String? = TestServer.adminToken) async throws -> (
        status: HTTPResponse.Status, contentType: String, json: Any?
    ) {
        var headers: HTTPFields = [:]
        if let token { headers[.authorization] = "Bearer \(token)" }
        return try await execute(uri: uri, method: .get, headers: headers) { response in
            let data = Data(response.body.readableBytesView)
            return (
                response.status, response.headers[.contentType] ?? "",
                try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
            )
        }
    }
}

/// `json["a"]["b"]` for tests.
func field(_ json: Any?, _ path: String...) -> Any? {
    var value = json
    for key in path {
        if let index = Int(key), let array = value as? [Any] {
            value = index < array.count ? array[index] : nil
        } else {
            value = (value as? [String: Any])?[key]
        }
    }
    return value
}

func number(_ json: Any?, _ path: String...) -> Double? {
    var value = json
    for key in path {
        if let index = Int(key), let array = value as? [Any] {
            value = index < array.count ? array[index] : nil
        } else {
            value = (value as? [String: Any])?[key]
        }
    }
    return (value as? NSNumber)?.doubleValue
}
