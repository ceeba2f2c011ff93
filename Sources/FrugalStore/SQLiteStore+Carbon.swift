import FrugalCore

/// The grid intensity cache and the read API that joins energy with it.
/// CO2e is never stored: figures are energy × the quarter's intensity at read
/// time, so a consolidated value that replaces a real-time one changes every
/// figure that used it.
extension SQLiteStore {
    /// Writes intensities by source rank: a row replaces a stored one only
    /// when its source is as good or better (consolidated > live > historical
    /// > historical_profile > static), so consolidated values are never
    /// overwritten by real-time ones and fallbacks fill gaps only. `cached`
    /// rows are refused (a precondition: they are computed, never stored).
    @discardableResult
    public func upsertGridIntensity(_ rows: [GridIntensityRow]) throws -> GridUpsertReport {
        precondition(!rows.contains { $0.source == .cached }, "cached intensities are computed, not stored")
        return try locked { try $0.upsertGridIntensity(rows) }
    }

    /// Stored intensities for quarters starting in `[from, to)`, in time order.
    public func gridIntensity(zone: String, from: Timestamp, to: Timestamp) throws -> [GridIntensityRow] {
        try locked { try $0.gridIntensity(zone: zone, from: from, to: to) }
    }

    /// The newest stored row of `source` or better at or before `quarterStart`.
    public func latestGridIntensity(
        zone: String, atOrBefore quarterStart: Timestamp, atLeast source: GridIntensitySource = .live
    ) throws -> GridIntensityRow? {
        try locked { try $0.latestGridIntensity(zone: zone, atOrBefore: quarterStart, atLeast: source) }
    }

    /// `usage_quarter` rows for quarters in `[from, to)` (one host or all),
    /// each with its quarter's stored intensity and source (nil: none stored).
    public func quarterEnergyWithIntensity(zone: String, host: String? = nil, from: Timestamp, to: Timestamp) throws
        -> [QuarterEnergyIntensity]
    {
        try locked { try $0.quarterEnergyWithIntensity(zone: zone, host: host, from: from, to: to) }
    }

    /// `request_energy` rows of one request, per quarter, with each quarter's
    /// stored intensity and source (nil: none stored).
    public func requestEnergyWithIntensity(zone: String, requestKey: Int64) throws -> [RequestQuarterEnergy] {
        try locked { try $0.requestEnergyWithIntensity(zone: zone, requestKey: requestKey) }
    }
}
