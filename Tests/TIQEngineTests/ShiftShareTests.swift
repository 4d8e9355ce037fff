import Testing
import TIQCore
@testable import TIQEngine
@testable import TIQStore

@Suite("Shift-share decomposition (issue 16)")
struct ShiftShareTests {
    typealias Row = BreakdownFixture.Row

    /// Brute force over the fixture rows: per territory, sector values at the two years, then
    /// the textbook formulas. Territories are communes, or EPCIs (sums of their communes).
    static func bruteForce(y0: Int, y1: Int, sections: Set<Character>?, bySection: Bool, epci: Bool) -> [String: ShiftShare.Effects] {
        let communes = BreakdownFixture.communes
        func kept(_ r: Row) -> Bool { sections.map { $0.contains(NAFSectionOf.division[r.naf]!) } ?? true }
        func group(_ r: Row) -> String { bySection ? String(NAFSectionOf.division[r.naf]!) : r.naf }
        var e: [String: [String: [Double]]] = [:]          // territory → sector → [base, end]
        var status: [String: ObservationStatus] = [:]
        for c in communes {
            var sectors: [String: [Double]] = [:]
            for (k, y) in [y0, y1].enumerated() {
                let rows = BreakdownFixture.rows.filter { $0.commune == c && $0.year == y }
                if rows.isEmpty { status[c] = status[c] ?? .missing }
                for r in rows where kept(r) {
                    if let v = r.value { sectors[group(r), default: [0, 0]][k] += v } else if r.status != "na" {
                        status[c] = r.status == "secret" ? .secret : (status[c] ?? .missing)
                    } else { sectors[group(r), default: [0, 0]][k] += 0 }
                }
            }
            e[c] = sectors
        }
        var national: [String: [Double]] = [:]
        for c in communes { for (g, v) in e[c]! { national[g, default: [0, 0]][0] += v[0]; national[g, default: [0, 0]][1] += v[1] } }
        let total0 = national.values.reduce(0) { $0 + $1[0] }, total1 = national.values.reduce(0) { $0 + $1[1] }
        let growth = total1 / total0 - 1
        var territories = communes.map { ($0, [$0]) }
        if epci { territories = [("E1", ["01", "02"]), ("E2", ["03", "04"])] }
        var out: [String: ShiftShare.Effects] = [:]
        for (name, members) in territories {
            if let s = members.compactMap({ status[$0] }).max(by: { $0 == .secret ? false : $1 == .secret }) {
                out[name] = ShiftShare.Effects(status: s); continue
            }
            var r = ShiftShare.Effects(change: 0, national: 0, mix: 0, local: 0)
            for (g, nat) in national {
                let x0 = members.reduce(0) { $0 + (e[$1]![g]?[0] ?? 0) }, x1 = members.reduce(0) { $0 + (e[$1]![g]?[1] ?? 0) }
                let gs = nat[0] != 0 ? nat[1] / nat[0] - 1 : growth
                r.change += x1 - x0
                r.national += x0 * growth
                r.mix += x0 * (gs - growth)
                r.local += (x1 - x0) - x0 * gs
            }
            out[name] = r
        }
        return out
    }

    static let cases: [(Int, Int, Set<Character>?, Bool)] = [
        (2018, 2022, ["B", "C", "D", "E"], true),     // industry by section: a sector new in 2020, a zero base
        (2018, 2022, nil, false),                      // every division
        (2019, 2022, nil, true),                       // a secret cell in the base year
        (2018, 2021, ["C"], false),                    // a commune without any row in the end year
        (2020, 2022, ["J"], false),                    // services only
    ]

    @Test(arguments: 0..<cases.count)
    func theEffectsAddUpToTheChangeAndMatchTheBruteForce(_ k: Int) throws {
        let (y0, y1, sections, bySection) = Self.cases[k]
        let s = BreakdownFixture.snapshot
        let jobs = try #require(s.indicatorByCode["jobs"]), commune = try #require(s.levelByName["commune"])
        let epciLevel = try #require(s.levelByName["epci"])
        let b = try #require(s.breakdown(jobs, at: commune))
        let base = Int(Period(year: Int32(y0)).ordinal - b.axis.start), end = Int(Period(year: Int32(y1)).ordinal - b.axis.start)
        let keep: (String) -> Bool = { code in sections.map { $0.contains(NAFCode.ancestor(of: code, depth: 0)!.first!) } ?? true }
        for epci in [false, true] {
            let level = epci ? epciLevel : commune
            let got = ShiftShare.decompose(b, rows: s[level: commune].count, base: base, end: end, depth: bySection ? 0 : nil, keep: keep,
                                           membership: epci ? s.membership(from: commune, to: epciLevel) : nil)
            let expected = Self.bruteForce(y0: y0, y1: y1, sections: sections, bySection: bySection, epci: epci)
            for (r, code) in s[level: level].codes.enumerated() {
                let want = try #require(expected[code]), have = got[r]
                #expect(have.status == want.status, "\(code) \(y0)-\(y1)")
                guard !want.status.isAbsence else { #expect(have.change.isNaN); continue }
                for (a, w, what) in [(have.change, want.change, "change"), (have.national, want.national, "national"),
                                     (have.mix, want.mix, "mix"), (have.local, want.local, "local")] {
                    #expect(abs(a - w) <= 1e-9 * max(1, abs(w)), "\(code) \(y0)-\(y1) \(what): \(a) vs \(w)")
                }
                #expect(abs(have.national + have.mix + have.local - have.change) <= 1e-9 * max(1, abs(have.change)), "\(code): the effects do not add up")
            }
        }
    }
}
