import FrugalCore

/// Totals of an attribution run per model and per tenant, with the books of
/// every domain: what `frugal attribute` prints and writes beside the
/// per-request file.
public struct AttributionSummary: Codable, Sendable {
    public struct Group: Codable, Sendable, Hashable {
        public var name: String
        public var requests: Int
        public var promptTokens: Int
        public var completionTokens: Int
        public var dynamicJoules: Double
        public var idleJoules: Double
        public var fullCostJoules: Double
        public var joulesPerRequest: Double
        /// Full cost per 1,000 tokens (prompt + completion), when tokens are known.
        public var joulesPer1kTokens: Double?
    }

    public struct Books: Codable, Sendable, Hashable {
        public var domain: String
        public var measuredJoules: Double
        public var idleJoules: Double
        public var attributedJoules: Double
        public var unattributedJoules: Double
        public var idleAllocatedJoules: Double
        public var idlePowerWatts: Double
        public var idlePowerSource: String
        /// measured − idle − attributed − unattributed, in µJ: 0 when the books balance.
        public var conservationErrorMicrojoules: Int64
    }

    public var models: [Group]
    public var tenants: [Group]
    public var books: [Books]
    public var conserves: Bool
    public var coefficients: [String: ModelCoefficients]

    public init(_ result: AttributionResult, coefficients: [String: ModelCoefficients] = [:]) {
        let counted = result.countedIndices
        let perRequest = result.requests.indices.map { index -> (RequestRecord, Int64, Int64) in
            let (dynamic, idle) = result.totals(at: index, counted: counted)
            return (result.requests[index], dynamic, idle)
        }
        models = Self.groups(perRequest, by: \.model)
        tenants = Self.groups(perRequest, by: \.tenant)
        books = result.ledgers.map { ledger in
            Books(
                domain: ledger.domain.rawValue, measuredJoules: ledger.measured.joules, idleJoules: ledger.idle.joules,
                attributedJoules: ledger.attributed.joules, unattributedJoules: ledger.unattributed.joules,
                idleAllocatedJoules: ledger.idleAllocated.joules, idlePowerWatts: ledger.idlePower.watts,
                idlePowerSource: ledger.idlePowerSource,
                conservationErrorMicrojoules: ledger.conservationError.microjoules)
        }
        conserves = result.conserves
        self.coefficients = coefficients
    }

    private static func groups(
        _ rows: [(RequestRecord, Int64, Int64)], by key: KeyPath<RequestRecord, String>
    ) -> [Group] {
        Dictionary(grouping: rows) { $0.0[keyPath: key] }.map { name, rows in
            let dynamic = rows.reduce(Int64(0)) { $0 + $1.1 }
            let idle = rows.reduce(Int64(0)) { $0 + $1.2 }
            let prompt = rows.reduce(0) { $0 + ($1.0.promptTokens ?? 0) }
            let completion = rows.reduce(0) { $0 + ($1.0.completionTokens ?? 0) }
            let full = Energy(microjoules: dynamic + idle).joules
            return Group(
                name: name, requests: rows.count, promptTokens: prompt, completionTokens: completion,
                dynamicJoules: Energy(microjoules: dynamic).joules, idleJoules: Energy(microjoules: idle).joules,
                fullCostJoules: full, joulesPerRequest: full / Double(rows.count),
                joulesPer1kTokens: prompt + completion > 0 ? full * 1_000 / Double(prompt + completion) : nil)
        }.sorted { $0.fullCostJoules > $1.fullCostJoules }
    }

    /// The summary as a person reads it.
    public func text() -> String {
        var lines = ["Per model (full cost = dynamic + allocated idle):"]
        for group in models {
            let perK = group.joulesPer1kTokens.map { ", \(Decimals.fixed($0, 1)) J per 1k tokens" } ?? ""
            lines.append(
                "  \(group.name): \(group.requests) requests, \(Decimals.fixed(group.fullCostJoules / 3_600, 2)) Wh "
                    + "(\(Decimals.fixed(group.dynamicJoules / 3_600, 2)) Wh dynamic), "
                    + "\(Decimals.fixed(group.joulesPerRequest, 1)) J per request\(perK)")
        }
        lines.append("Books per domain (measured = idle + attributed + unattributed):")
        for book in books {
            lines.append(
                "  \(book.domain): \(Decimals.fixed(book.measuredJoules, 3)) J = \(Decimals.fixed(book.idleJoules, 3)) idle "
                    + "+ \(Decimals.fixed(book.attributedJoules, 3)) attributed + \(Decimals.fixed(book.unattributedJoules, 3)) "
                    + "unattributed; error \(book.conservationErrorMicrojoules) µJ; idle power "
                    + "\(Decimals.fixed(book.idlePowerWatts, 1)) W (\(book.idlePowerSource))")
        }
        lines.append(
            conserves
                ? "Conservation: exact to the microjoule in every domain."
                : "Conservation: VIOLATED (a bug: report it).")
        return lines.joined(separator: "\n")
    }
}
