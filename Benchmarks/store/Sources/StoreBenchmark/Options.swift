import Foundation
import FrugalCore

/// store-benchmark [--days 30] [--per-second-days 1] [--dir PATH] [--seed 42] [--skip-naive] [--keep]
///                 [--resolution-ns 1000000] [--fill-until-full]
struct Options {
    var days = 30
    /// Days written with one commit per simulated second (the rest: one per minute).
    var perSecondDays = 1
    var directory = FileManager.default.temporaryDirectory.appendingPathComponent("frugal-store-bench").path
    var seed: UInt64 = 42
    var skipNaive = false
    var keep = false
    var fillUntilFull = false
    /// Timestamp precision kept by the store, in ns: 1 ms, the setting
    /// recommended for the daemon (RAPL counters update about every ms).
    var resolutionNanoseconds: Int64 = 1_000_000

    static let usage = """
        usage: store-benchmark [--days N] [--per-second-days N] [--dir PATH] [--seed N] [--skip-naive] [--keep]
                               [--resolution-ns N] [--fill-until-full]

        """

    init(_ arguments: [String]) {
        var rest = arguments.dropFirst()
        while let flag = rest.popFirst() {
            switch flag {
            case "--days": days = Int(rest.popFirst() ?? "") ?? days
            case "--per-second-days": perSecondDays = Int(rest.popFirst() ?? "") ?? perSecondDays
            case "--dir": directory = rest.popFirst() ?? directory
            case "--seed": seed = UInt64(rest.popFirst() ?? "") ?? seed
            case "--skip-naive": skipNaive = true
            case "--keep": keep = true
            case "--fill-until-full": fillUntilFull = true
            case "--resolution-ns": resolutionNanoseconds = Int64(rest.popFirst() ?? "") ?? resolutionNanoseconds
            default:
                FileHandle.standardError.write(Data(Self.usage.utf8))
                exit(64)
            }
        }
    }

    /// 2025-11-01 00:00 UTC.
    var start: Timestamp { Timestamp(secondsSinceEpoch: 1_761_955_200) }
    var totalSeconds: Int { days * 86_400 }
    /// Just past the last sample.
    var end: Timestamp { start + .seconds(totalSeconds + 1) }
}
