import Foundation
import Testing
#if canImport(FoundationXML)
import FoundationXML
#endif

/// `--format svg`: a well-formed standalone document whose points are the data.
@Suite("svg chart")
struct SVGTests {
    /// Collects the `<circle class="point">` attributes while parsing.
    final class Points: NSObject, XMLParserDelegate {
        var points: [[String: String]] = []
        var root: String?
        var texts: [String] = []
        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                    attributes: [String: String] = [:]) {
            if root == nil { root = name }
            if name == "circle", attributes["class"] == "point" { points.append(attributes) }
        }
        func parser(_ parser: XMLParser, foundCharacters string: String) { texts.append(string) }
    }

    @Test("a yearly index per EPCI: well-formed, one point per present value, placed by value")
    func indexChart() throws {
        let query = "from emploi_ind at epci | derive idx = index(emploi_ind, 2021) | show name, idx"
        let svg = try CLI.run(["query", "--data", Fixture.directory, "--format", "svg", query])
        #expect(svg.status == 0, "\(svg.stderr)")
        #expect(svg.stdout.hasPrefix("<?xml"))
        let json = try CLI.run(["query", "--data", Fixture.directory, "--format", "json", query])
        #expect(json.status == 0, "\(json.stderr)")

        let delegate = Points()
        let parser = XMLParser(data: Data(svg.stdout.utf8))
        parser.delegate = delegate
        #expect(parser.parse(), "not well-formed: \(String(describing: parser.parserError))")
        #expect(delegate.root == "svg")
        #expect(delegate.texts.contains { $0.contains("index") }, "the unit labels the y axis")

        // The same answer as JSON: every present value is one point, with its period and value.
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let periods = try #require(object["periods"] as? [String])
        let rows = try #require(object["rows"] as? [[Any]])
        var expected: [String: Double] = [:]
        for row in rows {
            let name = try #require(row[0] as? String)
            let values = try #require(row[1] as? [Any])
            for (t, p) in periods.enumerated() {
                if let v = (values[t] as? NSNumber)?.doubleValue { expected["\(name)|\(p)"] = v }
            }
        }
        #expect(!expected.isEmpty)
        var drawn: [String: (value: Double, cy: Double)] = [:]
        for p in delegate.points {
            let key = "\(p["data-series"] ?? "")|\(p["data-period"] ?? "")"
            drawn[key] = (Double(p["data-value"] ?? "") ?? .nan, Double(p["cy"] ?? "") ?? .nan)
        }
        #expect(Set(drawn.keys) == Set(expected.keys))
        for (k, v) in expected { #expect(abs((drawn[k]?.value ?? .nan) - v) < 1e-9, "\(k)") }
        // y is an affine, decreasing function of the value: fit it on the extremes, check every point.
        let sorted = drawn.values.sorted { $0.value < $1.value }
        guard let low = sorted.first, let high = sorted.last, high.value > low.value else { return }
        #expect(high.cy < low.cy, "larger values are drawn higher")
        let slope = (high.cy - low.cy) / (high.value - low.value)
        for p in sorted { #expect(abs(low.cy + slope * (p.value - low.value) - p.cy) < 0.2, "point off the scale: \(p)") }
    }

    @Test("an answer with nothing to draw: exit 1 with a reason")
    func notChartable() throws {
        let r = try CLI.run(["query", "--data", Fixture.directory, "--format", "svg", "from emploi_ind at commune | show code"])
        #expect(r.status == 1)
        #expect(r.stderr.contains("nothing to draw"))
    }
}
