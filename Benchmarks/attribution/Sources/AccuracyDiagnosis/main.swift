import Foundation
import FrugalCore
import FrugalSimulation

// Where does per-request error come from? Runs one preset scenario, attributes
// it as the accuracy benchmark does (configured idle powers and pins, learned
// coefficients and γ), and breaks the per-request error down by what the
// request was: its model, whether the log had its first token, how many
// requests decoded beside it, how long it ran. `--oracle-times` feeds the
// attributor the true instants instead of the logged ones, to measure what
// the log's resolution and jitter cost.
//
//   accuracy-diagnosis SCENARIO [seconds] [start-hour] [--oracle-times]

let arguments = CommandLine.arguments.dropFirst().filter { !$0.hasPrefix("--") }
let flags = Set(CommandLine.arguments.dropFirst().filter { $0.hasPrefix("--") })
guard let name = arguments.first, var scenario = SimulationScenario.presets[name] else {
    print("usage: accuracy-diagnosis SCENARIO [seconds] [start-hour] [--oracle-times] [--auto-offset]")
    exit(64)
}
scenario.durationSeconds = arguments.count > 1 ? Int(arguments[arguments.index(after: arguments.startIndex)])! : 3_600
let startHour = arguments.count > 2 ? Int64(arguments[arguments.startIndex + 2])! : 9
scenario.start = scenario.start + .seconds(startHour * 3_600)
if flags.contains("--no-noise") {
    for g in scenario.hardware.gpus.indices { scenario.hardware.gpus[g].noiseWatts = 0 }
}
for flag in flags where flag.hasPrefix("--sample-ms=") {
    scenario.sampleIntervalMilliseconds = Int(flag.dropFirst("--sample-ms=".count))!
}
let result = try Simulation.run(scenario)
let setup = Setup(
    result, oracleTimes: flags.contains("--oracle-times"), oracleReplica: flags.contains("--oracle-replica"))
var policy = setup.policy
policy.infersReplicas = !flags.contains("--pooled")
if flags.contains("--auto-offset"),
    let found = ClockOffsetEstimator.estimate(
        samples: setup.samples, domains: setup.domains, requests: setup.records, policy: policy)
{
    print("estimated clock offset: \(found.offset), score \(found.score), margin \(found.margin)")
    policy.logClockOffset = found.offset
}
let clock = ContinuousClock()
let fitStart = clock.now
let fit = CoefficientFit.fit(samples: setup.samples, domains: setup.domains, requests: setup.records, policy: policy)
let fitTime = clock.now - fitStart
if let fit {
    policy = fit.applied(to: policy)
    print(
        "fit: γ = \(fit.decodeBatchExponent), replicas \(fit.poolsAreReplicas), R² = \(fit.rSquared), \(fit.intervals) rows, \(fitTime)"
    )
    for (model, c) in fit.coefficients.sorted(by: { $0.key < $1.key }) {
        print("  \(model): prefill \(c.prefillJoulesPerToken) J/tok, decode \(c.decodeJoulesPerToken) J/tok")
    }
}
let attributeStart = clock.now
let attribution = Attributor(policy: policy).attribute(
    samples: setup.samples, domains: setup.domains, requests: setup.records)
print("attribute: \(clock.now - attributeStart), conserves: \(attribution.conserves)")
Report(setup: setup, attribution: attribution).print()
