import Foundation
import Testing
@testable import TIQData

/// `tiq import contours` on small hand-made ADMIN EXPRESS layers: the level told by the
/// properties, holes and MultiPolygons kept, unknown codes refused and counted, rings valid
/// after simplification and within the tolerance of the original, errors at file:line.
@Suite("Contour import")
struct ContourImporterTests {
    /// A square ring of side `side` at (x, y), closed, with `extra` points on each side so
    /// there is something to simplify (a slight zigzag of amplitude `wiggle`).
    static func square(_ x: Double, _ y: Double, side: Double, extra: Int = 0, wiggle: Double = 0) -> [[Double]] {
        var pts: [[Double]] = []
        let corners = [(x, y), (x + side, y), (x + side, y + side), (x, y + side)]
        for c in 0..<4 {
            let a = corners[c], b = corners[(c + 1) % 4]
            for k in 0...extra {
                let t = Double(k) / Double(extra + 1)
                let off = k == 0 ? 0 : (k % 2 == 0 ? wiggle : -wiggle)
                // offset perpendicular to the side
                let nx = -(b.1 - a.1) / side, ny = (b.0 - a.0) / side
                pts.append([a.0 + (b.0 - a.0) * t + nx * off, a.1 + (b.1 - a.1) * t + ny * off])
            }
        }
        pts.append(pts[0])
        return pts
    }

    static func json(_ rings: [[[Double]]]) -> String {
        "[" + rings.map { "[" + $0.map { "[\($0[0]),\($0[1])]" }.joined(separator: ",") + "]" }.joined(separator: ",") + "]"
    }

    /// A département layer: 01 a square with a hole, 2A a MultiPolygon with a kept island and a
    /// tiny one, `2` (short numeric: 02) a wiggly square, and 99 unknown to the dataset.
    static func layer() -> (text: String, wiggly: [[Double]]) {
        let wiggly = square(2, 45, side: 1, extra: 40, wiggle: 0.001)
        let features = [
            #"{"type":"Feature","properties":{"ID":"DEP_1","NOM":"Ain","INSEE_DEP":"01","INSEE_REG":"84"},"geometry":{"type":"Polygon","coordinates":\#(json([square(0, 45, side: 1), square(0.4, 45.4, side: 0.2)]))}}"#,
            #"{"type":"Feature","properties":{"NOM":"Aisne","insee_dep":2,"INSEE_REG":"32"},"geometry":{"type":"Polygon","coordinates":\#(json([wiggly]))}}"#,
            #"{"type":"Feature","properties":{"NOM":"Corse-du-Sud","INSEE_DEP":"2A","INSEE_REG":"94"},"geometry":{"type":"MultiPolygon","coordinates":[\#(json([square(8, 41, side: 0.8)])),\#(json([square(9.5, 41, side: 0.1)])),\#(json([square(9.9, 41.9, side: 0.0001)]))]}}"#,
            #"{"type":"Feature","properties":{"NOM":"Nowhere","INSEE_DEP":"99","INSEE_REG":"99"},"geometry":{"type":"Polygon","coordinates":\#(json([square(20, 45, side: 1)]))}}"#,
        ]
        let text = "{\n\"type\": \"FeatureCollection\",\n\"name\": \"DEPARTEMENT\",\n\"crs\": {\"type\":\"name\",\"properties\":{\"name\":\"urn:ogc:def:crs:OGC:1.3:CRS84\"}},\n\"features\": [\n"
            + features.joined(separator: ",\n") + "\n]\n}\n"
        return (text, wiggly)
    }

    static func dataset(_ name: String) throws -> String {
        let dir = SharedData.temporaryDirectory(name)
        try "level,code,name\ndept,01,Ain\ndept,02,Aisne\ndept,2A,Corse-du-Sud\nregion,84,ARA\n"
            .write(toFile: dir + "/territories.csv", atomically: true, encoding: .utf8)
        return dir
    }

    /// The distance from a point to a closed polyline (written for the test).
    static func distance(_ p: [Double], to ring: Contours.Ring) -> Double {
        var best = Double.infinity
        for (a, b) in zip(ring, ring.dropFirst()) {
            let dx = b.x - a.x, dy = b.y - a.y
            let l = dx * dx + dy * dy
            let t = l == 0 ? 0 : max(0, min(1, ((p[0] - a.x) * dx + (p[1] - a.y) * dy) / l))
            let ex = a.x + t * dx - p[0], ey = a.y + t * dy - p[1]
            best = min(best, (ex * ex + ey * ey).squareRoot())
        }
        return best
    }

    @Test("a DEPARTEMENT layer: level dept, holes and islands kept, a tiny island dropped, the unknown code refused and counted")
    func importsLayer() throws {
        let dir = try Self.dataset("contours-import")
        let (text, wiggly) = Self.layer()
        let file = dir + "/DEPARTEMENT.geojson"
        try text.write(toFile: file, atomically: true, encoding: .utf8)
        let s = try ContourImporter.importContours(file: file, into: dir, tolerance: 0.01)
        #expect(s.level == "dept")
        #expect(s.unknown == 1 && s.unknownExamples == ["99"])
        #expect(s.territories == 3)
        #expect(s.droppedRings == 1)
        let contours = try #require(try Contours.read(directory: dir, level: "dept"))
        #expect(contours.shapes.map(\.code) == ["01", "02", "2A"])
        let byCode = Dictionary(uniqueKeysWithValues: contours.shapes.map { ($0.code, $0) })
        #expect(byCode["01"]?.polygons.count == 1 && byCode["01"]?.polygons[0].count == 2, "the hole is kept")
        #expect(byCode["2A"]?.polygons.count == 2, "the 0.1° island is kept, the 0.0001° one dropped")
        for shape in contours.shapes {
            for ring in shape.polygons.joined() {
                #expect(ring.count >= 4 && ring.first == ring.last, "\(shape.code): a ring stays a valid ring")
            }
        }
        // the wiggly square: simplified to its corners, every original point within the tolerance
        let ring = try #require(byCode["02"]?.polygons.first?.first)
        #expect(ring.count < wiggly.count / 4)
        for p in wiggly { #expect(Self.distance(p, to: ring) <= 0.01 + 1e-9) }
        // every kept point is an original point (rounded to 5 decimals)
        let originals = Set(wiggly.map { "\(($0[0] * 1e5).rounded()),\(($0[1] * 1e5).rounded())" })
        for p in ring { #expect(originals.contains("\((p.x * 1e5).rounded()),\((p.y * 1e5).rounded())")) }
    }

    @Test("streaming: a 64-byte buffer gives the same contours, holding one feature at most")
    func streams() throws {
        let dir = try Self.dataset("contours-stream")
        let file = dir + "/DEPARTEMENT.geojson"
        let (text, _) = Self.layer()
        try text.write(toFile: file, atomically: true, encoding: .utf8)
        _ = try ContourImporter.importContours(file: file, into: dir, tolerance: 0.01)
        let big = try String(contentsOfFile: dir + "/contours-dept.txt", encoding: .utf8)
        _ = try ContourImporter.importContours(file: file, into: dir, tolerance: 0.01, chunkSize: 64)
        #expect(try String(contentsOfFile: dir + "/contours-dept.txt", encoding: .utf8) == big)
        let stream = try GeoJSONFeatureStream(path: file, chunkSize: 64)
        var count = 0
        while try stream.next() != nil { count += 1 }
        let longestLine = text.split(separator: "\n").map(\.utf8.count).max() ?? 0
        #expect(count == 4)
        #expect(stream.peakBufferedBytes <= longestLine + 2 * 64)
    }

    @Test("bad GeoJSON is refused at file:line:column; other geometries and layers are refused with a fix")
    func errors() throws {
        let dir = try Self.dataset("contours-errors")
        let cases: [(String, String)] = [
            ("{\"type\":\"FeatureCollection\",\"features\":[\n{\"type\":\"Feature\",\"properties\":{\"INSEE_DEP\":\"01\"},\n\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[[0,0],[1,0],[1,1],[0,0]]]}},\n{\"type\":\"Feature\",\n\"properties\":{\"INSEE_DEP\":\"02\"},\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[[0,0],[1,0],[1,x],[0,0]]]}}\n]}\n",
             "bad.geojson:5:"),
            ("{\"type\":\"FeatureCollection\",\"features\":[\n{\"type\":\"Feature\",\"properties\":{\"INSEE_DEP\":\"01\"},\"geometry\":{\"type\":\"Point\",\"coordinates\":[0,0]}}]}",
             "bad.geojson:2"),
            ("{\"type\":\"Feature\",\"properties\":{}}", "bad.geojson:1:"),
            ("{\"type\":\"FeatureCollection\",\"features\":[\n{\"type\":\"Feature\",\"properties\":{\"CODE\":\"01\"},\"geometry\":null}]}",
             "bad.geojson:2"),
            ("{\"type\":\"FeatureCollection\",\"features\":[\n{\"type\":\"Feature\",\"properties\":{\"INSEE_DEP\":\"01\"}", "bad.geojson:2:"),
        ]
        for (text, location) in cases {
            try text.write(toFile: dir + "/bad.geojson", atomically: true, encoding: .utf8)
            do {
                _ = try ContourImporter.importContours(file: dir + "/bad.geojson", into: dir)
                Issue.record("accepted: \(text)")
            } catch {
                #expect(error.location?.hasSuffix(location) == true || error.location?.contains(location) == true,
                        "\(error) should be at \(location)")
                #expect(error.fix != nil)
            }
            // A failure half-way (the first case fails on its second feature) leaves no temporary file.
            let leftovers = try FileManager.default.contentsOfDirectory(atPath: dir).filter { $0.hasSuffix(".tmp") }
            #expect(leftovers.isEmpty, "a failed import left \(leftovers)")
        }
    }

    @Test("the simplifier never leaves fewer than 4 points, even at a huge tolerance")
    func validRings() {
        let ring = Self.square(0, 0, side: 1, extra: 10, wiggle: 0.01).map { Contours.Point($0[0], $0[1]) }
        for tolerance in [0.0, 0.001, 0.1, 0.5, 10] {
            let s = RingSimplifier.simplify(ring, tolerance: tolerance)
            #expect((s?.count ?? 0) >= 4 && s?.first == s?.last, "tolerance \(tolerance)")
        }
        #expect(RingSimplifier.simplify([Contours.Point(0, 0), Contours.Point(1, 1), Contours.Point(0, 0)], tolerance: 0) == nil)
    }

    @Test("the demo's embedded contours: every département and région of the geography, valid rings")
    func embedded() throws {
        let geo = Geography.embedded
        let dept = try #require(Contours.embedded(level: "dept"))
        let region = try #require(Contours.embedded(level: "region"))
        #expect(Set(dept.shapes.map(\.code)) == Set(geo.departements.map(\.code)))
        #expect(Set(region.shapes.map(\.code)) == Set(geo.regions.map(\.code)))
        for shape in dept.shapes + region.shapes {
            for ring in shape.polygons.joined() { #expect(ring.count >= 4 && ring.first == ring.last) }
        }
    }
}
