import FrugalCore
import FrugalIngest

/// Everything `frugal daemon` needs, as one typed value.
///
/// Built in layers: defaults, then the TOML file, then `FRUGAL_*` environment
/// variables, then command-line flags; `ConfigLoader` reports every problem of
/// every layer at once. Each key is documented in `ConfigKeys.all`, which also
/// feeds `frugal config keys` and the README reference.
public struct FrugalConfig: Hashable, Sendable {
    /// How hwmon sensors are read.
    public enum HwmonMode: String, Hashable, Sendable, CaseIterable {
        /// libsensors when the sysfs root is the host's own, else raw sysfs.
        case auto
        /// Through libsensors, which applies the chip configuration (labels, compute lines).
        case libsensors
        /// The raw sysfs files under the sysfs root.
        case sysfs
        case off
    }

    /// Whether NVIDIA GPUs are read through NVML.
    public enum NVMLMode: String, Hashable, Sendable, CaseIterable {
        /// Use NVML when the library loads; a host without NVIDIA is fine.
        case auto
        /// NVML must load, or the daemon refuses to start.
        case on
        case off
    }

    // [host]
    /// The host's name in every figure; nil means the machine's hostname.
    public var hostName: String?

    // [sampler]
    public var interval: Duration = .seconds(1)
    public var maxDomainPower = Power(watts: 5_000)
    public var rediscoverEvery: Duration = .seconds(60)

    // [probes]
    public var sysfsRoot = "/sys"
    public var procRoot = "/proc"
    public var rapl = true
    public var hwmon = HwmonMode.auto
    public var nvml = NVMLMode.auto
    public var nvmlLibrary = "libnvidia-ml.so.1"
    /// A Probes/ catalogue entry to replay instead of the host's sensors (demo, tests).
    public var replay: String?

    // [store]
    public var store = "sqlite:/var/lib/frugal/frugal.db"
    public var flushInterval: Duration = .seconds(1)
    public var rawRetention: Duration = .seconds(30 * 86_400)
    /// Fleet mode (`url = "postgres://…"`): Sources/FrugalRuntime/Config/ConfigSchema+Fleet.swift.
    public var fleet = FleetSettings()

    // [attribution]
    /// How many completion tokens one prompt token counts for (α).
    public var promptTokenWeight = 0.2
    /// Added to gateway log timestamps to put them on the sampler's clock.
    public var logClockOffset: Duration = .zero
    /// `log_clock_offset = "auto"`: detect the offset from the data (`ClockOffsetEstimator`).
    public var detectsLogClockOffset = false
    /// The percentile of a domain's power taken as idle when P0 is not configured.
    public var idlePercentile = 0.05
    /// Learn per-model joules per token from the signal on shared accelerators.
    public var learnCoefficients = true
    /// Accelerators pinned to the models they serve (domain id → model names).
    public var pinnedModels: [String: Set<String>] = [:]
    /// Gateway backends and the accelerators that run them (`Upstream.key`
    /// of the logged backend → domain ids).
    public var upstreamDomains: [String: Set<String>] = [:]
    /// Configured idle power per domain; others are estimated.
    public var idlePowers: [String: Power] = [:]
    /// Weighting key per domain, overriding the kind's default.
    public var weightingKeys: [String: WeightingKey] = [:]

    // [server]: Sources/FrugalRuntime/Config/ConfigSchema+Server.swift
    public var server = ServerSettings()

    /// Attribute each quarter hour in the daemon once its logs have settled.
    public var liveAttribution = true
    /// How long after a quarter hour's end its requests' log lines may still arrive.
    public var attributionSettle: Duration = .seconds(120)

    // [ingest]
    /// Gateway logs the daemon follows: a label → the log's path.
    public var ingestLogs: [String: String] = [:]
    /// The logs' format; nil means detected from the first lines.
    public var ingestFormat: LogFormat?

    // [carbon] (ConfigSchema+Carbon.swift)
    public var carbon = CarbonSettings()

    // [log]
    public var logLevel = "info"

    public init() {}

    /// The sampler's policy from these settings.
    public var samplerPolicy: SamplerPolicy {
        let ticks = Int(rediscoverEvery.nanoseconds / max(interval.nanoseconds, 1))
        return SamplerPolicy(interval: interval, maxDomainPower: maxDomainPower, rediscoverEveryTicks: max(ticks, 1))
    }

    /// The SQLite file of a `sqlite:` store, nil for another kind.
    public var sqlitePath: String? {
        store.hasPrefix("sqlite:") ? String(store.dropFirst("sqlite:".count)) : nil
    }
}
