import TIQData

/// Places contours on the page: the main group of territories fitted into the map area, and
/// each distant group (the overseas départements and régions) in its own small inset box down
/// the left side, as French statistical maps do.
///
/// Longitude/latitude are drawn with an equirectangular projection scaled by the cosine of
/// the main group's middle latitude (close to Lambert-93 at the scale of France); projected
/// coordinates (metres) are drawn as they are, north up.
struct MapProjection {
    /// A box of the page and the transform into it.
    struct Frame {
        /// Page box.
        var x: Double, y: Double, width: Double, height: Double
        /// Data box.
        var minX: Double, minY: Double, maxX: Double, maxY: Double
        /// Page units per data unit.
        var scale: Double
        /// Whether this frame is an inset (drawn with a border).
        var inset: Bool

        /// The page position of a (projected) data point.
        func place(_ px: Double, _ py: Double) -> (Double, Double) {
            let w = (maxX - minX) * scale, h = (maxY - minY) * scale
            return (x + (width - w) / 2 + (px - minX) * scale, y + (height - h) / 2 + (maxY - py) * scale)
        }
    }

    /// The frame of each shape (by its index in `shapes`).
    var frameOfShape: [Int]
    /// The frames: the main one first, then the insets.
    var frames: [Frame]
    /// The x-scaling of longitudes (cos of the middle latitude), 1 for projected contours.
    var xFactor: Double

    /// Lays out `shapes` in the page box `(x, y, width, height)`, insets taking `insetWidth` on its left.
    init(_ shapes: [Contours.Shape], projected: Bool, x: Double, y: Double, width: Double, height: Double, insetWidth: Double) {
        let boxes = shapes.map { Self.box($0) }
        let centres = boxes.map { (($0.0 + $0.2) / 2, ($0.1 + $0.3) / 2) }
        // the main group: shapes near the median centre (15° or 1,500 km)
        let reach = projected ? 1_500_000.0 : 15.0
        let mx = Self.median(centres.map(\.0)), my = Self.median(centres.map(\.1))
        var group = centres.map { abs($0.0 - mx) <= reach && abs($0.1 - my) <= reach ? 0 : -1 }
        // distant shapes gathered into clusters (1.25° or 125 km from the cluster's first shape:
        // Guadeloupe and Martinique stay apart)
        var clusterCentres: [(Double, Double)] = []
        let near = reach / 12
        for i in group.indices where group[i] < 0 {
            if let k = clusterCentres.firstIndex(where: { abs($0.0 - centres[i].0) <= near && abs($0.1 - centres[i].1) <= near }) {
                group[i] = k + 1
            } else {
                clusterCentres.append(centres[i]); group[i] = clusterCentres.count
            }
        }
        let mainBoxes = boxes.indices.filter { group[$0] == 0 }.map { boxes[$0] }
        let midLat = mainBoxes.isEmpty ? 46.5 : (mainBoxes.map(\.1).min()! + mainBoxes.map(\.3).max()!) / 2
        xFactor = projected ? 1 : Self.cosine(midLat)
        let groups = clusterCentres.count + 1
        var frames: [Frame] = []
        let insets = groups - 1
        let insetSide = insets == 0 ? 0 : min(insetWidth - 10, (height - 10 * Double(insets - 1)) / Double(insets))
        for g in 0..<groups {
            let members = boxes.indices.filter { group[$0] == g }.map { boxes[$0] }
            let minX = (members.map(\.0).min() ?? 0) * xFactor, maxX = (members.map(\.2).max() ?? 1) * xFactor
            let minY = members.map(\.1).min() ?? 0, maxY = members.map(\.3).max() ?? 1
            let page: (Double, Double, Double, Double) = g == 0
                ? (x + (insets > 0 ? insetWidth : 0), y, width - (insets > 0 ? insetWidth : 0), height)
                : (x, y + Double(g - 1) * (insetSide + 10), insetSide, insetSide)
            let pad = g == 0 ? 0.0 : 4.0
            let sx = (page.2 - 2 * pad) / max(maxX - minX, 1e-9), sy = (page.3 - 2 * pad) / max(maxY - minY, 1e-9)
            frames.append(Frame(x: page.0, y: page.1, width: page.2, height: page.3, minX: minX, minY: minY, maxX: maxX, maxY: maxY,
                                scale: min(sx, sy), inset: g > 0))
        }
        self.frames = frames
        frameOfShape = group
    }

    /// The SVG path of a shape: every ring as `M … Z` (holes drawn with `fill-rule="evenodd"`).
    func path(_ shape: Contours.Shape, index: Int) -> String {
        let frame = frames[frameOfShape[index]]
        var d = ""
        for polygon in shape.polygons {
            for ring in polygon {
                for (i, p) in ring.dropLast().enumerated() {
                    let (px, py) = frame.place(p.x * xFactor, p.y)
                    d += (i == 0 ? "M" : "L") + SVGChart.fmt(px) + " " + SVGChart.fmt(py)
                }
                d += "Z"
            }
        }
        return d
    }

    private static func box(_ shape: Contours.Shape) -> (Double, Double, Double, Double) {
        var minX = Double.infinity, minY = Double.infinity, maxX = -Double.infinity, maxY = -Double.infinity
        for polygon in shape.polygons { for p in polygon.first ?? [] {
            minX = min(minX, p.x); maxX = max(maxX, p.x); minY = min(minY, p.y); maxY = max(maxY, p.y)
        } }
        return (minX, minY, maxX, maxY)
    }

    private static func median(_ values: [Double]) -> Double {
        guard !values.isEmpty else { return 0 }
        return values.sorted()[values.count / 2]
    }

    /// cos of a latitude in degrees (a short series: no Foundation).
    static func cosine(_ degrees: Double) -> Double {
        let x = degrees * Double.pi / 180
        var term = 1.0, sum = 1.0
        for n in 1...10 { term *= -x * x / Double((2 * n - 1) * (2 * n)); sum += term }
        return sum
    }
}
