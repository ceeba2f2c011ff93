/// Every metric `/metrics` exposes, with its help text. Names end with their
/// base unit (`_joules_total`, `_watts`, `_seconds`, `_grams_total`).
enum MetricNames {
    static let domainEnergy = (
        "frugal_domain_energy_joules_total", "Energy measured per power domain, from the store's minute rollups."
    )
    static let domainPower = (
        "frugal_domain_power_watts", "Average power of each domain over its newest stored minute."
    )
    static let modelEnergy = (
        "frugal_model_energy_joules_total",
        "Energy attributed to each model: part=dynamic (its own work) or idle (its allocated share of idle)."
    )
    static let modelCO2e = (
        "frugal_model_co2e_grams_total",
        "CO2e of each model's full energy: scope=direct (grid intensity per quarter) or lifecycle (mix factor)."
    )
    static let modelRequests = ("frugal_model_requests_total", "Requests attributed per model, counted when they end.")
    static let modelTokens = ("frugal_model_tokens_total", "Tokens of attributed requests per model and kind.")
    static let tenantEnergy = ("frugal_tenant_energy_joules_total", "Full energy attributed per tenant and model.")
    static let tenantRequests = ("frugal_tenant_requests_total", "Requests attributed per tenant and model.")
    static let attributionEnergy = (
        "frugal_attribution_energy_joules_total",
        "Measured energy of counted domains by attribution part: idle, attributed or unattributed."
    )
    static let attributionLag = (
        "frugal_attribution_lag_seconds", "Time from the end of the newest attributed window to now."
    )
    static let conservationError = (
        "frugal_conservation_error_joules",
        "Measured minus idle, attributed and unattributed energy in the newest window (0 when books balance)."
    )
    static let gridIntensity = (
        "frugal_grid_intensity_grams_per_kwh", "Grid carbon intensity of the current quarter hour, with its source."
    )
    static let probeSuccess = (
        "frugal_probe_success", "1 when every domain of the probe has a recent minute in the store, else 0."
    )
    static let ingestLines = (
        "frugal_ingest_lines_total", "Gateway log lines by format and outcome: accepted, duplicate, rejected, skipped."
    )
    static let buildInfo = ("frugal_build_info", "Always 1; the running frugal's version in a label.")
    static let refreshErrors = (
        "frugal_metrics_refresh_errors_total", "Refreshes of these metrics that could not read the store."
    )
}
