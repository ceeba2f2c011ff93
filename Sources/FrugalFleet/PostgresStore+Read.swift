import FrugalCore
import PostgresNIO

/// One line of a fleet usage report: a host, a model, a tenant, or the whole fleet.
public struct FleetUsageTotal: Hashable, Sendable {
    public enum Group: Hashable, Sendable {
        case fleet
        case host(String)
        case model(String)
        case tenant(String)
    }

    public var group: Group
    public var requests: Int64
    public var promptTokens: Int64
    public var completionTokens: Int64
    /// Energy used in the span (dynamic, and allocated idle).
    public var dynamic: Energy
    public var idle: Energy
}

extension PostgresStore {
    /// Usage summed over the quarters starting in `[from, to)` (ns), per host,
    /// per model, per tenant and for the fleet, in one pass over
    /// `usage_quarter` (`GROUPING SETS`; the month's partitions only).
    public func usageTotals(from: Int64, to: Int64) async throws(FleetError) -> [FleetUsageTotal] {
        try await connection.run { connection, logger in
            let rows = try await connection.query(
                """
                SELECT host, model, tenant, grouping(host, model, tenant)::bigint, sum(requests)::bigint,
                       sum(prompt_tokens)::bigint, sum(completion_tokens)::bigint, sum(dynamic_uj)::bigint,
                       sum(idle_uj)::bigint
                FROM usage_quarter WHERE quarter_start_ns >= \(from) AND quarter_start_ns < \(to)
                GROUP BY GROUPING SETS ((), (host), (model), (tenant)) ORDER BY 4 DESC, 1, 2, 3
                """, logger: logger)
            var totals: [FleetUsageTotal] = []
            for try await (host, model, tenant, _, requests, prompt, completion, dynamic, idle) in rows.decode(
                (String?, String?, String?, Int64, Int64, Int64, Int64, Int64, Int64).self)
            {
                let group: FleetUsageTotal.Group =
                    host.map { .host($0) } ?? model.map { .model($0) } ?? tenant.map { .tenant($0) } ?? .fleet
                totals.append(
                    FleetUsageTotal(
                        group: group, requests: requests, promptTokens: prompt, completionTokens: completion,
                        dynamic: Energy(microjoules: dynamic), idle: Energy(microjoules: idle)))
            }
            return totals
        }
    }
}
