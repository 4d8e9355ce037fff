import Testing
import Foundation
@testable import TIQData
import TIQCore
import TIQStore

@Suite("Writing canonical CSV")
struct DatasetWriterTests {
    func sample() -> Dataset {
        var d = Dataset()
        d.attributeNames = ["type"]
        d.territories = [
            TerritoryRecord(level: "epci", code: "1", name: "CA \"Le\" Grand, Chalon", attributes: ["CA"]),
            TerritoryRecord(level: "dept", code: "71", name: "Saône-et-Loire", attributes: [""]),
        ]
        d.links = [LinkRecord(child: "epci:1", parent: "dept:71", weight: 0.25)]
        d.indicators = [IndicatorRecord(code: "x", name: "X", unit: "%", aggregate: "ratio(a,b)", frequency: "A", source: "synthetic")]
        var o = ObservationTable()
        o.territoryKeys = ["epci:1"]
        o.indicatorCodes = ["x"]
        let rows: [(Period, Double, ObservationStatus)] = [
            (Period(year: 2018), 0.1, .ok), (Period(year: 2019), 12, .ok), (Period(year: 2020), .nan, .secret),
            (Period(year: 2021, frequency: .monthly, subperiod: 3), 1e-7, .ok), (Period(year: 2021, frequency: .quarter, subperiod: 2), -3.5, .provisional),
        ]
        for (p, v, s) in rows {
            o.territories.append(0); o.indicators.append(0); o.periods.append(p); o.values.append(v); o.statuses.append(s)
        }
        d.observations = o
        return d
    }

    @Test("files hold quoted fields, optional columns and shortest numbers")
    func exactText() throws {
        let dir = SharedData.temporaryDirectory("writer")
        try DatasetWriter.write(sample(), to: dir)
        func read(_ f: String) throws -> String { try String(contentsOfFile: dir + "/" + f, encoding: .utf8) }
        #expect(try read("territories.csv") == "level,code,name,type\nepci,1,\"CA \"\"Le\"\" Grand, Chalon\",CA\ndept,71,Saône-et-Loire,\n")
        #expect(try read("links.csv") == "child,parent,weight\nepci:1,dept:71,0.25\n")
        #expect(try read("indicators.csv") == "code,name,unit,aggregate,frequency,source\nx,X,%,\"ratio(a,b)\",A,synthetic\n")
        #expect(try read("observations.csv") == """
            territory,indicator,period,value,status
            epci:1,x,2018,0.1,
            epci:1,x,2019,12,
            epci:1,x,2020,,secret
            epci:1,x,2021-03,1e-07,
            epci:1,x,2021-Q2,-3.5,provisional

            """)
    }

    @Test("every value reads back to the same Double")
    func roundTrip() throws {
        var rng = SplitMix64(seed: 7)
        let dir = SharedData.temporaryDirectory("numbers")
        let path = dir + "/n.csv"
        let sink = try ByteSink(path: path)
        var values: [Double] = [0, -0.0, 1, -1, 1e300, .leastNonzeroMagnitude, 0.1 + 0.2, 123_456_789_012_345, 9_007_199_254_740_994]
        for _ in 0..<2_000 { values.append((rng.unit() - 0.5) * pow(10, rng.uniform(-12...15))) }
        for v in values { sink.append(number: v); sink.appendByte(10) }
        try sink.close()
        let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n")
        #expect(lines.count == values.count)
        for (line, v) in zip(lines, values) { #expect(Double(line) == v, "\(line) ≠ \(v)") }
        #expect(lines[3] == "-1" && lines[2] == "1")
    }

    @Test("without flagged cells or weights, the optional columns are left out")
    func optionalColumns() throws {
        var d = sample()
        d.links[0].weight = 1
        d.observations.statuses = d.observations.statuses.map { _ in .ok }
        d.observations.values[2] = 3
        let dir = SharedData.temporaryDirectory("optional")
        try DatasetWriter.write(d, to: dir)
        #expect(try String(contentsOfFile: dir + "/links.csv", encoding: .utf8) == "child,parent\nepci:1,dept:71\n")
        #expect(try String(contentsOfFile: dir + "/observations.csv", encoding: .utf8).hasPrefix("territory,indicator,period,value\n"))
    }
}
