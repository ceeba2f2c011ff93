/// The books of one domain over one window: where every microjoule went.
///
/// Conservation, the invariant every test leans on:
/// `measured = idle + attributed + unattributed`, exactly, in µJ.
public struct DomainLedger: Hashable, Sendable, Codable {
    public var domain: DomainID
    public var measured: Energy
    /// The part below the idle power: drawn whether requests run or not.
    public var idle: Energy
    /// Dynamic energy given to requests.
    public var attributed: Energy
    /// Dynamic energy of intervals with no request this domain serves.
    public var unattributed: Energy
    /// Of the idle energy, what the full-cost view gave to requests.
    public var idleAllocated: Energy
    /// The idle power used, and where it came from (`configured`, `p5 of 3600 intervals`).
    public var idlePower: Power
    public var idlePowerSource: String
    public var intervals: Int
    /// Intervals where the split fell back to time because some active request had no token counts.
    public var timeFallbackIntervals: Int

    /// measured − (idle + attributed + unattributed): zero when the books balance.
    public var conservationError: Energy { measured - idle - attributed - unattributed }
}

/// One request's share of the measured energy.
public struct RequestAttribution: Hashable, Sendable, Codable {
    public var request: RequestRecord
    /// Dynamic energy per domain.
    public var dynamic: [DomainID: Energy]
    /// Idle energy allocated per domain (the full-cost view).
    public var idle: [DomainID: Energy]
    /// `tokens`, `tokens+coefficients`, `time`, or `time (no token counts)`.
    public var method: String

    /// The domains that add up to the host total (`HostTotal`): sub-zones
    /// are inside their package and not added again.
    public var counted: Set<DomainID>

    public var dynamicTotal: Energy { dynamic.filter { counted.contains($0.key) }.values.sum() }
    public var idleTotal: Energy { idle.filter { counted.contains($0.key) }.values.sum() }
    /// Dynamic plus allocated idle: what the request costs in full.
    public var fullCost: Energy { dynamicTotal + idleTotal }
}

/// What one attribution run produced. Per-request figures are kept in flat
/// arrays (a month holds millions of requests); `attribution(at:)` builds the
/// readable form of one.
public struct AttributionResult: Sendable {
    public var domains: [Domain]
    /// Sorted by start, then id.
    public var requests: [RequestRecord]
    /// `dynamic[d][r]`: µJ of domain `domains[d]` given to `requests[r]`.
    public var dynamic: [[Int64]]
    public var idle: [[Int64]]
    public var methods: [String]
    public var ledgers: [DomainLedger]

    public func attribution(at index: Int) -> RequestAttribution {
        var dynamicByDomain: [DomainID: Energy] = [:]
        var idleByDomain: [DomainID: Energy] = [:]
        for (d, domain) in domains.enumerated() {
            if dynamic[d][index] != 0 { dynamicByDomain[domain.id] = Energy(microjoules: dynamic[d][index]) }
            if idle[d][index] != 0 { idleByDomain[domain.id] = Energy(microjoules: idle[d][index]) }
        }
        return RequestAttribution(
            request: requests[index], dynamic: dynamicByDomain, idle: idleByDomain, method: methods[index],
            counted: Set(countedIndices.map { domains[$0].id }))
    }

    /// Indices of the domains that add up to the host total.
    public var countedIndices: [Int] {
        let counted = Set(HostTotal.domains(domains).map(\.id))
        return domains.indices.filter { counted.contains(domains[$0].id) }
    }

    /// A request's dynamic and allocated idle energy over the counted domains, in µJ.
    public func totals(at index: Int, counted: [Int]) -> (dynamic: Int64, idle: Int64) {
        counted.reduce((Int64(0), Int64(0))) { ($0.0 + dynamic[$1][index], $0.1 + idle[$1][index]) }
    }

    /// Whether every ledger balances to the microjoule.
    public var conserves: Bool { ledgers.allSatisfy { $0.conservationError == .zero } }
}
