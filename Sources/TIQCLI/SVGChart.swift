import TIQCore
import TIQEngine

/// A standalone SVG line chart of a series answer: periods along x, values along y with nice
/// ticks and the unit, one coloured line per row (broken where a value is absent), a legend.
///
/// Every point is also a `<circle class="point">` carrying `data-series`, `data-period` and
/// `data-value`, so tools and tests can read the data back from the picture. A qualified value
/// (estimated, imputed, partial…) is a hollow point with its mark beside it and `data-status`;
/// absent values break the line; a status legend under the chart names each status drawn and
/// counts the absent values by reason.
public struct SVGChart: Sendable {
    /// The drawing size in pixels.
    public var width = 860.0, height = 460.0
    /// The most lines drawn; the rest are counted in the subtitle.
    public var maxLines = 12
    /// Title, subtitle, source and notes.
    public var options: ChartOptions

    /// Creates a chart with the default size.
    public init(options: ChartOptions = ChartOptions()) { self.options = options }

    /// Creates a chart with a title.
    public init(title: String?) { self.options = ChartOptions(title: title) }

    /// Why an answer cannot be drawn.
    public struct NotChartable: Error, CustomStringConvertible {
        /// What is wrong with the answer.
        public enum Reason: Sendable, Equatable {
            /// It has no rows.
            case noRows
            /// It has rows, but every value is absent; the count of absent values by status.
            case noValues([ObservationStatus: Int])
            /// Its columns are not a series, a wide/long layout or a label and a number per row.
            case shape
        }
        /// What is wrong.
        public var reason: Reason

        /// Creates the error.
        public init(_ reason: Reason) { self.reason = reason }

        /// True when the answer has nothing to draw although its shape is chartable.
        public var empty: Bool { reason != .shape }

        public var description: String {
            switch reason {
            case .noRows:
                return "the answer is empty: no row to draw (check the filters; `--format table` shows the answer and its coverage)"
            case .noValues(let counts):
                let named = ObservationStatus.allCases.compactMap { s in counts[s].map { "\($0) \(StatusMarker.meaning(s))" } }
                return "the answer is empty: every value is absent (\(named.joined(separator: ", "))), there is nothing to draw; "
                    + "`--format table` shows where, and `| where complete(x, …)` keeps the rows with every value"
            case .shape:
                return "this answer has nothing to draw: --format svg needs a series column (for example `show name, emploi_ind`), a `wide` or a `long` answer, or a label and a number per row (a ranking or a comparison)"
            }
        }
    }

    static let palette = ["#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b",
                          "#e377c2", "#17becf", "#7f7f7f", "#bcbd22", "#393b79", "#637939"]

    /// The SVG document.
    public func render(_ table: ResultTable) throws(NotChartable) -> String {
        if table.rowCount == 0 { throw NotChartable(.noRows) }
        if let data = ChartData(table), !data.periods.isEmpty, !data.lines.isEmpty {
            guard data.lines.contains(where: { $0.values.contains(where: \.isFinite) }) else {
                throw NotChartable(.noValues(Self.counts(data.lines.flatMap(\.statuses))))
            }
            if data.lines.count > maxLines, data.lines.count <= SmallMultiples.maxPanels {
                return SmallMultiples(options: options).render(data)
            }
            return render(data)
        }
        guard let bars = BarData(table) else { throw NotChartable(.shape) }
        guard bars.bars.contains(where: { $0.value.isFinite }) else { throw NotChartable(.noValues(Self.counts(bars.bars.map(\.status)))) }
        return SVGBarChart(options: options).render(bars)
    }

    /// The SVG document of extracted chart data.
    public func render(_ data: ChartData) -> String {
        let lines = Array(data.lines.prefix(maxLines))
        let legendWidth = 250.0
        let notes = Self.statusNotes(lines)
        let footer = ChartFrame.footerLines(options)
        let height = self.height + Double(notes.count + footer.count) * 16
        let left = 78.0, right = width - legendWidth - 20, top = 70.0
        let bottom = height - 56 - Double(notes.count + footer.count) * 16
        let values = lines.flatMap(\.values).filter(\.isFinite)
        let ticks = AxisTicks(low: values.min() ?? 0, high: values.max() ?? 1)
        let n = data.periods.count
        func x(_ t: Int) -> Double { n == 1 ? (left + right) / 2 : left + (right - left) * Double(t) / Double(n - 1) }
        func y(_ v: Double) -> Double { bottom - (bottom - top) * (v - ticks.low) / (ticks.high - ticks.low) }
        let unitText = data.unit.isPercentLike ? (data.unit.symbol == "pp" ? "pp" : "%") : data.unit.symbol

        var s = ChartFrame.open(width: width, height: height)
        let drawn = data.lines.count > lines.count ? "first \(lines.count) of \(data.lines.count) rows drawn" : nil
        s += ChartFrame.header(options, defaultTitle: data.measures.joined(separator: ", "), extra: drawn, x: left)
        // y axis: grid lines and tick labels
        s += "<g class=\"y-axis\" stroke=\"#ddd\">\n"
        for v in ticks.values {
            s += "<line x1=\"\(fmt(left))\" x2=\"\(fmt(right))\" y1=\"\(fmt(y(v)))\" y2=\"\(fmt(y(v)))\"/>\n"
            s += "<text x=\"\(fmt(left - 8))\" y=\"\(fmt(y(v) + 4))\" text-anchor=\"end\" stroke=\"none\" fill=\"#333\">\(xml(NumberText.readable(v)))</text>\n"
        }
        s += "</g>\n"
        s += "<text class=\"y-label\" transform=\"translate(18 \(fmt((top + bottom) / 2))) rotate(-90)\" text-anchor=\"middle\">\(xml(unitText.isEmpty ? "value" : unitText))</text>\n"
        // x axis: ticks at periods, labels thinned to about ten
        let every = max(1, (n + 9) / 10)
        s += "<g class=\"x-axis\">\n<line x1=\"\(fmt(left))\" x2=\"\(fmt(right))\" y1=\"\(fmt(bottom))\" y2=\"\(fmt(bottom))\" stroke=\"#333\"/>\n"
        for (t, p) in data.periods.enumerated() {
            s += "<line x1=\"\(fmt(x(t)))\" x2=\"\(fmt(x(t)))\" y1=\"\(fmt(bottom))\" y2=\"\(fmt(bottom + 5))\" stroke=\"#333\"/>\n"
            if t % every == 0 || t == n - 1 {
                s += "<text x=\"\(fmt(x(t)))\" y=\"\(fmt(bottom + 20))\" text-anchor=\"middle\">\(xml(p.description))</text>\n"
            }
        }
        s += "</g>\n<text class=\"x-label\" x=\"\(fmt((left + right) / 2))\" y=\"\(fmt(bottom + 42))\" text-anchor=\"middle\">period</text>\n"
        // lines and points
        for (i, line) in lines.enumerated() {
            let colour = Self.palette[i % Self.palette.count]
            var path = ""
            var penDown = false
            for (t, v) in line.values.enumerated() {
                guard v.isFinite else { penDown = false; continue }
                path += (penDown ? " L" : " M") + "\(fmt(x(t))) \(fmt(y(v)))"
                penDown = true
            }
            s += "<g class=\"series\" data-series=\"\(xml(line.label))\">\n"
            if !path.isEmpty {
                s += "<path d=\"\(path.dropFirst())\" fill=\"none\" stroke=\"\(colour)\" stroke-width=\"2\"/>\n"
            }
            for (t, v) in line.values.enumerated() where v.isFinite {
                let status = t < line.statuses.count ? line.statuses[t] : .ok
                let point = "class=\"point\" data-series=\"\(xml(line.label))\" data-period=\"\(data.periods[t])\" data-value=\"\(v)\" cx=\"\(fmt(x(t)))\" cy=\"\(fmt(y(v)))\""
                if status == .ok || status.isAbsence {
                    s += "<circle \(point) r=\"3\" fill=\"\(colour)\"/>\n"
                } else {
                    s += "<circle \(point) data-status=\"\(status)\" r=\"4\" fill=\"white\" stroke=\"\(colour)\" stroke-width=\"2\"/>\n"
                    s += "<text class=\"mark\" x=\"\(fmt(x(t) + 6))\" y=\"\(fmt(y(v) - 6))\" font-size=\"11\" fill=\"\(colour)\">\(xml(StatusMarker.marker(status)))</text>\n"
                }
            }
            s += "</g>\n"
        }
        // legend
        s += "<g class=\"legend\">\n"
        var ly = top
        for (i, line) in lines.enumerated() {
            let colour = Self.palette[i % Self.palette.count]
            let parts = ChartLabel.lines(line.label, width: 27, maxLines: 3)
            s += "<rect x=\"\(fmt(right + 24))\" y=\"\(fmt(ly - 9))\" width=\"14\" height=\"4\" fill=\"\(colour)\"/>\n"
            s += "<text class=\"legend-label\" data-series=\"\(xml(line.label))\" x=\"\(fmt(right + 44))\" y=\"\(fmt(ly - 3))\">"
            for (k, part) in parts.enumerated() {
                s += "<tspan x=\"\(fmt(right + 44))\" dy=\"\(k == 0 ? 0 : 14)\">\(xml(part))</tspan>"
            }
            s += "<title>\(xml(line.label))</title></text>\n"
            ly += 20 + Double(parts.count - 1) * 14
        }
        s += "</g>\n"
        if !notes.isEmpty {
            s += "<g class=\"status-legend\" font-size=\"11\">\n"
            for (i, note) in notes.enumerated() {
                let ly = bottom + 62 + Double(i) * 16
                if note.hollow {
                    s += "<circle cx=\"\(fmt(left + 4))\" cy=\"\(fmt(ly - 4))\" r=\"4\" fill=\"white\" stroke=\"#333\" stroke-width=\"2\"/>\n"
                }
                s += "<text data-status=\"\(note.status)\" x=\"\(fmt(left + 14))\" y=\"\(fmt(ly))\">\(xml(note.text))</text>\n"
            }
            s += "</g>\n"
        }
        s += ChartFrame.footer(footer, x: left, y: bottom + 62 + Double(notes.count) * 16)
        s += "</svg>\n"
        return s
    }

    /// How many of `statuses` are of each status.
    static func counts(_ statuses: [ObservationStatus]) -> [ObservationStatus: Int] {
        statuses.reduce(into: [:]) { $0[$1, default: 0] += 1 }
    }

    /// One line of the status legend: qualified values (drawn hollow), then absent ones (counted).
    static func statusNotes(_ lines: [ChartData.Line]) -> [(status: ObservationStatus, hollow: Bool, text: String)] {
        var counts: [ObservationStatus: Int] = [:]
        for line in lines {
            for (t, v) in line.values.enumerated() {
                let status = t < line.statuses.count ? line.statuses[t] : (v.isNaN ? .missing : .ok)
                if status != .ok { counts[status.isAbsence || !v.isNaN ? status : .missing, default: 0] += 1 }
            }
        }
        return ObservationStatus.allCases.compactMap { status in
            guard let n = counts[status] else { return nil }
            let values = n == 1 ? "1 value" : "\(n) values"
            if status.isAbsence { return (status, false, StatusMarker.meaning(status) + ": \(values) not drawn") }
            return (status, true, StatusMarker.meaning(status) + " (\(values))")
        }
    }

    private func fmt(_ v: Double) -> String { Self.fmt(v) }

    /// A coordinate with one decimal at most.
    static func fmt(_ v: Double) -> String {
        let r = (v * 10).rounded() / 10
        return r == r.rounded() ? String(Int(r)) : String(r)
    }

    /// Text escaped for XML content and attributes.
    static func xml(_ text: String) -> String {
        var out = ""
        for ch in text {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            default:
                if let a = ch.asciiValue, a < 0x20, a != 0x09, a != 0x0A { continue }
                out.append(ch)
            }
        }
        return out
    }

    private func xml(_ text: String) -> String { Self.xml(text) }
}

/// Round tick values covering a range: steps of 1, 2 or 5 times a power of ten, about five ticks.
public struct AxisTicks: Sendable {
    /// The bottom and top of the axis (the first and last ticks).
    public var low: Double, high: Double
    /// The tick values, ascending.
    public var values: [Double]

    /// Ticks covering `low...high`.
    public init(low: Double, high: Double, count: Int = 5) {
        var lo = low, hi = high
        if !(lo.isFinite && hi.isFinite) { lo = 0; hi = 1 }
        if hi - lo < 1e-12 { let pad = abs(lo) > 0 ? abs(lo) * 0.05 : 1; lo -= pad; hi += pad }
        let rough = (hi - lo) / Double(max(count, 1))
        var power = 1.0
        while power * 10 <= rough { power *= 10 }
        while power > rough { power /= 10 }
        let step = [1.0, 2.0, 5.0, 10.0].map { $0 * power }.first { $0 >= rough } ?? power * 10
        let first = (lo / step).rounded(.down) * step
        let last = (hi / step).rounded(.up) * step
        var ticks: [Double] = []
        var v = first
        while v <= last + step / 2 && ticks.count < 50 {
            ticks.append(abs(v) < step * 1e-9 ? 0 : (v / step).rounded() * step)
            v += step
        }
        self.low = first
        self.high = max(last, first + step)
        self.values = ticks
    }
}
