import TIQCore
import TIQData
import TIQEngine

/// `--format map`: a choropleth of one column of an answer at a level with contours.
///
/// Each territory of the contours is a `<path class="territory" data-code data-name>`; one of
/// the answer gets `data-value` and `data-class` (0-based) and the colour of its class, an
/// absent value gets `data-status` and the hatching of its status, a territory outside the
/// answer stays pale grey (`data-class="none"`). The legend (`<g class="legend"
/// data-breaks>`) names the column and its unit, then each class with its bounds and count
/// (`<g class="legend-class" data-class data-lower data-upper data-count>`), then each absence
/// (`<g class="legend-absent" data-status data-count>`). The member territories of the TIs of
/// `--ti` are drawn again with a thick border (`<g class="ti-outline" data-level>`): each
/// member's whole border, so borders between two members show too (a dissolved perimeter
/// would need exact shared borders, which simplified contours do not have).
struct SVGMap {
    /// Title, subtitle, source, notes and the map options.
    var options: ChartOptions

    /// The hatching of each absence: a pattern id and its colour.
    static let hatching: [ObservationStatus: String] = [
        .secret: "#7b3294", .missing: "#555555", .notApplicable: "#1a9850", .undefined: "#d6604d",
    ]

    /// The SVG document, or an error saying why the answer cannot be mapped.
    func render(_ table: ResultTable) throws -> String {
        let data = try MapData(table, column: options.map.column)
        let level = table.level ?? ""
        guard let contours = try loadContours(level: level) else {
            let whereText = options.map.contoursDirectory.map { "in \($0)" } ?? "in the demo (it has dept and region)"
            throw MapData.Failure(description: "--format map: no contours for level \(level) \(whereText); import them: `tiq import contours ADMIN-EXPRESS-LAYER.geojson --out DIR` (docs/data.md, \"Contours\")")
        }
        return draw(data, contours: contours, level: level)
    }

    /// The contours of `level`: `contours-LEVEL.txt` of the dataset directory, or the demo's.
    func loadContours(level: String) throws -> Contours? {
        guard let directory = options.map.contoursDirectory else { return Contours.embedded(level: level) }
        return try Contours.read(directory: directory, level: level)
    }

    func draw(_ data: MapData, contours: Contours, level: String) -> String {
        let width = 960.0, mapTop = 70.0, mapHeight = 600.0, mapWidth = 640.0, legendX = 690.0
        let byCode = Dictionary(data.entries.map { ($0.code, $0) }, uniquingKeysWith: { a, _ in a })
        let present = data.entries.map(\.value).filter { !$0.isNaN }
        let classes = options.map.breaks.map { MapClasses(breaks: $0) } ?? MapClasses(quantilesOf: present, classes: options.map.classes)
        let colours = MapClasses.palette(classes.count)
        let projection = MapProjection(contours.shapes, projected: contours.projected, x: 20, y: mapTop,
                                       width: mapWidth, height: mapHeight, insetWidth: 90)
        let drawnCodes = Set(contours.shapes.map(\.code))
        let withoutContours = data.entries.filter { !drawnCodes.contains($0.code) }
        var footer = ChartFrame.footerLines(options)
        if !withoutContours.isEmpty {
            footer.append(("note", "Note: \(withoutContours.count) territories of the answer have no contours and are not drawn (\(withoutContours.prefix(3).map(\.code).joined(separator: ", "))\(withoutContours.count > 3 ? ", …" : ""))"))
        }
        let tiNote = tiNote(level: level)
        if let tiNote { footer.append(("note", "Note: " + tiNote)) }
        let height = mapTop + mapHeight + 30 + Double(footer.count) * 16
        var s = ChartFrame.open(width: width, height: height)
        s += "<defs>\n"
        for (status, colour) in Self.hatching.sorted(by: { $0.key.rawValue < $1.key.rawValue }) {
            s += "<pattern id=\"hatch-\(status)\" patternUnits=\"userSpaceOnUse\" width=\"6\" height=\"6\" patternTransform=\"rotate(45)\"><rect width=\"6\" height=\"6\" fill=\"white\"/><line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"6\" stroke=\"\(colour)\" stroke-width=\"2.5\"/></pattern>\n"
        }
        s += "</defs>\n"
        s += ChartFrame.header(options, defaultTitle: "\(data.measure) by \(level)", extra: nil, x: 20)
        for frame in projection.frames where frame.inset {
            s += "<rect class=\"inset\" x=\"\(SVGChart.fmt(frame.x))\" y=\"\(SVGChart.fmt(frame.y))\" width=\"\(SVGChart.fmt(frame.width))\" height=\"\(SVGChart.fmt(frame.height))\" fill=\"none\" stroke=\"#bbb\"/>\n"
        }
        var counts = [Int](repeating: 0, count: classes.count)
        var absent: [ObservationStatus: Int] = [:]
        var outside = 0
        s += "<g class=\"territories\" stroke=\"white\" stroke-width=\"0.5\" fill-rule=\"evenodd\">\n"
        for (i, shape) in contours.shapes.enumerated() {
            let d = projection.path(shape, index: i)
            guard let e = byCode[shape.code] else {
                outside += 1
                s += "<path class=\"territory\" data-code=\"\(SVGChart.xml(shape.code))\" data-class=\"none\" fill=\"#eeeeee\" d=\"\(d)\"><title>\(SVGChart.xml(shape.code)): not in the answer</title></path>\n"
                continue
            }
            let name = SVGChart.xml(e.name)
            if e.value.isNaN {
                let status = e.status.isAbsence ? e.status : .missing
                absent[status, default: 0] += 1
                s += "<path class=\"territory\" data-code=\"\(SVGChart.xml(e.code))\" data-name=\"\(name)\" data-class=\"absent\" data-status=\"\(status)\" fill=\"url(#hatch-\(status))\" d=\"\(d)\"><title>\(name): \(StatusMarker.meaning(status))</title></path>\n"
            } else {
                let k = classes.classOf(e.value)
                counts[k] += 1
                let status = e.status == .ok ? "" : " data-status=\"\(e.status)\""
                s += "<path class=\"territory\" data-code=\"\(SVGChart.xml(e.code))\" data-name=\"\(name)\" data-value=\"\(e.value)\" data-class=\"\(k)\"\(status) fill=\"\(colours[k])\" d=\"\(d)\"><title>\(name): \(SVGChart.xml(NumberText.readable(e.value))) \(SVGChart.xml(data.unit.symbol))</title></path>\n"
            }
        }
        s += "</g>\n"
        s += tiOutline(contours, projection: projection)
        s += legend(data, classes: classes, colours: colours, counts: counts, absent: absent, outside: outside,
                    x: legendX, y: mapTop, present: present)
        s += ChartFrame.footer(footer, x: 20, y: mapTop + mapHeight + 26)
        return s + "</svg>\n"
    }

    /// Why no TI outline is drawn, when one was asked for and cannot be.
    private func tiNote(level: String) -> String? {
        guard let ti = options.map.tiLevel else { return nil }
        if options.map.tiMembers == nil { return "TI perimeters (\(ti)) not outlined: the level \(level) has no link to \(ti)" }
        return nil
    }

    /// The member territories of the TIs, each drawn again with a thick dark border.
    private func tiOutline(_ contours: Contours, projection: MapProjection) -> String {
        guard let ti = options.map.tiLevel, let members = options.map.tiMembers, !members.isEmpty else { return "" }
        var s = "<g class=\"ti-outline\" data-level=\"\(ti)\" fill=\"none\" stroke=\"#222\" stroke-width=\"1.6\" stroke-linejoin=\"round\">\n"
        for (i, shape) in contours.shapes.enumerated() where members.contains(shape.code) {
            s += "<path data-code=\"\(SVGChart.xml(shape.code))\" d=\"\(projection.path(shape, index: i))\"/>\n"
        }
        return s + "</g>\n"
    }

    private func legend(_ data: MapData, classes: MapClasses, colours: [String], counts: [Int], absent: [ObservationStatus: Int],
                        outside: Int, x: Double, y: Double, present: [Double]) -> String {
        let lo = present.min() ?? 0, hi = present.max() ?? 0
        let unit = data.unit.isNone ? "" : " (\(data.unit.symbol))"
        let breaks = classes.breaks.map { "\($0)" }.joined(separator: ",")
        let how = options.map.breaks == nil ? "quantiles" : "given breaks"
        var s = "<g class=\"legend\" data-breaks=\"\(breaks)\" data-unit=\"\(SVGChart.xml(data.unit.symbol))\">\n"
        s += "<text class=\"legend-title\" x=\"\(SVGChart.fmt(x))\" y=\"\(SVGChart.fmt(y + 12))\" font-weight=\"bold\">\(SVGChart.xml(data.measure + unit))</text>\n"
        s += "<text x=\"\(SVGChart.fmt(x))\" y=\"\(SVGChart.fmt(y + 28))\" fill=\"#555\" font-size=\"11\">\(classes.count) classes, \(how)</text>\n"
        var ly = y + 44
        for k in (0..<classes.count).reversed() {
            let b = classes.bounds(k, min: lo, max: hi)
            let text = k == classes.count - 1 ? "\(NumberText.readable(b.lower)) to \(NumberText.readable(b.upper))"
                : "\(NumberText.readable(b.lower)) to under \(NumberText.readable(b.upper))"
            s += "<g class=\"legend-class\" data-class=\"\(k)\" data-lower=\"\(b.lower)\" data-upper=\"\(b.upper)\" data-count=\"\(counts[k])\">"
            s += "<rect x=\"\(SVGChart.fmt(x))\" y=\"\(SVGChart.fmt(ly))\" width=\"22\" height=\"14\" fill=\"\(colours[k])\" stroke=\"#999\"/>"
            s += "<text x=\"\(SVGChart.fmt(x + 30))\" y=\"\(SVGChart.fmt(ly + 11))\">\(SVGChart.xml(text)) · \(counts[k])</text></g>\n"
            ly += 20
        }
        ly += 6
        for status in ObservationStatus.allCases where absent[status] != nil {
            let n = absent[status] ?? 0
            s += "<g class=\"legend-absent\" data-status=\"\(status)\" data-count=\"\(n)\">"
            s += "<rect x=\"\(SVGChart.fmt(x))\" y=\"\(SVGChart.fmt(ly))\" width=\"22\" height=\"14\" fill=\"url(#hatch-\(status))\" stroke=\"#999\"/>"
            let lines = ChartLabel.lines(StatusMarker.meaning(status) + " · \(n)", width: 36, maxLines: 2)
            s += "<text x=\"\(SVGChart.fmt(x + 30))\" y=\"\(SVGChart.fmt(ly + 11))\">"
            for (i, line) in lines.enumerated() {
                s += "<tspan x=\"\(SVGChart.fmt(x + 30))\" dy=\"\(i == 0 ? 0 : 14)\">\(SVGChart.xml(line))</tspan>"
            }
            s += "</text></g>\n"
            ly += 20 + 14 * Double(lines.count - 1)
        }
        if outside > 0 {
            s += "<g class=\"legend-outside\" data-count=\"\(outside)\"><rect x=\"\(SVGChart.fmt(x))\" y=\"\(SVGChart.fmt(ly))\" width=\"22\" height=\"14\" fill=\"#eeeeee\" stroke=\"#999\"/>"
            s += "<text x=\"\(SVGChart.fmt(x + 30))\" y=\"\(SVGChart.fmt(ly + 11))\">not in the answer · \(outside)</text></g>\n"
            ly += 20
        }
        if let ti = options.map.tiLevel, let members = options.map.tiMembers, !members.isEmpty {
            ly += 6
            s += "<g class=\"legend-ti\" data-level=\"\(ti)\"><rect x=\"\(SVGChart.fmt(x))\" y=\"\(SVGChart.fmt(ly))\" width=\"22\" height=\"14\" fill=\"none\" stroke=\"#222\" stroke-width=\"1.6\"/>"
            s += "<text x=\"\(SVGChart.fmt(x + 30))\" y=\"\(SVGChart.fmt(ly + 11))\">in a TI of \(ti == "ti1" ? "phase 1" : "phase 2") (\(ti))</text></g>\n"
        }
        return s + "</g>\n"
    }
}
