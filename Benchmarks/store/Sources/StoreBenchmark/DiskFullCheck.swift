import Foundation
import FrugalCore
import FrugalStore

/// `store-benchmark --fill-until-full --dir DIR`: writes simulated samples
/// into DIR (meant to be a tiny tmpfs, see tmpfs-full.sh) until the file
/// system is full, then checks what a real ENOSPC leaves: a clear error, the
/// batch still buffered, and a database that reopens sound with every
/// committed sample. Exits 0 when all holds.
@MainActor
func fillUntilFull(directory: String) throws -> Int32 {
    let path = directory + "/frugal.sqlite"
    let start = Timestamp(secondsSinceEpoch: 1_761_955_200)
    var simulator = HostSimulator(seed: 7, start: start)
    let store = try SQLiteStore(path: path, options: .init(timestampResolution: .microseconds(1)))
    try store.registerHost(name: "full-host", seenAt: start)
    try store.register(domains: simulator.domains, seenAt: start)
    var committed = 0
    var pending = 0
    for second in 0..<(86_400 * 365) {
        let samples = simulator.tick()
        try store.append(samples: samples, gaps: [])
        pending += samples.count
        guard second % 60 == 59 else { continue }
        do {
            try store.flush()
            committed += pending
            pending = 0
        } catch let error as StoreError {
            print("flush failed after \(committed) committed samples: \(error)")
            print("kind: \(error.kind.rawValue); still buffered: \(store.bufferedCount.samples) samples")
            guard error.kind == .diskFull, store.bufferedCount.samples == pending else { return 1 }
            let reopened = try SQLiteStore(path: path, options: .init(readOnly: true))
            let integrity = try reopened.integrityCheck()
            var stored = 0
            for domain in try reopened.domains() {
                stored += try reopened.usage(domain: domain.domain.id, from: start, to: start + .seconds(second + 2))
                    .sampleCount
            }
            print("reopened: integrity_check \(integrity), \(stored) samples stored (committed \(committed))")
            return integrity == ["ok"] && stored == committed ? 0 : 1
        }
    }
    print("the file system never filled up")
    return 1
}
