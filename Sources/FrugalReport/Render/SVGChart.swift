/// Inline SVG charts drawn by Frugal: no script, no network, a `<title>` and
/// a `<desc>` for screen readers, and meaning carried by shape and text as
/// well as colour (bars are labelled, the intensity line is dashed with markers).
public enum SVGChart {
    /// One bar.
    public struct Bar: Sendable {
        public var label: String
        public var value: Double
        /// The value as printed above the bar ("n.d." for no data).
        public var valueText: String
        public var hasData: Bool
        public var highlighted: Bool

        public init(label: String, value: Double, valueText: String, hasData: Bool, highlighted: Bool = false) {
            self.label = label
            self.value = value
            self.valueText = valueText
            self.hasData = hasData
            self.highlighted = highlighted
        }
    }

    static let width = 640.0
    static let height = 260.0
    static let left = 56.0
    static let right = 56.0
    static let top = 28.0
    static let bottom = 44.0

    /// Vertical bars with their values printed above them.
    public static func bars(id: String, title: String, description: String, unit: String, bars: [Bar]) -> String {
        let plotWidth = width - left - right
        let plotHeight = height - top - bottom
        let maximum = niceCeiling(bars.filter(\.hasData).map(\.value).max() ?? 0)
        let step = plotWidth / Double(max(1, bars.count))
        var body = axis(maximum: maximum, unit: unit, side: .left)
        for (index, bar) in bars.enumerated() {
            let x = left + step * Double(index)
            let barHeight = maximum > 0 ? bar.value / maximum * plotHeight : 0
            let y = top + plotHeight - barHeight
            let style = bar.highlighted ? "bar current" : "bar"
            if bar.hasData {
                body += rect(x: x + step * 0.15, y: y, width: step * 0.7, height: barHeight, cssClass: style)
            }
            let emphasis = bar.highlighted ? " current" : ""
            body += text(x: x + step / 2, y: y - 4, bar.valueText, cssClass: "value" + emphasis, anchor: "middle")
            body += text(
                x: x + step / 2, y: top + plotHeight + 16, bar.label, cssClass: "label" + emphasis, anchor: "middle")
        }
        return svg(id: id, title: title, description: description, body: body)
    }

    /// Daily bars (energy, left axis) with a dashed line (grid intensity, right axis).
    public static func barsWithLine(
        id: String, title: String, description: String, barUnit: String, lineUnit: String, bars: [Bar],
        line: [Double?], lineLabel: String, barLabel: String
    ) -> String {
        precondition(bars.count == line.count, "one line point per bar")
        let plotWidth = width - left - right
        let plotHeight = height - top - bottom
        let barMax = niceCeiling(bars.map(\.value).max() ?? 0)
        let lineMax = niceCeiling(line.compactMap { $0 }.max() ?? 0)
        let step = plotWidth / Double(max(1, bars.count))
        var body =
            axis(maximum: barMax, unit: barUnit, side: .left) + axis(maximum: lineMax, unit: lineUnit, side: .right)
        // A day without an intensity breaks the line: nothing is drawn where nothing is known.
        var segments: [[String]] = [[]]
        for (index, bar) in bars.enumerated() {
            let x = left + step * Double(index)
            let barHeight = barMax > 0 ? bar.value / barMax * plotHeight : 0
            body += rect(
                x: x + step * 0.1, y: top + plotHeight - barHeight, width: step * 0.8, height: barHeight,
                cssClass: "bar")
            if index % 2 == 0 || bars.count <= 16 {
                body += text(
                    x: x + step / 2, y: top + plotHeight + 14, bar.label, cssClass: "label small", anchor: "middle")
            }
            if let value = line[index], lineMax > 0 {
                let (cx, cy) = (format(x + step / 2), format(top + plotHeight - value / lineMax * plotHeight))
                segments[segments.count - 1].append("\(cx),\(cy)")
                body += "<circle class=\"marker\" cx=\"\(cx)\" cy=\"\(cy)\" r=\"2.5\"/>"
            } else if !(segments.last?.isEmpty ?? true) {
                segments.append([])
            }
        }
        for points in segments where points.count > 1 {
            body += "<polyline class=\"line\" points=\"\(points.joined(separator: " "))\"/>"
        }
        body += legend(barLabel: barLabel, lineLabel: lineLabel)
        return svg(id: id, title: title, description: description, body: body)
    }

    private enum Side { case left, right }

    private static func axis(maximum: Double, unit: String, side: Side) -> String {
        let plotHeight = height - top - bottom
        let x = side == .left ? left - 6 : width - right + 6
        var out = ""
        for tick in 0...4 {
            let value = maximum * Double(tick) / 4
            let y = top + plotHeight - plotHeight * Double(tick) / 4
            if side == .left {
                out +=
                    "<line class=\"grid\" x1=\"\(format(left))\" x2=\"\(format(width - right))\" y1=\"\(format(y))\" y2=\"\(format(y))\"/>"
            }
            out += text(
                x: x, y: y + 4, tickText(value), cssClass: "tick",
                anchor: side == .left ? "end" : "start")
        }
        out += text(
            x: side == .left ? 4 : width - 4, y: top - 12, unit, cssClass: "unit",
            anchor: side == .left ? "start" : "end")
        return out
    }

    private static func legend(barLabel: String, lineLabel: String) -> String {
        let y = height - 10
        return rect(x: left, y: y - 9, width: 14, height: 10, cssClass: "bar")
            + text(x: left + 20, y: y, barLabel, cssClass: "legend", anchor: "start")
            + "<line class=\"line\" x1=\"\(format(left + 250))\" x2=\"\(format(left + 280))\" y1=\"\(format(y - 4))\" y2=\"\(format(y - 4))\"/>"
            + "<circle class=\"marker\" cx=\"\(format(left + 265))\" cy=\"\(format(y - 4))\" r=\"2.5\"/>"
            + text(x: left + 288, y: y, lineLabel, cssClass: "legend", anchor: "start")
    }

    private static func svg(id: String, title: String, description: String, body: String) -> String {
        """
        <svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 \(format(width)) \(format(height))" \
        role="img" aria-labelledby="\(id)-title \(id)-desc"><title id="\(id)-title">\(escape(title))</title>\
        <desc id="\(id)-desc">\(escape(description))</desc>\(body)</svg>
        """
    }

    private static func rect(x: Double, y: Double, width: Double, height: Double, cssClass: String) -> String {
        "<rect class=\"\(cssClass)\" x=\"\(format(x))\" y=\"\(format(y))\" width=\"\(format(width))\" height=\"\(format(max(0, height)))\"/>"
    }

    private static func text(x: Double, y: Double, _ content: String, cssClass: String, anchor: String) -> String {
        "<text class=\"\(cssClass)\" x=\"\(format(x))\" y=\"\(format(y))\" text-anchor=\"\(anchor)\">\(escape(content))</text>"
    }

    /// The smallest 1, 2, 4, 6, 8 or 10 × 10ⁿ at or above `value` (1 for zero):
    /// the axis has four steps, so each tick is a round number (0,5 and 1,5,
    /// not 0,625 and 1,88).
    static func niceCeiling(_ value: Double) -> Double {
        guard value > 0, value.isFinite else { return 1 }
        var magnitude = 1.0
        while magnitude * 10 <= value { magnitude *= 10 }
        while magnitude > value { magnitude /= 10 }
        for factor in [1.0, 2.0, 4.0, 6.0, 8.0, 10.0] where factor * magnitude >= value { return factor * magnitude }
        return 10 * magnitude
    }

    /// A tick's value without trailing zeros ("1,5", "2", not "1,50", "2,00").
    static func tickText(_ value: Double) -> String {
        var text = FrenchFormat.approximate(value)
        guard text.contains(","), !text.hasPrefix("<") else { return text }
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(",") { text.removeLast() }
        return text
    }

    /// Coordinates with one decimal, a point as separator (SVG syntax).
    static func format(_ value: Double) -> String {
        let tenths = (value * 10).rounded()
        let whole = Int64(tenths / 10)
        let fraction = Int64(abs(tenths.truncatingRemainder(dividingBy: 10)))
        return fraction == 0
            ? "\(tenths < 0 && whole == 0 ? "-" : "")\(whole)"
            : "\(tenths < 0 && whole == 0 ? "-" : "")\(whole).\(fraction)"
    }

    /// Escapes text for XML content and attributes.
    public static func escape(_ text: String) -> String {
        var out = ""
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(character)
            }
        }
        return out
    }
}
