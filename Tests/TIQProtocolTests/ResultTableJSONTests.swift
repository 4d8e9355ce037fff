import Testing
import TIQCore
import TIQEngine
import TIQWire
@testable import TIQProtocol

/// The four layouts of a query result, on a hand-built table.
@Suite struct ResultTableJSONTests {
    /// Two territories, a text column, a percent number and a jobs series over 2018-2019.
    static let table = ResultTable(
        columns: [
            ResultColumn(name: "name", unit: .text, kind: .text, values: .text(["Ain", nil])),
            ResultColumn(name: "g", unit: .percent, kind: .number, values: .number([0.025, .nan], statuses: [.ok, .secret])),
            ResultColumn(name: "emploi_ind", unit: "jobs", kind: .series,
                         values: .series([10, 12, .nan, 7], statuses: [.ok, .estimated, .missing, .ok])),
        ],
        rowCount: 2, periods: [Period(year: 2018), Period(year: 2019)],
        coverage: Coverage(rowsComplete: 1, rowsTotal: 2, cellShare: 0.75), level: "dept")

    func encode(_ format: ResultFormat, limit: Int? = nil) throws -> JSONValue {
        var w = JSONWriter()
        w.beginObject()
        ResultTableJSON(table: Self.table, format: format, limit: limit).write(into: &w, elapsedMs: 1.5, snapshot: 9)
        w.endObject()
        return try JSONParser.parse(w.bytes)
    }

    func names(_ v: JSONValue) -> [String] { v["columns"]?.arrayValue?.compactMap { $0["name"]?.stringValue } ?? [] }

    @Test func rowsLayoutSendsPercentNumbersAndSeriesArrays() throws {
        let v = try encode(.rows)
        #expect(names(v) == ["name", "g", "emploi_ind"])
        #expect(v["columns"]?.arrayValue?[1]["unit"]?.stringValue == "%")
        #expect(v["columns"]?.arrayValue?[2]["kind"]?.stringValue == "series")
        #expect(v["rows"]?.jsonText == #"[["Ain",2.5,[10,12]],[null,null,[null,7]]]"#)
        #expect(v["periods"]?.jsonText == #"["2018","2019"]"#)
        #expect(v["coverage"]?.jsonText == #"{"rowsComplete":1,"rowsTotal":2,"cellPercent":75}"#)
        #expect(v["snapshot"]?.intValue == 9)
        #expect(v["level"]?.stringValue == "dept")
        #expect(v["truncated"] == .bool(false))
    }

    @Test func statusesAreListedBesideTheData() throws {
        let v = try encode(.rows)
        #expect(v["statuses"]?.jsonText == #"[{"column":"g","row":1,"status":"secret"},{"column":"emploi_ind","row":0,"period":"2019","status":"estimated"}]"#)
    }

    @Test func columnsLayout() throws {
        let v = try encode(.columns)
        #expect(v["rows"] == nil)
        #expect(v["data"]?.jsonText == #"[["Ain",null],[2.5,null],[[10,12],[null,7]]]"#)
    }

    @Test func longLayoutHasOneRowPerPeriod() throws {
        let v = try encode(.long)
        #expect(names(v) == ["name", "g", "period", "emploi_ind"])
        #expect(v["columns"]?.arrayValue?[3]["kind"]?.stringValue == "number")
        #expect(v["rows"]?.jsonText == #"[["Ain",2.5,"2018",10],["Ain",2.5,"2019",12],[null,null,"2018",null],[null,null,"2019",7]]"#)
        #expect(v["rowCount"]?.intValue == 4)
        #expect(v["periods"] == .array([]))
    }

    @Test func wideLayoutHasOneColumnPerPeriod() throws {
        let v = try encode(.wide)
        #expect(names(v) == ["name", "g", "emploi_ind@2018", "emploi_ind@2019"])
        #expect(v["rows"]?.jsonText == #"[["Ain",2.5,10,12],[null,null,null,7]]"#)
        #expect(v["statuses"]?.jsonText == #"[{"column":"g","row":1,"status":"secret"},{"column":"emploi_ind@2019","row":0,"status":"estimated"}]"#)
    }

    @Test func theDiffRowUnitIsSaid() throws {
        var table = Self.table
        #expect(try encode(.rows)["units"] == nil)
        table.diffUnit = .percentagePoints
        var w = JSONWriter()
        w.beginObject()
        ResultTableJSON(table: table, format: .rows, limit: nil).write(into: &w, elapsedMs: 0, snapshot: 1)
        w.endObject()
        #expect(try JSONParser.parse(w.bytes)["units"]?.jsonText == #"{"diff":"pp"}"#)
    }

    @Test func limitTruncates() throws {
        let v = try encode(.rows, limit: 1)
        #expect(v["rows"]?.arrayValue?.count == 1)
        #expect(v["rowCount"]?.intValue == 2)
        #expect(v["truncated"] == .bool(true))
    }
}
