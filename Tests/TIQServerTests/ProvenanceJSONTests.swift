import Foundation
import Testing
import TIQCore
import TIQEngine
import TIQStore
import TIQWire
import TIQProtocol

/// The per-cell source of a column read where values are published (Fixtures/published): the
/// column's `source` and the `provenance` list of the `query` result.
@Suite struct ProvenanceJSONTests {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures/published").path

    func encode(_ q: String, _ format: ResultFormat) throws -> JSONValue {
        let snapshot = try DatasetLoader.loadSnapshot(directory: Self.directory, id: 1)
        let table = try Engine(snapshot: snapshot).run(q)
        var w = JSONWriter()
        w.beginObject()
        ResultTableJSON(table: table, format: format, limit: nil).write(into: &w, elapsedMs: 0, snapshot: 1)
        w.endObject()
        return try JSONParser.parse(w.bytes)
    }

    /// The département cells with no published value, read from the fixture's rows: "code period".
    func rolledCells() throws -> Set<String> {
        let text = try String(contentsOfFile: Self.directory + "/observations.csv", encoding: .utf8)
        var published = Set<String>()
        for line in text.split(separator: "\n").dropFirst() {
            let f = line.split(separator: ",", omittingEmptySubsequences: false)
            if f[0].hasPrefix("dept:"), f[1] == "x", !f[3].isEmpty { published.insert("\(f[0].dropFirst(5)) \(f[2])") }
        }
        var rolled = Set<String>()
        for code in ["D1", "D2", "D3"] { for y in 2018...2020 where !published.contains("\(code) \(y)") { rolled.insert("\(code) \(y)") } }
        return rolled
    }

    @Test func aMixedColumnListsItsRolledCells() throws {
        let v = try encode("from x at dept", .rows)
        let column = try #require(v["columns"]?.arrayValue?.first { $0["name"]?.stringValue == "x" })
        #expect(column["source"]?.stringValue == "mixed")
        let codes = v["rows"]?.arrayValue?.compactMap { $0.arrayValue?.first?.stringValue } ?? []
        let listed = v["provenance"]?.arrayValue ?? []
        #expect(listed.allSatisfy { $0["column"]?.stringValue == "x" && $0["source"]?.stringValue == "rolled" })
        let got = Set(listed.compactMap { e -> String? in
            guard let r = e["row"]?.intValue, let p = e["period"]?.stringValue, r < codes.count else { return nil }
            return "\(codes[r]) \(p)"
        })
        #expect(got == (try rolledCells()))
        #expect(listed.count == got.count)
    }

    @Test func longLayoutListsRowsWithoutPeriods() throws {
        let v = try encode("from x at dept", .long)
        let listed = v["provenance"]?.arrayValue ?? []
        #expect(listed.count == (try rolledCells()).count)
        #expect(listed.allSatisfy { $0["period"] == nil })
    }

    @Test func columnsWithoutPublishedValuesSayNothing() throws {
        let v = try encode("from y at dept", .rows)
        #expect(v["provenance"] == nil)
        #expect(v["columns"]?.arrayValue?.allSatisfy { $0["source"] == nil } == true)
        let france = try encode("from x at france | period 2018", .rows)
        #expect(france["columns"]?.arrayValue?.last?["source"]?.stringValue == "published")
        #expect(france["provenance"] == nil)
    }
}
