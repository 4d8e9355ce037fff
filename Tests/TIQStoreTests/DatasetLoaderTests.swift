import Testing
import TIQCore
@testable import TIQStore

/// One broken dataset per diagnostic code: the file, line and column must point at the culprit.
struct BrokenDataset: CustomTestStringConvertible, Sendable {
    let code: String
    let file: String
    let line: Int
    let column: Int
    var territories = TempDataset.territories
    var links = TempDataset.links
    var indicators = TempDataset.indicators
    var observations = TempDataset.observations
    var dropLinks = false

    var testDescription: String { "\(code) at \(file):\(line):\(column)" }

    static let all: [BrokenDataset] = [
        BrokenDataset(code: "D100", file: "links.csv", line: 0, column: 0, dropLinks: true),
        BrokenDataset(code: "D101", file: "territories.csv", line: 1, column: 15,
                      territories: "level,code,nom\ncommune,01,Alpha\n"),
        BrokenDataset(code: "D103", file: "observations.csv", line: 4, column: 21,
                      observations: TempDataset.observations + "commune:02,emp,2018,\"5\n"),
        BrokenDataset(code: "D104", file: "territories.csv", line: 5, column: 12,
                      territories: TempDataset.territories + "commune,03,,5\n"),
        BrokenDataset(code: "D105", file: "territories.csv", line: 5, column: 9,
                      territories: TempDataset.territories + "commune,01,Again,1\n"),
        BrokenDataset(code: "D106", file: "links.csv", line: 4, column: 1,
                      links: TempDataset.links + "commune:09,epci:E1,\n"),
        BrokenDataset(code: "D107", file: "links.csv", line: 2, column: 12,
                      links: "child,parent,weight\ncommune:01,epic:E1,\ncommune:02,epci:E1,\n"),
        BrokenDataset(code: "D108", file: "links.csv", line: 2, column: 20,
                      links: "child,parent,weight\ncommune:01,epci:E1,1.5\ncommune:02,epci:E1,\n"),
        BrokenDataset(code: "D109", file: "links.csv", line: 4, column: 20,
                      territories: TempDataset.territories + "epci,E2,Other,\n",
                      links: "child,parent,weight\ncommune:01,epci:E1,0.6\ncommune:02,epci:E1,\ncommune:01,epci:E2,0.6\n"),
        BrokenDataset(code: "D110", file: "links.csv", line: 5, column: 8,
                      territories: TempDataset.territories + "dept,D,Dept,\n",
                      links: TempDataset.links + "epci:E1,dept:D,\ndept:D,epci:E1,\n"),
        BrokenDataset(code: "D111", file: "indicators.csv", line: 3, column: 1,
                      indicators: TempDataset.indicators + "emp,Encore,jobs,sum,A,test\n"),
        BrokenDataset(code: "D112", file: "indicators.csv", line: 3, column: 15,
                      indicators: TempDataset.indicators + "va,Valeur,EUR,total,A,test\n"),
        BrokenDataset(code: "D113", file: "indicators.csv", line: 3, column: 14,
                      indicators: TempDataset.indicators + "marge,Taux,%,\"ratio(ebe,va)\",A,test\n"),
        BrokenDataset(code: "D114", file: "indicators.csv", line: 3, column: 19,
                      indicators: TempDataset.indicators + "va,Valeur,EUR,sum,X,test\n"),
        BrokenDataset(code: "D115", file: "observations.csv", line: 4, column: 16,
                      observations: TempDataset.observations + "commune:02,emp,2018-13,5,\n"),
        BrokenDataset(code: "D116", file: "observations.csv", line: 4, column: 21,
                      observations: TempDataset.observations + "commune:02,emp,2018,12a,\n"),
        BrokenDataset(code: "D117", file: "observations.csv", line: 4, column: 23,
                      observations: TempDataset.observations + "commune:02,emp,2018,5,weird\n"),
        BrokenDataset(code: "D118", file: "observations.csv", line: 4, column: 23,
                      observations: TempDataset.observations + "commune:02,emp,2018,5,secret\n"),
        BrokenDataset(code: "D119", file: "observations.csv", line: 4, column: 12,
                      observations: TempDataset.observations + "commune:02,emq,2018,5,\n"),
        BrokenDataset(code: "D120", file: "observations.csv", line: 4, column: 1,
                      observations: TempDataset.observations + "commune:99,emp,2018,5,\n"),
        BrokenDataset(code: "D121", file: "observations.csv", line: 4, column: 16,
                      observations: TempDataset.observations + "commune:02,emp,2018-Q1,5,\n"),
        BrokenDataset(code: "D122", file: "observations.csv", line: 4, column: 16,
                      observations: TempDataset.observations + "commune:01,emp,2018,6,\n"),
        BrokenDataset(code: "D124", file: "links.csv", line: 4, column: 12,
                      links: TempDataset.links + "commune:01,commune:02,\n"),
        BrokenDataset(code: "D127", file: "indicators.csv", line: 3, column: 18,
                      indicators: TempDataset.indicators + "dens,Densité,hab,mean weight surface,A,test\n"),
        BrokenDataset(code: "D128", file: "territories.csv", line: 0, column: 0,
                      territories: "level,code,name\n", links: "child,parent\n", observations: "territory,indicator,period,value\n"),
    ]
}

@Suite struct DatasetLoaderTests {
    @Test func validFixtureLoads() throws {
        let dir = try TempDataset.make()
        let dataset = try DatasetLoader.load(directory: dir)
        #expect(dataset.territories.count == 3)
        #expect(dataset.attributeNames == ["population"])
        #expect(dataset.links.map(\.weight) == [1, 1])
        #expect(dataset.observations.count == 2)
        var progressed: [Double] = []
        let snapshot = try DatasetLoader.loadSnapshot(directory: dir, id: 7) { progressed.append($0) }
        #expect(progressed.last == 1)
        #expect(progressed == progressed.sorted())
        #expect(snapshot.id == 7)
        #expect(snapshot.origin == dir)
        #expect(snapshot.levels.map(\.name) == ["commune", "epci"])
    }

    @Test(arguments: BrokenDataset.all)
    func eachProblemIsReportedWhereItIs(_ broken: BrokenDataset) throws {
        let dir = try TempDataset.make(territories: broken.territories, links: broken.dropLinks ? nil : broken.links,
                                       indicators: broken.indicators, observations: broken.observations)
        let failure = #expect(throws: LoadFailure.self) { try DatasetLoader.loadSnapshot(directory: dir, id: 1) }
        let d = try #require(failure?.diagnostics.first)
        #expect(failure?.diagnostics.count == 1, "\(failure?.description ?? "")")
        #expect(d.code == broken.code, "\(d)")
        #expect(d.file?.hasSuffix("/" + broken.file) == true, "\(d)")
        #expect(d.severity == .error)
        #expect(d.help?.isEmpty == false)
        if broken.line > 0 {
            #expect(d.span?.line == broken.line, "\(d)")
            #expect(d.span?.column == broken.column, "\(d)")
        }
    }

    @Test func aColumnTooLargeToAllocateIsRefused() throws {
        // 2,300 communes × 120,000 months (0000-01 … 9999-12) is more than 2²⁸ cells.
        var territories = "level,code,name\n"
        for i in 0..<2_300 { territories += "commune,c\(i),C\(i)\n" }
        let dir = try TempDataset.make(
            territories: territories, links: "child,parent\n",
            indicators: "code,name,unit,aggregate,frequency,source\nm,Mensuel,jobs,sum,M,test\n",
            observations: "territory,indicator,period,value\ncommune:c1,m,9999-12,1\ncommune:c2,m,0000-01,2\n")
        let failure = #expect(throws: LoadFailure.self) { try DatasetLoader.loadSnapshot(directory: dir, id: 1) }
        let d = try #require(failure?.diagnostics.first)
        #expect(failure?.codes == ["D129"])
        #expect(d.span?.line == 3 && d.span?.column == 14)     // the observation holding the earliest period
        #expect(d.message.contains("to 9999-12: 120000 periods × 2300 territories"))
    }

    @Test func manyProblemsAreBoundedAndCounted() throws {
        var observations = "territory,indicator,period,value\n"
        for i in 0..<80 { observations += "commune:01,emp,\(2000 + i),x\(i)\n" }
        let dir = try TempDataset.make(observations: observations)
        let failure = #expect(throws: LoadFailure.self) { try DatasetLoader.load(directory: dir) }
        #expect(failure?.diagnostics.count == DiagnosticCollector.limit)
        #expect(failure?.omitted == 80 - DiagnosticCollector.limit)
        #expect(failure?.description.contains("and 30 more problems") == true)
        #expect(failure?.diagnostics.allSatisfy { $0.code == "D116" } == true)
    }

    @Test func diagnosticsRenderAsFileLineColumn() throws {
        let dir = try TempDataset.make(observations: TempDataset.observations + "commune:02,emp,2018,12a,\n")
        let failure = #expect(throws: LoadFailure.self) { try DatasetLoader.load(directory: dir) }
        let text = try #require(failure?.description)
        #expect(text.hasPrefix(dir + "/observations.csv:4:21: error[D116]: value `12a` is not a number — "))
    }

    @Test func decimalCommaFilesLoad() throws {
        let dir = try TempDataset.make(
            territories: "level;code;name;population;type\ncommune;01;Alpha;1 234,5;x,y\ncommune;02;Beta;20;\nepci;E1;Grp;;CC\n",
            links: "child;parent;weight\ncommune:01;epci:E1;0,5\ncommune:02;epci:E1;1\n",
            observations: "territory;indicator;period;value\ncommune:01;emp;2018;1 234,5\n")
        let dataset = try DatasetLoader.load(directory: dir)
        #expect(dataset.links[0].weight == 0.5)
        #expect(dataset.observations.values == [1234.5])
        #expect(dataset.territories.map(\.attributes) == [["1234.5", "x,y"], ["20", ""], ["", "CC"]])
        let s = try SnapshotBuilder.build(dataset, origin: dir, id: 1)
        guard case .number(let population)? = s[level: s.levelByName["commune"]!].attribute("population")?.column else {
            Issue.record("population should be a number attribute"); return
        }
        #expect(population == [1234.5, 20])
    }

    @Test func builderValidatesInMemoryDatasetsToo() {
        var dataset = Dataset()
        dataset.territories = [TerritoryRecord(level: "commune", code: "01", name: "A"),
                               TerritoryRecord(level: "commune", code: "01", name: "B")]
        let failure = #expect(throws: LoadFailure.self) { try SnapshotBuilder.build(dataset, origin: "test", id: 1) }
        #expect(failure?.codes == ["D105"])
        #expect(failure?.diagnostics.first?.file == "territories.csv")
        #expect(failure?.diagnostics.first?.span?.line == 3)
    }
}
