import Foundation
import Testing
@testable import TIQCLI
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Charts a report can use: full legend names, title/subtitle/source/notes, bars, small
/// multiples, and an error for an empty chart. Expected values come from the `--format json`
/// answer of the same query, read independently.
@Suite("chart for reports")
struct ChartReportTests {
    /// Every element with its attributes and its own text (tspans joined by a space).
    final class Elements: NSObject, XMLParserDelegate {
        var elements: [(name: String, attributes: [String: String], text: String)] = []
        private var stack: [Int] = []
        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                    attributes: [String: String] = [:]) {
            elements.append((name, attributes, ""))
            stack.append(elements.count - 1)
        }
        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            let i = stack.removeLast()
            // a tspan's text belongs to its text element too, one line per tspan
            if name == "tspan", let parent = stack.last {
                elements[parent].text += (elements[parent].text.isEmpty ? "" : "\n") + elements[i].text
            }
        }
        func parser(_ parser: XMLParser, foundCharacters string: String) {
            if let i = stack.last { elements[i].text += string }
        }
        func with(_ cls: String) -> [(name: String, attributes: [String: String], text: String)] {
            elements.filter { $0.attributes["class"] == cls }
        }
    }

    static func parse(_ svg: String) throws -> Elements {
        let e = Elements()
        let parser = XMLParser(data: Data(svg.utf8))
        parser.delegate = e
        #expect(parser.parse(), "not well-formed: \(String(describing: parser.parserError))")
        return e
    }

    /// The first text column and the first number column of the JSON answer.
    static func rows(_ query: String) throws -> [(name: String, value: Double?)] {
        let json = try CLI.run(["query", "--format", "json", query])
        #expect(json.status == 0, "\(json.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let rows = try #require(object["rows"] as? [[Any]])
        return rows.map { (($0[0] as? String) ?? "", ($0[1] as? NSNumber)?.doubleValue) }
    }

    @Test("legend names are whole: wrapped lines join back to the name, the full name is in the document")
    func legendNames() throws {
        let query = "from emploi_ind at epci | where dept = \"Aisne\" | top 6 by emploi_ind@2020 | show name, emploi_ind"
        let names = try Self.rows(query).map(\.name)
        #expect(names.contains { $0.count > 28 }, "the case needs a long name")
        let r = try CLI.run(["query", "--format", "svg", query])
        #expect(r.status == 0, "\(r.stderr)")
        let labels = try Self.parse(r.stdout).with("legend-label")
        #expect(labels.map { $0.attributes["data-series"] ?? "" } == names)
        for (label, name) in zip(labels, names) {
            let shown = label.text.split(separator: "\n").joined(separator: " ")
            if name.count <= 54 { #expect(shown == name, "legend cut: \(shown)") }
            #expect(shown.count > 28 || shown == name)
        }
        #expect(r.stdout.contains("<title>\(SVGChart.xml(names[0]))</title>"))
    }

    @Test("shortening keeps both ends of a long name")
    func middleShortening() {
        let name = "Communauté de communes de la Région de Château-Thierry et des Portes de la Champagne"
        let lines = ChartLabel.lines(name)
        #expect(lines.count == 2)
        #expect(lines.allSatisfy { $0.count <= 30 })
        #expect(lines.first?.hasPrefix("Communauté de communes") == true)
        #expect(lines.last?.hasSuffix("Champagne") == true)
        #expect(lines.joined(separator: " ").contains("…"))
        // whole words only: every word shown is a word of the name (no "agglomératio")
        let words = Set(name.split(separator: " "))
        for word in lines.joined(separator: " ").split(separator: " ") where word != "…" { #expect(words.contains(word), "cut word \(word)") }
        let three = ChartLabel.lines("Communauté d'agglomération de la Région de Château-Thierry", width: 27, maxLines: 3)
        #expect(three.joined(separator: " ") == "Communauté d'agglomération de la Région de Château-Thierry")
    }

    @Test("title, subtitle, notes from options; the source from the catalog says synthetic for the demo")
    func frameTexts() throws {
        let query = "from emploi_ind at region | show name, emploi_ind"
        let r = try CLI.run(["query", "--format", "svg", "--title", "Jobs by region", "--subtitle", "2015–2024",
                             "--note", "first note", "--note", "second note", query])
        #expect(r.status == 0, "\(r.stderr)")
        let e = try Self.parse(r.stdout)
        #expect(e.with("title").map(\.text) == ["Jobs by region"])
        #expect(e.with("subtitle").first?.text.contains("2015–2024") == true)
        #expect(e.with("note").map(\.text) == ["Note: first note", "Note: second note"])
        let source = try #require(e.with("source").first?.text)
        #expect(source.hasPrefix("Source: ") && source.contains("synthetic"))
        let given = try CLI.run(["query", "--format", "svg", "--source", "Insee, Flores 2022", query])
        #expect(try Self.parse(given.stdout).with("source").map(\.text) == ["Source: Insee, Flores 2022"])
    }

    @Test("a ranking is a bar chart: one bar per row with a value, labelled and sized by it")
    func bars() throws {
        let query = "from emploi_ind at epci | where dept = \"Aisne\" | top 8 by emploi_ind@2020 | show name, emploi_ind@2020"
        let expected = try Self.rows(query)
        #expect(expected.count == 8)
        let r = try CLI.run(["query", "--format", "svg", query])
        #expect(r.status == 0, "\(r.stderr)")
        let bars = try Self.parse(r.stdout).with("bar")
        #expect(bars.count == expected.filter { $0.value != nil }.count)
        #expect(bars.map { $0.attributes["data-label"] ?? "" } == expected.filter { $0.value != nil }.map(\.name))
        for (bar, row) in zip(bars, expected.filter { $0.value != nil }) {
            #expect(abs((Double(bar.attributes["data-value"] ?? "") ?? .nan) - row.value!) < 1e-9)
        }
        // widths are proportional to the values (bars start at zero)
        let widths = bars.compactMap { Double($0.attributes["width"] ?? "") }
        let values = expected.compactMap(\.value)
        let k = widths[0] / values[0]
        for (w, v) in zip(widths, values) { #expect(abs(w - k * v) < 0.6) }
    }

    @Test("more rows than a chart overlays: small multiples, one panel per row")
    func smallMultiples() throws {
        let query = "from emploi_ind at epci | where dept = \"Aisne\" | show name, emploi_ind"
        let names = try Self.rows(query).map(\.name)
        #expect(names.count > 12 && names.count <= 36)
        let r = try CLI.run(["query", "--format", "svg", query])
        #expect(r.status == 0, "\(r.stderr)")
        let panels = try Self.parse(r.stdout).with("panel")
        #expect(panels.map { $0.attributes["data-series"] ?? "" } == names)
    }

    @Test("an empty answer is an error, not an empty picture")
    func empty() throws {
        let r = try CLI.run(["query", "--format", "svg", "from emploi_ind at epci | where name = \"nowhere\" | show name, emploi_ind"])
        #expect(r.status == 1)
        #expect(r.stdout.isEmpty)
        #expect(r.stderr.contains("empty"))
    }

    @Test("tiq run takes several files: every answer, and exit 1 when one failed")
    func runSeveral() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tiq-run-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let good = dir.appendingPathComponent("good.tiq").path, bad = dir.appendingPathComponent("bad.tiq").path
        let other = dir.appendingPathComponent("other.tiq").path
        try "from emploi_ind at region | show name".write(toFile: good, atomically: true, encoding: .utf8)
        try "from emploi_ind at nowhere".write(toFile: bad, atomically: true, encoding: .utf8)
        try "from emploi_ind at dept | show code".write(toFile: other, atomically: true, encoding: .utf8)
        let ok = try CLI.run(["run", "--format", "csv", good, other])
        #expect(ok.status == 0, "\(ok.stderr)")
        let lines = ok.stdout.split(whereSeparator: \.isNewline).map(String.init)
        #expect(lines.contains("name") && lines.contains("code"), "\(ok.stdout.prefix(200))")
        let mixed = try CLI.run(["run", good, bad, other])
        #expect(mixed.status == 1)
        #expect(mixed.stdout.contains("==> \(good) <==") && mixed.stdout.contains("==> \(other) <=="))
        #expect(mixed.stderr.contains("bad.tiq"))
    }
}
