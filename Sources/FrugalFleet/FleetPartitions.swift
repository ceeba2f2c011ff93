import FrugalCore

/// A UTC calendar month: the unit of partitioning. Partitions are named
/// `<table>_yYYYYmMM` and cover `[start, next.start)` in ns since the epoch.
public struct FleetMonth: Hashable, Comparable, Sendable {
    public var year: Int
    /// 1…12.
    public var month: Int

    public init(year: Int, month: Int) {
        precondition((1...12).contains(month), "a month is 1…12")
        self.year = year
        self.month = month
    }

    /// The month holding `instant`.
    public init(containing instant: Timestamp) {
        let nanosecondsPerDay: Int64 = 86_400_000_000_000
        var days = instant.nanosecondsSinceEpoch / nanosecondsPerDay
        if instant.nanosecondsSinceEpoch % nanosecondsPerDay < 0 { days -= 1 }
        // Howard Hinnant's civil_from_days.
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let month = mp < 10 ? mp + 3 : mp - 9
        self.init(year: Int(yoe + era * 400 + (month <= 2 ? 1 : 0)), month: Int(month))
    }

    /// Midnight UTC of the month's first day.
    public var start: Timestamp {
        // Howard Hinnant's days_from_civil.
        let y = Int64(month <= 2 ? year - 1 : year)
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let m = Int64(month)
        let doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        let days = era * 146_097 + doe - 719_468
        return Timestamp(nanosecondsSinceEpoch: days * 86_400_000_000_000)
    }

    public var next: FleetMonth {
        month == 12 ? FleetMonth(year: year + 1, month: 1) : FleetMonth(year: year, month: month + 1)
    }

    /// `y2026m11`.
    public var suffix: String {
        "y\(year)m" + (month < 10 ? "0\(month)" : "\(month)")
    }

    public static func < (a: FleetMonth, b: FleetMonth) -> Bool {
        (a.year, a.month) < (b.year, b.month)
    }

    /// Every month from `first` through `last`.
    public static func range(_ first: FleetMonth, through last: FleetMonth) -> [FleetMonth] {
        var months: [FleetMonth] = []
        var month = first
        while month <= last {
            months.append(month)
            month = month.next
        }
        return months
    }
}

/// The SQL that creates and drops monthly partitions.
enum FleetPartitions {
    static func createSQL(table: String, month: FleetMonth) -> String {
        """
        CREATE TABLE IF NOT EXISTS \(table)_\(month.suffix) PARTITION OF \(table) \
        FOR VALUES FROM (\(month.start.nanosecondsSinceEpoch)) TO (\(month.next.start.nanosecondsSinceEpoch))
        """
    }

    /// Parses `<table>_yYYYYmMM` back into its month.
    static func month(ofPartition name: String, table: String) -> FleetMonth? {
        let prefix = table + "_y"
        guard name.hasPrefix(prefix) else { return nil }
        let rest = name.dropFirst(prefix.count).split(separator: "m")
        guard rest.count == 2, let year = Int(rest[0]), let month = Int(rest[1]), (1...12).contains(month) else {
            return nil
        }
        return FleetMonth(year: year, month: month)
    }
}
