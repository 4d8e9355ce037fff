import TIQCore

/// Small multiples: one small line chart per row, on a shared y scale, in a grid of panels, for
/// answers with more territories than one chart can overlay readably.
struct SmallMultiples {
    /// The most panels drawn; beyond, an answer should be filtered or ranked first.
    static let maxPanels = 36
    /// Title, subtitle, source and notes.
    var options: ChartOptions
    /// Panels per row, and the size of one panel.
    var columns = 4, panelWidth = 210.0, panelHeight = 130.0

    /// The SVG document: each point is a `<circle class="point">` as in the line chart.
    func render(_ data: ChartData) -> String {
        let lines = Array(data.lines.prefix(Self.maxPanels))
        let f = SVGChart.fmt
        // Absent and qualified values are counted under the panels, as under the line chart.
        let notes = SVGChart.statusNotes(lines).map { (kind: "status-note", text: $0.text) }
        let footer = notes + ChartFrame.footerLines(options)
        let rows = (lines.count + columns - 1) / columns
        let top = 70.0, margin = 20.0
        let width = margin * 2 + Double(columns) * panelWidth
        let height = top + Double(rows) * panelHeight + 30 + Double(footer.count) * 16
        let values = lines.flatMap(\.values).filter(\.isFinite)
        let ticks = AxisTicks(low: values.min() ?? 0, high: values.max() ?? 1, count: 3)
        let n = data.periods.count
        var s = ChartFrame.open(width: width, height: height)
        let unitText = data.unit.isPercentLike ? (data.unit.symbol == "pp" ? "pp" : "%") : data.unit.symbol
        let scale = "same scale in every panel" + (unitText.isEmpty ? "" : " (\(unitText))")
            + ", \(data.periods.first?.description ?? "")–\(data.periods.last?.description ?? "")"
        s += ChartFrame.header(options, defaultTitle: data.measures.joined(separator: ", "), extra: scale, x: margin)
        for (i, line) in lines.enumerated() {
            let px = margin + Double(i % columns) * panelWidth, py = top + Double(i / columns) * panelHeight
            let left = px + 40, right = px + panelWidth - 14, ptop = py + 40, bottom = py + panelHeight - 24
            func x(_ t: Int) -> Double { n == 1 ? (left + right) / 2 : left + (right - left) * Double(t) / Double(n - 1) }
            func y(_ v: Double) -> Double { bottom - (bottom - ptop) * (v - ticks.low) / (ticks.high - ticks.low) }
            s += "<g class=\"panel\" data-series=\"\(SVGChart.xml(line.label))\">\n"
            let title = ChartLabel.lines(line.label, width: 26)
            s += "<text class=\"legend-label\" data-series=\"\(SVGChart.xml(line.label))\" x=\"\(f(px + 4))\" y=\"\(f(py + 12 - 6 * Double(title.count - 1) + 6))\" font-size=\"11\" font-weight=\"bold\">"
            for (k, part) in title.enumerated() { s += "<tspan x=\"\(f(px + 4))\" dy=\"\(k == 0 ? 0 : 12)\">\(SVGChart.xml(part))</tspan>" }
            s += "</text>\n"
            for v in [ticks.low, ticks.high] {
                s += "<line x1=\"\(f(left))\" x2=\"\(f(right))\" y1=\"\(f(y(v)))\" y2=\"\(f(y(v)))\" stroke=\"#ddd\"/>\n"
                s += "<text x=\"\(f(left - 4))\" y=\"\(f(y(v) + 4))\" text-anchor=\"end\" font-size=\"10\" fill=\"#555\">\(SVGChart.xml(NumberText.readable(v)))</text>\n"
            }
            for t in n == 1 ? [0] : [0, n - 1] {
                s += "<text x=\"\(f(x(t)))\" y=\"\(f(bottom + 13))\" text-anchor=\"middle\" font-size=\"9\" fill=\"#777\">\(data.periods[t])</text>\n"
            }
            var path = "", penDown = false
            for (t, v) in line.values.enumerated() {
                guard v.isFinite else { penDown = false; continue }
                path += (penDown ? " L" : " M") + "\(f(x(t))) \(f(y(v)))"
                penDown = true
            }
            if !path.isEmpty { s += "<path d=\"\(path.dropFirst())\" fill=\"none\" stroke=\"#1f77b4\" stroke-width=\"1.5\"/>\n" }
            for (t, v) in line.values.enumerated() where v.isFinite {
                s += "<circle class=\"point\" data-series=\"\(SVGChart.xml(line.label))\" data-period=\"\(data.periods[t])\" data-value=\"\(v)\" cx=\"\(f(x(t)))\" cy=\"\(f(y(v)))\" r=\"2\" fill=\"#1f77b4\"/>\n"
            }
            s += "</g>\n"
        }
        s += ChartFrame.footer(footer, x: margin, y: top + Double(rows) * panelHeight + 20)
        return s + "</svg>\n"
    }
}
