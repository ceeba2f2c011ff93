import Foundation
import FrugalCore

extension ConfigKeys {
    /// The `[attribution]` keys: how measured energy is split among requests.
    static let attribution: [ConfigKey] = [
        .number(
            "attribution", "prompt_token_weight", \.promptTokenWeight, in: 0...10,
            "How many completion tokens one prompt token counts for (α), for models without learned coefficients."),
        ConfigKey(
            section: "attribution", name: "log_clock_offset", type: "duration", defaultValue: "\"0s\"",
            help:
                "Added to gateway log times to put them on the sampler's clock (may be negative: \"-250ms\"), or \"auto\": detected from the data."
        ) { config, raw in
            guard case .string(let text) = raw else { return "expected a duration such as \"250ms\", got \(raw.text)" }
            if text == "auto" {
                config.detectsLogClockOffset = true
                return nil
            }
            config.detectsLogClockOffset = false
            let negative = text.hasPrefix("-")
            guard let value = Quantities.duration(negative ? String(text.dropFirst()) : text), value <= .seconds(3_600)
            else {
                return "expected a duration up to 1h, such as \"250ms\" or \"-2s\", or \"auto\", got \(text)"
            }
            config.logClockOffset = negative ? .zero - value : value
            return nil
        },
        .number(
            "attribution", "idle_percentile", \.idlePercentile, in: 0...0.5,
            "Percentile of a domain's power taken as idle when no idle power is configured."),
        .bool(
            "attribution", "learn_coefficients", \.learnCoefficients,
            "Learn each model's joules per prompt and completion token from the signal of shared accelerators."),
        ConfigKey(
            section: "attribution", table: "pin", type: "table of domain = \"model, model\"",
            help: "Accelerators reserved for models: \"nvml:GPU-…\" = \"llama-3.1-8b\". Others serve every request."
        ) { config, domain, raw in
            guard case .string(let text) = raw else { return "expected model names in a string, got \(raw.text)" }
            let models = Set(
                text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty })
            guard !models.isEmpty else { return "names no model" }
            config.pinnedModels[domain] = models
            return nil
        },
        ConfigKey(
            section: "attribution", table: "upstream", type: "table of backend = \"domain, domain\"",
            help:
                "The accelerators behind each backend the gateway logs (LiteLLM api_base, nginx upstream_addr): \"http://10.0.0.5:8000/v1\" = \"nvml:GPU-…\". A request sent there is attributed to them alone."
        ) { config, backend, raw in
            guard case .string(let text) = raw else {
                return "expected accelerator domains in a string, got \(raw.text)"
            }
            guard let key = Upstream.key(backend) else { return "names no backend" }
            let domains = Set(
                text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty })
            guard !domains.isEmpty else { return "names no domain" }
            config.upstreamDomains[key, default: []].formUnion(domains)
            return nil
        },
        ConfigKey(
            section: "attribution", table: "idle_power", type: "table of domain = power",
            help: "Idle power per domain, e.g. \"nvml:GPU-…\" = \"62W\". Domains not listed are estimated."
        ) { config, domain, raw in
            guard case .string(let text) = raw, let power = Quantities.power(text) else {
                return "expected a power such as \"62W\", got \(raw.text)"
            }
            config.idlePowers[domain] = power
            return nil
        },
        ConfigKey(
            section: "attribution", table: "key", type: "table of domain = tokens|request_time",
            help: "What splits a domain's dynamic energy; default tokens for GPUs, request_time for CPU and DRAM."
        ) { config, domain, raw in
            guard case .string(let text) = raw, let key = WeightingKey(rawValue: text) else {
                return "expected \"tokens\" or \"request_time\", got \(raw.text)"
            }
            config.weightingKeys[domain] = key
            return nil
        },
    ]
}

extension FrugalConfig {
    /// The attribution policy for these domains.
    public func attributionPolicy(for domains: [Domain], coefficients: [String: ModelCoefficients] = [:])
        -> AttributionPolicy
    {
        var policies: [DomainID: DomainPolicy] = [:]
        // Models with accelerators of their own run there: the accelerators
        // left unpinned serve the other models.
        let reserved = Set(domains.compactMap { pinnedModels[$0.id.rawValue] }.joined())
        for domain in domains {
            var policy = DomainPolicy.defaults(for: domain.kind)
            if let key = weightingKeys[domain.id.rawValue] { policy.key = key }
            policy.idlePower = idlePowers[domain.id.rawValue]
            policy.models = pinnedModels[domain.id.rawValue]
            if domain.kind == .gpu && policy.models == nil { policy.excludedModels = reserved }
            if domain.kind == .gpu {
                // A backend names the replica that ran the request: it wins over the model.
                policy.upstreams = Set(upstreamDomains.filter { $0.value.contains(domain.id.rawValue) }.keys)
                policy.foreignUpstreams = Set(upstreamDomains.keys).subtracting(policy.upstreams)
            }
            policies[domain.id] = policy
        }
        return AttributionPolicy(
            domains: policies, promptTokenWeight: promptTokenWeight, coefficients: coefficients,
            logClockOffset: logClockOffset, idlePercentile: idlePercentile)
    }
}
