import FrugalCore

/// The estimate written with every ingested request (`requests.estimated_uj`):
/// EcoLogits' formula at the model's active parameter count, over the
/// request's own latency as logged (start to end, as EcoLogits takes the
/// call's wall time); EcoLogits' latency regression when the log gives none.
/// No estimate for a model outside the catalogue or without an output token
/// count: EcoLogits has no input for those.
extension ModelCatalogue: RequestEnergyEstimator {
    public func estimatedEnergy(of requests: [RequestRecord]) -> [Energy?] {
        // A batch holds a handful of models: look each name up once.
        var entries: [String: Entry?] = [:]
        return requests.map { request in
            guard let tokens = request.completionTokens, tokens >= 0 else { return nil }
            let entry: Entry?
            if let known = entries[request.model] {
                entry = known
            } else {
                entry = self.entry(for: request.model)
                entries[request.model] = entry
            }
            guard let entry else { return nil }
            let nanoseconds = request.end.nanosecondsSinceEpoch - request.start.nanosecondsSinceEpoch
            let latency = nanoseconds > 0 ? Double(nanoseconds) / 1e9 : nil
            return estimatedEnergy(entry: entry, completionTokens: Int64(tokens), latencySeconds: latency)
        }
    }
}
