/// Header and cell text made comparable across the exports: lowercase ASCII,
/// accents dropped, anything else (including mis-decoded bytes, which RTE's
/// files show as `?`) kept as is. "Taux de CO2", "Taux de Co2" and
/// "taux de co2" fold alike.
enum TextFolding {
    static func fold(_ text: Substring) -> String {
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            out.append(fold(scalar))
        }
        return String(out).trimmingSpaces()
    }

    private static func fold(_ s: Unicode.Scalar) -> Unicode.Scalar {
        switch s.value {
        case 0x41...0x5A: return Unicode.Scalar(s.value + 32)!
        case 0xC0...0xC5, 0xE0...0xE5: return "a"
        case 0xC7, 0xE7: return "c"
        case 0xC8...0xCB, 0xE8...0xEB: return "e"
        case 0xCC...0xCF, 0xEC...0xEF: return "i"
        case 0xD2...0xD6, 0xF2...0xF6: return "o"
        case 0xD9...0xDC, 0xF9...0xFC: return "u"
        default: return s
        }
    }

    /// Bytes as text: UTF-8 when valid (a leading BOM dropped), else Latin-1,
    /// which RTE's downloads use and which any byte sequence decodes as.
    static func decode(_ bytes: some Collection<UInt8>) -> String {
        var body = Array(bytes)
        if body.starts(with: [0xEF, 0xBB, 0xBF]) { body.removeFirst(3) }
        if let text = String(validating: body, as: UTF8.self) { return text }
        var scalars = String.UnicodeScalarView()
        for byte in body { scalars.append(Unicode.Scalar(byte)) }
        return String(scalars)
    }
}

extension String {
    func trimmingSpaces() -> String {
        var s = Substring(self)
        while let c = s.first, c == " " || c == "\t" || c == "\r" || c == "\"" { s.removeFirst() }
        while let c = s.last, c == " " || c == "\t" || c == "\r" || c == "\"" { s.removeLast() }
        return String(s)
    }
}
