import FrugalCore
import FrugalStore

/// Our measure beside the EcoLogits-style estimate and the gateway's own.
enum EstimateComparisons {
    static func make(models: [UsageLine], sizes: [ReportRows.SizeGroup], carbon: any ReportCarbon)
        -> [EstimateComparison]
    {
        let byModel = Dictionary(grouping: sizes, by: \.model)
        return models.map { line in
            let groups = byModel[line.name] ?? []
            var comparison = EstimateComparison(
                model: line.name, requests: line.requests,
                measuredWattHoursPerRequest: line.wattHoursPerRequest, ecoLogitsWattHoursPerRequest: nil,
                gatewayRequests: 0, gatewayWattHoursPerRequestMin: nil, gatewayWattHoursPerRequestMax: nil,
                gatewayCO2eGramsMin: nil, gatewayCO2eGramsMax: nil, gatewayMethods: "")
            comparison.ecoLogitsWattHoursPerRequest = ecoLogits(line.name, groups, carbon)
            let estimated = groups.reduce(0) { $0 + $1.estimatedRequests }
            if estimated > 0 {
                let count = Double(estimated)
                comparison.gatewayRequests = estimated
                comparison.gatewayWattHoursPerRequestMin =
                    groups.reduce(0) { $0 + $1.estimateKilowattHoursMin } * 1_000 / count
                comparison.gatewayWattHoursPerRequestMax =
                    groups.reduce(0) { $0 + $1.estimateKilowattHoursMax } * 1_000 / count
                comparison.gatewayCO2eGramsMin = groups.reduce(0) { $0 + $1.estimateCO2eKilogramsMin } * 1_000
                comparison.gatewayCO2eGramsMax = groups.reduce(0) { $0 + $1.estimateCO2eKilogramsMax } * 1_000
                let methods = groups.flatMap { $0.estimateMethods.split(separator: ",").map(String.init) }
                comparison.gatewayMethods = Set(methods).sorted().joined(separator: ", ")
            }
            return comparison
        }
    }

    /// The estimate per request, weighting each size group by its requests
    /// (each group estimated at its mean prompt and completion sizes).
    private static func ecoLogits(_ model: String, _ groups: [ReportRows.SizeGroup], _ carbon: any ReportCarbon)
        -> Double?
    {
        var wattHours = 0.0
        var requests: Int64 = 0
        for group in groups where group.requests > 0 {
            guard
                let energy = carbon.estimatedEnergy(
                    model: model, promptTokens: group.promptTokens / group.requests,
                    completionTokens: group.completionTokens / group.requests)
            else { return nil }
            wattHours += energy.kilowattHours * 1_000 * Double(group.requests)
            requests += group.requests
        }
        return requests > 0 ? wattHours / Double(requests) : nil
    }
}
