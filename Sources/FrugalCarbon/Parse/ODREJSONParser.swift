import Foundation

/// ODRÉ's API answers for an eCO2mix dataset: Explore v2.1
/// (`{"total_count": n, "results": [record…]}`), v2.0
/// (`{"records": [{"record": {"fields": …}}]}`), v1
/// (`{"records": [{"fields": …}]}`), or a bare array of records. A record
/// gives `date_heure` (ISO 8601 with offset) and `taux_co2` (a number, a
/// numeric string, or null).
public enum ODREJSONParser {
    /// nil `total_count` when the envelope had none.
    public static func parse(_ bytes: some Collection<UInt8>) -> GridParseResult {
        parseWithTotal(bytes).result
    }

    /// The result and the envelope's `total_count` (how many records the
    /// query matched in all, for paging), when present.
    public static func parseWithTotal(_ bytes: some Collection<UInt8>) -> (result: GridParseResult, totalCount: Int?) {
        var collector = GridPointCollector()
        let json: Any
        do {
            json = try JSONSerialization.jsonObject(with: Data(bytes), options: [.fragmentsAllowed])
        } catch {
            collector.problem(.malformed, line: 0, "not JSON")
            return (collector.finish(format: .odreJSON), nil)
        }
        guard let (records, total) = records(in: json) else {
            collector.problem(.malformed, line: 0, "no results or records array")
            return (collector.finish(format: .odreJSON), nil)
        }
        for (index, item) in records.enumerated() {
            add(item, line: index + 1, to: &collector)
        }
        return (collector.finish(format: .odreJSON), total)
    }

    private static func records(in json: Any) -> ([Any], Int?)? {
        if let array = json as? [Any] { return (array, nil) }
        guard let object = json as? [String: Any] else { return nil }
        let total = (object["total_count"] as? NSNumber)?.intValue ?? (object["nhits"] as? NSNumber)?.intValue
        if let results = object["results"] as? [Any] { return (results, total) }
        if let records = object["records"] as? [Any] { return (records, total) }
        return nil
    }

    private static func fields(of item: Any) -> [String: Any]? {
        guard let object = item as? [String: Any] else { return nil }
        if let record = object["record"] as? [String: Any], let fields = record["fields"] as? [String: Any] {
            return fields
        }
        return object["fields"] as? [String: Any] ?? object
    }

    private static func add(_ item: Any, line: Int, to collector: inout GridPointCollector) {
        guard let fields = fields(of: item) else {
            collector.problem(.malformed, line: line, "a record that is not an object")
            return
        }
        guard let stamp = fields["date_heure"] as? String else {
            collector.problem(.malformed, line: line, "no date_heure string")
            return
        }
        guard let utc = RowTime.fromInstant(Substring(stamp), line: line, collector: &collector) else { return }
        let nature = (fields["nature"] as? String).map { GridDataNature(cell: Substring($0)) } ?? .realTime
        let cell: Substring?
        switch fields["taux_co2"] {
        case let number as NSNumber: cell = Substring(number.stringValue)
        case let text as String: cell = Substring(text)
        case nil, is NSNull: cell = ""
        default: cell = "?"
        }
        collector.add(utcSeconds: utc, value: cell, nature: nature, line: line)
    }
}
