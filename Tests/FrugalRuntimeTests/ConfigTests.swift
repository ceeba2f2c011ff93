import Foundation
import FrugalCarbon
import FrugalCore
import FrugalRuntime
import Testing

@Suite("Configuration: layers, checks, every problem at once")
struct ConfigTests {
    @Test func defaultsAreTheDocumentedOnes() {
        let config = FrugalConfig()
        #expect(config.interval == .seconds(1))
        #expect(config.store == "sqlite:/var/lib/frugal/frugal.db")
        #expect(config.sqlitePath == "/var/lib/frugal/frugal.db")
        #expect(ConfigKeys.key(section: "sampler", name: "interval")?.defaultValue == "1s")
        #expect(ConfigKeys.key(section: "store", name: "raw_retention")?.defaultValue == "30d")
    }

    @Test func aFileOverridesDefaults() throws {
        let toml = """
            [host]
            name = "gpu-01"
            [sampler]
            interval = "250ms"
            max_domain_power = "1.5kW"
            [probes]
            sysfs_root = "/srv/probes/sys"
            hwmon = "sysfs"
            nvml = "off"
            [store]
            url = "sqlite:/tmp/frugal.db"
            raw_retention = "7d"
            """
        let config = try ConfigLoader.apply(toml: toml, origin: "test.toml", to: FrugalConfig())
        #expect(config.hostName == "gpu-01")
        #expect(config.interval == .milliseconds(250))
        #expect(config.maxDomainPower == Power(watts: 1_500))
        #expect(config.hwmon == .sysfs)
        #expect(config.nvml == .off)
        #expect(config.rawRetention == .seconds(7 * 86_400))
        #expect(config.samplerPolicy.rediscoverEveryTicks == 240)
    }

    @Test func everyProblemIsReportedAtOnce() {
        let toml = """
            [sampler]
            interval = "0s"
            intervall = "1s"
            max_domain_power = 500
            [probes]
            rapl = "yes"
            hwmon = "magic"
            [stor]
            url = "x"
            [store]
            url = "postgres://nope"
            """
        #expect {
            try ConfigLoader.apply(toml: toml, origin: "bad.toml", to: FrugalConfig())
        } throws: { error in
            let problems = (error as? ConfigError)?.problems.map(\.key) ?? []
            return Set(problems) == [
                "sampler.interval", "sampler.intervall", "sampler.max_domain_power", "probes.rapl", "probes.hwmon",
                "stor", "store.url",
            ]
        }
    }

    @Test func unknownKeysNameTheKnownOnes() throws {
        let error = try #require(throws: ConfigError.self) {
            try ConfigLoader.apply(toml: "[sampler]\nintervall = \"1s\"", origin: "f.toml", to: FrugalConfig())
        }
        #expect(error.description.contains("known keys are interval, max_domain_power, rediscover_every"))
    }

    @Test func syntaxErrorsNameTheLine() throws {
        let error = try #require(throws: ConfigError.self) {
            try ConfigLoader.apply(toml: "[sampler]\ninterval = ", origin: "f.toml", to: FrugalConfig())
        }
        #expect(error.problems.first?.origin == "f.toml:2")
    }

    @Test func negativeZeroAndTooFastIntervalsAreRejected() {
        for text in ["-1s", "0s", "50ms", "2m", "soon", ""] {
            #expect(throws: ConfigError.self, "interval \(text)") {
                try ConfigLoader.apply(toml: "[sampler]\ninterval = \"\(text)\"", origin: "f", to: FrugalConfig())
            }
        }
    }

    @Test func environmentOverridesTheFile() throws {
        let config = try ConfigLoader.apply(
            environment: ["FRUGAL_SAMPLER_INTERVAL": "100ms", "FRUGAL_PROBES_RAPL": "FALSE", "PATH": "/bin"],
            to: FrugalConfig())
        #expect(config.interval == .milliseconds(100))
        #expect(config.rapl == false)
        #expect(throws: ConfigError.self) {
            try ConfigLoader.apply(environment: ["FRUGAL_SAMPLER_INTERVALL": "1s"], to: FrugalConfig())
        }
    }

    @Test func attributionTablesPinGPUsAndSetIdlePowers() throws {
        let toml = """
            [attribution]
            prompt_token_weight = 0.3
            log_clock_offset = "-250ms"
            [attribution.pin]
            "nvml:GPU-1" = "llama-8b, llama-8b-fp8"
            [attribution.idle_power]
            "nvml:GPU-1" = "62W"
            [attribution.key]
            "rapl:intel-rapl:0" = "tokens"
            """
        let config = try ConfigLoader.apply(toml: toml, origin: "a.toml", to: FrugalConfig())
        #expect(config.promptTokenWeight == 0.3)
        #expect(config.logClockOffset == .milliseconds(-250))
        let gpu = Domain(
            id: "nvml:GPU-1", kind: .gpu, name: "H100", source: "nvml", method: .energyCounter, location: "x")
        let cpu = Domain(
            id: "rapl:intel-rapl:0", kind: .package, name: "package-0", source: "rapl", method: .energyCounter,
            location: "y")
        let policy = config.attributionPolicy(for: [gpu, cpu])
        #expect(
            policy.domains[gpu.id]
                == DomainPolicy(key: .tokens, idlePower: Power(watts: 62), models: ["llama-8b", "llama-8b-fp8"]))
        #expect(policy.domains[cpu.id]?.key == .tokens)
        #expect(policy.promptTokenWeight == 0.3)
    }

    @Test func backendsMapToTheirGPUsAndAwayFromTheOthers() throws {
        let toml = """
            [attribution.upstream]
            "http://10.0.0.5:8000/v1" = "nvml:GPU-1"
            "10.0.0.6:8000" = "nvml:GPU-2, nvml:GPU-3"
            """
        let config = try ConfigLoader.apply(toml: toml, origin: "a.toml", to: FrugalConfig())
        #expect(
            config.upstreamDomains == [
                "http://10.0.0.5:8000": ["nvml:GPU-1"], "10.0.0.6:8000": ["nvml:GPU-2", "nvml:GPU-3"],
            ])
        let gpus = (1...3).map {
            Domain(
                id: DomainID("nvml:GPU-\($0)"), kind: .gpu, name: "H100", source: "nvml", method: .energyCounter,
                location: "x")
        }
        let cpu = Domain(
            id: "rapl:intel-rapl:0", kind: .package, name: "package-0", source: "rapl", method: .energyCounter,
            location: "y")
        let policy = config.attributionPolicy(for: gpus + [cpu])
        let first = try #require(policy.domains[gpus[0].id])
        #expect(first.upstreams == ["http://10.0.0.5:8000"] && first.foreignUpstreams == ["10.0.0.6:8000"])
        #expect(policy.domains[gpus[2].id]?.upstreams == ["10.0.0.6:8000"])
        // The CPU serves every request, wherever it was sent.
        #expect(policy.domains[cpu.id]?.upstreams == [] && policy.domains[cpu.id]?.foreignUpstreams == [])
        var request = RequestRecord(
            id: "r", host: "h", tenant: "t", model: "llama-8b", start: Timestamp(nanosecondsSinceEpoch: 0),
            end: Timestamp(nanosecondsSinceEpoch: 1_000_000_000), format: "jsonl", upstream: "10.0.0.6:8000/")
        #expect(!first.serves(request) && policy.domains[gpus[1].id]!.serves(request))
        request.upstream = nil
        #expect(first.serves(request), "no backend logged: the model decides")
    }

    @Test func aBackendWithoutDomainsIsNamed() throws {
        let toml = "[attribution.upstream]\n\"http://gpu0:8000\" = \" , \"\n\"/\" = \"nvml:GPU-1\"\n"
        let error = try #require(throws: ConfigError.self) {
            try ConfigLoader.apply(toml: toml, origin: "a.toml", to: FrugalConfig())
        }
        #expect(
            Set(error.problems.map(\.key)) == [
                "attribution.upstream.\"http://gpu0:8000\"", "attribution.upstream.\"/\"",
            ])
    }

    @Test func badAttributionEntriesAreNamed() throws {
        let toml = "[attribution]\nidle_percentile = 0.9\n[attribution.idle_power]\n\"nvml:GPU-1\" = \"lots\"\n"
        let error = try #require(throws: ConfigError.self) {
            try ConfigLoader.apply(toml: toml, origin: "a.toml", to: FrugalConfig())
        }
        #expect(
            Set(error.problems.map(\.key)) == ["attribution.idle_percentile", "attribution.idle_power.\"nvml:GPU-1\""])
    }

    @Test func aConfiguredUpstreamAdderNeedsItsSource() throws {
        let toml = "[carbon.upstream]\ng_per_kwh = 12.5\nsource = \"ADEME Base Empreinte, id 0\"\nyear = 2023\n"
        let config = try ConfigLoader.apply(toml: toml, origin: "a.toml", to: FrugalConfig())
        let upstream = config.carbon.lifecycleIntensity.upstream
        #expect(upstream.gramsPerKilowattHour == 12.5 && upstream.year == 2023 && upstream.key == "configured")
        #expect(upstream.source == "ADEME Base Empreinte, id 0")
        #expect(FrugalConfig().carbon.lifecycleIntensity == .france)
        let bare = try #require(throws: ConfigError.self) {
            try ConfigLoader.apply(toml: "[carbon.upstream]\ng_per_kwh = 12.5\n", origin: "a.toml", to: FrugalConfig())
        }
        #expect(bare.problems.map(\.key) == ["carbon.upstream"])
        #expect(bare.problems[0].message.contains("source"))
        let bad = try #require(throws: ConfigError.self) {
            try ConfigLoader.apply(
                toml: "[carbon.upstream]\ng_per_kwh = -1\nyear = \"last\"\nsorce = \"x\"\n", origin: "a.toml",
                to: FrugalConfig())
        }
        #expect(
            Set(bad.problems.map(\.key)) == [
                "carbon.upstream.\"g_per_kwh\"", "carbon.upstream.\"year\"", "carbon.upstream.\"sorce\"",
            ])
    }

    @Test func quantitiesReadAndWriteBack() {
        #expect(Quantities.duration("1h30m") == .seconds(5_400))
        #expect(Quantities.duration("1.5s") == .milliseconds(1_500))
        #expect(Quantities.duration("10") == nil)
        #expect(Quantities.power("450 W") == Power(watts: 450))
        #expect(Quantities.power("5kW") == Power(watts: 5_000))
        #expect(Quantities.format(.milliseconds(250)) == "250ms")
        #expect(Quantities.format(.seconds(30 * 86_400)) == "30d")
        #expect(Quantities.format(Power(watts: 5_000)) == "5kW")
    }

    @Test func theExampleConfigIsValidAndDocumentsEveryKey() throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
            "../../Deploy/frugal.example.toml")
        let text = try String(contentsOf: url, encoding: .utf8)
        _ = try ConfigLoader.apply(toml: text, origin: "frugal.example.toml", to: FrugalConfig())
        for key in ConfigKeys.all {
            let shown = text.contains("\(key.name) =") || text.contains("[\(key.section).\(key.name)]")
            #expect(shown, "the example should show \(key.path)")
        }
    }
}
