import Foundation
import Testing
import TIQCore
import TIQEngine
@testable import TIQCLI
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Qualifiers never vanish: every status a dataset declares shows in every output format, and
/// CSV reads back to the declared statuses. The truth is `StatusFixture.cells`.
@Suite("statuses in every output")
struct StatusOutputTests {
    static let series = "from x at commune | show code, x"

    /// The marks a person reads, written out here independently of `StatusMarker`.
    static let marks = ["estimated": "e", "provisional": "p", "break": "b", "imputed": "i", "partial": "*", "approx": "~"]
    static let absences = ["missing": "·", "secret": "secret", "na": "n/a", "undefined": "undef"]

    static func answer(_ query: String) throws -> ResultTable {
        let snapshot = try SnapshotLoading.load(StatusFixture.directory).get()
        return try Engine(snapshot: snapshot).run(query)
    }

    /// `field → index` of a CSV header.
    static func index(_ header: [String]) -> [String: Int] {
        Dictionary(header.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
    }

    @Test("csv: a status column beside each value column reads back to the declared statuses")
    func csvReadsBack() throws {
        let r = try CLI.run(["query", "--data", StatusFixture.directory, "--format", "csv", Self.series])
        #expect(r.status == 0, "\(r.stderr)")
        let records = StatusFixture.parseCSV(r.stdout)
        let header = try #require(records.first)
        let expectedHeader = ["code"] + StatusFixture.years.flatMap { ["x@\($0)", "x@\($0)_status"] }
        #expect(header == expectedHeader)
        let at = Self.index(header)
        #expect(records.count == StatusFixture.communes.count + 1)
        var seen = Set<String>()
        for record in records.dropFirst() {
            let code = record[0]
            let row = try #require(StatusFixture.cells[code], "unexpected row \(code)")
            seen.insert(code)
            for y in StatusFixture.years {
                let declared = try #require(row[y])
                let value = record[try #require(at["x@\(y)"])], status = record[try #require(at["x@\(y)_status"])]
                #expect(Double(value) == declared.value, "\(code) \(y): value \(value)")
                #expect(status == (declared.status == "ok" ? "" : declared.status), "\(code) \(y): status \(status)")
            }
        }
        #expect(seen == Set(StatusFixture.communes))
    }

    /// The text a person should see for a declared cell at the ends of a series or in a wide column.
    static func expectedCell(_ cell: StatusFixture.Cell) -> String {
        guard let v = cell.value else { return absences[cell.status] ?? "?" }
        let digits = String(Int(v))
        return marks[cell.status].map { "\(digits) \($0)" } ?? digits
    }

    @Test("table and markdown: marks on values, qualified periods named, a legend of the marks used")
    func tableAndMarkdown() throws {
        let table = try Self.answer(Self.series)
        let full = TableFormatter().format(table)
        // 01001 ends on a plain 130 while other rows end on marked values: padded to align.
        #expect(full.split(separator: "\n").contains { $0.hasPrefix("01001") && $0.contains("130  ") }, "\(full)")
        for (format, text) in [("table", TableFormatter().format(table)), ("markdown", MarkdownFormatter.format(table))] {
            for code in StatusFixture.communes {
                let row = try #require(StatusFixture.cells[code])
                let line = try #require(text.split(separator: "\n").first { $0.contains(code) }.map(String.init), "\(format): no row \(code)")
                let first = try #require(row[StatusFixture.years[0]]), last = try #require(row[StatusFixture.years.last!])
                #expect(line.contains(Self.expectedCell(first)), "\(format) \(code): first value \(Self.expectedCell(first)) in \(line)")
                #expect(line.contains(Self.expectedCell(last)), "\(format) \(code): last value in \(line)")
                for y in StatusFixture.years.dropFirst().dropLast() {
                    guard let c = row[y], c.value != nil, let m = Self.marks[c.status] else { continue }
                    #expect(line.contains("\(m) \(y)"), "\(format) \(code): inner \(c.status) \(y) in \(line)")
                }
            }
            let legend = try #require(text.split(separator: "\n").first { $0.contains("legend:") }.map(String.init), "\(format): no legend")
            for (status, mark) in Self.marks.merging(Self.absences, uniquingKeysWith: { a, _ in a }) {
                #expect(legend.contains("\(mark) = "), "\(format): legend lacks \(status)")
            }
        }
        // The legend names only the marks used: one commune with ok, estimated and provisional.
        let one = TableFormatter().format(try Self.answer("from x at commune | where code == \"01001\" | show code, x"))
        let legend = try #require(one.split(separator: "\n").first { $0.contains("legend:") }.map(String.init))
        #expect(legend.contains("e = ") && legend.contains("p = "))
        for absent in ["secret", "i = ", "* = ", "~ = ", "b = ", "n/a", "· = "] { #expect(!legend.contains(absent), "\(absent) in \(legend)") }

    }

    @Test("the LSP's run-query table: a mark per cell and the legend")
    func lspTable() throws {
        let text = LSPTableText.render(try Self.answer(Self.series), query: Self.series)
        let lines = text.split(separator: "\n").map(String.init)
        for code in StatusFixture.communes {
            let line = try #require(lines.first { $0.hasPrefix(code) })
            let row = try #require(StatusFixture.cells[code])
            for y in StatusFixture.years {
                let c = try #require(row[y])
                #expect(line.contains(Self.expectedCell(c)), "\(code) \(y): \(Self.expectedCell(c)) in \(line)")
            }
        }
        #expect(lines.contains { $0.hasPrefix("legend:") && $0.contains("secret = ") && $0.contains("i = ") })
    }

    /// Collects the attributes of the points and the status legend of an SVG chart.
    final class Marks: NSObject, XMLParserDelegate {
        var points: [[String: String]] = []
        var legend: [String: String] = [:]
        private var current: String?
        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                    attributes: [String: String] = [:]) {
            if name == "circle", attributes["class"] == "point" { points.append(attributes) }
            current = name == "text" ? attributes["data-status"] : nil
        }
        func parser(_ parser: XMLParser, foundCharacters string: String) {
            if let s = current { legend[s, default: ""] += string }
        }
    }

    @Test("svg: qualified points carry their status, the legend names them and counts absent values")
    func svg() throws {
        let svg = SVGChart().render(try #require(ChartData(try Self.answer(Self.series))))
        let marks = Marks()
        let parser = XMLParser(data: Data(svg.utf8))
        parser.delegate = marks
        #expect(parser.parse())
        var expected: [String: String] = [:], absentCounts: [String: Int] = [:]
        for (code, row) in StatusFixture.cells {
            for (y, c) in row {
                if c.value == nil { absentCounts[c.status, default: 0] += 1 } else if c.status != "ok" { expected["\(code)|\(y)"] = c.status }
            }
        }
        var drawn: [String: String] = [:]
        for p in marks.points { if let s = p["data-status"] { drawn["\(p["data-series"] ?? "")|\(p["data-period"] ?? "")"] = s } }
        #expect(drawn == expected)
        for (status, n) in absentCounts {
            #expect(marks.legend[status]?.contains("\(n) value") == true, "\(status): \(marks.legend[status] ?? "none")")
        }
        for status in Set(expected.values) { #expect(marks.legend[status] != nil, "legend lacks \(status)") }
    }

    @Test("statuses made by the engine show too: fill marks imputed, a skip-sum partial")
    func engineStatuses() throws {
        let filled = StatusFixture.parseCSV(CSVFormatter.format(try Self.answer("from x at commune | fill x with prev | show code, x")))
        let at = Self.index(try #require(filled.first))
        let row = try #require(filled.first { $0.first == "01004" })
        // 01004 is missing in 2019 after 300 in 2018: filled with the previous value.
        #expect(row[try #require(at["x@2019"])] == "300")
        #expect(row[try #require(at["x@2019_status"])] == "imputed")

        let sum = StatusFixture.parseCSV(CSVFormatter.format(try Self.answer(
            "from x at commune | where code == \"01004\" or code == \"01005\" | agg s = sum(x, missing = skip)")))
        let sat = Self.index(try #require(sum.first))
        let values = try #require(sum.dropFirst().first)
        // 2019: 01004 missing, 01005 400: the present row summed, marked partial.
        #expect(values[try #require(sat["s@2019"])] == "400")
        #expect(values[try #require(sat["s@2019_status"])] == "partial")
    }
}
