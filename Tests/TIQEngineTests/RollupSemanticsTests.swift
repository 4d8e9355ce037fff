import Testing
import TIQCore
import TIQEngine

/// Roll-ups and aggregates on `HandDataset`: `na` children, qualifiers that propagate, order
/// statistics in `rollup`, empty windows in the long layout and levels no link reaches. The
/// expected values come from plain loops over `HandDataset.cells`.
@Suite struct RollupSemanticsTests {
    let engine = HandDataset.engine

    /// The expected strict sum of an EPCI's communes in `year`: value and status.
    static func expectedSum(_ epci: String, _ year: Int) -> (Double?, ObservationStatus) {
        let cells = HandDataset.communes(of: epci).map { HandDataset.cell($0, year) }
        let absent = cells.filter { $0.0 == nil && $0.1 != .notApplicable }.map(\.1)
        if !absent.isEmpty { return (nil, absent.contains(.secret) ? .secret : .missing) }
        let present = cells.filter { $0.0 != nil }
        if present.isEmpty { return (nil, .notApplicable) }
        return (present.reduce(0) { $0 + $1.0! }, HandDataset.strongest(present.map(\.1)))
    }

    /// The expected min, max or median of an EPCI's present communes in `year`.
    static func expectedOrder(_ fn: String, _ epci: String, _ year: Int) -> (Double?, ObservationStatus) {
        let cells = HandDataset.communes(of: epci).map { HandDataset.cell($0, year) }
        let skipped = cells.filter { $0.0 == nil && $0.1 != .notApplicable }.map(\.1)
        let present = cells.filter { $0.0 != nil }.map { ($0.0!, $0.1) }
        if present.isEmpty { return (nil, skipped.isEmpty ? .notApplicable : (skipped.contains(.secret) ? .secret : .missing)) }
        let values = present.map(\.0).sorted()
        let value: Double
        let from: [(Double, ObservationStatus)]
        switch fn {
        case "min": value = values.first!; from = present.filter { $0.0 == value }
        case "max": value = values.last!; from = present.filter { $0.0 == value }
        default:
            let m = values.count
            value = m % 2 == 1 ? values[m / 2] : (values[m / 2 - 1] + values[m / 2]) / 2
            let mids = m % 2 == 1 ? [values[m / 2]] : [values[m / 2 - 1], values[m / 2]]
            from = present.filter { mids.contains($0.0) }
        }
        return (value, skipped.isEmpty ? HandDataset.strongest(from.map(\.1)) : .partial)
    }

    /// Cell `(row, year)` of series column `name`: value (nil if absent) and status.
    func cell(_ t: ResultTable, _ name: String, row: Int, year: Int) -> (Double?, ObservationStatus) {
        guard case .series(let v, let s)? = t.column(name)?.values, let j = t.periods.firstIndex(where: { $0.year == year }) else {
            return (nil, .undefined)
        }
        let k = row * t.periods.count + j
        let x = v[k]
        return (x.isNaN ? nil : x, s?[k] ?? (x.isNaN ? .missing : .ok))
    }

    func check(_ t: ResultTable, _ name: String, expected: (String, Int) -> (Double?, ObservationStatus)) {
        #expect(t.texts("code") == ["E1", "E2", "E3"])
        for (row, epci) in ["E1", "E2", "E3"].enumerated() {
            for y in HandDataset.years {
                let got = cell(t, name, row: row, year: y), want = expected(epci, y)
                #expect(close(got.0, want.0), "\(name) \(epci) \(y): \(String(describing: got.0)) vs \(String(describing: want.0))")
                #expect(got.1 == want.1, "\(name) \(epci) \(y): \(got.1) vs \(want.1)")
            }
        }
    }

    @Test func rollupSumCarriesQualifiersAndAllNAIsNA() throws {
        check(try engine.run("from x at commune | rollup to epci"), "x", expected: Self.expectedSum)
        // The same through the memoised roll-up of a stored column.
        check(try engine.run("from x at epci"), "x", expected: Self.expectedSum)
        // E3 in 2020: both communes `na` → absent, not 0.
        let t = try engine.run("from x at commune | rollup to epci | period 2020")
        #expect(cell(t, "x", row: 2, year: 2020) == (nil, .notApplicable))
    }

    @Test(arguments: ["min", "max", "median"])
    func rollupOrderStatistics(_ fn: String) throws {
        let t = try engine.run("from x at commune | rollup to epci (x = \(fn))")
        check(t, "x") { Self.expectedOrder(fn, $0, $1) }
    }

    @Test func rollupMeanIsApproxAndPartialWhenMembersAreSkipped() throws {
        let t = try engine.run("from x at commune | rollup to epci (x = mean)")
        check(t, "x") { epci, year in
            let cells = HandDataset.communes(of: epci).map { HandDataset.cell($0, year) }
            let present = cells.filter { $0.0 != nil }
            let skipped = cells.contains { $0.0 == nil && $0.1 != .notApplicable }
            guard !present.isEmpty else { return (nil, skipped ? .missing : .missing) }
            let mean = present.reduce(0) { $0 + $1.0! } / Double(present.count)
            return (mean, skipped ? .partial : HandDataset.strongest([.approx] + present.map(\.1)))
        }
    }

    @Test func aggregateSumsCarryQualifiersAndSkipIsPartial() throws {
        let t = try engine.run("from x at commune | agg s = sum(x), k = sum(x, missing = skip) by epci")
        for (row, epci) in ["E1", "E2", "E3"].enumerated() {
            for y in HandDataset.years {
                let strict = Self.expectedSum(epci, y)
                let got = cell(t, "s", row: row, year: y)
                #expect(close(got.0, strict.0) && got.1 == (strict.1 == .notApplicable ? .notApplicable : strict.1) || strict.1 == .notApplicable,
                        "sum \(epci) \(y): \(got) vs \(strict)")
                let cells = HandDataset.communes(of: epci).map { HandDataset.cell($0, y) }
                let present = cells.filter { $0.0 != nil }
                let skipped = cells.contains { $0.0 == nil && $0.1 != .notApplicable }
                if !present.isEmpty {
                    let k = cell(t, "k", row: row, year: y)
                    #expect(close(k.0, present.reduce(0) { $0 + $1.0! }))
                    #expect(k.1 == (skipped ? .partial : HandDataset.strongest(present.map(\.1))), "skip-sum \(epci) \(y)")
                }
            }
        }
    }

    @Test func arithmeticKeepsTheStrongestQualifier() throws {
        // C1 + C2 per year, by the documented precedence.
        let t = try engine.run("from x at commune | agg a = sum(x) by epci | derive b = a * 2 - a")
        for y in HandDataset.years {
            let want = Self.expectedSum("E1", y)
            #expect(cell(t, "b", row: 0, year: y).1 == want.1)
        }
    }

    @Test func longLayoutOfAnEmptyWindowHasNoRowsAndAPeriodColumn() throws {
        let t = try engine.run("from x at epci | period 2030 | show code, x as long")
        #expect(t.rowCount == 0)
        #expect(t.columns.map(\.name) == ["code", "period", "x"])
    }

    @Test func rollupToALevelNoLinkReachesIsAnError() {
        let d = engine.check("from x at commune | rollup to zone").first { $0.severity == .error }
        #expect(d?.code == "E313")
        #expect(d?.message.contains("no link reaches `zone`") == true)
    }
}
