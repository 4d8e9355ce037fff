import Foundation
import Testing
import TIQCore
import TIQEngine

/// Independent checks of the query files that read an indicator at a level above the communes.
extension QueryFilesTests {
    /// A territory's population as the store derives it: the file's value when it gives one,
    /// else the sum over its communes with a known population (nil when none is known).
    static func population(_ b: BruteForce, _ key: String, _ communes: [String]) -> Double? {
        if let v = b.attributes[key]?["population"].flatMap(Double.init) { return v }
        let known = communes.compactMap { b.attributes[$0]?["population"].flatMap(Double.init) }
        return known.isEmpty ? nil : known.reduce(0, +)
    }

    nonisolated(unsafe) static let levelChecks: [String: (ResultTable, BruteForce) -> Void] = [
        "25-ti-departements-supported-projects.tiq": { t, b in
            // Per département: its flag from its communes' populations, its published value (or
            // the strict sum of its communes), and that value per 100,000 inhabitants.
            var count: [Bool: Int] = [:], values: [Bool: [Double]] = [:], rates: [Bool: [Double]] = [:]
            var rateSkipped: [Bool: Bool] = [:]
            for (key, cs) in b.members(of: "dept") {
                let f = b.flag(cs, "ti1")
                count[f, default: 0] += 1
                guard let v = b.publishedOrSum("projets_soutenus", key, cs, 2022) else { rateSkipped[f] = true; continue }
                values[f, default: []].append(v)
                if let p = population(b, key, cs), p != 0 { rates[f, default: []].append(v / p * 100_000) } else { rateSkipped[f] = true }
            }
            func mean(_ x: [Double]?) -> Double? { x.flatMap { $0.isEmpty ? nil : $0.reduce(0, +) / Double($0.count) } }
            #expect(t.bools("ti1") == [false, true])
            #expect(t.numbers("depts") == [Double(count[false] ?? 0), Double(count[true] ?? 0)])
            #expect(count[true, default: 0] > 0 && count[false, default: 0] > 0, "both groups exist on the demo")
            for (i, f) in [false, true].enumerated() {
                #expect(close(t.numbers("projets")[i], mean(values[f])), "mean per département, ti1 = \(f)")
                #expect(close(t.numbers("per_100k")[i], mean(rates[f])), "mean per 100,000, ti1 = \(f)")
                // A group where some département had no rate says so: its mean is partial.
                guard case .number(_, let statuses)? = t.column("per_100k")?.values else { Issue.record("no per_100k"); continue }
                #expect((statuses?[i] == .partial) == (rateSkipped[f] == true), "per_100k status, ti1 = \(f)")
            }
            #expect(t.column("per_100k")?.unit.symbol == "projects per 100000 hab")
        },
    ]
}
