import Foundation
import FrugalCarbon
import FrugalCore
import FrugalServer
import HummingbirdTesting
import Testing

/// The API's SCI = (E·I + M) / R against the seeded store, by hand: `[carbon]
/// pue`, `[carbon.embodied]` and `lifecycle = false` as `frugal carbon footprint` applies them.
@Suite struct CarbonSCITests {
    /// 876.6 kgCO2e over 1 year (8,766 h) at an inference share of 0.5: 50 g/h, 12.5 g per quarter hour.
    static func embodiedAndPUE() throws -> TestServer {
        try TestServer { config in
            config.carbon.pue = 1.5
            config.carbon.embodiedManufacturingKilograms = 876.6
            config.carbon.embodiedLifetimeYears = 1
            config.carbon.embodiedInferenceShare = 0.5
        }
    }

    static func near(_ value: Double?, _ expected: Double, _ tolerance: Double = 1e-9) -> Bool {
        value.map { abs($0 - expected) <= tolerance } ?? false
    }

    @Test func modelsCountPUEAndEmbodiedAllocatedLikeIdle() async throws {
        try await Self.embodiedAndPUE().test { client in
            let (status, _, json) = try await client.get("/v1/models?\(TestServer.window)")
            #expect(status == .ok)
            // llama-3.1-8b: 5,500 J at 40 g/kWh and 100 J at 60 g/kWh, × PUE 1.5.
            let operational = (5_500 * 40 + 100 * 60) / 3.6e6 * 1.5
            #expect(Self.near(number(json, "models", "0", "total", "co2e", "direct_grams"), operational))
            let upstream = CarbonFactor.franceUpstream.gramsPerKilowattHour
            #expect(
                Self.near(
                    number(json, "models", "0", "total", "co2e", "lifecycle_grams"),
                    operational + 5_600 * 1.5 * upstream / 3.6e6))
            // Joules stay as measured; E (after PUE) is in the sci block.
            #expect(number(json, "models", "0", "total", "energy", "full_joules") == 5_600)
            #expect(number(json, "models", "0", "sci", "energy_joules") == 8_400)
            #expect(number(json, "models", "0", "sci", "pue") == 1.5)
            #expect(field(json, "models", "0", "sci", "scope") as? String == "components")
            #expect(field(json, "models", "0", "sci", "embodied") as? String == "configured")
            #expect(field(json, "models", "0", "provenance", "embodied") as? String == "configured")
            #expect((field(json, "models", "0", "sci", "boundary") as? String)?.hasSuffix("× PUE 1.5") == true)
            // M: quarter 0 holds all the host's idle energy in llama's rows (12.5 g); quarter 2 has no
            // idle, its 12.5 g goes by total energy, all llama's. Quarter 1 is mistral-small's alone.
            #expect(Self.near(number(json, "models", "0", "sci", "embodied_grams"), 25))
            #expect(Self.near(number(json, "models", "1", "sci", "embodied_grams"), 12.5))
            #expect(Self.near(number(json, "models", "0", "sci", "operational_grams"), operational))
            #expect(Self.near(number(json, "models", "0", "sci", "grams_per_request"), (operational + 25) / 4))
            #expect(Self.near(number(json, "models", "0", "per_request", "sci_grams"), (operational + 25) / 4))
            // 400 prompt + 600 completion tokens.
            #expect(Self.near(number(json, "models", "0", "sci", "grams_per_thousand_tokens"), operational + 25))
            let mistral = 2_000 * 60 / 3.6e6 * 1.5
            #expect(Self.near(number(json, "models", "1", "sci", "grams_per_request"), mistral + 12.5))
        }
    }

    @Test func tenantsAndTenantTokensShareEachHostQuarter() async throws {
        try await Self.embodiedAndPUE().test { client in
            let (_, _, json) = try await client.get("/v1/tenants?\(TestServer.window)")
            // Quarter 0's 12.5 g by idle: commune-a 1,000 J, commune-b 500 J; quarters 1 and 2 are commune-a's.
            #expect(field(json, "tenants", "0", "tenant") as? String == "commune-a")
            #expect(Self.near(number(json, "tenants", "0", "sci", "embodied_grams"), 12.5 * 2 / 3 + 25))
            #expect(Self.near(number(json, "tenants", "1", "sci", "embodied_grams"), 12.5 / 3))
            // A tenant token sees its share of the host's quarter, not the whole quarter.
            let own = try await client.get("/v1/models?\(TestServer.window)", token: TestServer.tenantToken)
            #expect(Self.near(number(own.json, "models", "0", "sci", "embodied_grams"), 12.5 / 3))
        }
    }

    @Test func oneRequestCarriesItsWindowsShareOfEmbodied() async throws {
        try await Self.embodiedAndPUE().test { client in
            // req-1: 2,000 J at 40 g/kWh in quarter 0, 500 J of the host's 1,500 J idle there.
            let (_, _, json) = try await client.get("/v1/requests/req-1")
            let operational = 2_000 * 40 / 3.6e6 * 1.5
            #expect(Self.near(number(json, "request", "co2e", "direct_grams"), operational))
            #expect(Self.near(number(json, "request", "sci", "embodied_grams"), 12.5 / 3))
            #expect(Self.near(number(json, "request", "sci", "grams_per_request"), operational + 12.5 / 3))
            #expect(
                Self.near(number(json, "request", "sci", "grams_per_thousand_tokens"), (operational + 12.5 / 3) * 2.5))
            // req-4 is alone in quarter 1 without idle: the whole quarter, by total energy.
            let alone = try await client.get("/v1/requests/req-4")
            #expect(Self.near(number(alone.json, "request", "sci", "embodied_grams"), 12.5))
            // Lists carry no sci block (M needs each request's windows).
            let page = try await client.get("/v1/requests?\(TestServer.window)")
            #expect(field(page.json, "requests", "0", "sci") == nil)
            #expect(field(page.json, "requests", "0", "co2e", "direct_grams") != nil)
        }
    }

    @Test func aConfiguredUpstreamAdderReplacesTheBundledOne() async throws {
        let server = try TestServer { config in
            config.carbon.upstreamGramsPerKilowattHour = 12
            config.carbon.upstreamSource = "ADEME Base Empreinte, test value"
        }
        try await server.test { client in
            let (status, _, json) = try await client.get("/v1/models?\(TestServer.window)")
            #expect(status == .ok)
            let direct = (5_500 * 40 + 100 * 60) / 3.6e6
            #expect(
                Self.near(number(json, "models", "0", "total", "co2e", "lifecycle_grams"), direct + 5_600 * 12 / 3.6e6))
            #expect(field(json, "models", "0", "provenance", "lifecycle_factor") as? String == "configured")
        }
    }

    @Test func lifecycleOffAndNodeBoundaryAreStated() async throws {
        let server = try TestServer { config in
            config.carbon.lifecycle = false
            config.carbon.boundary = "node"
        }
        try await server.test { client in
            let (status, _, json) = try await client.get("/v1/models?\(TestServer.window)")
            #expect(status == .ok)
            let direct = (5_500 * 40 + 100 * 60) / 3.6e6
            #expect(Self.near(number(json, "models", "0", "total", "co2e", "direct_grams"), direct))
            #expect(field(json, "models", "0", "total", "co2e") != nil)
            #expect(field(json, "models", "0", "total", "co2e", "lifecycle_grams") == nil)
            #expect(field(json, "models", "0", "per_request", "co2e", "lifecycle_grams") == nil)
            #expect(field(json, "models", "0", "provenance", "lifecycle_factor") == nil)
            #expect(field(json, "models", "0", "sci", "scope") as? String == "node")
            #expect(field(json, "models", "0", "sci", "boundary") as? String == "E = the whole node as metered, no PUE")
            #expect(field(json, "models", "0", "sci", "embodied") as? String == "not_configured")
            #expect(number(json, "models", "0", "sci", "embodied_grams") == 0)
            #expect(Self.near(number(json, "models", "0", "sci", "grams_per_request"), direct / 4))
            let request = try await client.get("/v1/requests/req-1")
            #expect(field(request.json, "request", "co2e", "lifecycle_grams") == nil)
            #expect(Self.near(number(request.json, "request", "sci", "grams_per_request"), 2_000 * 40 / 3.6e6))
        }
    }
}
