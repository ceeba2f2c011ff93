import FrugalCore
import FrugalStore

/// Builds `ReportFigures` for one month from a store (`ReportReading`: a
/// host's SQLite file or the fleet's PostgreSQL): attribution rollups
/// (`usage_quarter`, `attribution_books`), grid intensity per quarter, the
/// requests' sizes and gateway estimates, every host's lines and their total.
/// Reads only; never writes.
public struct ReportBuilder {
    /// How to build.
    public struct Options: Sendable {
        /// Restrict to one tenant (commune); nil for the whole service.
        public var tenant: String?
        /// Restrict to one host; nil for every host of the store (the fleet).
        public var host: String?
        /// The facility PUE to show applied; nil (the default) applies none.
        public var powerUsageEffectiveness: Double?
        /// "Now": the end of the data in the current month.
        public var now: Timestamp
        /// At most this many requests' own energies are read for the size
        /// buckets (every n-th request key beyond that).
        public var maxSampledRequests: Int64

        public init(
            tenant: String? = nil, host: String? = nil, powerUsageEffectiveness: Double? = nil, now: Timestamp,
            maxSampledRequests: Int64 = 20_000
        ) {
            self.tenant = tenant
            self.host = host
            self.powerUsageEffectiveness = powerUsageEffectiveness
            self.now = now
            self.maxSampledRequests = maxSampledRequests
        }
    }

    let store: any ReportReading
    let carbon: any ReportCarbon
    let equivalences: EquivalenceTable
    let options: Options

    public init(store: any ReportReading, carbon: any ReportCarbon, equivalences: EquivalenceTable, options: Options) {
        self.store = store
        self.carbon = carbon
        self.equivalences = equivalences
        self.options = options
    }

    /// The figures of `month`. An empty month gives figures with `hasData == false`.
    public func build(month: ReportMonth) async throws -> ReportFigures {
        let (tenant, host) = (options.tenant, options.host)
        let historyStart = month.adding(-12).start
        let table = IntensityTable(
            rows: try await store.reportIntensities(zone: carbon.zone, from: historyStart, to: month.end),
            carbon: carbon)
        let usage = try await store.reportUsageLines(
            zone: carbon.zone, from: month.start, to: month.end, tenant: tenant, host: host)
        let unconverted = try await store.reportUsageWithoutIntensity(
            zone: carbon.zone, from: month.start, to: month.end, tenant: tenant, host: host)
        let quarters = try await countedQuarters(from: historyStart, to: month.end)
        let history = MonthHistory(quarters: quarters, table: table, months: (0...12).map { month.adding(-12 + $0) })
        let current = history.totals(month)
        let models = UsageTables.lines(usage, unconverted: unconverted, table: table, key: \.model)
        let tenants = UsageTables.lines(usage, unconverted: unconverted, table: table, key: \.tenant)
        let hosts = UsageTables.lines(usage, unconverted: unconverted, table: table, key: \.host)
        let stride = Int(max(1, current.requests / max(1, options.maxSampledRequests)))
        let sizes = SizeGroups.merged(
            try await store.reportSizeGroups(
                from: month.start, to: month.end, tenant: tenant, host: host, quarterStride: stride))
        let sampled = sizes.reduce(Int64(0)) { $0 + $1.requests }
        let domains = try await store.reportBookDomains(from: month.start, to: month.end, host: host)
        let periodEnd = min(month.end, max(month.start, options.now))
        let coverage = try await CoverageBuilder(store: store, table: table, options: options)
            .coverage(month: month, periodEnd: periodEnd, quarters: quarters, domains: domains)
        let headline = makeHeadline(month: month, history: history, usage: usage)
        var figures = ReportFigures(
            month: month, tenant: tenant, host: host, generatedAt: options.now, periodEnd: periodEnd,
            headline: headline,
            previousMonth: history.totalsIfData(month.previous),
            sameMonthLastYear: history.totalsIfData(month.sameMonthLastYear), models: models, tenants: tenants,
            hosts: hosts,
            trend: (0..<12).map { history.totals(month.adding(-11 + $0)) },
            days: DayLines.lines(month: month, quarters: quarters, table: table),
            comparison: EstimateComparisons.make(models: models, sizes: sizes, carbon: carbon),
            coverage: coverage, equivalences: [], recommendations: [], factors: [])
        figures.equivalences = equivalences.equivalences(
            directGrams: headline.co2eDirectGrams, lifecycleGrams: headline.co2eLifecycleGrams)
        figures.recommendations = Recommendations(
            figures: figures, sizes: sizes, domains: domains, table: table, quarters: quarters,
            scale: sampled > 0 ? Double(current.requests) / Double(sampled) : 1
        ).all()
        figures.factors = factorsUsed(coverage: coverage)
        return figures
    }

    /// Energy and requests per quarter as the report counts them: the hosts'
    /// measured energy, or the tenant's full cost with a tenant filter.
    func countedQuarters(from: Timestamp, to: Timestamp) async throws -> [CountedQuarter] {
        let totals = try await store.reportQuarterTotals(from: from, to: to, tenant: options.tenant, host: options.host)
        var byQuarter: [Int64: CountedQuarter] = [:]
        for row in totals {
            let key = row.quarterStart.nanosecondsSinceEpoch
            var quarter = byQuarter[key] ?? CountedQuarter(start: row.quarterStart)
            quarter.attributed += row.energy
            quarter.requests += row.requests
            byQuarter[key] = quarter
        }
        if options.tenant != nil {
            for (key, quarter) in byQuarter { byQuarter[key]?.energy = quarter.attributed }
        }
        if options.tenant == nil {
            for book in try await store.reportBookQuarters(from: from, to: to, host: options.host) {
                let key = book.quarterStart.nanosecondsSinceEpoch
                var quarter = byQuarter[key] ?? CountedQuarter(start: book.quarterStart)
                quarter.energy += book.measured
                byQuarter[key] = quarter
            }
        }
        return byQuarter.values.sorted { $0.start < $1.start }
    }

    private func makeHeadline(month: ReportMonth, history: MonthHistory, usage: [ReportRows.UsageLine]) -> Headline {
        let current = history.totals(month)
        let previous = history.totalsIfData(month.previous)
        let lastYear = history.totalsIfData(month.sameMonthLastYear)
        func change(_ now: Double, _ before: Double?) -> Double? {
            guard let before, before > 0 else { return nil }
            return now / before - 1
        }
        // Lifecycle = Σ energy × (direct + upstream) over the quarters = direct + energy × upstream.
        let lifecycle = carbon.lifecycleUpstream.map {
            current.co2eDirectGrams + current.energy.kilowattHours * $0.value
        }
        return Headline(
            energy: current.energy, attributedEnergy: usage.reduce(.zero) { $0 + $1.dynamic + $1.idle },
            co2eDirectGrams: current.co2eDirectGrams, co2eLifecycleGrams: lifecycle, requests: current.requests,
            promptTokens: usage.reduce(0) { $0 + $1.promptTokens },
            completionTokens: usage.reduce(0) { $0 + $1.completionTokens },
            energyChangeVsPrevious: change(current.energy.joules, previous?.energy.joules),
            co2eChangeVsPrevious: change(current.co2eDirectGrams, previous?.co2eDirectGrams),
            requestsChangeVsPrevious: change(Double(current.requests), previous.map { Double($0.requests) }),
            energyChangeVsLastYear: change(current.energy.joules, lastYear?.energy.joules))
    }

    private func factorsUsed(coverage: Coverage) -> [SourcedFactor] {
        var factors: [SourcedFactor] = []
        for source in coverage.intensitySources {
            factors.append(
                SourcedFactor(
                    name: "Intensité carbone du réseau (\(carbon.zone)), quart d'heure par quart d'heure : "
                        + "moyenne pondérée, \(FrenchFormat.percent(source.energyShare)) de l'énergie",
                    value: source.meanGramsPerKilowattHour, unit: "gCO2e/kWh", source: source.source))
        }
        if let upstream = carbon.lifecycleUpstream { factors.append(upstream) }
        factors += equivalences.factors
        return factors
    }
}

/// One quarter hour as the report counts it.
struct CountedQuarter {
    var start: Timestamp
    /// Measured (whole service) or full cost (one tenant).
    var energy: Energy = .zero
    /// Attributed to requests (dynamic + allocated idle).
    var attributed: Energy = .zero
    var requests: Int64 = 0
}
