import FrugalCore

/// The two eCO2mix datasets on ODRÉ (Open Data Réseaux Énergies).
public enum ODREDataset: String, Hashable, Sendable, CaseIterable {
    /// Real-time values, every 15 minutes, published with about an hour's lag.
    case realTime = "eco2mix-national-tr"
    /// Consolidated then definitive values, published months later.
    case consolidated = "eco2mix-national-cons-def"

    /// The store source of values from this dataset.
    public var storeSource: String { self == .realTime ? "live" : "consolidated" }
}

/// Builds ODRÉ Explore API v2.1 record queries. At most 100 records come
/// back per call (the API's cap), so a query covers one day (96 quarters)
/// and pages with `offset` when the answer says there are more.
public struct ODREQuery: Hashable, Sendable {
    /// Up to `/api/explore/v2.1`, no trailing slash.
    public var baseURL: String
    public var dataset: ODREDataset
    public var from: Timestamp
    public var to: Timestamp
    public var offset: Int
    public static let pageSize = 100

    public init(baseURL: String, dataset: ODREDataset, from: Timestamp, to: Timestamp, offset: Int = 0) {
        self.baseURL = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
        self.dataset = dataset
        self.from = from
        self.to = to
        self.offset = offset
    }

    /// `…/catalog/datasets/<id>/records?select=…&where=…&order_by=date_heure&limit=100&offset=…&timezone=UTC`.
    public var url: String {
        let filter =
            "date_heure >= date'\(Self.iso(from))' AND date_heure < date'\(Self.iso(to))' AND taux_co2 IS NOT NULL"
        let parameters = [
            ("select", "date_heure,taux_co2,nature"), ("where", filter), ("order_by", "date_heure"),
            ("limit", String(Self.pageSize)), ("offset", String(offset)), ("timezone", "UTC"),
        ]
        let query = parameters.map { "\($0.0)=\(Self.percentEncoded($0.1))" }.joined(separator: "&")
        return "\(baseURL)/catalog/datasets/\(dataset.rawValue)/records?\(query)"
    }

    static func iso(_ t: Timestamp) -> String {
        let seconds = floorDiv(t.nanosecondsSinceEpoch, 1_000_000_000)
        let days = floorDiv(seconds, 86_400)
        let second = seconds - days * 86_400
        func pad(_ v: Int64) -> String { v < 10 ? "0\(v)" : "\(v)" }
        return "\(CivilDate(daysSinceEpoch: days))T\(pad(second / 3_600)):\(pad(second / 60 % 60)):\(pad(second % 60))Z"
    }

    /// RFC 3986 unreserved characters kept, everything else %XX.
    static func percentEncoded(_ text: String) -> String {
        var out = ""
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."),
                UInt8(ascii: "~"), UInt8(ascii: ","):
                out.append(Character(Unicode.Scalar(byte)))
            default:
                let hex = Array("0123456789ABCDEF")
                out += "%\(hex[Int(byte >> 4)])\(hex[Int(byte & 15)])"
            }
        }
        return out
    }
}
