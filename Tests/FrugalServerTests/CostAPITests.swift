import Foundation
import FrugalCarbon
import FrugalCore
import FrugalServer
import HummingbirdTesting
import Testing

@Suite struct CostAPITests {
    @Test func modelsAreSummedFromUsageQuartersAndPricedPerQuarter() async throws {
        try await TestServer().test { client in
            let (status, type, json) = try await client.get("/v1/models?\(TestServer.window)")
            #expect(status == .ok)
            #expect(type == "application/json")
            let models = try #require(field(json, "models") as? [Any])
            #expect(models.count == 2)
            #expect(field(json, "models", "0", "model") as? String == "llama-3.1-8b")
            #expect(number(json, "models", "0", "requests") == 4)
            #expect(number(json, "models", "0", "total", "energy", "dynamic_joules") == 4100)
            #expect(number(json, "models", "0", "total", "energy", "idle_joules") == 1500)
            #expect(number(json, "models", "0", "total", "energy", "full_joules") == 5600)
            #expect(number(json, "models", "0", "per_request", "energy", "full_joules") == 1400)
            // 5,500 J at 40 g/kWh (live) + 100 J in a quarter with no intensity stored, which the
            // resolver prices at the consolidated 60 g/kWh of the quarter before (cached).
            let direct = try #require(number(json, "models", "0", "total", "co2e", "direct_grams"))
            #expect(abs(direct - (5_500 * 40 + 100 * 60) / 3.6e6) < 1e-9)
            let lifecycle = try #require(number(json, "models", "0", "total", "co2e", "lifecycle_grams"))
            // Lifecycle: each quarter's direct intensity plus the upstream adder.
            let upstream = CarbonFactor.franceUpstream
            #expect(abs(lifecycle - (direct + 5_600 * upstream.gramsPerKilowattHour / 3.6e6)) < 1e-9)
            #expect(field(json, "models", "0", "provenance", "lifecycle_factor") as? String == upstream.key)
            // Fitted 2,000 and 8,000 µJ per prefill / decode token: a prompt token weighs 0.25.
            #expect(field(json, "models", "0", "provenance", "token_split") as? String == "coefficients")
            let weighted = 0.25 * 400 + 600
            let perCompletion = try #require(
                number(json, "models", "0", "per1k_completion_tokens", "energy", "full_joules"))
            #expect(abs(perCompletion - 5_600 / weighted * 1_000) < 1e-6)
            let perPrompt = try #require(number(json, "models", "0", "per1k_prompt_tokens", "energy", "full_joules"))
            #expect(abs(perPrompt - 0.25 * perCompletion) < 1e-6)
            let sources = (field(json, "models", "0", "provenance", "intensity") as? [[String: Any]])?.compactMap {
                $0["source"] as? String
            }
            #expect(sources == ["live", "cached"])
            let shares = (field(json, "models", "0", "provenance", "intensity") as? [[String: Any]])?.compactMap {
                $0["energy_share"] as? Double
            }
            #expect(shares.map { abs($0[0] - 5_500 / 5_600) < 1e-12 && abs($0[1] - 100 / 5_600) < 1e-12 } == true)
        }
    }

    @Test func oneModelAndUnknownModels() async throws {
        try await TestServer().test { client in
            let (status, _, json) = try await client.get("/v1/models/mistral-small?\(TestServer.window)")
            #expect(status == .ok)
            #expect(number(json, "total", "co2e", "direct_grams") == 2_000 * 60 / 3.6e6)
            #expect(field(json, "provenance", "token_split") as? String == "prompt_token_weight")
            // Path parameters are percent-decoded: names like meta-llama/Llama-3.1-8B-Instruct travel as %2F.
            let encoded = try await client.get("/v1/models/llama%2D3.1-8b?\(TestServer.window)")
            #expect(encoded.status == .ok && field(encoded.json, "model") as? String == "llama-3.1-8b")
            let bad = try await client.get("/v1/models/llama%ZZ?\(TestServer.window)")
            #expect(bad.status == .badRequest)
            let missing = try await client.get("/v1/models/gpt-17?\(TestServer.window)")
            #expect(missing.status == .notFound)
            #expect(missing.contentType == "application/problem+json")
            #expect((field(missing.json, "detail") as? String)?.contains("/v1/models") == true)
        }
    }

    @Test func oneRequestWithItsDomainsAndWindows() async throws {
        try await TestServer().test { client in
            let (status, _, json) = try await client.get("/v1/requests/req-1")
            #expect(status == .ok)
            #expect(field(json, "request", "start") as? String == "2025-11-23T12:00:10Z")
            #expect(number(json, "request", "energy", "full_joules") == 2_000)
            #expect(field(json, "windows", "0", "intensity_source") as? String == "live")
            #expect(field(json, "windows", "0", "domains", "0", "domain") as? String == "nvml:GPU-0")
            #expect(number(json, "windows", "0", "domains", "0", "dynamic_joules") == 1_400)
            let status1 = try await client.get("/v1/requests/nope").status
            #expect(status1 == .notFound)
        }
    }

    @Test func pagesWalkEveryRequestOnceInStartOrder() async throws {
        try await TestServer().test { client in
            var ids: [String] = []
            var cursor: String?
            repeat {
                let page = try await client.get(
                    "/v1/requests?\(TestServer.window)&limit=2" + (cursor.map { "&cursor=\($0)" } ?? ""))
                #expect(page.status == .ok)
                let requests = try #require(field(page.json, "requests") as? [[String: Any]])
                #expect(requests.count <= 2)
                ids += requests.compactMap { $0["id"] as? String }
                cursor = field(page.json, "next_cursor") as? String
            } while cursor != nil
            #expect(ids == ["req-1", "req-2", "req-3", "req-4", "req-5"])
            let failed = try await client.get("/v1/requests?\(TestServer.window)&status=500")
            #expect((field(failed.json, "requests") as? [Any])?.count == 1)
            let mistral = try await client.get("/v1/requests?\(TestServer.window)&model=mistral-small")
            #expect(field(mistral.json, "requests", "0", "id") as? String == "req-4")
        }
    }

    @Test func badParametersAreProblemsThatSayWhatToSend() async throws {
        try await TestServer().test { client in
            for uri in [
                "/v1/models?from=yesterday", "/v1/models?color=blue", "/v1/requests?limit=0",
                "/v1/requests?limit=100000", "/v1/requests?cursor=zzz", "/v1/models?from=2020-01-01T00:00:00Z",
                "/v1/models?from=2025-11-23T13:00:00Z&to=2025-11-23T12:00:00Z", "/v1/estimate?model=llama-3.1-8b",
            ] {
                let (status, type, json) = try await client.get(uri)
                #expect(status == .badRequest, "\(uri)")
                #expect(type == "application/problem+json", "\(uri)")
                #expect(field(json, "type") as? String != nil)
                #expect(((field(json, "detail") as? String) ?? "").contains("send"), "\(uri)")
            }
            let status2 = try await client.get("/v2/nothing").status
            #expect(status2 == .notFound)
        }
    }

    @Test func estimateUsesFittedCoefficientsWithTheirSpread() async throws {
        try await TestServer().test { client in
            let (status, _, json) = try await client.get(
                "/v1/estimate?model=llama-3.1-8b&prompt_tokens=1000&completion_tokens=500")
            #expect(status == .ok)
            #expect(field(json, "method") as? String == "coefficients")
            // 1000 × 2 mJ + 500 × 8 mJ = 6 J dynamic.
            #expect(number(json, "energy", "dynamic_joules") == 6)
            let low = try #require(number(json, "spread", "low_full_joules"))
            let high = try #require(number(json, "spread", "high_full_joules"))
            let full = try #require(number(json, "energy", "full_joules"))
            #expect(low < full && full < high)
            let perToken = try await client.get(
                "/v1/estimate?model=mistral-small&prompt_tokens=50&completion_tokens=200")
            #expect(field(perToken.json, "method") as? String == "per_token_average")
            #expect(abs((number(perToken.json, "energy", "full_joules") ?? 0) - 2_000) < 1e-6)
            #expect(
                try await client.get("/v1/estimate?model=x&prompt_tokens=1&completion_tokens=1").status == .notFound)
        }
    }

    @Test func hostsGridAndHealth() async throws {
        try await TestServer().test { client in
            let hosts = try await client.get("/v1/hosts?\(TestServer.window)")
            #expect(field(hosts.json, "hosts", "0", "name") as? String == SeededStore.host)
            let book = try #require(field(hosts.json, "hosts", "0", "energy") as? [String: Double])
            #expect(book["measured_joules"] == 11_400)
            #expect(
                book["measured_joules"] == book["idle_joules"]! + book["attributed_joules"]! + book[
                    "unattributed_joules"]!)
            let grid = try await client.get("/v1/grid/intensity?\(TestServer.window)")
            // Every quarter of the window, resolved: the two stored, then the newest feed value (cached).
            let quarters = try #require(field(grid.json, "quarters") as? [[String: Any]])
            #expect(quarters.compactMap { $0["source"] as? String } == ["live", "consolidated", "cached", "cached"])
            #expect(quarters.compactMap { $0["intensity_g_per_kwh"] as? Double } == [40, 60, 60, 60])
            #expect(field(grid.json, "fallback", "source") as? String == "static")
            let status3 = try await client.get("/healthz", token: nil).status
            #expect(status3 == .ok)
            let ready = try await client.get("/readyz", token: nil)
            #expect(ready.status == .ok)
            #expect(number(ready.json, "schema_version") != nil)
        }
    }

    @Test func percentilesComeFromTheMergedQuarterHistograms() async throws {
        let server = try TestServer()
        var histogram = EnergyHistogram()
        histogram.add(Energy(joules: 1_000), count: 8)
        histogram.add(Energy(joules: 3_000), count: 2)
        let hex = histogram.encoded.map { String($0, radix: 16) }.map { $0.count == 1 ? "0" + $0 : $0 }.joined()
        try server.seeded.execute("UPDATE usage_quarter SET cost_histogram = x'\(hex)' WHERE model = 'llama-3.1-8b'")
        try await server.test { client in
            let (_, _, json) = try await client.get("/v1/models/llama-3.1-8b?\(TestServer.window)")
            let p50 = try #require(number(json, "per_request", "full_joules_p50"))
            let p90 = try #require(number(json, "per_request", "full_joules_p90"))
            #expect(abs(p50 / 1_000 - 1) < 0.03)
            #expect(abs(p90 / 3_000 - 1) < 0.03)
        }
    }
}
