import TIQCore

extension DatasetValidator {
    // MARK: - Indicators

    static func checkIndicators(_ d: Dataset, _ s: DatasetSourceMap?, _ r: inout ResolvedDataset,
                                _ c: inout DiagnosticCollector) {
        var weightAttributes = Set(d.attributeNames)
        weightAttributes.insert("population")
        for l in r.levelNames { weightAttributes.insert(l + "_share") }
        var parsed: [(Int, AggregateRule)] = []
        for (i, ind) in d.indicators.enumerated() {
            guard ind.code.isTQLIdentifier else {
                c.error(.emptyOrInvalidField, ind.code.isEmpty ? "the indicator code is empty" : "indicator code `\(ind.code)` is not a valid name",
                        at: locate(s, .indicators, i, "code"),
                        help: "indicator codes are lowercase identifiers used in queries: letters, digits and `_`, e.g. `emploi_ind`")
                continue
            }
            if let first = r.indicatorByCode[ind.code] {
                let line = locate(s, .indicators, first, "code").span?.line ?? first + 2
                c.error(.duplicateIndicator, "indicator `\(ind.code)` is defined twice (first on line \(line))",
                        at: locate(s, .indicators, i, "code"), help: "keep one catalog line per indicator")
                continue
            }
            guard let frequency = Frequency(catalogText: ind.frequency) else {
                c.error(.unknownFrequency, "frequency `\(ind.frequency)` is unknown", at: locate(s, .indicators, i, "frequency"),
                        help: "use annual, semester, quarterly or monthly (or the letters A, S, Q, M)")
                continue
            }
            guard let rule = AggregateRule(parsing: ind.aggregate) else {
                c.error(.unknownAggregate, "aggregate rule `\(ind.aggregate)` is unknown", at: locate(s, .indicators, i, "aggregate"),
                        help: "use sum, ratio(num,den), mean, mean weight <attribute> or none")
                continue
            }
            if case .mean(let w?) = rule, !weightAttributes.contains(w) {
                c.error(.unknownWeightAttribute, "weight attribute `\(w)` is not an attribute of any territory",
                        at: locate(s, .indicators, i, "aggregate"),
                        help: "use a number attribute of territories.csv, such as `population`")
            }
            let breakdown = checkBreakdown(ind, rule: rule, record: i, s, &c)
            r.indicatorByCode[ind.code] = r.indicators.count
            r.indicators.append(IndicatorInfo(code: ind.code, name: ind.name.isEmpty ? ind.code : ind.name, unit: Unit(ind.unit),
                                              aggregate: rule, frequency: frequency, source: ind.source,
                                              description: ind.description, breakdown: breakdown))
            parsed.append((i, rule))
        }
        for (i, rule) in parsed {
            guard case .ratio(let num, let den) = rule else { continue }
            // A part whose own line was refused already has its diagnostic.
            let missing = [num, den].filter { code in r.indicatorByCode[code] == nil && !d.indicators.contains { $0.code == code } }
            if !missing.isEmpty {
                c.error(.ratioPartMissing, "ratio part\(missing.count > 1 ? "s" : "") \(missing.map { "`\($0)`" }.joined(separator: " and ")) missing from the catalog",
                        at: locate(s, .indicators, i, "aggregate"),
                        help: "add the numerator and denominator indicators to indicators.csv, with their observations")
            }
        }
    }

    // MARK: - Observations

    static func checkObservations(_ d: Dataset, _ s: DatasetSourceMap?, _ r: inout ResolvedDataset,
                                  _ c: inout DiagnosticCollector) {
        let o = d.observations
        let nLevels = max(1, r.levelNames.count)
        guard o.territories.count == o.count, o.indicators.count == o.count, o.periods.count == o.count,
              o.statuses.count == o.count else {
            c.error(.fieldCount, "the observation table's columns have different lengths", at: .file(DatasetFile.observations.name),
                    help: "append to every column of ObservationTable together")
            return
        }
        r.observationTerritory = o.territoryKeys.map { r.territoryByKey[$0] ?? -1 }
        r.observationIndicator = o.indicatorCodes.map { r.indicatorByCode[$0] ?? -1 }
        var spans = ColumnSpans(indicators: r.indicators.count, levels: nLevels)
        let frequency = r.indicators.map(\.frequency)
        var reportedTerritory = Set<UInt32>(), reportedIndicator = Set<UInt16>()
        // Indicators whose catalog line was refused (a bad frequency or rule) already have their
        // diagnostic there: their observations are skipped without a second one (no D119 cascade).
        let refused = Set(d.indicators.map(\.code)).subtracting(r.indicatorByCode.keys)
        for (k, code) in o.indicatorCodes.enumerated() where refused.contains(code) && k <= Int(UInt16.max) {
            reportedIndicator.insert(UInt16(k))
        }
        var valid = [Bool](repeating: true, count: o.count)
        for i in 0..<o.count {
            let tk = Int(o.territories[i]), ik = Int(o.indicators[i])
            let t = tk < r.observationTerritory.count ? r.observationTerritory[tk] : -1
            let ind = ik < r.observationIndicator.count ? r.observationIndicator[ik] : -1
            if t < 0 || ind < 0 {
                valid[i] = false
                reportUnknown(o, i, t, ind, s, r, &reportedTerritory, &reportedIndicator, &c)
                continue
            }
            let p = o.periods[i]
            if p.frequency != frequency[ind] {
                valid[i] = false
                let info = r.indicators[ind]
                c.error(.frequencyMismatch, "period `\(p)` is \(p.frequency.letter) but indicator `\(info.code)` is \(info.frequency.letter)",
                        at: locate(s, .observations, i, "period"),
                        help: "write periods of `\(info.code)` like `\(Period(year: p.year, frequency: info.frequency))`, or fix its frequency in indicators.csv")
                continue
            }
            let status = o.statuses[i], present = !o.values[i].isNaN
            if present && status.isAbsence || !present && !status.isAbsence && status != .ok {
                c.error(.statusContradiction, present ? "status `\(status)` marks an absent value, but a value is given"
                                                      : "status `\(status)` qualifies a value, but the value is empty",
                        at: locate(s, .observations, i, present ? "status" : "value"),
                        help: present ? "leave the value empty, or use a status for present values (ok, estimated, provisional, break)"
                                      : "give the value, or use an absence status (missing, secret, na)")
            }
            spans.include(spans.key(ind, r.territoryLevel[t]), p.ordinal)
        }
        r.columnSpans = spans
        checkBreakdownCodes(d, s, &r, valid, &c)
        guard checkColumnSizes(d, s, r, valid, &c) else { return }
        checkDuplicates(d, s, r, valid, &c)
    }

    /// The most cells (territories × periods) one column may hold: 256 M, 2 GiB of values.
    static let maximumColumnCells = 1 << 28

    /// Columns up to this many cells (32 MiB of values) are never refused as too sparse.
    static let sparseColumnFloor = 1 << 22
    /// Above `sparseColumnFloor`, the most cells a column may hold per observation it holds.
    static let maximumCellsPerObservation = 64

    /// Whether a column of `cells` cells holding `observations` observations is too large: over
    /// `maximumColumnCells`, or so sparse that its dense period axis is mostly empty (two
    /// observations at periods 1000 and 9999 for 26,000 communes allocated 1.9 GB).
    static func columnTooLarge(cells: Int, observations: Int) -> Bool {
        cells > maximumColumnCells
            || cells > sparseColumnFloor && cells / maximumCellsPerObservation > observations
    }

    /// Reports columns too large to allocate (a stray year 0001 beside 2024 at commune level);
    /// returns whether every column fits.
    private static func checkColumnSizes(_ d: Dataset, _ s: DatasetSourceMap?, _ r: ResolvedDataset, _ valid: [Bool],
                                         _ c: inout DiagnosticCollector) -> Bool {
        let spans = r.columnSpans
        var rows = [Int](repeating: 0, count: spans.levels)
        for l in r.territoryLevel { rows[l] += 1 }
        var held = [Int: Int]()
        let observations = d.observations
        for i in 0..<observations.count where valid[i] {
            let t = r.observationTerritory[Int(observations.territories[i])]
            held[spans.key(r.observationIndicator[Int(observations.indicators[i])], r.territoryLevel[t]), default: 0] += 1
        }
        var fits = true
        for key in spans.keys where columnTooLarge(cells: rows[key % spans.levels] * spans.width(key), observations: held[key] ?? 0) {
            fits = false
            guard let span = spans.span(key) else { continue }
            let ind = key / spans.levels, level = key % spans.levels
            let info = r.indicators[ind]
            let first = Period(frequency: info.frequency, ordinal: span.first), last = Period(frequency: info.frequency, ordinal: span.last)
            // Point at the observation holding the earliest period, the usual culprit.
            let o = d.observations
            let culprit = (0..<o.count).first { i in
                valid[i] && o.periods[i].ordinal == span.first && r.observationIndicator[Int(o.indicators[i])] == ind
                    && r.territoryLevel[r.observationTerritory[Int(o.territories[i])]] == level
            } ?? 0
            c.error(.columnTooLarge, "`\(info.code)` at level `\(r.levelNames[level])` spans \(first) to \(last): \(spans.width(key)) periods × \(rows[level]) territories is too many cells for the \(held[key] ?? 0) observations it holds (at most \(maximumColumnCells) cells, and above \(sparseColumnFloor) at most \(maximumCellsPerObservation) per observation)",
                    at: locate(s, .observations, culprit, "period"),
                    help: "check for a mistyped period (a year such as 0201 or 9999); split distant periods into separate indicators")
        }
        return fits
    }

    /// Reports the first observation of each unknown territory key and indicator code.
    private static func reportUnknown(_ o: ObservationTable, _ i: Int, _ t: Int, _ ind: Int, _ s: DatasetSourceMap?,
                                      _ r: ResolvedDataset, _ reportedTerritory: inout Set<UInt32>,
                                      _ reportedIndicator: inout Set<UInt16>, _ c: inout DiagnosticCollector) {
        let tk = o.territories[i], ik = o.indicators[i]
        if t < 0, reportedTerritory.insert(tk).inserted {
            let key = Int(tk) < o.territoryKeys.count ? o.territoryKeys[Int(tk)] : "?"
            c.error(.unknownObservationTerritory, "territory `\(key)` is not defined in territories.csv",
                    at: locate(s, .observations, i, "territory"),
                    help: key.contains(":") ? "add it to territories.csv, or fix the key" : "write the territory as `level:code`, e.g. `epci:200069193`")
        }
        if ind < 0, reportedIndicator.insert(ik).inserted {
            let code = Int(ik) < o.indicatorCodes.count ? o.indicatorCodes[Int(ik)] : "?"
            let hint = EditDistance.suggestions(for: code, among: r.indicators.map(\.code))
            c.error(.unknownObservationIndicator, "indicator `\(code)` is not in indicators.csv",
                    at: locate(s, .observations, i, "indicator"),
                    help: hint.isEmpty ? "add it to indicators.csv" : "did you mean `\(hint[0])`?")
        }
    }

    /// Reports observations that repeat a (territory, indicator, period) cell, with one bit per cell.
    private static func checkDuplicates(_ d: Dataset, _ s: DatasetSourceMap?, _ r: ResolvedDataset,
                                        _ valid: [Bool], _ c: inout DiagnosticCollector) {
        let o = d.observations
        let spans = r.columnSpans
        // Position of each territory within its level, in file order: enough to tell cells apart.
        var local = [Int](repeating: 0, count: d.territories.count)
        var perLevel = [Int](repeating: 0, count: spans.levels)
        for (i, l) in r.territoryLevel.enumerated() { local[i] = perLevel[l]; perLevel[l] += 1 }
        var seen = [[UInt64]](repeating: [], count: r.indicators.count * spans.levels)
        // Broken-down rows repeat a cell once per code: `checkBreakdownCodes` checks them.
        for i in 0..<o.count where valid[i] && o.breakdown(i) == nil {
            let t = r.observationTerritory[Int(o.territories[i])], ind = r.observationIndicator[Int(o.indicators[i])]
            let level = r.territoryLevel[t]
            let key = spans.key(ind, level)
            guard let span = spans.span(key) else { continue }
            let width = Int(span.last - span.first) + 1
            let cell = local[t] * width + Int(o.periods[i].ordinal - span.first)
            if seen[key].isEmpty { seen[key] = [UInt64](repeating: 0, count: (perLevel[level] * width + 63) / 64) }
            let bit = UInt64(1) << UInt64(cell & 63)
            if seen[key][cell >> 6] & bit == 0 {
                seen[key][cell >> 6] |= bit
                continue
            }
            let first = c.isFull ? nil : (0..<i).first { j in
                valid[j] && o.breakdown(j) == nil && o.territories[j] == o.territories[i] && o.indicators[j] == o.indicators[i] && o.periods[j] == o.periods[i]
            }
            let line = first.flatMap { locate(s, .observations, $0, "period").span?.line }
            c.error(.duplicateObservation,
                    "a second value for `\(d.territories[t].key)`, `\(r.indicators[ind].code)`, \(o.periods[i])\(line.map { " (first on line \($0))" } ?? "")",
                    at: locate(s, .observations, i, "period"),
                    help: "keep one observation per territory, indicator and period")
        }
    }
}

extension Frequency {
    /// Reads the `frequency` cell of indicators.csv, in any case: an SDMX letter (`A`, `S`, `Q`,
    /// `M`) or a word (`annual`, `semester`, `quarterly`, `monthly`; also `yearly`,
    /// `half-yearly`, `quarter`, `month`).
    init?(catalogText text: String) {
        switch text.trimmingASCIISpaces().lowercased() {
        case "annual", "yearly", "year": self = .annual
        case "semester", "half-yearly", "half-year", "semestrial": self = .semester
        case "quarterly", "quarter": self = .quarter
        case "monthly", "month": self = .monthly
        default:
            guard let f = Frequency(letter: text.trimmingASCIISpaces()) else { return nil }
            self = f
        }
    }
}
