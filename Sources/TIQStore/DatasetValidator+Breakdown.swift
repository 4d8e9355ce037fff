import TIQCore

/// The checks of broken-down indicators (issue 16): the catalog's `breakdown` column and the
/// observations' `naf` codes.
extension DatasetValidator {
    /// The classification of catalog row `ind` (nil for none), reporting D131 when it is not a
    /// known one or when the indicator does not sum.
    static func checkBreakdown(_ ind: IndicatorRecord, rule: AggregateRule, record i: Int, _ s: DatasetSourceMap?,
                               _ c: inout DiagnosticCollector) -> String? {
        let name = ind.breakdown.lowercased()
        guard !name.isEmpty else { return nil }
        guard name == NAFCode.classification else {
            c.error(.unknownBreakdown, "breakdown `\(ind.breakdown)` is not a known classification", at: locate(s, .indicators, i, "breakdown"),
                    help: "use `naf` (NAF rév. 2: sections, divisions, groups, classes, subclasses), or leave the cell empty")
            return nil
        }
        guard rule == .sum else {
            c.error(.unknownBreakdown, "indicator `\(ind.code)` is broken down by `naf` but its aggregate rule is `\(rule)`",
                    at: locate(s, .indicators, i, "breakdown"),
                    help: "only additive indicators (`sum`) can be broken down: sectors are summed up the classification")
            return nil
        }
        return name
    }

    /// Canonicalises the breakdown codes and checks each broken-down observation: a code of the
    /// classification (D132), on an indicator that has a breakdown, at one depth per indicator
    /// (D133), once per (territory, indicator, period, code) (D122).
    static func checkBreakdownCodes(_ d: Dataset, _ s: DatasetSourceMap?, _ r: inout ResolvedDataset, _ valid: [Bool],
                                    _ c: inout DiagnosticCollector) {
        let o = d.observations
        guard !o.breakdowns.isEmpty else { return }
        guard o.breakdowns.count == o.count else {
            c.error(.fieldCount, "the observation table's columns have different lengths", at: .file(DatasetFile.observations.name),
                    help: "append to every column of ObservationTable together")
            return
        }
        r.breakdownCodes = o.breakdownCodes.map { NAFCode.canonical($0)?.code }
        let depthOfCode = o.breakdownCodes.map { NAFCode.canonical($0)?.depth }
        // Codes written two ways (`10.71C`, `1071C`) are one code.
        var firstOfCode: [String: Int] = [:]
        var canonicalIndex: [Int] = []
        for (k, code) in r.breakdownCodes.enumerated() {
            guard let code else { canonicalIndex.append(k); continue }
            if let f = firstOfCode[code] { canonicalIndex.append(f) } else { firstOfCode[code] = k; canonicalIndex.append(k) }
        }
        var depth: [Int: (depth: Int, row: Int)] = [:]
        var reported = Set<Int>()
        // (territory, indicator, period, code) of every broken-down row, packed, for D122.
        let ordinals = (0..<o.count).lazy.filter { valid[$0] }.map { Int(o.periods[$0].ordinal) }
        let finder = RepeatedKeyFinder(ranges: [0...max(0, d.territories.count - 1), 0...max(0, r.indicators.count - 1),
                                                (ordinals.min() ?? 0)...(ordinals.max() ?? 0), 0...max(0, o.breakdownCodes.count - 1)])
        var keys = [UInt64](repeating: RepeatedKeyFinder.none, count: finder == nil ? 0 : o.count)
        var seen = Set<[Int]>()   // only when the keys do not pack into 64 bits
        for i in 0..<o.count where valid[i] {
            guard let b = o.breakdown(i) else { continue }
            let ind = r.observationIndicator[Int(o.indicators[i])], t = r.observationTerritory[Int(o.territories[i])]
            let info = r.indicators[ind]
            guard info.breakdown != nil else {
                if reported.insert(-1 - ind).inserted {
                    c.error(.misplacedBreakdownCode, "indicator `\(info.code)` has no breakdown, but this row gives `naf` code `\(o.breakdownCodes[b])`",
                            at: locate(s, .observations, i, NAFCode.classification),
                            help: "leave the `naf` cell empty, or declare `breakdown` `naf` for `\(info.code)` in indicators.csv")
                }
                continue
            }
            guard let dpt = depthOfCode[b] else {
                if reported.insert(b).inserted {
                    c.error(.unknownBreakdownCode, "`\(o.breakdownCodes[b])` is not a NAF rév. 2 code", at: locate(s, .observations, i, NAFCode.classification),
                            help: "write a section (`C`), a division (`10`), a group (`10.7`), a class (`10.71`) or a subclass (`10.71C`)")
                }
                continue
            }
            if let first = depth[ind], first.depth != dpt {
                if reported.insert(-1 - ind).inserted {
                    let line = locate(s, .observations, first.row, NAFCode.classification).span?.line ?? first.row + 2
                    c.error(.misplacedBreakdownCode, "`\(o.breakdownCodes[b])` is a NAF \(NAFCode.depthNames[dpt]), but `\(info.code)` is broken down by \(NAFCode.depthNames[first.depth]) (line \(line))",
                            at: locate(s, .observations, i, NAFCode.classification),
                            help: "give every row of one indicator codes of one depth: a sum over codes of two depths would count activity twice")
                }
                continue
            } else if depth[ind] == nil { depth[ind] = (dpt, i) }
            if let finder {
                keys[i] = finder.pack(t, ind, Int(o.periods[i].ordinal), canonicalIndex[b])
            } else if !seen.insert([t, ind, Int(o.periods[i].ordinal), canonicalIndex[b]]).inserted {
                reportRepeat(d, s, r, i, &c)
            }
        }
        for i in RepeatedKeyFinder.repeatedRows(keys) { reportRepeat(d, s, r, i, &c) }
    }

    /// D122 for broken-down row `i`, which repeats an earlier row's territory, indicator, period and code.
    private static func reportRepeat(_ d: Dataset, _ s: DatasetSourceMap?, _ r: ResolvedDataset, _ i: Int, _ c: inout DiagnosticCollector) {
        let o = d.observations
        let t = r.observationTerritory[Int(o.territories[i])], info = r.indicators[r.observationIndicator[Int(o.indicators[i])]]
        let code = o.breakdown(i).flatMap { r.breakdownCodes[$0] } ?? ""
        c.error(.duplicateObservation, "a second value for `\(d.territories[t].key)`, `\(info.code)`, \(o.periods[i]), `naf` \(code)",
                at: locate(s, .observations, i, "period"),
                help: "keep one observation per territory, indicator, period and code")
    }
}
