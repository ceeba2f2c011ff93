import Foundation
import FrugalCore

/// The per-request estimate an EcoLogits-equipped gateway (Albert) logs,
/// from the model's size and the output length alone (EcoLogits 0.11.3,
/// `ecologits/impacts/llm.py`; constants in
/// shared/data/benchmarks/ecologits_llm_constants.csv):
///
///     E_gpu/token [Wh] = α·e^(β·B)·P + γ        (α 1.1665e-6, β −0.011206, γ 4.0529e-5, B = 64)
///     GPUs             = ⌈1.2 · P · 16 bit / 8 / 80 GB⌉
///     E_server [Wh]    = latency · 1 200 W · GPUs / 8 / B / 3600
///     E [kWh]          = PUE 1.2 · (E_server + GPUs · tokens · E_gpu/token) / 1000
///
/// It is a model-based estimate that ignores the real batch, the prompt and
/// the hardware; Frugal keeps it beside its measurement, never mixes them.
public enum EcoLogitsEstimate {
    public static func kilowattHours(parameterBillions p: Double, completionTokens: Int, latencySeconds: Double)
        -> Double
    {
        let batch = 64.0
        let perToken = 1.1665273170451914e-06 * exp(-0.011205921025579175 * batch) * p + 4.052928146734005e-05
        let gpus = (1.2 * p * 16 / 8 / 80).rounded(.up)
        let serverWattHours = latencySeconds * 1_200 * gpus / 8 / batch / 3_600
        let gpuWattHours = gpus * Double(completionTokens) * perToken
        return 1.2 * (serverWattHours + gpuWattHours) / 1_000
    }

    static func estimate(for request: SimulatedRequest, scenario: SimulationScenario) -> GatewayEstimate {
        let model = scenario.models[request.modelIndex]
        let latency = Double((request.loggedEnd - request.loggedStart).nanoseconds) / 1e9
        let kwh = kilowattHours(
            parameterBillions: model.parameterCountBillions, completionTokens: request.completionTokens,
            latencySeconds: latency)
        let co2 = kwh * scenario.logs.estimateGridKilogramsPerKilowattHour
        return GatewayEstimate(
            energyMinKilowattHours: kwh, energyMaxKilowattHours: kwh, co2eMinKilograms: co2, co2eMaxKilograms: co2,
            method: "albert/ecologits")
    }
}
