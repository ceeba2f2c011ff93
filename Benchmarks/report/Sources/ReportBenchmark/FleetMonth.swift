import FrugalCore
import FrugalReport
import FrugalStore

/// A seeded month of a regional fleet written straight into the attribution
/// tables: hosts with 4 GPUs (two serve a 70B model, one a small model, one a
/// large model that is little used), two CPU packages and DRAM; tenants with
/// weekday office hours; a French-grid-like intensity (lower at midday and at
/// night). Books balance: measured = idle + attributed + unattributed.
struct FleetMonth {
    struct Model {
        var name: String
        var share: Double
        /// µJ per prompt and per completion token (dynamic, GPU).
        var prefillMicrojoules: Double
        var decodeMicrojoules: Double
        var gpus: [Int]
    }

    static let models = [
        Model(
            name: "llama-3.3-70b", share: 0.55, prefillMicrojoules: 20_000, decodeMicrojoules: 900_000, gpus: [0, 1]),
        Model(name: "mistral-small-24b", share: 0.35, prefillMicrojoules: 7_000, decodeMicrojoules: 300_000, gpus: [2]),
        Model(
            name: "mistral-large-123b", share: 0.10, prefillMicrojoules: 35_000, decodeMicrojoules: 1_600_000, gpus: [3]
        ),
    ]
    static let tenants = [
        ("metropole-grenoble", 0.34), ("ville-annecy", 0.22), ("cc-vercors", 0.08), ("sdis-38", 0.16),
        ("departement-isere", 0.20),
    ]
    static let endpoints = [("/v1/chat/completions", 0.82), ("/v1/completions", 0.12), ("/v1/batch", 0.06)]
    static let gpuIdleWatts = 70.0
    static let packageIdleWatts = 55.0

    let month: ReportMonth
    let hosts: Int
    let requests: Int
    let seed: UInt64

    /// Relative load of a quarter: office hours on weekdays, a fifth of it at weekends.
    func load(_ quarter: Timestamp) -> Double {
        let local = EuropeParis.local(quarter)
        let hour = local.secondOfDay / 3_600
        let office = (8..<19).contains(hour) ? 1.0 : (hour >= 19 && hour < 23 ? 0.25 : 0.05)
        return office * (local.date.weekday >= 5 ? 0.2 : 1)
    }

    /// gCO2e/kWh: a French-like daily shape (solar dip at midday, evening peak) with noise.
    func intensity(_ quarter: Timestamp, _ random: inout SplitMix64) -> Double {
        let hour = Double(EuropeParis.local(quarter).secondOfDay / 3_600)
        let evening = (17...21).contains(Int(hour)) ? 18.0 : 0
        let midday = (11...15).contains(Int(hour)) ? -9.0 : 0
        return max(8, 32 + evening + midday + Double.random(in: -4...4, using: &random))
    }

    var quarters: [Timestamp] {
        var list: [Timestamp] = []
        var t = month.start
        while t < month.end {
            list.append(t)
            t = t + .seconds(900)
        }
        return list
    }
}
