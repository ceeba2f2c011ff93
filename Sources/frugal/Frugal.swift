import ArgumentParser

/// `frugal`: measured energy and carbon of AI inference.
@main
struct Frugal: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "frugal",
        abstract: "Measure what AI inference costs in energy, per host, power domain and request.",
        discussion: """
            Frugal reads the power counters of an inference host (RAPL, hwmon, NVIDIA NVML), \
            records every joule in a local SQLite file (or ships it to a fleet's PostgreSQL), \
            attributes it to the LLM requests found in the gateway logs, converts it to CO2e with \
            the French grid's quarter-hour intensity, and serves it to ops (/metrics), developers \
            (a JSON cost API) and élus (a monthly report in French).

            Start with `frugal demo` (no hardware needed), then `frugal doctor` and \
            `frugal probe` on a real host, then run `frugal daemon` under systemd.
            """,
        version: FrugalVersion.current,
        subcommands: [
            Demo.self, Probe.self, Doctor.self, Daemon.self, Attribute.self, Simulate.self, Ingest.self, Config.self,
            Report.self,
            Serve.self,
            Carbon.self,
            Migrate.self,
        ]
    )
}

enum FrugalVersion {
    static let current = "0.1.0"
}
