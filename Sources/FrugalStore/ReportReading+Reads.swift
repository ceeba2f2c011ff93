import FrugalCore

/// The report's named reads, over `ReportQueries`, for any engine. `host`
/// restricts a read to one host (nil: every host of `reportHosts`). Rows
/// come back in a fixed order (host, then the group's key, byte order), and
/// every sum of doubles is made here in that order: a host reads the same
/// from its SQLite file as from the fleet's PostgreSQL, to the last bit.
extension ReportReading {
    /// The hosts a read covers.
    public func reportScope(_ host: String?) async throws -> [String] {
        if let host { return [host] }
        return try await reportHosts()
    }

    /// Attributed usage per host, model and tenant, with the CO2e of the
    /// quarters that have an intensity for `zone` (Σ energy × intensity).
    public func reportUsageLines(
        zone: String, from: Timestamp, to: Timestamp, tenant: String? = nil, host: String? = nil
    ) async throws -> [ReportRows.UsageLine] {
        let rows = try await reportRows(
            ReportQueries.usageByIntensity, [.time(from), .time(to), .text(tenant), .host, .text(zone)],
            hosts: reportScope(host))
        return ReportRows.UsageLine.folding(rows)
    }

    /// Attributed usage per quarter, host, model and tenant, for the quarters
    /// that have no intensity for `zone` (what `reportUsageLines` left unconverted).
    public func reportUsageWithoutIntensity(
        zone: String, from: Timestamp, to: Timestamp, tenant: String? = nil, host: String? = nil
    ) async throws -> [ReportRows.Usage] {
        try await reportRows(
            ReportQueries.usageWithoutIntensity, [.time(from), .time(to), .text(tenant), .host, .text(zone)],
            hosts: reportScope(host)
        ).sorted {
            ($0.quarterStart, $0.host.byteOrder, $0.model.byteOrder, $0.tenant.byteOrder)
                < ($1.quarterStart, $1.host.byteOrder, $1.model.byteOrder, $1.tenant.byteOrder)
        }
    }

    /// Attributed usage per quarter and host, every model and tenant summed (the trend's input).
    public func reportQuarterTotals(from: Timestamp, to: Timestamp, tenant: String? = nil, host: String? = nil)
        async throws -> [ReportRows.QuarterTotal]
    {
        try await reportRows(
            ReportQueries.quarterTotals, [.time(from), .time(to), .text(tenant), .host], hosts: reportScope(host))
    }

    /// The books per quarter and host over the counted domains.
    public func reportBookQuarters(from: Timestamp, to: Timestamp, host: String? = nil) async throws
        -> [ReportRows.BookQuarter]
    {
        try await reportRows(ReportQueries.bookQuarters, [.time(from), .time(to), .host], hosts: reportScope(host))
    }

    /// Each power domain's books over the period (counted or not), by host and domain.
    public func reportBookDomains(from: Timestamp, to: Timestamp, host: String? = nil) async throws
        -> [ReportRows.BookDomain]
    {
        try await reportRows(ReportQueries.bookDomains, [.time(from), .time(to), .host], hosts: reportScope(host))
            .sorted { ($0.host.byteOrder, $0.domain.byteOrder) < ($1.host.byteOrder, $1.domain.byteOrder) }
    }

    /// Per host: the attribution windows in the period and the time their samples cover.
    public func reportCoverage(from: Timestamp, to: Timestamp, host: String? = nil) async throws
        -> [ReportRows.HostCoverage]
    {
        try await reportRows(ReportQueries.coverage, [.time(from), .time(to), .host], hosts: reportScope(host))
    }

    /// The grid intensity of each quarter of the period that has one, for `zone`.
    public func reportIntensities(zone: String, from: Timestamp, to: Timestamp) async throws
        -> [ReportRows.Intensity]
    {
        try await reportRows(ReportQueries.intensities, [.time(from), .time(to), .text(zone)])
    }

    /// Requests that ended in every `quarterStride`-th quarter of the period,
    /// grouped by model, tenant, endpoint and size bucket
    /// (`ReportRows.SizeBuckets`), with their measured energy (their windows
    /// in `request_energy`) and the gateway's own estimates summed. A stride
    /// above 1 samples the month (every n-th quarter cycles through hours and
    /// weekdays) so a million requests cost a fraction of a second; the caller
    /// scales counts by the month's requests over the sampled ones.
    public func reportSizeGroups(
        from: Timestamp, to: Timestamp, tenant: String? = nil, host: String? = nil, quarterStride: Int = 1
    ) async throws -> [ReportRows.SizeGroup] {
        precondition(quarterStride >= 1, "stride must be at least 1")
        let quarter = Duration.seconds(900)
        let hosts = try await reportScope(host)
        var groups: [ReportRows.SizeGroup] = []
        var start = from
        while start < to {
            groups += try await reportRows(
                ReportQueries.sizeGroups,
                [.time(start), .time(min(to, start + quarter)), .text(tenant), .host] + ReportQueries.sizeBounds,
                hosts: hosts)
            start = start + quarter * quarterStride
        }
        return groups
    }
}

extension ReportRows.UsageLine {
    /// One line per host, model and tenant from the rows per intensity, in
    /// byte order; the CO2e summed over intensities in ascending order.
    static func folding(_ rows: [UsageByIntensity]) -> [ReportRows.UsageLine] {
        let sorted = rows.sorted {
            ($0.host.byteOrder, $0.model.byteOrder, $0.tenant.byteOrder, $0.intensity ?? -1)
                < ($1.host.byteOrder, $1.model.byteOrder, $1.tenant.byteOrder, $1.intensity ?? -1)
        }
        var lines: [ReportRows.UsageLine] = []
        for row in sorted {
            if lines.last.map({ ($0.host, $0.model, $0.tenant) != (row.host, row.model, row.tenant) }) ?? true {
                lines.append(
                    ReportRows.UsageLine(
                        host: row.host, model: row.model, tenant: row.tenant, requests: 0, promptTokens: 0,
                        completionTokens: 0, dynamic: .zero, idle: .zero, gramsWithIntensity: 0,
                        energyWithoutIntensity: .zero))
            }
            lines[lines.count - 1].add(row)
        }
        // `add` summed µJ × g/kWh; 1 kWh = 3.6e12 µJ.
        return lines.map { line in
            var line = line
            line.gramsWithIntensity /= 3.6e12
            return line
        }
    }

    private mutating func add(_ row: UsageByIntensity) {
        requests += row.requests
        promptTokens += row.promptTokens
        completionTokens += row.completionTokens
        dynamic += row.dynamic
        idle += row.idle
        if let intensity = row.intensity {
            gramsWithIntensity += Double((row.dynamic + row.idle).microjoules) * intensity
        } else {
            energyWithoutIntensity += row.dynamic + row.idle
        }
    }
}

extension String {
    /// The text's UTF-8 bytes, compared as SQLite's BINARY collation compares them.
    var byteOrder: ByteOrder { ByteOrder(text: self) }

    struct ByteOrder: Comparable {
        let text: String
        static func < (a: ByteOrder, b: ByteOrder) -> Bool { a.text.utf8.lexicographicallyPrecedes(b.text.utf8) }
        static func == (a: ByteOrder, b: ByteOrder) -> Bool { a.text.utf8.elementsEqual(b.text.utf8) }
    }
}
