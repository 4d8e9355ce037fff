import Testing
import TIQEngine

extension BruteForce {
    /// Whether the population share of `communes` with a link into `level` holding in `year`
    /// is at least one half (the demo's TI links are direct commune links of weight 1).
    func flag(_ communes: [String], _ level: String, year: Int) -> Bool {
        func inside(_ c: String) -> Bool {
            (parents[c] ?? []).contains { p in
                guard p.key.hasPrefix(level + ":") else { return false }
                guard let v = validity[c + "→" + p.key] else { return true }
                return (v.from ?? .min) <= year && year <= (v.to ?? .max)
            }
        }
        let total = communes.reduce(0) { $0 + population($1) }
        let members = communes.filter(inside)
        if total == 0 { return !communes.isEmpty && 2 * members.count >= communes.count }
        return 2 * members.reduce(0) { $0 + population($1) } >= total
    }
}

/// Independent checks of the query files about perimeters that change over time.
extension QueryFilesTests {
    nonisolated(unsafe) static let perimeterChecks: [String: (ResultTable, BruteForce) -> Void] = [
        "26-staggered-entry.tiq": { t, b in
            // Entry: the first year an EPCI's communes in a phase-2 TI, by the links holding that
            // year, hold half its population; cohort-year effects by direct loops.
            let years = Array(2015...2024)
            var units: [(entry: Int?, y: [Int: Double])] = []
            for (_, cs) in groups(b, "epci") {
                let entry = years.first { b.flag(cs, "ti2", year: $0) }
                if let entry, entry <= 2018 { continue }
                guard complete(b, "emploi_ind", cs, years) else { continue }
                units.append((entry, Dictionary(uniqueKeysWithValues: years.map { ($0, b.strictSum("emploi_ind", cs, $0)!) })))
            }
            let cohorts = Set(units.compactMap(\.entry)).sorted()
            #expect(cohorts == [2019, 2023])
            var labels: [String] = [], atts: [Double] = [], nT: [Double] = [], nC: [Double] = []
            var num = 0.0, den = 0.0
            for g in cohorts {
                for y in years where y >= g {
                    let treated = units.filter { $0.entry == g }, controls = units.filter { ($0.entry ?? .max) > y }
                    func mean(_ u: [(entry: Int?, y: [Int: Double])]) -> Double { u.map { $0.y[y]! - $0.y[g - 1]! }.reduce(0, +) / Double(u.count) }
                    let att = mean(treated) - mean(controls)
                    labels.append("\(g) \(y)"); atts.append(att); nT.append(Double(treated.count)); nC.append(Double(controls.count))
                    num += Double(treated.count) * att; den += Double(treated.count)
                }
            }
            let got = zip(t.texts("cohort"), t.texts("period")).map { "\($0!) \($1!)" }
            #expect(got == labels + ["overall 2019..2024"])
            for i in labels.indices {
                #expect(close(t.numbers("att")[i], atts[i], 1e-9))
                #expect(t.numbers("n_treated")[i] == nT[i] && t.numbers("n_control")[i] == nC[i])
                #expect(close(t.numbers("weight")[i], nT[i] / den, 1e-12))
            }
            #expect(close(t.numbers("att").last!, num / den, 1e-9))
            #expect(t.warnings.contains { $0.message.contains("Callaway & Sant'Anna") })
        },
    ]
}
