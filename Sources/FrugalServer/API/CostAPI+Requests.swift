import Foundation
import FrugalCarbon
import FrugalCore
import FrugalStore
import Hummingbird

extension CostAPI {
    func requests(_ request: Request, _ context: ServerContext) async throws -> ByteBuffer {
        try require(context, notAggregate: "/v1/requests")
        let query = try reader(request, ["from", "to", "host", "model", "tenant", "status", "limit", "cursor"])
        let (from, to) = try query.window(defaultDays: 1)
        let limit =
            try query.integer("limit", in: 1...limits.maxPageSize, what: "the page size")
            ?? min(
                limits.defaultPageSize, limits.maxPageSize)
        let cost = CostQuery(
            from: from, to: to, host: try query.name("host"), model: try query.name("model"),
            tenant: try tenantFilter(context, asked: try query.name("tenant")), zone: zone)
        let page = try await store.requestPage(
            RequestPageQuery(
                window: cost, status: try query.integer("status", in: 100...599, what: "an HTTP status"),
                after: try query.cursor(), limit: limit))
        var views: [RequestView] = []
        for cost in page.requests { views.append(try await requestView(cost)) }
        let view = RequestPageView(
            window: windowView(from, to), limit: limit, requests: views,
            nextCursor: page.next.map(CursorCodec.encode))
        return try JSONBody.encode(view)
    }

    func singleRequest(_ request: Request, _ context: ServerContext) async throws -> ByteBuffer {
        try require(context, notAggregate: "/v1/requests/{id}")
        let id = try pathParameter("id", context)
        let query = try reader(request, ["host"])
        let tenant = try tenantFilter(context, asked: nil)
        // Another tenant's request answers 404, as an unknown one: its existence is not told.
        guard
            let cost = try await store.requestCosts(id: id, host: try query.name("host"), zone: zone)
                .first(where: { tenant == nil || $0.record.tenant == tenant })
        else {
            throw Problem(.notFound, "no request \(id): send the id the gateway logged, or list ids with /v1/requests")
        }
        var windows: [RequestDetailView.Window] = []
        for window in cost.windows {
            let intensity = try await windowIntensity(window)
            windows.append(
                RequestDetailView.Window(
                    start: RFC3339.format(window.windowStart),
                    end: RFC3339.format(window.windowStart + .seconds(900)),
                    energy: EnergyView(dynamic: window.dynamic, idle: window.idle),
                    intensityGPerKwh: intensity.gramsPerKilowattHour, intensitySource: intensity.source.rawValue,
                    method: window.method, domains: Self.domainShares(window.domainsJSON)))
        }
        let view = try await requestView(cost, embodiedGrams: try await embodiedGrams(cost))
        return try JSONBody.encode(RequestDetailView(request: view, windows: windows))
    }

    /// A window's intensity: the feed's stored value, else the resolver's fallbacks.
    private func windowIntensity(_ window: RequestWindowEnergy) async throws -> ResolvedIntensity {
        if IntensityShare.isFeed(window.intensitySource), let grams = window.intensityGramsPerKWh,
            let source = window.intensitySource.flatMap(GridIntensitySource.init(rawValue:))
        {
            return ResolvedIntensity(gramsPerKilowattHour: grams, source: source)
        }
        return try await calculator.pricing.resolvedIntensity(at: window.windowStart)
    }

    /// M of one request: each of its windows' share of its host's quarter of embodied emissions.
    private func embodiedGrams(_ cost: RequestCost) async throws -> Double {
        guard let embodied = calculator.pricing.embodied,
            let first = cost.windows.map(\.windowStart).min(), let last = cost.windows.map(\.windowStart).max()
        else { return 0 }
        let rows = try await store.quarterEnergyWithIntensity(
            zone: zone, host: cost.record.host, from: first, to: last + .seconds(900))
        let allocation = EmbodiedAllocation(embodied: embodied, rows: rows)
        return cost.windows.reduce(0) { sum, window in
            sum
                + allocation.grams(
                    host: cost.record.host, quarter: window.windowStart, idle: window.idle,
                    total: window.dynamic + window.idle)
        }
    }

    /// `embodiedGrams`: the request's M, known for a single request only
    /// (nil in lists: no `sci` block there).
    func requestView(_ cost: RequestCost, embodiedGrams: Double? = nil) async throws -> RequestView {
        let priced = try await calculator.pricing.price(cost.intensity)
        let r = cost.record
        var view = RequestView(
            id: r.id, host: r.host, tenant: r.tenant, model: r.model, start: RFC3339.format(r.start),
            firstToken: r.firstToken.map(RFC3339.format), end: RFC3339.format(r.end), promptTokens: r.promptTokens,
            completionTokens: r.completionTokens, status: r.status, energy: nil, co2e: nil,
            sci: nil, provenance: calculator.provenance(priced, tokenSplit: nil))
        if let dynamic = cost.dynamic, let idle = cost.idle {
            let sci = calculator.sciFigures(
                priced, requests: 1, tokens: Int64((r.promptTokens ?? 0) + (r.completionTokens ?? 0)),
                embodiedGrams: embodiedGrams ?? 0)
            let figure = calculator.figure(
                dynamic: dynamic, idle: idle, directGrams: sci.operational.totalGrams, scale: 1)
            view.energy = figure.energy
            view.co2e = figure.co2e
            if embodiedGrams != nil { view.sci = calculator.sciView(sci) }
        }
        return view
    }

    /// `request_energy.domains` (`{"domain": [dynamic µJ, idle µJ]}`) as a sorted list.
    static func domainShares(_ json: String) -> [RequestDetailView.DomainShare] {
        guard let object = try? JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: [Any]] else {
            return []
        }
        return object.keys.sorted().compactMap { domain in
            guard let pair = object[domain], pair.count == 2, let dynamic = (pair[0] as? NSNumber)?.int64Value,
                let idle = (pair[1] as? NSNumber)?.int64Value
            else { return nil }
            return RequestDetailView.DomainShare(
                domain: domain, dynamicJoules: Energy(microjoules: dynamic).joules,
                idleJoules: Energy(microjoules: idle).joules)
        }
    }
}
