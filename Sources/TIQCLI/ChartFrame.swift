/// The text around every chart: title and subtitle above, source and notes below.
enum ChartFrame {
    /// The title (`class="title"`), the subtitle (`class="subtitle"`) and an extra line.
    static func header(_ options: ChartOptions, defaultTitle: String, extra: String?, x: Double) -> String {
        let xs = SVGChart.fmt(x)
        var s = "<text class=\"title\" x=\"\(xs)\" y=\"28\" font-size=\"16\" font-weight=\"bold\">\(SVGChart.xml(options.title ?? defaultTitle))</text>\n"
        let sub = [options.subtitle, extra].compactMap { $0 }.joined(separator: " · ")
        if !sub.isEmpty {
            s += "<text class=\"subtitle\" x=\"\(xs)\" y=\"48\" fill=\"#555\">\(SVGChart.xml(sub))</text>\n"
        }
        return s
    }

    /// The lines under the chart: `Source: …`, then each note.
    static func footerLines(_ options: ChartOptions) -> [(kind: String, text: String)] {
        var out: [(String, String)] = []
        if let source = options.source, !source.isEmpty { out.append(("source", "Source: " + source)) }
        for note in options.notes where !note.isEmpty { out.append(("note", "Note: " + note)) }
        return out
    }

    /// The footer lines drawn from `y` down, 16 px apart.
    static func footer(_ lines: [(kind: String, text: String)], x: Double, y: Double) -> String {
        guard !lines.isEmpty else { return "" }
        var s = "<g class=\"footer\" font-size=\"11\" fill=\"#444\">\n"
        for (i, line) in lines.enumerated() {
            s += "<text class=\"\(line.kind)\" x=\"\(SVGChart.fmt(x))\" y=\"\(SVGChart.fmt(y + Double(i) * 16))\">\(SVGChart.xml(line.text))</text>\n"
        }
        return s + "</g>\n"
    }

    /// The start of a standalone SVG document on a white page.
    static func open(width: Double, height: Double) -> String {
        let w = SVGChart.fmt(width), h = SVGChart.fmt(height)
        return """
            <?xml version="1.0" encoding="UTF-8"?>
            <svg xmlns="http://www.w3.org/2000/svg" width="\(w)" height="\(h)" viewBox="0 0 \(w) \(h)" font-family="sans-serif" font-size="12">
            <rect width="100%" height="100%" fill="white"/>

            """
    }
}
