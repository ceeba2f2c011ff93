import FrugalCore

/// One RFC 4180 row: fields split on commas, `"…"` quoting with `""` for a
/// quote. Returns nil when a quoted field is not closed on the line.
enum CSVLine {
    /// A header cell as a column name: one leading space dropped, lowercased
    /// (without `trimmingPrefix`, whose generic matching costs more than the split).
    static func name(_ cell: String) -> String {
        (cell.first == " " ? cell.dropFirst() : Substring(cell)).lowercased()
    }

    static func split(_ line: UnsafeRawBufferPointer) -> [String]? {
        var cells: [String] = []
        var cell: [UInt8] = []
        var k = 0
        var quoted = false
        while k < line.count {
            let b = line[k]
            if quoted {
                if b == UInt8(ascii: "\"") {
                    if k + 1 < line.count && line[k + 1] == UInt8(ascii: "\"") {
                        cell.append(b)
                        k += 1
                    } else {
                        quoted = false
                    }
                } else {
                    cell.append(b)
                }
            } else if b == UInt8(ascii: "\"") {
                quoted = true
            } else if b == UInt8(ascii: ",") {
                cells.append(String(decoding: cell, as: UTF8.self))
                cell.removeAll(keepingCapacity: true)
            } else {
                cell.append(b)
            }
            k += 1
        }
        guard !quoted else { return nil }
        cells.append(String(decoding: cell, as: UTF8.self))
        return cells
    }
}
