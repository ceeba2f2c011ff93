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
                gatewayEstimatedShare: nil, gatewayWattHoursPerRequestMin: nil, gatewayWattHoursPerRequestMax: nil,
                gatewayCO2eGramsPerRequestMin: nil, gatewayCO2eGramsPerRequestMax: nil, gatewayMethods: "")
            comparison.ecoLogitsWattHoursPerRequest = ecoLogits(line.name, groups, carbon)
            let estimated = groups.reduce(0) { $0 + $1.estimatedRequests }
            if estimated > 0 {
                let count = Double(estimated)
                let sampled = groups.reduce(Int64(0)) { $0 + $1.requests }
                comparison.gatewayEstimatedShare = Double(estimated) / Double(max(1, sampled))
                comparison.gatewayWattHoursPerRequestMin =
                    groups.reduce(0) { $0 + $1.estimateKilowattHoursMin } * 1_000 / count
                comparison.gatewayWattHoursPerRequestMax =
                    groups.reduce(0) { $0 + $1.estimateKilowattHoursMax } * 1_000 / count
                comparison.gatewayCO2eGramsPerRequestMin =
                    groups.reduce(0) { $0 + $1.estimateCO2eKilogramsMin } * 1_000 / count
                comparison.gatewayCO2eGramsPerRequestMax =
                    groups.reduce(0) { $0 + $1.estimateCO2eKilogramsMax } * 1_000 / count
                let methods = groups.flatMap { $0.estimateMethods.split(separator: ",").map(String.init) }
                comparison.gatewayMethods = Set(methods).sorted().joined(separator: ", ")
            }
            return comparison
        }
    }

    /// The estimate per request: the estimates stored with the requests at
    /// ingest (`requests.estimated_uj`, each at its own size and latency);
    /// requests stored without one (before schema 7) are estimated here at
    /// their size group's mean prompt and completion sizes.
    private static func ecoLogits(_ model: String, _ groups: [ReportRows.SizeGroup], _ carbon: any ReportCarbon)
        -> Double?
    {
        var wattHours = 0.0
        var requests: Int64 = 0
        for group in groups where group.requests > 0 {
            wattHours += group.frugalEstimate.kilowattHours * 1_000
            requests += group.frugalEstimatedRequests
            let missing = group.requests - group.frugalEstimatedRequests
            guard missing > 0 else { continue }
            guard
                let energy = carbon.estimatedEnergy(
                    model: model, promptTokens: group.promptTokens / group.requests,
                    completionTokens: group.completionTokens / group.requests)
            else { continue }
            wattHours += energy.kilowattHours * 1_000 * Double(missing)
            requests += missing
        }
        return requests > 0 ? wattHours / Double(requests) : nil
    }
}

/// Size groups summed over hosts and sampled quarters.
enum SizeGroups {
    static func merged(_ groups: [ReportRows.SizeGroup]) -> [ReportRows.SizeGroup] {
        struct Key: Hashable {
            var model, tenant, endpoint: String
            var prompt, completion: Int
        }
        var byKey: [Key: ReportRows.SizeGroup] = [:]
        for group in groups {
            let key = Key(
                model: group.model, tenant: group.tenant, endpoint: group.endpoint, prompt: group.promptBucket,
                completion: group.completionBucket)
            guard var sum = byKey[key] else {
                byKey[key] = group
                continue
            }
            sum.requests += group.requests
            sum.promptTokens += group.promptTokens
            sum.completionTokens += group.completionTokens
            sum.sampledRequests += group.sampledRequests
            sum.sampledEnergy += group.sampledEnergy
            sum.estimatedRequests += group.estimatedRequests
            sum.estimateKilowattHoursMin += group.estimateKilowattHoursMin
            sum.estimateKilowattHoursMax += group.estimateKilowattHoursMax
            sum.estimateCO2eKilogramsMin += group.estimateCO2eKilogramsMin
            sum.estimateCO2eKilogramsMax += group.estimateCO2eKilogramsMax
            sum.frugalEstimatedRequests += group.frugalEstimatedRequests
            sum.frugalEstimate += group.frugalEstimate
            let methods = Set((sum.estimateMethods + "," + group.estimateMethods).split(separator: ","))
            sum.estimateMethods = methods.map(String.init).sorted().joined(separator: ",")
            byKey[key] = sum
        }
        return byKey.values.sorted {
            ($0.model, $0.tenant, $0.endpoint, $0.promptBucket, $0.completionBucket)
                < ($1.model, $1.tenant, $1.endpoint, $1.promptBucket, $1.completionBucket)
        }
    }
}
