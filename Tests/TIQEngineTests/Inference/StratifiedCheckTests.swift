import Testing
import TIQCore
import TIQEngine

/// What `compare … stratified by k` refuses (E320), and the shape of its answer. Its values
/// are checked against numpy in scripts/check_inference.py (InferenceChecksTests).
@Suite struct StratifiedCheckTests {
    let engine = DemoFixture.engine
    static let base = "from emploi_ind at epci | where complete(emploi_ind, 2018, 2022) | compare ti1 on growth(sum(emploi_ind), 2018, 2022)"

    func codes(_ q: String) -> [String] { engine.check(q).map(\.code) }

    @Test func aNumberIsNotAStratum() {
        #expect(codes("from emploi_ind at epci | compare ti1 on sum(emploi_ind@2018) stratified by emploi_ind").contains("E320"))
    }

    @Test func noMatchingWithStrata() {
        #expect(codes(Self.base + " stratified by region matched on (emploi_ind@2018)").contains("E320"))
        #expect(!codes(Self.base + " stratified by region with ci 95").contains("E320"))
        #expect(codes(Self.base + " stratified by region with ci 100").contains("E320"))
    }

    /// `with ci` adds `lo`, `hi`, `p` to the combined row only, the interval holds the combined
    /// gap, and the same seed gives the same bytes. (The values: scripts/check_inference.py.)
    @Test func anIntervalOnTheCombinedRow() throws {
        let q = Self.base + " stratified by region with ci 90 draws 200 seed 4"
        let t = try engine.run(q), again = try engine.run(q)
        let last = t.rowCount - 1
        let lo = t.numbers("lo"), hi = t.numbers("hi"), p = t.numbers("p"), d = t.numbers("diff")
        for i in 0..<last { #expect(lo[i].isNaN && hi[i].isNaN && p[i].isNaN) }
        #expect(lo[last] <= d[last] && d[last] <= hi[last])
        #expect(p[last] > 0 && p[last] <= 1)
        #expect(again.numbers("lo")[last].bitPattern == lo[last].bitPattern && again.numbers("p")[last] == p[last])
        let other = try engine.run(Self.base + " stratified by region with ci 90 draws 200 seed 5")
        #expect(other.numbers("lo")[last] != lo[last])
        // Without `with ci` the answer has no interval columns.
        #expect(try !engine.run(Self.base + " stratified by region").columns.map(\.name).contains("lo"))
    }

    @Test func oneRowPerStratumThenTheCombinedGap() throws {
        let t = try engine.run(Self.base + " stratified by region")
        let labels = t.texts("region")
        #expect(labels.last == "combined")
        let n = t.numbers("n_treated"), w = t.numbers("weight")
        // The weights of the strata sum to 1 and are n_treated over the total.
        let strata = labels.indices.dropLast()
        #expect(abs(strata.reduce(0.0) { $0 + w[$1] } - 1) < 1e-12)
        for i in strata { #expect(abs(w[i] - n[i] / n.last!) < 1e-12) }
    }
}
