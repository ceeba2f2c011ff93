extension SimulationResult {
    /// Writes the ground truth as JSON lines, in three kinds:
    ///
    /// - one `"type":"scenario"` line (name, seed, window, request count);
    /// - one `"type":"domain"` line per domain: `total_uj` (unwrapped counter
    ///   advance), `idle_uj`, `requests_uj` (`idle_uj + requests_uj = total_uj`),
    ///   `idle_baseline_uj` (idle power × window), `wraps`, first and last reading;
    /// - one `"type":"request"` line per request, in log order: its ids in each
    ///   format, true instants (ns), tokens, the GPUs that served it, and
    ///   `energy_uj` per domain with `gpu_uj`, `cpu_uj` (packages), `dram_uj`
    ///   and `total_uj`.
    ///
    /// Every figure is integer microjoules, and for every domain the requests'
    /// energies plus idle equal the counter's advance exactly.
    public func writeTruth(to stream: inout some TextOutputStream) {
        stream.write(scenarioLine() + "\n")
        for index in domains.indices { stream.write(domainLine(index) + "\n") }
        for request in requests { stream.write(requestLine(request) + "\n") }
    }

    public func writeTruth(toFile path: String) throws {
        try FileTextStream.writing(to: path) { writeTruth(to: &$0) }
    }

    private func scenarioLine() -> String {
        "{\"type\":\"scenario\",\"name\":" + JSONText.string(scenario.name) + ",\"seed\":\(scenario.seed)"
            + ",\"host\":" + JSONText.string(scenario.host)
            + ",\"start_ns\":\(scenario.start.nanosecondsSinceEpoch),\"duration_s\":\(scenario.durationSeconds)"
            + ",\"sample_interval_ms\":\(scenario.sampleIntervalMilliseconds),\"step_ms\":\(scenario.stepMilliseconds)"
            + ",\"requests\":\(requests.count)}"
    }

    private func domainLine(_ index: Int) -> String {
        let domain = domains[index]
        let truth = self.truth.domains[index]
        return "{\"type\":\"domain\",\"domain\":" + JSONText.string(domain.domain.id.rawValue)
            + ",\"kind\":\"" + domain.domain.kind.rawValue + "\",\"parent\":"
            + JSONText.optionalString(domain.domain.parent?.rawValue) + ",\"idle_power_w\":\(domain.idlePowerWatts)"
            + ",\"resolution_uj\":\(domain.resolutionMicrojoules)"
            + ",\"range_uj\":" + JSONText.optional(domain.domain.counterRangeMicrojoules)
            + ",\"total_uj\":\(truth.totalMicrojoules),\"idle_uj\":\(truth.idleMicrojoules)"
            + ",\"requests_uj\":\(truth.requestsMicrojoules),\"idle_baseline_uj\":\(truth.idleBaselineMicrojoules)"
            + ",\"wraps\":\(truth.wraps),\"first_reading_uj\":\(counterReadings[index].first!)"
            + ",\"last_reading_uj\":\(counterReadings[index].last!)}"
    }

    private func requestLine(_ r: SimulatedRequest) -> String {
        var byKind: [String: Int64] = ["gpu": 0, "cpu": 0, "dram": 0]
        var energy = "{"
        for (position, share) in truth.requests[r.index].enumerated() {
            let domain = domains[share.domain].domain
            if position > 0 { energy += "," }
            energy += JSONText.string(domain.id.rawValue) + ":\(share.microjoules)"
            let kind = domain.kind == .gpu ? "gpu" : domain.kind == .dram ? "dram" : "cpu"
            byKind[kind, default: 0] += share.microjoules
        }
        energy += "}"
        let gpus = r.gpus.map { JSONText.string(domains[$0].domain.id.rawValue) }.joined(separator: ",")
        var s = "{\"type\":\"request\",\"id\":" + JSONText.string(r.id) + ",\"request_id\":\"" + r.key + "\""
        s += ",\"albert_id\":\(r.albertID),\"tenant\":" + JSONText.string(r.tenant)
        s += ",\"model\":" + JSONText.string(r.model) + ",\"gpus\":[" + gpus + "]"
        s +=
            ",\"arrival_ns\":\(r.arrival.nanosecondsSinceEpoch),\"prefill_start_ns\":\(r.prefillStart.nanosecondsSinceEpoch)"
        s +=
            ",\"first_token_ns\":\(r.prefillEnd.nanosecondsSinceEpoch),\"decode_end_ns\":\(r.decodeEnd.nanosecondsSinceEpoch)"
        s += ",\"end_ns\":\(r.end.nanosecondsSinceEpoch),\"prompt_tokens\":\(r.promptTokens)"
        s += ",\"completion_tokens\":\(r.completionTokens),\"status\":\(r.status),\"stream\":\(r.streaming)"
        s += ",\"energy_uj\":" + energy + ",\"gpu_uj\":\(byKind["gpu"]!),\"cpu_uj\":\(byKind["cpu"]!)"
        s += ",\"dram_uj\":\(byKind["dram"]!),\"total_uj\":\(truth.totalMicrojoules(request: r.index))}"
        return s
    }
}
