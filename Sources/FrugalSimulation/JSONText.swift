/// Text pieces of JSON written by hand (the writers are on the hot path of
/// month-long runs, and field order matters for realism).
enum JSONText {
    static func string(_ value: String) -> String {
        // Names and ids are plain: quote them as they are.
        if value.utf8.allSatisfy({ $0 >= 0x20 && $0 != 0x22 && $0 != 0x5C }) { return "\"" + value + "\"" }
        var out = "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20: out += "\\u" + UTCCalendar.pad(Int64(scalar.value), 4)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    static func optionalString(_ value: String?) -> String { value.map(string) ?? "null" }
    static func optional<T: LosslessStringConvertible>(_ value: T?) -> String { value.map { String($0) } ?? "null" }

    /// `seconds.ffffff` for microseconds since the epoch (exact decimal).
    static func seconds(microseconds: Int64) -> String {
        let whole = UTCCalendar.floorDiv(microseconds, 1_000_000)
        return "\(whole)." + UTCCalendar.pad(microseconds - whole * 1_000_000, 6)
    }

    /// `seconds.fff` for milliseconds (nginx `$msec`, `$request_time`).
    static func seconds(milliseconds: Int64) -> String {
        let whole = UTCCalendar.floorDiv(milliseconds, 1_000)
        return "\(whole)." + UTCCalendar.pad(milliseconds - whole * 1_000, 3)
    }
}
