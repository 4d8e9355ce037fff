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
    /// A title; defaults to the measures drawn.
    public var title: String?

    /// Creates a chart with the default size.
    public init(title: String? = nil) { self.title = title }

    /// Why an answer cannot be drawn.
    public struct NotChartable: Error, CustomStringConvertible {
        public var description: String {
            "this answer has no series to draw: --format svg needs a series column (for example `show name, emploi_ind`), a `wide` or a `long` answer"
        }
    }

    static let palette = ["#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b",
                          "#e377c2", "#17becf", "#7f7f7f", "#bcbd22", "#393b79", "#637939"]

    /// The SVG document.
    public func render(_ table: ResultTable) throws(NotChartable) -> String {
        guard let data = ChartData(table), !data.periods.isEmpty, !data.lines.isEmpty else { throw NotChartable() }
        return render(data)
    }

    /// The SVG document of extracted chart data.
    public func render(_ data: ChartData) -> String {
        let lines = Array(data.lines.prefix(maxLines))
        let legendWidth = 200.0
        let notes = Self.statusNotes(lines)
        let height = self.height + Double(notes.count) * 16
        let left = 78.0, right = width - legendWidth - 20, top = 60.0, bottom = height - 56 - Double(notes.count) * 16
        let values = lines.flatMap(\.values).filter(\.isFinite)
        let ticks = AxisTicks(low: values.min() ?? 0, high: values.max() ?? 1)
        let n = data.periods.count
        func x(_ t: Int) -> Double { n == 1 ? (left + right) / 2 : left + (right - left) * Double(t) / Double(n - 1) }
        func y(_ v: Double) -> Double { bottom - (bottom - top) * (v - ticks.low) / (ticks.high - ticks.low) }
        let unitText = data.unit.isPercentLike ? (data.unit.symbol == "pp" ? "pp" : "%") : data.unit.symbol

        var s = """
            <?xml version="1.0" encoding="UTF-8"?>
            <svg xmlns="http://www.w3.org/2000/svg" width="\(fmt(width))" height="\(fmt(height))" viewBox="0 0 \(fmt(width)) \(fmt(height))" font-family="sans-serif" font-size="12">
            <rect width="100%" height="100%" fill="white"/>

            """
        let heading = title ?? data.measures.joined(separator: ", ")
        s += "<text class=\"title\" x=\"\(fmt(left))\" y=\"28\" font-size=\"16\" font-weight=\"bold\">\(xml(heading))</text>\n"
        if data.lines.count > lines.count {
            s += "<text x=\"\(fmt(left))\" y=\"46\" fill=\"#555\">first \(lines.count) of \(data.lines.count) rows drawn</text>\n"
        }
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
        for (i, line) in lines.enumerated() {
            let ly = top + Double(i) * 20
            let colour = Self.palette[i % Self.palette.count]
            s += "<rect x=\"\(fmt(right + 24))\" y=\"\(fmt(ly - 9))\" width=\"14\" height=\"4\" fill=\"\(colour)\"/>\n"
            s += "<text x=\"\(fmt(right + 44))\" y=\"\(fmt(ly - 3))\">\(xml(String(line.label.prefix(28))))</text>\n"
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
        s += "</svg>\n"
        return s
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

    private func fmt(_ v: Double) -> String {
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
