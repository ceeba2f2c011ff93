import FrugalStore

extension GridIntensitySource {
    /// What the source means, for outputs: every figure says where it came from.
    public var explanation: String {
        switch self {
        case .consolidated: "RTE eCO2mix consolidated value (ODRÉ eco2mix-national-cons-def)"
        case .live: "RTE eCO2mix real-time value (ODRÉ eco2mix-national-tr)"
        case .cached: "latest eCO2mix value stored before this quarter (feed lag or outage)"
        case .historical: "same quarter in the eCO2mix history bundled with Frugal (Data/grid)"
        case .historicalProfile:
            "mean of the bundled eCO2mix history for this quarter of the Paris day, same month or the nearest month it has"
        case .static: "configured static factor (carbon.static_g_per_kwh)"
        }
    }
}
