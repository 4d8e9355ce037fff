#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import TIQCore
import TIQWire

/// What `tiq import contours` did.
public struct ContourImportSummary: Sendable {
    /// The level written.
    public var level: String
    /// The tolerance used.
    public var tolerance: Double
    /// Territories written.
    public var territories = 0
    /// Features whose code the dataset does not know (refused), and a few of those codes.
    public var unknown = 0
    /// Up to five unknown codes, for the warning.
    public var unknownExamples: [String] = []
    /// Features without geometry.
    public var withoutGeometry = 0
    /// Points read and points written.
    public var pointsIn = 0, pointsOut = 0
    /// Small islands and holes dropped by the simplification.
    public var droppedRings = 0
    /// The contours file written.
    public var path = ""
}

/// Turns an IGN ADMIN EXPRESS layer, as published in GeoJSON, into the compact contours of a
/// dataset (`contours-LEVEL.txt`, see `Contours`), simplified for the level.
///
/// The level is read from the properties of the features (ADMIN EXPRESS names, any case):
/// `INSEE_COM` → `commune`, `CODE_SIREN` → `epci`, `INSEE_DEP` → `dept`, `INSEE_REG` →
/// `region` (the first that a feature has), unless given. Geometries are `Polygon` or
/// `MultiPolygon`, with holes; coordinates are longitude/latitude (GeoJSON's WGS 84) or, when
/// they exceed 1,000, projected metres (Lambert-93 exports). The file streams: memory is one
/// feature, never the layer.
public enum ContourImporter {
    /// The property holding the code, by level, as ADMIN EXPRESS names it.
    public static let codeProperty: [(level: String, property: String)] = [
        ("commune", "INSEE_COM"), ("epci", "CODE_SIREN"), ("dept", "INSEE_DEP"), ("region", "INSEE_REG"),
    ]

    /// The default tolerance, in degrees (about 111 km a degree; ×111,000 in metres for a
    /// projected layer): the detail a map of the whole level can show.
    public static let defaultTolerance: [String: Double] = [
        "commune": 0.0005, "epci": 0.001, "dept": 0.003, "region": 0.005,
    ]

    /// Reads `file` and writes `directory/contours-LEVEL.txt`, replacing an earlier import of
    /// the level. Features whose code is not a territory of the level in
    /// `directory/territories.csv` are refused and counted (the summary's `unknown`).
    public static func importContours(file: String, into directory: String, level requested: String? = nil,
                                      tolerance requestedTolerance: Double? = nil, codeProperty override: String? = nil,
                                      chunkSize: Int = 1 << 20) throws(DataError) -> ContourImportSummary {
        guard FileIO.isFile(FileIO.join(directory, "territories.csv")) else {
            throw DataError("no territories.csv: not a dataset directory", at: directory,
                            fix: "import the geography first (`tiq import geo`), or `tiq generate --demo --out DIR`")
        }
        let stream = try GeoJSONFeatureStream(path: file, chunkSize: chunkSize)
        var first = try stream.next()
        guard let firstFeature = first else {
            throw DataError("the collection has no features", at: file, fix: "give an ADMIN EXPRESS layer (COMMUNE, EPCI, DEPARTEMENT or REGION)")
        }
        let (level, property) = try levelAndProperty(of: firstFeature, requested: requested, override: override, at: "\(file):\(stream.line)")
        let known = try DatasetFiles.territoryCodes(in: directory, level: level)
        guard !known.isEmpty else {
            throw DataError("the dataset has no territory of level \(level)", at: directory, fix: "import the geography first (`tiq import geo`)")
        }
        var summary = ContourImportSummary(level: level, tolerance: 0)
        let path = FileIO.join(directory, Contours.fileName(level: level))
        let tmp = path + ".tmp"
        let out = try ByteSink(path: tmp)
        // A feature that fails half-way leaves no `.tmp` behind (the sink closes itself when dropped).
        var replaced = false
        defer { if !replaced { _ = unlink(tmp) } }
        var header: Contours?
        while true {
            let next: JSONValue?
            if let f = first { next = f; first = nil } else { next = try stream.next() }
            guard let feature = next else { break }
            let at = "\(file):\(stream.line)"
            guard let code = codeValue(feature["properties"]?[property] ?? caseless(feature["properties"], property)) else {
                throw DataError("a feature without property \(property)", at: at, fix: "every feature of an ADMIN EXPRESS \(level) layer has it; check the layer")
            }
            let padded = pad(code, level: level)
            guard known.contains(padded) else {
                summary.unknown += 1
                if summary.unknownExamples.count < 5 { summary.unknownExamples.append(padded) }
                continue
            }
            guard let geometry = feature["geometry"], geometry != .null else { summary.withoutGeometry += 1; continue }
            let polygons = try readPolygons(geometry, at: at)
            if header == nil {
                let projected = polygons.first?.first?.first.map { abs($0.x) > 1000 || abs($0.y) > 1000 } ?? false
                let base = requestedTolerance ?? (defaultTolerance[level] ?? 0.001) * (projected ? 111_000 : 1)
                header = Contours(level: level, projected: projected, tolerance: base, shapes: [])
                summary.tolerance = base
                out.append(header!.headerLine()); out.appendByte(10)
            }
            guard let h = header else { continue }
            let kept = simplify(polygons, tolerance: h.tolerance, summary: &summary)
            guard !kept.isEmpty else { continue }
            summary.territories += 1
            out.append(h.line(Contours.Shape(code: padded, polygons: kept))); out.appendByte(10)
            try out.flushIfNeeded()
        }
        try out.close()
        guard header != nil else {
            throw DataError("no feature of the file matched a \(level) of the dataset (\(summary.unknown) unknown codes, such as \(summary.unknownExamples.joined(separator: ", ")))",
                            at: file, fix: "import the contours of the same COG vintage as the geography")
        }
        try DatasetFiles.replace(path, with: tmp)
        replaced = true
        summary.path = path
        return summary
    }

    /// The level and code property of a layer, from its first feature's properties.
    static func levelAndProperty(of feature: JSONValue, requested: String?, override: String?, at: String) throws(DataError) -> (String, String) {
        let keys = Set((feature["properties"]?.objectValue ?? []).map { $0.key.uppercased() })
        if let requested {
            if let override { return (requested, override) }
            guard let p = codeProperty.first(where: { $0.level == requested })?.property else {
                throw DataError("no ADMIN EXPRESS property is known for level \(requested)", at: at, fix: "name the code's property with --code-property")
            }
            return (requested, p)
        }
        for (level, p) in codeProperty where keys.contains(p) { return (level, override ?? p) }
        throw DataError("the features have none of the ADMIN EXPRESS code properties (INSEE_COM, CODE_SIREN, INSEE_DEP, INSEE_REG); they have \(keys.sorted().prefix(12).joined(separator: ", "))",
                        at: at, fix: "give --level and --code-property")
    }

    /// A property looked up without case (exports sometimes lower-case the names).
    static func caseless(_ properties: JSONValue?, _ name: String) -> JSONValue? {
        properties?.objectValue?.last { $0.key.uppercased() == name.uppercased() }?.value
    }

    /// A code from a string or number property.
    static func codeValue(_ value: JSONValue?) -> String? {
        switch value {
        case .string(let s)?: let t = s.trimmingSpaces; return t.isEmpty ? nil : t
        case .number(let n)?: return n.text
        default: return nil
        }
    }

    /// Short numeric codes zero-padded as the geography writes them (`1` → `01`, `1001` → `01001`).
    static func pad(_ code: String, level: String) -> String {
        let width = ["commune": 5, "dept": 2, "region": 2][level] ?? 0
        guard code.count < width, code.allSatisfy(\.isNumber) else { return code }
        return String(repeating: "0", count: width - code.count) + code
    }

    /// The polygons of a `Polygon` or `MultiPolygon` geometry.
    static func readPolygons(_ geometry: JSONValue, at: String) throws(DataError) -> [Contours.Polygon] {
        let type = geometry["type"]?.stringValue ?? "?"
        guard let coordinates = geometry["coordinates"]?.arrayValue else {
            throw DataError("a \(type) geometry without coordinates", at: at, fix: "check the layer")
        }
        switch type {
        case "Polygon": return [try polygon(coordinates, at: at)]
        case "MultiPolygon":
            var out: [Contours.Polygon] = []
            for p in coordinates {
                guard let rings = p.arrayValue else { throw DataError("a MultiPolygon member is not an array of rings", at: at, fix: "check the layer") }
                out.append(try polygon(rings, at: at))
            }
            return out
        default:
            throw DataError("a \(type) geometry: contours are Polygon or MultiPolygon", at: at, fix: "give the polygon layer of ADMIN EXPRESS")
        }
    }

    private static func polygon(_ rings: [JSONValue], at: String) throws(DataError) -> Contours.Polygon {
        var out: Contours.Polygon = []
        for ring in rings {
            guard let points = ring.arrayValue else { throw DataError("a ring is not an array of positions", at: at, fix: "check the layer") }
            var r: Contours.Ring = []
            r.reserveCapacity(points.count)
            for p in points {
                guard let xy = p.arrayValue, xy.count >= 2, let x = xy[0].doubleValue, let y = xy[1].doubleValue, x.isFinite, y.isFinite else {
                    throw DataError("a position is not [x, y]", at: at, fix: "check the layer")
                }
                r.append(Contours.Point(x, y))
            }
            out.append(r)
        }
        guard !out.isEmpty else { throw DataError("a polygon without rings", at: at, fix: "check the layer") }
        return out
    }

    /// Simplifies every ring; drops holes and secondary polygons that vanish at the tolerance,
    /// never the territory's largest polygon.
    static func simplify(_ polygons: [Contours.Polygon], tolerance: Double, summary: inout ContourImportSummary) -> [Contours.Polygon] {
        let largest = polygons.indices.max { RingSimplifier.extent(polygons[$0][0]) < RingSimplifier.extent(polygons[$1][0]) }
        var out: [Contours.Polygon] = []
        for (i, polygon) in polygons.enumerated() {
            var kept: Contours.Polygon = []
            for (r, ring) in polygon.enumerated() {
                summary.pointsIn += ring.count
                let small = RingSimplifier.extent(ring) < tolerance
                let isMain = i == largest && r == 0
                if small && !isMain { summary.droppedRings += 1; if r == 0 { break } else { continue } }
                if let s = RingSimplifier.simplify(ring, tolerance: tolerance) {
                    kept.append(s)
                } else if r == 0 {
                    break // a degenerate outer ring: the polygon goes
                }
            }
            if !kept.isEmpty { out.append(kept); summary.pointsOut += kept.reduce(0) { $0 + $1.count } }
        }
        return out
    }
}
