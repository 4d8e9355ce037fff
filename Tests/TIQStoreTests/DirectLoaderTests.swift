import Foundation
import Testing
import TIQCore
import TIQData
@testable import TIQStore

/// The fast path of observations.csv (bytes straight into columns) builds exactly the columns
/// of the general path (CSV records → observation table → validator → ColumnBuilder), and
/// leaves every unusual file to the general path.
@Suite struct DirectLoaderTests {
    /// The demo's communes of départements 01 and 2A/2B with all their observations (gaps,
    /// statuses, NaN), written as CSV by TIQData's writer.
    static let demoSlice: String? = {
        var d = Demo.dataset()
        let keep = Set(d.observations.territoryKeys.indices.filter {
            let k = d.observations.territoryKeys[$0]
            return k.hasPrefix("commune:01") || k.hasPrefix("commune:2A")
        }.map(UInt32.init))
        var o = ObservationTable()
        o.territoryKeys = d.observations.territoryKeys
        o.indicatorCodes = d.observations.indicatorCodes
        for i in 0..<d.observations.count where keep.contains(d.observations.territories[i]) {
            o.territories.append(d.observations.territories[i]); o.indicators.append(d.observations.indicators[i])
            o.periods.append(d.observations.periods[i]); o.values.append(d.observations.values[i])
            o.statuses.append(d.observations.statuses[i])
        }
        d.observations = o
        guard let dir = try? TempDataset.make() else { return nil }
        do { try DatasetWriter.write(d, to: dir) } catch { return nil }
        return dir
    }()

    /// Both paths on `dir`: the fast one must be taken and agree with the general one.
    static func expectSameColumns(_ dir: String, splitAbove: Int = DirectObservationLoader.splitThreshold) throws {
        let fast = try #require(DatasetLoader.directSnapshot(directory: dir, id: 1, splitAbove: splitAbove, progress: nil),
                                "the fast path gave up")
        let general = try SnapshotBuilder.build(DatasetLoader.load(directory: dir), origin: dir, id: 2)
        #expect(fast.columns.count == general.columns.count)
        for (key, g) in general.columns {
            let f = try #require(fast.columns[key])
            #expect(f.axis == g.axis)
            #expect(f.values.count == g.values.count)
            #expect(zip(f.values, g.values).allSatisfy { $0.bitPattern == $1.bitPattern }, "values of \(key) differ")
            #expect(f.status.cells == g.status.cells)
            #expect(f.status.statuses == g.status.statuses)
        }
        #expect(fast.observationCount == general.observationCount)
        #expect(fast.levels.map(\.codes) == general.levels.map(\.codes))
    }

    @Test func demoSliceBuildsTheSameColumnsBothWays() throws {
        let dir = try #require(Self.demoSlice)
        let obs = try String(contentsOfFile: dir + "/observations.csv", encoding: .utf8)
        #expect(obs.contains(",secret") && obs.contains(",missing"), "the slice has flagged cells to compare")
        try Self.expectSameColumns(dir)
        // Read in two halves on two threads, merged: the same columns.
        try Self.expectSameColumns(dir, splitAbove: 0)
    }

    @Test func halvesAreMergedAndACellRepeatedAcrossThemIsCaught() throws {
        let spread = "territory,indicator,period,value,status\ncommune:01,emp,2018,5,\ncommune:02,emp,2015,1,estimated\n"
            + "commune:01,emp,2021,,secret\ncommune:02,emp,2012,3,\nepci:E1,emp,2018,15,ok\ncommune:01,emp,2010,2,\n"
        try Self.expectSameColumns(try TempDataset.make(observations: spread), splitAbove: 0)
        let repeated = "territory,indicator,period,value\ncommune:01,emp,2018,5\ncommune:02,emp,2018,5\n"
            + "commune:02,emp,2019,5\ncommune:01,emp,2018,6\n"
        let dir = try TempDataset.make(observations: repeated)
        #expect(DatasetLoader.directSnapshot(directory: dir, id: 1, splitAbove: 0, progress: nil) == nil)
        #expect(throws: LoadFailure.self) { try DatasetLoader.loadSnapshot(directory: dir, id: 1) }
    }

    @Test func unusualButValidFilesAgree() throws {
        // CRLF line ends, a BOM, columns in another order, a blank line, monthly periods, exponents.
        let indicators = "code,name,unit,aggregate,frequency,source\nemp,Emploi,jobs,sum,A,test\nconj,Conj,index,mean,M,test\n"
        let obs = "\u{FEFF}value,period,territory,indicator\r\n5,2018,commune:01,emp\r\n\r\n1.5e1,2018,epci:E1,emp\r\n"
            + "-0.25,2018-03,commune:02,conj\r\n7,2017-12,commune:02,conj\r\n"
        try Self.expectSameColumns(try TempDataset.make(indicators: indicators, observations: obs))
        // Periods out of order widen the columns on both sides of their first span.
        let spread = "territory,indicator,period,value,status\ncommune:01,emp,2018,5,\ncommune:02,emp,2015,1,estimated\n"
            + "commune:01,emp,2021,,secret\ncommune:02,emp,2012,3,\nepci:E1,emp,2018,15,ok\n"
        try Self.expectSameColumns(try TempDataset.make(observations: spread))
    }

    @Test(arguments: [
        "territory,indicator,period,value\n\"commune:01\",emp,2018,5\n",      // quoted field
        "territory,indicator,period,value\ncommune:09,emp,2018,5\n",          // unknown territory
        "territory,indicator,period,value\ncommune:01,emp,2018,5\ncommune:01,emp,2018,6\n",   // duplicate
        "territory,indicator,period,value\ncommune:01,emp,2018-Q1,5\n",       // quarter of an annual indicator
        "territory,indicator,period,value,status\ncommune:01,emp,2018,5,secret\n",   // status contradiction
        "territory,indicator,period,value\ncommune:01,emp,2018,5x\n",         // not a number
        "territory,indicator,period,value,note\ncommune:01,emp,2018,5,hi\n",  // an extra column
        "territory;indicator;period;value\ncommune:01;emp;2018;5,5\n",        // decimal comma file
        "territory,indicator,period,value\ncommune:01,emp,2018\n",            // missing field
    ])
    func unusualFilesTakeTheGeneralPath(_ observations: String) throws {
        let dir = try TempDataset.make(observations: observations)
        #expect(DatasetLoader.directSnapshot(directory: dir, id: 1, progress: nil) == nil)
        #expect(DatasetLoader.directSnapshot(directory: dir, id: 1, splitAbove: 0, progress: nil) == nil)
        // And the public entry point still answers as the general path does.
        let general = Result { try SnapshotBuilder.build(DatasetLoader.load(directory: dir), origin: dir, id: 1) }
        let public_ = Result { try DatasetLoader.loadSnapshot(directory: dir, id: 1) }
        switch (general, public_) {
        case (.success(let a), .success(let b)): #expect(a.observationCount == b.observationCount)
        case (.failure(let a as LoadFailure), .failure(let b as LoadFailure)):
            #expect(a.diagnostics.map(\.description) == b.diagnostics.map(\.description))
        default: Issue.record("the two paths disagree on \(observations.debugDescription)")
        }
    }

    @Test func fastNumberParserAgreesWithDoubleOfString() {
        var rng = SplitMix64(seed: 42)
        var checked = 0
        for _ in 0..<200_000 {
            let digits = Int(rng.next() % 15) + 1
            var text = rng.next() % 2 == 0 ? "-" : ""
            var mantissa = ""
            for _ in 0..<digits { mantissa.append(Character(Unicode.Scalar(UInt8(48 + rng.next() % 10)))) }
            let point = Int(rng.next() % UInt64(digits + 1))
            if point == digits { text += mantissa } else {
                text += String(mantissa.prefix(point == 0 ? 1 : point)) + "." + String(mantissa.dropFirst(point == 0 ? 1 : point))
            }
            let fast = text.utf8.withContiguousStorageIfAvailable { NumberParser.fastPath($0, decimalComma: false) } ?? nil
            let reference = Double(text)
            if let fast {
                #expect(fast.bitPattern == reference?.bitPattern, "\(text): \(fast) vs \(String(describing: reference))")
                checked += 1
            }
        }
        #expect(checked > 150_000, "the fast path handled most plain decimals")
    }
}
