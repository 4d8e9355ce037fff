import Testing
import TIQCore
import TIQEngine

/// Completion of the option words after `compare … on e` and `did … on e`, and of what each
/// option takes. The cursor is where `‸` stands.
@Suite struct InferenceCompletionTests {
    let engine = DemoFixture.engine
    static let compare = "from emploi_ind at epci | compare ti1 on growth(sum(emploi_ind), 2018, 2022)"
    static let did = "from emploi_ind at epci | did ti1 pre 2015..2018 post 2019..2022 on emploi_ind"

    func labels(_ marked: String) -> [String] {
        let cursor = marked.utf8.distance(from: marked.utf8.startIndex, to: marked.range(of: "‸")!.lowerBound.samePosition(in: marked.utf8)!)
        return engine.complete(marked.replacingOccurrences(of: "‸", with: ""), cursor: cursor).map(\.label)
    }

    @Test func compareOffersItsOptionsAfterTheStatistic() {
        let l = labels(Self.compare + " ‸")
        for w in ["with", "draws", "seed", "matched", "stratified"] { #expect(l.contains(w), "\(w) in \(l)") }
        #expect(!l.contains("model") && !l.contains("ref") && !l.contains("k"))
        #expect(labels(Self.compare + " str‸") == ["stratified"])
    }

    @Test func didOffersModelAndThenRef() {
        let l = labels(Self.did + " ‸")
        for w in ["with", "draws", "seed", "model"] { #expect(l.contains(w), "\(w) in \(l)") }
        #expect(!l.contains("ref") && !l.contains("matched"))
        #expect(labels(Self.did + " model ‸") == ["twfe", "event", "staggered"])
        #expect(labels(Self.did + " model event ‸").contains("ref"))
        #expect(!labels(Self.did + " model event ‸").contains("model"))
        #expect(labels(Self.did + " model event ref ‸").first == "2024")
    }

    @Test func eachOptionTakesItsValue() {
        #expect(labels(Self.compare + " with ‸") == ["ci"])
        #expect(labels(Self.compare + " with ci ‸").isEmpty)
        #expect(labels(Self.compare + " draws ‸").isEmpty)
        #expect(labels(Self.compare + " seed ‸").isEmpty)
        #expect(labels(Self.compare + " matched ‸") == ["on"])
        #expect(labels(Self.compare + " stratified ‸") == ["by"])
        #expect(labels(Self.compare + " stratified by reg‸").contains("region"))
    }

    @Test func usedOptionsAreNotOfferedAgain() {
        let l = labels(Self.compare + " with ci 95 draws 2000 ‸")
        #expect(l.contains("seed") && !l.contains("with") && !l.contains("draws"))
    }

    @Test func matchingOptionsComeAfterMatchedOn() {
        #expect(labels(Self.compare + " matched on (emploi_i‸").contains("emploi_ind"))
        #expect(labels(Self.compare + " matched on (emploi_ind@2018, ‸").contains("emploi_ind"))
        let after = labels(Self.compare + " matched on (emploi_ind@2018) ‸")
        for w in ["k", "caliper", "exact", "with"] { #expect(after.contains(w), "\(w) in \(after)") }
        #expect(!after.contains("matched"))
        #expect(labels(Self.compare + " matched on (emploi_ind@2018) k 2 caliper 0.5 exact ‸").contains("region"))
        #expect(labels(Self.compare + " matched on (emploi_ind@2018) exact region ‸").contains("exact"))
    }

    @Test func operatorsStillFollowAnUnfinishedStatistic() {
        let l = labels("from emploi_ind at epci | compare ti1 on sum(emploi_ind@2022) ‸")
        #expect(l.contains("and") && l.contains("with"))
    }
}
