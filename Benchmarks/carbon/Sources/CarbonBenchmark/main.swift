import Foundation
import FrugalCarbon
import FrugalCore
import FrugalStore

/// Seconds of `body`, on the monotonic clock.
func seconds(_ body: () throws -> Void) rethrows -> Double {
    let clock = ContinuousClock()
    let start = clock.now
    try body()
    let elapsed = clock.now - start
    return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
}

let intervalCount = Int(CommandLine.arguments.dropFirst().first ?? "") ?? 1_000_000
let yearStart = Timestamp(secondsSinceEpoch: 1_735_686_000)  // 2025-01-01 00:00 Paris (CET)
let yearEnd = Timestamp(secondsSinceEpoch: 1_767_222_000)  // 2026-01-01 00:00 Paris
let path = NSTemporaryDirectory() + "frugal-carbon-bench-\(getpid()).db"
defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) } }
let store = try SQLiteStore(path: path)
let fallback = IntensityFallback(staticGramsPerKilowattHour: 40)
let writer = GridIntensityWriter(store: store, zone: "FR")

// 1. A year backfilled from the bundled data (history, profile, static), into an empty store.
var report = GridUpsertReport()
let backfillSeconds = try seconds {
    report = try writer.backfill(from: yearStart, to: yearEnd, fallback: fallback, now: yearEnd)
}
// Again: every row is already there, with the same source and value.
var again = GridUpsertReport()
let rerunSeconds = try seconds {
    again = try writer.backfill(from: yearStart, to: yearEnd, fallback: fallback, now: yearEnd)
}

// 2. The year's timeline read back from the store, with provenance.
let resolver = IntensityResolver(zone: "FR", store: store, fallback: fallback)
var timeline: IntensityTimeline?
let timelineSeconds = try seconds { timeline = try resolver.timeline(from: yearStart, to: yearEnd) }

// 3. 1 M intervals (1–120 s, seeded) converted with their quarters' intensities, split pro rata.
var rng = SplitMix64(seed: 2025)
let span = yearEnd.nanosecondsSinceEpoch - yearStart.nanosecondsSinceEpoch - 120_000_000_000
var starts = [Int64](repeating: 0, count: intervalCount)
var ends = [Int64](repeating: 0, count: intervalCount)
var energies = [Int64](repeating: 0, count: intervalCount)
for i in 0..<intervalCount {
    starts[i] = yearStart.nanosecondsSinceEpoch + Int64(rng.next() % UInt64(span))
    ends[i] = starts[i] + 1_000_000_000 + Int64(rng.next() % 119_000_000_000)
    energies[i] = Int64(rng.next() % 50_000_000_000)  // up to 50 kJ
}
var tally = CarbonTally()
let lookupSeconds = seconds {
    for i in 0..<intervalCount {
        tally.add(
            energyMicrojoules: energies[i], startNanoseconds: starts[i], endNanoseconds: ends[i], timeline: timeline!)
    }
}
precondition(tally.totalEnergy.microjoules == energies.reduce(0, +), "energy lost in the split")

print("| step | figure | target |")
print("|---|---|---|")
print(
    "| year backfill from bundled data, empty store | \(String(format: "%.3f", backfillSeconds)) s (\(report.inserted) quarters inserted) | ≤ 5 s |"
)
print(
    "| year backfill again (all rows present) | \(String(format: "%.3f", rerunSeconds)) s (\(again.unchanged) unchanged) | |"
)
print(
    "| year timeline read back with provenance | \(String(format: "%.3f", timelineSeconds)) s (\(timeline!.count) quarters) | |"
)
print(
    "| \(intervalCount) intervals → CO2e, pro rata by quarter | \(String(format: "%.3f", lookupSeconds)) s | ≤ 0.5 s (1 M) |"
)
print("")
print(
    "Total \(String(format: "%.1f", tally.totalEnergy.kilowattHours)) kWh → \(String(format: "%.1f", tally.totalGrams)) gCO2e; by source:"
)
for share in tally.shares {
    print(
        "- \(share.source.rawValue): \(String(format: "%.1f", share.energy.kilowattHours)) kWh, \(String(format: "%.1f", share.grams)) g"
    )
}
