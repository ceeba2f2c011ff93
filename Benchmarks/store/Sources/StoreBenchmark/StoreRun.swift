import Foundation
import FrugalCore
import FrugalStore

/// Writes the simulated month through `SQLiteStore` and measures it.
struct StoreRun {
    let options: Options
    let path: String
    /// The simulated energy of each domain over the month, µJ.
    private(set) var truth = [DomainID: Int64]()
    private(set) var domains: [Domain] = []
    private(set) var report: [String] = []

    init(options: Options) {
        self.options = options
        path = options.directory + "/frugal.sqlite"
    }

    mutating func run() throws {
        try write()
        try measureSize()
        try measureQueries()
    }

    /// The first days with a commit per simulated second, the rest with one per minute.
    private mutating func write() throws {
        var simulator = HostSimulator(seed: options.seed, start: options.start)
        domains = simulator.domains
        let storeOptions = SQLiteStore.Options(timestampResolution: .nanoseconds(options.resolutionNanoseconds))
        let store = try SQLiteStore(path: path, options: storeOptions)
        try store.registerHost(name: "bench-host", seenAt: options.start)
        try store.register(domains: domains, seenAt: options.start)
        let perSecond = min(options.perSecondDays, options.days) * 86_400
        var truth = self.truth
        func writeSecond(flush: Bool) throws {
            let samples = simulator.tick()
            for sample in samples { truth[sample.domain, default: 0] += sample.energy.microjoules }
            try store.append(samples: samples, gaps: [])
            if flush { try store.flush() }
        }
        let writtenBefore = bytesWrittenByProcess()
        let perSecondTime = try seconds {
            for second in 0..<perSecond {
                try writeSecond(flush: true)
                if second % 86_400 == 86_399 { note("store: day \(second / 86_400 + 1) written, a commit per second") }
            }
        }
        let bytesPerCommit = Double(bytesWrittenByProcess() - writtenBefore) / Double(max(perSecond, 1))
        let perMinuteTime = try seconds {
            for second in perSecond..<options.totalSeconds {
                try writeSecond(flush: second % 60 == 59)
                if second % 86_400 == 86_399 { note("store: day \(second / 86_400 + 1) written, a commit per minute") }
            }
        }
        try store.close()
        self.truth = truth
        let rest = Double((options.totalSeconds - perSecond) * 8)
        report += [
            "| samples written | \(options.totalSeconds * 8) |",
            "| sustained write rate, 1 commit per simulated second (\(perSecond / 86_400) d) | "
                + "\(Int(Double(perSecond * 8) / perSecondTime)) samples/s "
                + "(\(Int(Double(perSecond) / perSecondTime)) commits/s) |",
            "| bytes written to disk per 1-second commit (WAL + checkpoints) | \(Int(bytesPerCommit)) B = "
                + "\(formatted(bytesPerCommit * 86_400 / 1e9)) GB/day |",
            "| write rate, 1 commit per simulated minute (rest) | \(Int(rest / max(perMinuteTime, 1e-9))) samples/s |",
        ]
    }

    private mutating func measureSize() throws {
        let sampleCount = Double(options.totalSeconds * 8)
        let before = fileBytes(path)
        let store = try SQLiteStore(path: path)
        try store.vacuum()
        try store.close()
        let after = fileBytes(path)
        report += [
            "| file before VACUUM | \(before) B = \(formatted(Double(before) / sampleCount)) B/sample |",
            "| file after VACUUM | \(after) B = **\(formatted(Double(after) / sampleCount)) B/sample** |",
        ]
        for (name, bytes) in try tableBytes(path) {
            report.append("| of which `\(name)` | \(bytes) B = \(formatted(Double(bytes) / sampleCount)) B/sample |")
        }
    }

    /// A month's energy per domain: rollups against decoding every raw block.
    private mutating func measureQueries() throws {
        let reader = try SQLiteStore(path: path, options: .init(readOnly: true))
        var rollupTimes: [Double] = []
        var rawTimes: [Double] = []
        for domain in domains {
            var fromRollups = Energy.zero
            rollupTimes.append(
                try medianSeconds(runs: 5) {
                    fromRollups = try reader.energy(domain: domain.id, from: options.start, to: options.end)
                })
            var fromRaw = Energy.zero
            rawTimes.append(
                try medianSeconds(runs: 1) {
                    fromRaw = try reader.samples(domain: domain.id, from: options.start, to: options.end)
                        .map(\.energy).sum()
                })
            precondition(
                fromRollups.microjoules == truth[domain.id] && fromRaw == fromRollups,
                "energy mismatch for \(domain.id)")
        }
        try reader.close()
        report += [
            "| month energy of one domain from rollups (whole hours, then minutes) | "
                + "\(formatted(rollupTimes.max()! * 1e3)) ms (worst of 8 domains, median of 5) |",
            "| month energy of one domain from raw blocks (decode all) | \(formatted(rawTimes.max()! * 1e3)) ms |",
        ]
    }
}
