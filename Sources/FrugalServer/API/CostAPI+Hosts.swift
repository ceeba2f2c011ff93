import FrugalCarbon
import FrugalCore
import FrugalStore
import Hummingbird

extension CostAPI {
    func hosts(_ request: Request, _ context: ServerContext) async throws -> ByteBuffer {
        if case .tenant = context.role {
            throw Problem(.forbidden, "tenant tokens do not read host energy: use /v1/tenants for your own usage")
        }
        let query = try reader(request, ["from", "to"])
        let (from, to) = try query.window()
        let hosts = try await store.hostCosts(from: from, to: to).map { host in
            HostListView.HostView(
                name: host.name, firstSeen: host.firstSeen.map(RFC3339.format),
                lastSeen: host.lastSeen.map(RFC3339.format),
                windows: host.windows, latestWindowEnd: host.latestWindowEnd.map(RFC3339.format),
                energy: Self.book(host.books.filter(\.counted)),
                domains: host.books.map {
                    HostListView.DomainView(
                        domain: $0.domain, kind: $0.kind, counted: $0.counted, energy: Self.book([$0]))
                }, provenance: "measured")
        }
        return try JSONBody.encode(HostListView(window: windowView(from, to), hosts: hosts))
    }

    static func book(_ books: [HostCost.DomainBook]) -> HostListView.Book {
        func sum(_ part: (HostCost.DomainBook) -> Energy) -> Double { books.map(part).sum().joules }
        return HostListView.Book(
            measuredJoules: sum(\.measured), idleJoules: sum(\.idle), attributedJoules: sum(\.attributed),
            unattributedJoules: sum(\.unattributed))
    }

    func grid(_ request: Request, _ context: ServerContext) async throws -> ByteBuffer {
        let query = try reader(request, ["from", "to", "zone"])
        let (from, to) = try query.window(defaultDays: 1)
        guard to - from <= .seconds(31 * 86_400) else {
            throw Problem(
                .windowTooLong, "intensity is served 31 days at a time: send a shorter from..to", parameter: "from")
        }
        let zone = try query.name("zone") ?? self.zone
        // Every quarter of the window, resolved as the figures are priced: stored, else the fallbacks.
        let pricing = zone == self.zone ? calculator.pricing : calculator.pricing.forZone(zone)
        let timeline = try await pricing.timeline(from: from, to: to)
        let quarters = (0..<timeline.count).map { offset in
            let quarter = timeline.firstQuarter + Int64(offset)
            let resolved = timeline.intensity(quarter: quarter)!
            return GridView.Quarter(
                start: RFC3339.format(QuarterHour.start(index: quarter)),
                intensityGPerKwh: resolved.gramsPerKilowattHour, source: resolved.source.rawValue)
        }
        let fallback = pricing.resolver.fallback
        return try JSONBody.encode(
            GridView(
                zone: zone, window: windowView(from, to), quarters: quarters,
                fallback: .init(intensityGPerKwh: fallback.staticGramsPerKilowattHour, source: "static"),
                lifecycle: .init(
                    intensityGPerKwh: pricing.lifecycle.upstream.gramsPerKilowattHour,
                    source: pricing.lifecycle.upstream.key)))
    }
}
