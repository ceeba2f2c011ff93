/// Lines and cells of a delimited export (`;`, `,` or tab), with a folded
/// header to find columns by name. Quotes around a cell are dropped; eCO2mix
/// exports never put a separator inside a cell.
struct DelimitedText {
    let separator: Character
    /// Folded header names (`TextFolding.fold`), in order.
    let header: [String]
    /// 1-based line number of the header.
    let headerLine: Int
    /// The lines after the header, with their 1-based numbers.
    let rows: [(line: Int, text: Substring)]

    /// The first non-empty line is the header; the separator is whichever
    /// of tab, `;` and `,` it holds most of. nil for a text with no header.
    init?(text: String) {
        let lines = text.split(omittingEmptySubsequences: false) { $0 == "\n" || $0 == "\r\n" }
        guard let headerIndex = lines.firstIndex(where: { !$0.allSatisfy(\.isWhitespace) }) else { return nil }
        let first = lines[headerIndex]
        let counts: [(Character, Int)] = ["\t", ";", ","].map { sep in (sep, first.count { $0 == sep }) }
        guard let best = counts.max(by: { $0.1 < $1.1 }), best.1 > 0 else { return nil }
        separator = best.0
        header = Self.cells(first, separator: best.0).map { TextFolding.fold($0) }
        headerLine = headerIndex + 1
        rows = lines.indices.dropFirst(headerIndex + 1).compactMap { i in
            lines[i].allSatisfy(\.isWhitespace) ? nil : (i + 1, lines[i])
        }
    }

    /// The index of the first column whose folded name is one of `names`.
    func column(_ names: String...) -> Int? {
        header.firstIndex { names.contains($0) }
    }

    static func cells(_ line: Substring, separator: Character) -> [Substring] {
        line.split(separator: separator, omittingEmptySubsequences: false).map { cell in
            var c = cell
            while let last = c.last, last == "\r" || last == " " { c.removeLast() }
            if c.count >= 2, c.first == "\"", c.last == "\"" { c = c.dropFirst().dropLast() }
            return c
        }
    }

    func cells(_ row: Substring) -> [Substring] { Self.cells(row, separator: separator) }
}
