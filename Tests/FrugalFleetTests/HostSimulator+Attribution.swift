import FrugalCore
import FrugalStore

extension HostSimulator {
    static let quarter: Duration = .seconds(900)

    /// Attributes each quarter hour that ended, and runs the previous one
    /// again (a late request reopens it in the daemon): the re-run replaces it.
    func attributeEndedQuarters() throws {
        while attributedThroughValue + Self.quarter <= now {
            let start = attributedThroughValue
            try attribute(start)
            if start.nanosecondsSinceEpoch / 900_000_000_000 % 2 == 0, start - Self.quarter >= firstQuarter {
                try attribute(start - Self.quarter)
            }
            attributedThroughValue = start + Self.quarter
        }
    }

    private func attribute(_ start: Timestamp) throws {
        let end = start + Self.quarter
        var samples: [EnergySample] = []
        for domain in domains { samples += try store.samples(domain: domain.id, from: start, to: end) }
        let requests = try store.requests(host: name, overlapping: start, to: end)
        let result = Attributor(policy: AttributionPolicy()).attribute(
            samples: samples, domains: domains, requests: requests)
        let counted = result.countedIndices
        let books = result.ledgers.map { ledger in
            let index = result.domains.firstIndex { $0.id == ledger.domain }!
            return AttributionWindowRecord.Book(
                domain: result.domains[index], counted: counted.contains(index), ledger: ledger)
        }
        let shares = result.requests.indices.map { index in
            let totals = result.totals(at: index, counted: counted)
            return AttributionWindowRecord.Share(
                start: result.requests[index].start, id: result.requests[index].id,
                dynamic: Energy(microjoules: totals.dynamic), idle: Energy(microjoules: totals.idle),
                method: result.methods[index],
                domains: result.domains.indices.map { d in
                    (
                        result.domains[d].id, Energy(microjoules: result.dynamic[d][index]),
                        Energy(microjoules: result.idle[d][index])
                    )
                })
        }
        try store.replaceAttributionWindow(
            AttributionWindowRecord(
                host: name, start: start, end: end, computedAt: nextComputedAt(), clockOffset: .zero,
                clockOffsetSource: "none configured", covered: Self.quarter, requestCount: requests.count,
                books: books, shares: shares))
        try store.saveCoefficients(
            host: name,
            [
                StoredCoefficients(
                    model: "mistral-small", fittedAt: end,
                    coefficients: ModelCoefficients(prefillJoulesPerToken: 0.02, decodeJoulesPerToken: 0.3),
                    decodeBatchExponent: 0.87, rSquared: 0.9, intervals: requests.count)
            ])
    }
}
