import TIQCore
import TIQEngine

/// The bars of an answer without series: one per row, labelled by its text cells, sized by its
/// first number column (a ranking, a comparison, `compare` output).
public struct BarData: Sendable {
    /// One bar.
    public struct Bar: Sendable {
        /// The row's label.
        public var label: String
        /// The value (percent numbers for percent-like units); NaN when absent.
        public var value: Double
        /// Its status.
        public var status: ObservationStatus
    }
    /// The bars, in row order.
    public var bars: [Bar]
    /// The column drawn.
    public var measure: String
    /// Its unit.
    public var unit: Unit

    /// The bars of `table`, or nil when it has no number column.
    public init?(_ table: ResultTable) {
        guard let column = table.columns.first(where: { $0.kind == .number }) else { return nil }
        let cells = ResultCells(table: table)
        let scale = column.unit.isPercentLike ? 100.0 : 1.0
        measure = column.name
        unit = column.unit
        bars = (0..<table.rowCount).map { r in
            var parts: [String] = []
            for c in table.columns where c.kind == .text || c.kind == .bool {
                if let t = cells.text(c, row: r) { parts.append(c.kind == .bool ? "\(c.name)=\(t)" : t) }
            }
            let cell = cells.number(column, row: r)
            return Bar(label: parts.isEmpty ? "row \(r + 1)" : parts.joined(separator: " · "), value: cell.value * scale, status: cell.status)
        }
    }
}

/// A horizontal bar chart: labels on the left (wrapped, never cut), bars from zero, values at
/// their ends. Each bar is a `<rect class="bar" data-label data-value>`; absent values are
/// listed as `not available` rather than drawn.
public struct SVGBarChart: Sendable {
    /// Title, subtitle, source and notes.
    public var options: ChartOptions
    /// The drawing width in pixels.
    public var width = 860.0

    /// Creates a bar chart.
    public init(options: ChartOptions = ChartOptions()) { self.options = options }

    /// The SVG document.
    public func render(_ data: BarData) -> String {
        let labels = data.bars.map { ChartLabel.lines($0.label, width: 32) }
        let heights = labels.map { 14.0 * Double($0.count) + 10 }
        let footer = ChartFrame.footerLines(options)
        // The label column is as wide as the longest label line, so none runs off the page.
        let longest = labels.flatMap { $0 }.map(\.count).max() ?? 0
        let labelWidth = 20 + Double(longest) * 12 * ChartLabel.characterWidth
        let top = 70.0, left = labelWidth + 20, right = width - 90
        let plotHeight = heights.reduce(0, +)
        let height = top + plotHeight + 50 + Double(footer.count) * 16
        let finite = data.bars.map(\.value).filter(\.isFinite)
        let ticks = AxisTicks(low: min(0, finite.min() ?? 0), high: max(0, finite.max() ?? 1))
        func x(_ v: Double) -> Double { left + (right - left) * (v - ticks.low) / (ticks.high - ticks.low) }
        let f = SVGChart.fmt
        let unitText = data.unit.isPercentLike ? (data.unit.symbol == "pp" ? "pp" : "%") : data.unit.symbol
        var s = ChartFrame.open(width: width, height: height)
        s += ChartFrame.header(options, defaultTitle: data.measure + (unitText.isEmpty ? "" : " (\(unitText))"), extra: nil, x: 20)
        s += "<g class=\"x-axis\" stroke=\"#ddd\">\n"
        for v in ticks.values {
            s += "<line x1=\"\(f(x(v)))\" x2=\"\(f(x(v)))\" y1=\"\(f(top - 6))\" y2=\"\(f(top + plotHeight))\"/>\n"
            s += "<text x=\"\(f(x(v)))\" y=\"\(f(top + plotHeight + 16))\" text-anchor=\"middle\" stroke=\"none\" fill=\"#333\">\(SVGChart.xml(NumberText.readable(v)))</text>\n"
        }
        s += "</g>\n"
        var y = top
        for (i, bar) in data.bars.enumerated() {
            let h = heights[i]
            let mid = y + h / 2
            s += "<text class=\"bar-label\" data-label=\"\(SVGChart.xml(bar.label))\" x=\"\(f(labelWidth + 10))\" y=\"\(f(mid + 4 - 7 * Double(labels[i].count - 1)))\" text-anchor=\"end\">"
            for (k, part) in labels[i].enumerated() {
                s += "<tspan x=\"\(f(labelWidth + 10))\" dy=\"\(k == 0 ? 0 : 14)\">\(SVGChart.xml(part))</tspan>"
            }
            s += "</text>\n"
            if bar.value.isFinite {
                let x0 = x(0), x1 = x(bar.value)
                let colour = bar.status == .ok ? "#1f77b4" : "#9ecae1"
                s += "<rect class=\"bar\" data-label=\"\(SVGChart.xml(bar.label))\" data-value=\"\(bar.value)\" data-status=\"\(bar.status)\" x=\"\(f(min(x0, x1)))\" y=\"\(f(y + 4))\" width=\"\(f(abs(x1 - x0)))\" height=\"\(f(h - 8))\" fill=\"\(colour)\"/>\n"
                let mark = bar.status == .ok ? "" : " " + StatusMarker.marker(bar.status)
                let text = NumberText.readable(bar.value) + mark
                // A negative value is written left of its bar's end, unless the bar is too short to leave room.
                let room = x1 - left > Double(text.count + 1) * 12 * ChartLabel.characterWidth
                let (tx, anchor) = bar.value < 0 && room ? (x1 - 4, "end") : (max(x0, x1) + 4, "start")
                s += "<text class=\"value\" x=\"\(f(tx))\" y=\"\(f(mid + 4))\" text-anchor=\"\(anchor)\" fill=\"#333\">\(SVGChart.xml(text))</text>\n"
            } else {
                s += "<text class=\"absent\" x=\"\(f(x(0) + 4))\" y=\"\(f(mid + 4))\" fill=\"#888\">\(SVGChart.xml(StatusMarker.meaning(bar.status)))</text>\n"
            }
            y += h
        }
        s += "<line x1=\"\(f(x(0)))\" x2=\"\(f(x(0)))\" y1=\"\(f(top - 6))\" y2=\"\(f(top + plotHeight))\" stroke=\"#333\"/>\n"
        s += ChartFrame.footer(footer, x: 20, y: top + plotHeight + 40)
        return s + "</svg>\n"
    }
}
