import ArgumentParser
import Foundation
import FrugalCore
import FrugalRuntime
import FrugalSimulation

/// `frugal simulate`: a host whose true per-request energy is known.
struct Simulate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract:
            "Simulate an inference host: counters, gateway logs in every format, and the true energy of each request.",
        discussion: """
            The simulator runs models on GPUs with batching, idle power, noise and log jitter, \
            and writes what Frugal would see (counters.csv, logs/<format>.log) and what really \
            happened (truth.jsonl, the energy of every request per domain). Attribution is then \
            checked against the truth:

              frugal simulate --scenario heavy-shared --output sim
              frugal attribute --samples sim/counters.csv --requests sim/logs/litellm.log --output sim/attributed.jsonl

            Scenarios: \(Simulation.presetNames.joined(separator: ", ")).
            """)

    @Option(help: "A preset scenario (see above).")
    var scenario: String = "light-shared"

    @Option(
        help: ArgumentHelp(
            "A scenario as JSON (see Sources/FrugalSimulation/README.md), instead of a preset.", valueName: "file"))
    var scenarioFile: String?

    @Option(help: ArgumentHelp("Simulated duration in seconds (the preset's when absent).", valueName: "n"))
    var seconds: Int?

    @Option(
        help: ArgumentHelp(
            "Start this many hours after the preset's start (Monday 00:00, Paris): 10 is mid-morning.", valueName: "h"))
    var startHour: Int = 0

    @Option(help: "The seed (the preset's when absent).")
    var seed: UInt64?

    @Flag(help: "Also attribute the simulated host and score it against the truth, beside two baselines.")
    var evaluate = false

    @Option(help: ArgumentHelp("Where to write the files.", valueName: "dir"))
    var output: String = "frugal-simulation"

    func validate() throws {
        if scenarioFile == nil && SimulationScenario.presets[scenario] == nil {
            throw ValidationError(
                "--scenario \(scenario): use one of \(Simulation.presetNames.joined(separator: ", "))")
        }
        if let seconds, !(60...(31 * 86_400)).contains(seconds) {
            throw ValidationError("--seconds takes 60 to 2678400")
        }
        guard (0...(24 * 31)).contains(startHour) else { throw ValidationError("--start-hour takes 0 to 744") }
    }

    func run() throws {
        var chosen: SimulationScenario
        if let scenarioFile {
            chosen = try JSONDecoder().decode(
                SimulationScenario.self, from: Data(contentsOf: URL(fileURLWithPath: scenarioFile)))
        } else {
            chosen = SimulationScenario.presets[scenario]!
        }
        if let seconds { chosen.durationSeconds = seconds }
        if let seed { chosen.seed = seed }
        chosen.start = chosen.start + .seconds(Int64(startHour) * 3_600)
        FileHandle.standardError.write(Data("simulating \(chosen.name): \(chosen.durationSeconds) s…\n".utf8))
        let result = try Simulation.run(chosen)
        try FileManager.default.createDirectory(atPath: output + "/logs", withIntermediateDirectories: true)
        try result.writeCounters(toFile: output + "/counters.csv")
        for format in FrugalSimulation.LogFormat.allCases {
            try result.writeLog(format: format, toFile: "\(output)/logs/\(format.rawValue).log")
        }
        try result.writeTruth(toFile: output + "/truth.jsonl")
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        try encoder.encode(chosen).write(to: URL(fileURLWithPath: output + "/scenario.json"))
        let total = result.truth.domains.reduce(Int64(0)) { $0 + $1.totalMicrojoules }
        print(
            "\(chosen.name): \(result.requests.count) requests over \(chosen.durationSeconds) s on \(result.domains.count) domains"
        )
        print("  measured energy \(Decimals.fixed(Energy(microjoules: total).kilowattHours * 1_000, 1)) Wh (truth)")
        if evaluate {
            let report = try AccuracyEvaluation.run(result)
            print(AccuracyEvaluation.table([report]))
            try encoder.encode(report).write(to: URL(fileURLWithPath: output + "/accuracy.json"))
        }
        print(
            "  wrote \(output)/counters.csv, \(output)/logs/{\(FrugalSimulation.LogFormat.allCases.map(\.rawValue).joined(separator: ","))}.log, \(output)/truth.jsonl"
        )
    }
}

extension Simulation {
    static var presetNames: [String] { SimulationScenario.presets.keys.sorted() }
}
