import FrugalCore
import FrugalStore

/// The same month stored one row per sample, without and with an index.
func naiveLines(options: Options, checkDomain: DomainID, expectedMicrojoules: Int64?) throws -> [String] {
    var lines: [String] = []
    let sampleCount = Double(options.totalSeconds * 8)
    var commitSimulator = HostSimulator(seed: options.seed, start: options.start)
    let commitStore = try NaiveStore(path: options.directory + "/naive-commit.sqlite")
    let commitSeconds = 3_600
    let writtenBefore = bytesWrittenByProcess()
    let writeTime = try seconds {
        for _ in 0..<commitSeconds { try commitStore.db.transaction { try commitStore.append(commitSimulator.tick()) } }
    }
    let bytesPerCommit = Double(bytesWrittenByProcess() - writtenBefore) / Double(commitSeconds)
    lines += [
        "| naive write rate, 1 commit per second (1 h) | \(Int(Double(commitSeconds * 8) / writeTime)) samples/s |",
        "| naive bytes written per 1-second commit | \(Int(bytesPerCommit)) B |",
    ]

    let path = options.directory + "/naive.sqlite"
    var simulator = HostSimulator(seed: options.seed, start: options.start)
    var naive: NaiveStore? = try NaiveStore(path: path)
    for hour in 0..<(options.totalSeconds / 3_600) {
        try naive!.db.transaction { for _ in 0..<3_600 { try naive!.append(simulator.tick()) } }
        if hour % 24 == 23 { note("naive: day \(hour / 24 + 1) written") }
    }
    let domainKey = Int64(simulator.domains.firstIndex { $0.id == checkDomain }!)
    for indexed in [false, true] {
        if indexed { try naive!.createIndex() }
        try naive!.db.execute("VACUUM")
        naive = nil
        let size = fileBytes(path)
        naive = try NaiveStore(path: path)
        var sum: Int64 = 0
        let time = try medianSeconds(runs: 3) {
            sum = try naive!.energyMicrojoules(
                domainKey: domainKey, from: options.start.nanosecondsSinceEpoch, to: options.end.nanosecondsSinceEpoch)
        }
        precondition(sum == expectedMicrojoules, "naive energy mismatch")
        let label = indexed ? "with (domain, time) index" : "no index"
        lines += [
            "| naive one row per sample, \(label), after VACUUM | \(size) B = "
                + "**\(formatted(Double(size) / sampleCount)) B/sample** |",
            "| naive month energy of one domain, \(label) | \(formatted(time * 1e3)) ms |",
        ]
    }
    return lines
}
