import Foundation
import FrugalRuntime
import FrugalServer
import HummingbirdTesting
import Testing

@Suite struct AuthTests {
    @Test func aTenantTokenSeesOnlyItsTenant() async throws {
        try await TestServer().test { client in
            let token = TestServer.tenantToken
            let page = try await client.get("/v1/requests?\(TestServer.window)", token: token)
            #expect(page.status == .ok)
            let tenants = (field(page.json, "requests") as? [[String: Any]])?.compactMap { $0["tenant"] as? String }
            #expect(tenants == ["commune-b"])
            // Another tenant's request is as unknown as a missing one.
            let status1 = try await client.get("/v1/requests/req-1", token: token).status
            #expect(status1 == .notFound)
            let status2 = try await client.get("/v1/requests/req-3", token: token).status
            #expect(status2 == .ok)
            let status3 = try await client.get("/v1/requests?tenant=commune-a", token: token).status
            #expect(status3 == .forbidden)
            let list = try await client.get("/v1/tenants?\(TestServer.window)", token: token)
            #expect(
                (field(list.json, "tenants") as? [[String: Any]])?.compactMap { $0["tenant"] as? String } == [
                    "commune-b"
                ])
            let models = try await client.get("/v1/models?\(TestServer.window)", token: token)
            #expect(number(models.json, "models", "0", "requests") == 1)
            #expect(number(models.json, "models", "0", "total", "energy", "full_joules") == 1_500)
            let status4 = try await client.get("/v1/hosts", token: token).status
            #expect(status4 == .forbidden)
            let status5 = try await client.get("/metrics", token: token).status
            #expect(status5 == .forbidden)
        }
    }

    @Test func anAggregateTokenReadsSumsButNoSingleRequest() async throws {
        try await TestServer().test { client in
            let token = TestServer.aggregateToken
            let status6 = try await client.get("/v1/models", token: token).status
            #expect(status6 == .ok)
            let status7 = try await client.get("/v1/tenants", token: token).status
            #expect(status7 == .ok)
            let status8 = try await client.get("/metrics", token: token).status
            #expect(status8 == .ok)
            let status9 = try await client.get("/v1/requests", token: token).status
            #expect(status9 == .forbidden)
            let status10 = try await client.get("/v1/requests/req-1", token: token).status
            #expect(status10 == .forbidden)
        }
    }

    @Test func missingOrUnknownTokensAreRefusedWithAChallenge() async throws {
        try await TestServer().test { client in
            let missing = try await client.get("/v1/models", token: nil)
            #expect(missing.status == .unauthorized)
            #expect(missing.contentType == "application/problem+json")
            let status11 = try await client.get("/v1/models", token: "guess").status
            #expect(status11 == .unauthorized)
            let status12 = try await client.get("/openapi.json", token: nil).status
            #expect(status12 == .ok)
        }
    }

    @Test func noTokensMeansOpenOnLoopbackOnly() throws {
        let seeded = try SeededStore()
        defer { seeded.remove() }
        var config = FrugalConfig()
        config.server.listen = "0.0.0.0:9464"
        #expect(throws: ServerSetupError.self) {
            try CostServer(config: config, storePath: seeded.path, version: "test", logger: .init(label: "test"))
        }
        config.server.listen = "127.0.0.1:9464"
        _ = try CostServer(config: config, storePath: seeded.path, version: "test", logger: .init(label: "test"))
    }

    @Test func tokensAreConfiguredByTheirHash() throws {
        // The SHA-256 of "abc" (FIPS 180-2, appendix B.1).
        #expect(SHA256.hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        let toml = """
            [server]
            listen = "127.0.0.1:9464"
            [server.tokens]
            grafana = "aggregate sha256:\(SHA256.hex("x"))"
            commune = "tenant:commune-a sha256:\(SHA256.hex("y"))"
            """
        let config = try ConfigLoader.apply(toml: toml, origin: "test.toml", to: FrugalConfig())
        #expect(config.server.tokens["commune"]?.role == .tenant("commune-a"))
        #expect(throws: ConfigError.self) {
            try ConfigLoader.apply(
                toml: "[server.tokens]\nx = \"root sha256:00\"", origin: "t", to: FrugalConfig())
        }
    }
}
