import Foundation
import Testing
@testable import TIQCLI
#if canImport(FoundationXML)
import FoundationXML
#endif

/// `--format map` end to end: a hand-made dataset and ADMIN EXPRESS commune layer imported with
/// `tiq import contours`, then maps parsed as XML and checked against an independent
/// computation of the classes (quantiles written anew here), the hatched territories (exactly
/// the absent values, named in the legend), the legend's unit and classes, the TI outline.
@Suite("maps", .serialized)
struct MapTests {
    /// x@2020 per commune as written in observations.csv (nil: absent with that status).
    static let values: [String: (Double?, String)] = [
        "01001": (10, "ok"), "01002": (20, "ok"), "01003": (20, "ok"), "01004": (nil, "secret"),
        "01005": (40, "ok"), "01006": (nil, "missing"), "01007": (50, "ok"), "01008": (35, "estimated"),
    ]
    /// Communes drawn (01007 has no contour); the TI ti-01 holds 01001 and 01002.
    static let drawn = ["01001", "01002", "01003", "01004", "01005", "01006", "01008"]
    static let tiMembers: Set<String> = ["01001", "01002"]

    static func square(_ x: Double, _ y: Double, _ side: Double) -> String {
        "[[\(x),\(y)],[\(x + side),\(y)],[\(x + side),\(y + side)],[\(x),\(y + side)],[\(x),\(y)]]"
    }

    /// The dataset and its commune contours, imported once by the real binary.
    static let directory: String = {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tiq-map-fixture-\(getpid())").path
        try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let codes = values.keys.sorted()
        var territories = "level,code,name\n"
        for c in codes { territories += "commune,\(c),Commune \(c)\n" }
        territories += "epci,200000001,CC Une\nepci,200000002,CC Deux\nti1,ti-01,TI test\ndept,01,Ain\n"
        var links = "child,parent\n"
        for c in codes {
            links += "commune:\(c),epci:\(c <= "01003" ? "200000001" : "200000002")\ncommune:\(c),dept:01\n"
        }
        for c in tiMembers.sorted() { links += "commune:\(c),ti1:ti-01\n" }
        let indicators = "code,name,unit,aggregate,frequency,source,description\nx,Test jobs,jobs,sum,A,map fixture,\n"
        var obs = "territory,indicator,period,value,status\n"
        for (c, v) in values.sorted(by: { $0.key < $1.key }) where v.1 != "missing" {
            obs += "commune:\(c),x,2020,\(v.0.map { String(Int($0)) } ?? ""),\(v.1 == "ok" ? "" : v.1)\n"
            obs += "commune:\(c),x,2021,1,\n"
        }
        var features: [String] = []
        for (i, c) in drawn.enumerated() {
            let x = Double(i % 4) + 2, y = Double(i / 4) + 45
            let geometry = c == "01003"
                ? #"{"type":"Polygon","coordinates":[\#(square(x, y, 1)),\#(square(x + 0.3, y + 0.3, 0.3))]}"#
                : c == "01008" ? #"{"type":"MultiPolygon","coordinates":[[\#(square(x, y, 1))],[\#(square(x + 1.2, y, 0.2))]]}"#
                : #"{"type":"Polygon","coordinates":[\#(square(x, y, 1))]}"#
            features.append(#"{"type":"Feature","properties":{"INSEE_COM":"\#(c)","NOM":"Commune \#(c)","INSEE_DEP":"01"},"geometry":\#(geometry)}"#)
        }
        features.append(#"{"type":"Feature","properties":{"INSEE_COM":"99999","INSEE_DEP":"99"},"geometry":{"type":"Polygon","coordinates":[\#(square(0, 0, 1))]}}"#)
        let layer = "{\"type\":\"FeatureCollection\",\"name\":\"COMMUNE\",\"features\":[\n" + features.joined(separator: ",\n") + "\n]}\n"
        for (name, text) in [("territories.csv", territories), ("links.csv", links), ("indicators.csv", indicators),
                             ("observations.csv", obs), ("COMMUNE.geojson", layer)] {
            _ = FileManager.default.createFile(atPath: dir + "/" + name, contents: Data(text.utf8))
        }
        return dir
    }()

    static func importContours() throws -> CLI.Output {
        try CLI.run(["import", "contours", directory + "/COMMUNE.geojson", "--out", directory])
    }

    /// The quantile breaks, computed here from the definition (type 7: linear between order
    /// statistics), equal ones merged, none at the minimum.
    static func quantileBreaks(_ values: [Double], k: Int) -> [Double] {
        let v = values.sorted()
        var out: [Double] = []
        for i in 1..<k {
            let h = Double(v.count - 1) * Double(i) / Double(k)
            let below = v[Int(h)]
            let above = v[min(Int(h) + 1, v.count - 1)]
            let q = below + (h - Double(Int(h))) * (above - below)
            if q > v[0], !out.contains(q) { out.append(q) }
        }
        return out
    }

    static func map(_ extra: [String], query: String = "from x at commune | show code, name, x@2020") throws -> ChartReportTests.Elements {
        let r = try CLI.run(["query", "--data", directory, "--format", "map"] + extra + [query])
        #expect(r.status == 0, "\(r.stderr)")
        return try ChartReportTests.parse(r.stdout)
    }

    /// Checks every territory, the hatching and the legend against `breaks`.
    static func check(_ svg: ChartReportTests.Elements, breaks: [Double]) {
        let paths = svg.with("territory")
        #expect(Set(paths.compactMap { $0.attributes["data-code"] }) == Set(drawn))
        for p in paths {
            let code = p.attributes["data-code"] ?? ""
            guard let (value, status) = values[code] else { Issue.record("unexpected \(code)"); continue }
            if let value {
                let expected = breaks.filter { value >= $0 }.count
                #expect(p.attributes["data-class"] == String(expected), "\(code) = \(value) with breaks \(breaks)")
                #expect(Double(p.attributes["data-value"] ?? "") == value)
                #expect(p.attributes["fill"]?.hasPrefix("#") == true)
            } else {
                #expect(p.attributes["data-class"] == "absent" && p.attributes["data-status"] == status, "\(code)")
                #expect(p.attributes["fill"] == "url(#hatch-\(status))")
            }
        }
        let hatched = Set(paths.filter { $0.attributes["fill"]?.hasPrefix("url(#hatch") == true }.compactMap { $0.attributes["data-code"] })
        #expect(hatched == Set(values.filter { $0.value.0 == nil }.map(\.key)))
        let legend = svg.with("legend")
        #expect(legend.first?.attributes["data-unit"] == "jobs")
        #expect(svg.with("legend-title").first?.text == "x@2020 (jobs)")
        let classes = svg.with("legend-class")
        #expect(classes.count == breaks.count + 1)
        let present = values.values.compactMap(\.0)
        for c in classes {
            let k = Int(c.attributes["data-class"] ?? "") ?? -1
            let n = present.filter { v in breaks.filter { v >= $0 }.count == k }.count
            #expect(c.attributes["data-count"] == String(n - (k == breaks.filter { 50 >= $0 }.count ? 1 : 0)),
                    "class \(k): 01007 (50) has no contour, so it is not counted among the drawn")
            #expect(Double(c.attributes["data-lower"] ?? "") == (k == 0 ? present.min() : breaks[k - 1]))
        }
        let absent = svg.with("legend-absent")
        #expect(Set(absent.compactMap { $0.attributes["data-status"] }) == ["secret", "missing"])
        #expect(absent.allSatisfy { $0.attributes["data-count"] == "1" })
    }

    @Test("import: the commune layer is read, the unknown commune refused with a warning that counts it")
    func imports() throws {
        let r = try Self.importContours()
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stderr.contains("1 features refused") && r.stderr.contains("99999"), "\(r.stderr)")
        #expect(r.stderr.contains("commune — 7 territories"), "\(r.stderr)")
    }

    @Test("quantile classes (k=5 and k=3): each territory's class matches its value, absences hatched, legend with unit")
    func quantiles() throws {
        _ = try Self.importContours()
        let present = Self.values.values.compactMap(\.0)
        for k in [5, 3] {
            let svg = try Self.map(k == 5 ? [] : ["--classes", "3"])
            let breaks = Self.quantileBreaks(present, k: k)
            #expect(svg.with("legend").first?.attributes["data-breaks"] == breaks.map { "\($0)" }.joined(separator: ","))
            Self.check(svg, breaks: breaks)
            // the TI members are outlined, and only they
            let outlined = svg.elements.filter { $0.name == "path" && $0.attributes["class"] == nil }.compactMap { $0.attributes["data-code"] }
            #expect(Set(outlined) == Self.tiMembers)
            #expect(svg.with("legend-ti").count == 1)
            // 01007 has no contour: said in a note
            #expect(svg.with("note").contains { $0.text.contains("01007") })
        }
    }

    @Test("given breaks: --breaks 15,20,45 puts 20 in the class from 20 up")
    func givenBreaks() throws {
        _ = try Self.importContours()
        let svg = try Self.map(["--breaks", "15,20,45", "--title", "Jobs", "--source", "fixture"])
        Self.check(svg, breaks: [15, 20, 45])
        #expect(svg.with("title").first?.text == "Jobs")
        #expect(svg.with("source").first?.text == "Source: fixture")
    }

    @Test("errors: no contours for the level, several value columns, no code, no rows, every value absent")
    func errors() throws {
        _ = try Self.importContours()
        let cases: [([String], String, String)] = [
            ([], "from x at epci | show code, name, x@2020", "no contours for level epci"),
            ([], "from x at commune | show code, x@2020, x@2021", "--column"),
            ([], "from x at commune | show name, x@2020", "keep `code`"),
            ([], "from x at commune | where x@2020 > 1000 | show code, x@2020", "no rows"),
            ([], "from x at commune | where code == \"01004\" | show code, x@2020", "every value"),
            (["--column", "y"], "from x at commune | show code, x@2020", "--column y"),
            (["--breaks", "3,2"], "from x at commune | show code, x@2020", "--breaks must increase"),
        ]
        for (extra, query, message) in cases {
            let r = try CLI.run(["query", "--data", Self.directory, "--format", "map"] + extra + [query])
            #expect(r.status != 0, "\(query) should fail")
            #expect(r.stderr.contains(message), "\(query): \(r.stderr)")
        }
        // --column picks one of several, and one period of a series
        let ok = try CLI.run(["query", "--data", Self.directory, "--format", "map", "--column", "x@2020",
                              "from x at commune | show code, x"])
        #expect(ok.status == 0, "\(ok.stderr)")
    }
}
