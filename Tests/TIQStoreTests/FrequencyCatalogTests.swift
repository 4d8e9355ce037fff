import Testing
import TIQCore
import TIQStore

/// The `frequency` column of indicators.csv: words or letters in any case, and one diagnostic
/// for one bad cell (the indicator's observations do not add D119 "not in the catalog" errors).
@Suite struct FrequencyCatalogTests {
    @Test(arguments: [("annual", "2018"), ("Annual", "2019"), ("SEMESTER", "2018-S2"), ("quarterly", "2018-Q3"),
                      ("Monthly", "2018-07"), ("a", "2018"), ("q", "2018-Q1"), (" M ", "2018-11")])
    func wordsAndLettersInAnyCaseAreFrequencies(_ word: String, _ period: String) throws {
        let dir = try TempDataset.make(
            indicators: "code,name,unit,aggregate,frequency,source\nemp,Emploi,jobs,sum,\(word),test\n",
            observations: "territory,indicator,period,value\ncommune:01,emp,\(period),5\n")
        let snapshot = try DatasetLoader.loadSnapshot(directory: dir, id: 1)
        let id = try #require(snapshot.indicatorByCode["emp"])
        #expect(snapshot[indicator: id].frequency == Period(period)?.frequency)
    }

    @Test func aBadFrequencyIsOneDiagnosticNotACascade() throws {
        // Six observations of the refused indicator, and a ratio that names it.
        var observations = "territory,indicator,period,value\n"
        for y in 2015...2020 { observations += "commune:01,va,\(y),\(y - 2000)\n" }
        let dir = try TempDataset.make(
            indicators: TempDataset.indicators + "va,Valeur,EUR,sum,weekly,test\nmarge,Marge,%,\"ratio(emp,va)\",A,test\n",
            observations: observations)
        let failure = #expect(throws: LoadFailure.self) { try DatasetLoader.loadSnapshot(directory: dir, id: 1) }
        #expect(failure?.codes == ["D114"])
        let d = try #require(failure?.diagnostics.first)
        #expect(d.file?.hasSuffix("indicators.csv") == true)
        #expect(d.span?.line == 3 && d.span?.column == 19)
        #expect(d.message.contains("`weekly`"))
        #expect(d.help?.contains("annual, semester, quarterly or monthly") == true)
        #expect(failure?.description.contains("indicators.csv:3:19: error[D114]") == true)
    }

    @Test func anObservationOfAnIndicatorNeverDefinedIsStillReported() throws {
        let dir = try TempDataset.make(
            indicators: TempDataset.indicators + "va,Valeur,EUR,sum,weekly,test\n",
            observations: TempDataset.observations + "commune:02,emq,2018,5,\n")
        let failure = #expect(throws: LoadFailure.self) { try DatasetLoader.load(directory: dir) }
        #expect(failure?.codes == ["D114", "D119"])
    }
}
