import FrugalCore
import FrugalStore
import Hummingbird

/// Reads and checks a request's query parameters; every refusal is a
/// `Problem` that names the parameter and what to send instead.
struct QueryReader {
    let parameters: [String: String]
    let now: Timestamp
    let limits: APILimits

    init(_ request: Request, allowed: Set<String>, now: Timestamp, limits: APILimits) throws {
        var parameters: [String: String] = [:]
        for (name, value) in request.uri.queryParameters {
            let key = String(name)
            guard allowed.contains(key) else {
                let known = allowed.sorted().joined(separator: ", ")
                throw Problem(
                    .invalidParameter, "unknown parameter \(key): send only \(known.isEmpty ? "no parameter" : known)",
                    parameter: key)
            }
            guard parameters[key] == nil else {
                throw Problem(.invalidParameter, "\(key) is given twice: send it once", parameter: key)
            }
            parameters[key] = String(value)
        }
        self.parameters = parameters
        self.now = now
        self.limits = limits
    }

    /// `from` and `to` (RFC 3339); by default the `defaultDays` days up to now.
    func window(defaultDays: Int64 = 30) throws -> (from: Timestamp, to: Timestamp) {
        let to = try time("to") ?? now
        let from = try time("from") ?? (to + .seconds(-defaultDays * 86_400))
        guard from < to else {
            throw Problem(.invalidParameter, "from must be before to: send from=… earlier than to=…", parameter: "from")
        }
        guard to - from <= limits.maxWindow else {
            let days = limits.maxWindow.nanoseconds / 86_400_000_000_000
            throw Problem(
                .windowTooLong, "the window spans more than \(days) days: send a shorter from..to and page through",
                parameter: "from")
        }
        return (from, to)
    }

    func time(_ name: String) throws -> Timestamp? {
        guard let text = parameters[name] else { return nil }
        guard let time = RFC3339.parse(text) else {
            throw Problem(
                .invalidParameter, "\(name)=\(text) is not an RFC 3339 time: send e.g. \(name)=2025-11-23T12:00:00Z",
                parameter: name)
        }
        return time
    }

    /// A non-empty name (model, tenant, host, zone) of at most 200 characters.
    func name(_ name: String) throws -> String? {
        guard let text = parameters[name] else { return nil }
        // JSON Schema counts code points, not grapheme clusters.
        guard !text.isEmpty, text.unicodeScalars.count <= 200 else {
            throw Problem(
                .invalidParameter, "\(name) must be 1 to 200 characters: send a \(name) name", parameter: name)
        }
        return text
    }

    func integer(_ name: String, in range: ClosedRange<Int>, what: String) throws -> Int? {
        guard let text = parameters[name] else { return nil }
        guard let value = Int(text), range.contains(value) else {
            throw Problem(
                .invalidParameter,
                "\(name)=\(text) is not valid: send \(what), an integer from \(range.lowerBound) to \(range.upperBound)",
                parameter: name)
        }
        return value
    }

    func cursor() throws -> RequestCursor? {
        guard let text = parameters["cursor"] else { return nil }
        guard let cursor = CursorCodec.decode(text) else {
            throw Problem(
                .invalidParameter, "cursor is not one this server gave: send the next_cursor of the previous page",
                parameter: "cursor")
        }
        return cursor
    }
}

/// Limits on what one query may ask.
struct APILimits: Sendable {
    var maxWindow: Duration
    var maxPageSize: Int
    var defaultPageSize = 100
}

/// The opaque page cursor: base64url of `v1.<start ns>.<request key>`.
enum CursorCodec {
    static func encode(_ cursor: RequestCursor) -> String {
        let text = "v1.\(cursor.startNanoseconds).\(cursor.requestKey)"
        return Base64URL.encode(Array(text.utf8))
    }

    static func decode(_ text: String) -> RequestCursor? {
        guard let bytes = Base64URL.decode(text) else { return nil }
        let parts = String(decoding: bytes, as: UTF8.self).split(separator: ".")
        guard parts.count == 3, parts[0] == "v1", let start = Int64(parts[1]), let key = Int64(parts[2]) else {
            return nil
        }
        return RequestCursor(startNanoseconds: start, requestKey: key)
    }
}

/// base64url without padding (RFC 4648 §5).
enum Base64URL {
    static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".utf8)

    static func encode(_ bytes: [UInt8]) -> String {
        var out: [UInt8] = []
        var index = 0
        while index < bytes.count {
            let chunk = bytes[index..<min(index + 3, bytes.count)]
            var value: UInt32 = 0
            for (offset, byte) in chunk.enumerated() { value |= UInt32(byte) << UInt32(16 - 8 * offset) }
            for position in 0...chunk.count { out.append(alphabet[Int(value >> UInt32(18 - 6 * position) & 63)]) }
            index += 3
        }
        return String(decoding: out, as: UTF8.self)
    }

    static func decode(_ text: String) -> [UInt8]? {
        var values: [UInt32] = []
        for byte in text.utf8 {
            guard let value = alphabet.firstIndex(of: byte) else { return nil }
            values.append(UInt32(value))
        }
        guard values.count % 4 != 1, values.count <= 200 else { return nil }
        var out: [UInt8] = []
        var index = 0
        while index < values.count {
            let chunk = values[index..<min(index + 4, values.count)]
            var value: UInt32 = 0
            for (offset, sextet) in chunk.enumerated() { value |= sextet << UInt32(18 - 6 * offset) }
            for position in 0..<(chunk.count - 1) {
                out.append(UInt8(truncatingIfNeeded: value >> UInt32(16 - 8 * position)))
            }
            index += 4
        }
        return out
    }
}
