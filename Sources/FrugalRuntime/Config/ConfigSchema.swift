import FrugalCore

/// Every configuration key Frugal knows, in the order of the reference.
public enum ConfigKeys {
    public static let all: [ConfigKey] =
        [
            .optionalString(
                "host", "name", \.hostName, default: "the machine's hostname",
                "Name of this host in every figure and in the store. Keep it stable: history is kept under it."),

            .duration(
                "sampler", "interval", \.interval, in: .milliseconds(100)...(.seconds(60)),
                "How often every power domain is read. 1s suits billing; 100ms resolves short requests."),
            ConfigKey(
                section: "sampler", name: "max_domain_power", type: "power", defaultValue: "\"5kW\"",
                help: "The most one domain can draw. A counter step beyond it is a reset, not a wrap."
            ) { config, raw in
                guard case .string(let text) = raw, let power = Quantities.power(text) else {
                    return "expected a power such as \"5kW\" or \"700W\", got \(raw.text)"
                }
                guard power.microwatts > 0 else { return "must be above zero" }
                config.maxDomainPower = power
                return nil
            },
            .duration(
                "sampler", "rediscover_every", \.rediscoverEvery, in: .seconds(1)...(.seconds(86_400)),
                "How often the sources look for domains that appeared (hot-plugged GPU, reloaded module)."),

            .string(
                "probes", "sysfs_root", \.sysfsRoot,
                "Where sysfs is mounted. Point it at a Probes/ capture to replay a host.",
                check: { $0.hasPrefix("/") ? nil : "must be an absolute path" }),
            .string(
                "probes", "proc_root", \.procRoot, "Where procfs is mounted (read by `frugal doctor`).",
                check: { $0.hasPrefix("/") ? nil : "must be an absolute path" }),
            .bool("probes", "rapl", \.rapl, "Read RAPL energy counters from powercap (Intel, AMD Zen)."),
            .choice("probes", "hwmon", \.hwmon, "How hwmon power and energy sensors are read."),
            .choice("probes", "nvml", \.nvml, "Whether NVIDIA GPUs are read through NVML (loaded with dlopen)."),
            .string("probes", "nvml_library", \.nvmlLibrary, "The NVML library to dlopen: a name or an absolute path."),
            .optionalString(
                "probes", "replay", \.replay, default: "\"\" (off)",
                "A Probes/ catalogue entry to replay instead of the host's sensors (demo and tests)."),

            .string(
                "store", "url", \.store,
                "Where samples go: \"sqlite:PATH\" (embedded default) or \"postgres://user@host:port/db?sslmode=…\" (fleet).",
                check: checkStoreURL),
            .duration(
                "store", "flush_interval", \.flushInterval, in: .milliseconds(100)...(.seconds(60)),
                "How often buffered samples are committed. A crash loses at most this much."),
            .duration(
                "store", "raw_retention", \.rawRetention, in: .seconds(3_600)...(.seconds(3_650 * 86_400)),
                "How long raw samples are kept. Minute rollups are kept forever."),

        ] + fleet + attribution + liveAttribution + server + ingest + carbon + [
            .string(
                "log", "level", \.logLevel, "trace, debug, info, notice, warning, error or critical.",
                check: {
                    ["trace", "debug", "info", "notice", "warning", "error", "critical"].contains($0)
                        ? nil : "unknown level \($0)"
                })
        ]

    /// The key at `section.name`, if there is one.
    public static func key(section: String, name: String) -> ConfigKey? {
        all.first { $0.section == section && $0.name == name }
    }
}
