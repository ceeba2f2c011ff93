import FrugalCore

extension StoreEngine {
    func upsertGridIntensity(_ rows: [GridIntensityRow]) throws -> GridUpsertReport {
        var report = GridUpsertReport()
        guard !rows.isEmpty else { return report }
        try db.transaction {
            let select = try db.cached(
                "SELECT g_per_kwh, source FROM grid_intensity WHERE zone = ?1 AND quarter_start_ns = ?2")
            let write = try db.cached(
                """
                INSERT INTO grid_intensity (zone, quarter_start_ns, g_per_kwh, source, fetched_at_ns)
                VALUES (?1, ?2, ?3, ?4, ?5)
                ON CONFLICT (zone, quarter_start_ns) DO UPDATE SET
                    g_per_kwh = excluded.g_per_kwh, source = excluded.source, fetched_at_ns = excluded.fetched_at_ns
                """)
            for row in rows {
                select.reset()
                try select.bind(row.zone, at: 1)
                try select.bind(row.quarterStart.nanosecondsSinceEpoch, at: 2)
                if try select.step() {
                    let value = select.double(at: 0)
                    // An unknown stored source (written by a newer frugal) is kept.
                    let stored = GridIntensitySource(rawValue: select.text(at: 1))
                    select.reset()
                    guard let stored, row.source.rank >= stored.rank else {
                        report.refused += 1
                        continue
                    }
                    if stored == row.source && value == row.gramsPerKilowattHour {
                        report.unchanged += 1
                        continue
                    }
                    report.replaced += 1
                } else {
                    select.reset()
                    report.inserted += 1
                }
                write.reset()
                try write.bind(row.zone, at: 1)
                try write.bind(row.quarterStart.nanosecondsSinceEpoch, at: 2)
                try write.bind(row.gramsPerKilowattHour, at: 3)
                try write.bind(row.source.rawValue, at: 4)
                try write.bind(row.fetchedAt.nanosecondsSinceEpoch, at: 5)
                try write.run()
            }
        }
        return report
    }

    func gridIntensity(zone: String, from: Timestamp, to: Timestamp) throws -> [GridIntensityRow] {
        var rows: [GridIntensityRow] = []
        let parameters: [SQLValue] = [
            .text(zone), .integer(from.nanosecondsSinceEpoch), .integer(to.nanosecondsSinceEpoch),
        ]
        try each(CostSQL.gridIntensity(.sqlite), parameters) {
            if let row = CostSQL.gridRow($0, zone: zone) { rows.append(row) }
        }
        return rows
    }

    func latestGridIntensity(zone: String, atOrBefore quarterStart: Timestamp, atLeast source: GridIntensitySource)
        throws -> GridIntensityRow?
    {
        let accepted = GridIntensitySource.allCases.filter { $0.rank >= source.rank }.map { "'\($0.rawValue)'" }
        let select = try db.cached(
            """
            SELECT quarter_start_ns, g_per_kwh, source, fetched_at_ns FROM grid_intensity
            WHERE zone = ?1 AND quarter_start_ns <= ?2 AND source IN (\(accepted.joined(separator: ",")))
            ORDER BY quarter_start_ns DESC LIMIT 1
            """)
        try select.bind(zone, at: 1)
        try select.bind(quarterStart.nanosecondsSinceEpoch, at: 2)
        defer { select.reset() }
        guard try select.step() else { return nil }
        return CostSQL.gridRow(select, zone: zone)
    }

}
