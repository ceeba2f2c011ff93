import FrugalCore
import FrugalStore

/// Recommendations computed from the month's data, each with its expected
/// saving per month. CO2e savings use the month's energy-weighted intensity,
/// except the clean-hours one, which is the intensity difference itself.
struct Recommendations {
    let figures: ReportFigures
    let sizes: [ReportRows.SizeGroup]
    let domains: [ReportRows.BookDomain]
    let table: IntensityTable
    let quarters: [CountedQuarter]
    /// The month's requests over the requests in `sizes` (a sample of quarters).
    let scale: Double

    /// Fewer sampled requests than this in a bucket: its mean is not trusted.
    static let minimumSample: Int64 = 20

    func all() -> [Recommendation] {
        [cheaperModel(), consolidateGPUs(), cleanHours(), heavyTenant(), heavyEndpoint()].compactMap { $0 }
            .sorted { ($0.savingEnergy?.microjoules ?? 0) > ($1.savingEnergy?.microjoules ?? 0) }
    }

    /// The month's g/kWh, weighted by energy.
    var weightedIntensity: Double? {
        let kilowattHours = figures.headline.energy.kilowattHours
        return kilowattHours > 0 ? figures.headline.co2eDirectGrams / kilowattHours : nil
    }

    func saving(_ energy: Energy) -> (Energy, Double?) {
        (energy, weightedIntensity.map { energy.kilowattHours * $0 })
    }

    static func promptLabel(_ bucket: Int) -> String {
        let bounds = ReportRows.SizeBuckets.promptUpperBounds.map { FrenchFormat.integer($0) }
        return bucketLabel(bucket, bounds)
    }

    static func completionLabel(_ bucket: Int) -> String {
        let bounds = ReportRows.SizeBuckets.completionUpperBounds.map { FrenchFormat.integer($0) }
        return bucketLabel(bucket, bounds)
    }

    /// "moins de 500 jetons", "de 500 à 2 000 jetons", "2 000 jetons ou plus".
    private static func bucketLabel(_ bucket: Int, _ bounds: [String]) -> String {
        if bucket == 0 { return "moins de \(bounds[0]) jetons" }
        if bucket >= bounds.count { return "\(bounds[bounds.count - 1]) jetons ou plus" }
        return "de \(bounds[bucket - 1]) à \(bounds[bucket]) jetons"
    }

    /// Mean energy per request of sampled groups, by a key.
    static func means<Key: Hashable>(_ groups: [ReportRows.SizeGroup], by key: (ReportRows.SizeGroup) -> Key)
        -> [Key: (mean: Double, requests: Int64, sampled: Int64)]
    {
        var sums: [Key: (energy: Int64, sampled: Int64, requests: Int64)] = [:]
        for group in groups {
            var entry = sums[key(group)] ?? (0, 0, 0)
            entry.energy += group.sampledEnergy.microjoules
            entry.sampled += group.sampledRequests
            entry.requests += group.requests
            sums[key(group)] = entry
        }
        return sums.compactMapValues { entry in
            entry.sampled > 0 ? (Double(entry.energy) / Double(entry.sampled), entry.requests, entry.sampled) : nil
        }
    }

    func wattHours(_ microjoules: Double) -> String {
        FrenchFormat.approximate(microjoules / 3.6e9) + FrenchFormat.unitSpace + "Wh"
    }

    func kilowattHours(_ energy: Energy) -> String {
        FrenchFormat.approximate(energy.kilowattHours) + FrenchFormat.unitSpace + "kWh"
    }
}
