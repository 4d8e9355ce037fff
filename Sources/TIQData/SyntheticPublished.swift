import TIQCore
import TIQStore

/// Synthetic published totals at the département, région and France levels, as a statistics
/// producer publishes them: summed from the commune values **before masking**, so a
/// département total is there even when some of its communes are secret, missing at random
/// or not collected (the producer knows them; it only does not release them by commune).
///
/// For an additive indicator (`sum`), a total is the sum of the pre-mask values of the
/// communes inside the territory (a commune that did not exist yet adds nothing). For a ratio
/// `ratio(num,den)` whose parts are generated too, it is the ratio of the parts' totals.
/// Other rules publish nothing. A total with no contributing commune, or a ratio over a zero
/// total, is not published. Every published cell is `ok`.
struct SyntheticPublished {
    let spec: SyntheticDatasetSpec
    let geography: Geography

    /// The keys of the territories that publish: départements, then régions, then France.
    var keys: [String] {
        geography.departements.map { "dept:" + $0.code } + geography.regions.map { "region:" + $0.code } + ["france:" + Geography.franceCode]
    }

    /// The published rows (territory-major, then indicator, then year), with `keys` as the
    /// table's territory keys and `spec`'s codes as its indicator codes. `unmasked` holds the
    /// values before masking of the commune `units`, each `indicators × years`, in that order;
    /// `records` is the catalog of `spec.indicators`.
    func table(unmasked: [Double], units: [SyntheticUnit], records: [IndicatorRecord]) -> ObservationTable {
        let nYears = spec.years.count, perUnit = spec.indicators.count * nYears
        let depts = geography.departements, regionIndex = geography.regionIndex, deptIndex = geography.departementIndex
        let keys = keys
        var table = ObservationTable()
        table.territoryKeys = keys
        table.indicatorCodes = spec.indicators.map(\.code)
        let franceRow = keys.count - 1
        var sums = [Double](repeating: 0, count: keys.count * perUnit)
        var counts = [Int32](repeating: 0, count: keys.count * perUnit)
        for (u, unit) in units.enumerated() {
            guard let d = deptIndex[unit.departement] else { continue }
            let rows = [d, regionIndex[depts[d].region].map { depts.count + $0 }, franceRow].compactMap { $0 }
            for k in 0..<perUnit {
                let v = unmasked[u * perUnit + k]
                guard !v.isNaN else { continue }
                for r in rows {
                    sums[r * perUnit + k] += v
                    counts[r * perUnit + k] += 1
                }
            }
        }
        let rules = records.map { AggregateRule(parsing: $0.aggregate) }
        let codes = spec.indicators.map(\.code)
        let periods = spec.years.map { Period(year: Int32($0)) }
        for r in keys.indices {
            let t = UInt32(r)
            for i in spec.indicators.indices {
                for y in 0..<nYears {
                    guard let v = total(of: i, year: y, rules: rules, codes: codes, row: r, sums: sums, counts: counts) else { continue }
                    table.territories.append(t)
                    table.indicators.append(UInt16(i))
                    table.periods.append(periods[y])
                    table.values.append(v)
                    table.statuses.append(.ok)
                }
            }
        }
        return table
    }

    /// Appends the rows of `other` (same indicator codes, in the same order) to `table`.
    static func append(_ other: ObservationTable, to table: inout ObservationTable) {
        let offset = UInt32(table.territoryKeys.count)
        table.territoryKeys += other.territoryKeys
        table.territories += other.territories.map { $0 + offset }
        table.indicators += other.indicators
        table.periods += other.periods
        table.values += other.values
        table.statuses += other.statuses
    }

    /// The published value of indicator `i` in year `y` for territory row `r`, or nil.
    private func total(of i: Int, year y: Int, rules: [AggregateRule?], codes: [String], row r: Int,
                       sums: [Double], counts: [Int32]) -> Double? {
        let nYears = spec.years.count, perUnit = spec.indicators.count * nYears
        func sum(_ k: Int) -> Double? {
            let cell = r * perUnit + k * nYears + y
            return counts[cell] > 0 ? sums[cell] : nil
        }
        switch rules[i] {
        case .sum?:
            return sum(i)
        case .ratio(let num, let den)?:
            guard let a = codes.firstIndex(of: num), let b = codes.firstIndex(of: den),
                  let x = sum(a), let z = sum(b), z != 0 else { return nil }
            return x / z
        default:
            return nil
        }
    }
}
