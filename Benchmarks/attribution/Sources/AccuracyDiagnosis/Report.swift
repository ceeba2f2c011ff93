import FrugalCore
import FrugalSimulation

/// Per-request errors, and their breakdown by what the request was.
struct Report {
    struct Row {
        var error: Double
        var gpuError: Double
        var model: String
        var firstTokenLogged: Bool
        var batch: Double
        var seconds: Double
        var prefillShare: Double
    }

    var rows: [Row] = []
    var replicaAgreement = 0
    var replicaChecked = 0

    init(setup: Setup, attribution: AttributionResult) {
        let result = setup.result
        let counted = attribution.countedIndices
        let gpuIndices = attribution.domains.indices.filter { attribution.domains[$0].kind == .gpu }
        let position = Dictionary(
            uniqueKeysWithValues: attribution.requests.indices.map { (attribution.requests[$0].id, $0) })
        let countedIDs = Set(counted.map { attribution.domains[$0].id })
        let batches = Self.decodeBatches(result.requests)
        for (index, request) in result.requests.enumerated() {
            let shares = result.truth.requests[index]
            let truth = shares.filter { countedIDs.contains(result.domains[$0.domain].domain.id) }
                .reduce(Int64(0)) { $0 + $1.microjoules }
            guard truth >= 1_000_000, let at = position[setup.records[index].id] else { continue }
            let estimate = attribution.totals(at: at, counted: counted).dynamic
            let gpuTruth = shares.filter { result.domains[$0.domain].domain.kind == .gpu }.reduce(Int64(0)) {
                $0 + $1.microjoules
            }
            if request.gpus.count == 1 {
                let estimated = gpuIndices.max { attribution.dynamic[$0][at] < attribution.dynamic[$1][at] }!
                let domainsOfGPU = result.domains.indices.filter { result.domains[$0].domain.kind == .gpu }
                replicaChecked += 1
                if attribution.domains[estimated].id == result.domains[domainsOfGPU[request.gpus[0]]].domain.id {
                    replicaAgreement += 1
                }
            }
            let gpuEstimate = gpuIndices.reduce(Int64(0)) { $0 + attribution.dynamic[$1][at] }
            let model = result.scenario.models[request.modelIndex]
            let prefill = Double(request.promptTokens) * model.prefillJoulesPerToken
            let decode = Double(request.completionTokens) * model.decodeJoulesPerToken
            rows.append(
                Row(
                    error: abs(Double(estimate - truth)) / Double(truth),
                    gpuError: gpuTruth > 0 ? abs(Double(gpuEstimate - gpuTruth)) / Double(gpuTruth) : 0,
                    model: request.model, firstTokenLogged: request.loggedFirstToken != nil, batch: batches[index],
                    seconds: Double((request.end - request.arrival).nanoseconds) / 1e9,
                    prefillShare: prefill / max(prefill + decode, 1e-9)))
        }
    }

    /// Per request, the mean number of requests decoding on its GPUs during its decode.
    static func decodeBatches(_ requests: [SimulatedRequest]) -> [Double] {
        let byUnit = Dictionary(grouping: requests.indices, by: { requests[$0].gpus })
        var batches = [Double](repeating: 1, count: requests.count)
        for (_, members) in byUnit {
            let sorted = members.sorted { requests[$0].prefillEnd < requests[$1].prefillEnd }
            for i in sorted {
                let a = requests[i].prefillEnd.nanosecondsSinceEpoch
                let b = requests[i].decodeEnd.nanosecondsSinceEpoch
                guard b > a else { continue }
                var overlap = 0.0
                for j in sorted {
                    let s = requests[j].prefillEnd.nanosecondsSinceEpoch
                    if s >= b { break }
                    let e = requests[j].decodeEnd.nanosecondsSinceEpoch
                    overlap += Double(max(0, min(b, e) - max(a, s)))
                }
                batches[i] = overlap / Double(b - a)
            }
        }
        return batches
    }

    func print() {
        Swift.print("largest GPU share on the true GPU: \(replicaAgreement) of \(replicaChecked)")
        Swift.print(Self.line("all", rows))
        for model in Set(rows.map(\.model)).sorted() {
            Swift.print(Self.line(model, rows.filter { $0.model == model }))
        }
        Swift.print(Self.line("first token logged", rows.filter(\.firstTokenLogged)))
        Swift.print(Self.line("no first token", rows.filter { !$0.firstTokenLogged }))
        for (low, high) in [(0.0, 1.5), (1.5, 3), (3, 6), (6, 12), (12, 1000)] {
            Swift.print(Self.line("batch \(low)–\(high)", rows.filter { $0.batch >= low && $0.batch < high }))
        }
        for (low, high) in [(0.0, 1.0), (1, 3), (3, 10), (10, 1000)] {
            Swift.print(Self.line("\(low)–\(high) s", rows.filter { $0.seconds >= low && $0.seconds < high }))
        }
        for (low, high) in [(0.0, 0.05), (0.05, 0.2), (0.2, 1.01)] {
            Swift.print(
                Self.line("prefill \(low)–\(high)", rows.filter { $0.prefillShare >= low && $0.prefillShare < high }))
        }
    }

    static func line(_ label: String, _ rows: [Row]) -> String {
        func stats(_ values: [Double]) -> String {
            let sorted = values.sorted()
            guard !sorted.isEmpty else { return "      –        –" }
            let median = sorted[sorted.count / 2]
            let p95 = sorted[min(sorted.count - 1, Int(Double(sorted.count) * 0.95))]
            return pad(percent(median), 8) + " " + pad(percent(p95), 8)
        }
        return label.padding(toLength: 26, withPad: " ", startingAt: 0) + pad(String(rows.count), 7) + "  total "
            + stats(rows.map(\.error)) + "   gpu " + stats(rows.map(\.gpuError))
    }

    static func percent(_ value: Double) -> String { String(Double(Int((value * 1000).rounded())) / 10) + "%" }
    static func pad(_ text: String, _ width: Int) -> String {
        String(repeating: " ", count: max(0, width - text.count)) + text
    }
}
