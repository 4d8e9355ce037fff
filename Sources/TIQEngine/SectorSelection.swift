import TIQCore
import TIQLanguage
import TIQStore

/// The sectors a query keeps (`where naf in ("C", "B".."E", "10")`, issue 16): canonical NAF
/// codes at any depth; a stored code is kept when one of them is it or one of its ancestors.
struct SectorSelection: Sendable {
    /// Canonical codes (`C`, `10`, `10.7`, …).
    let items: [String]

    /// Whether the stored (canonical) code `code` is kept.
    func keeps(_ code: String) -> Bool { items.contains { NAFCode.contains($0, code) } }
}

extension Checker {
    /// Checks a `where` stage that tests `naf`: the sector selection, or nil (with the error
    /// recorded) when it is misplaced or malformed. Not called for other `where` stages.
    mutating func checkSectorSelection(_ e: Expr, afterSourceOnly: Bool) -> PlannedStage? {
        guard afterSourceOnly else {
            error(.sectorSelectionMisplaced, "`where naf …` must come right after `from`", at: e.span,
                  help: "the sector selection decides which values the indicators hold: write it as the first stage, before any other")
            return nil
        }
        guard !sectorsSelected else {
            error(.sectorSelectionMisplaced, "a query selects its sectors once: this second `where naf` would not narrow the first", at: e.span,
                  help: "list every sector in one stage: `where naf in (\"C\", \"F\")`")
            return nil
        }
        guard schema.columns.contains(where: { $0.indicator.map { snapshot[indicator: $0].breakdown != nil } ?? false }) else {
            error(.sectorSelectionMisused, "no indicator of `from` is broken down by `naf`", at: e.span,
                  help: "select sectors of an indicator whose catalog entry has `breakdown` `naf` (see `catalog`)")
            return nil
        }
        var literals: [Expr] = []
        switch e.kind {
        case .inList(_, let items): literals = items
        case .binary(.equal, let a, let b): literals = [Self.isSectorName(a) ? b : a]
        default:
            error(.sectorSelectionMisused, "`naf` selects sectors: write `where naf in (\"C\", \"B\"..\"E\")` or `where naf == \"C\"`", at: e.span,
                  help: "combine other conditions in a separate `where` stage")
            return nil
        }
        var items: [String] = []
        for item in literals {
            let codes: [Expr] = if case .list(let bounds) = item.kind { bounds } else { [item] }
            var canonical: [String] = []
            for c in codes {
                guard case .string(let text) = c.kind, let code = NAFCode.canonical(text) else {
                    error(.unknownSectorCode, "\(c.kind.literalText.map { "`\($0)`" } ?? "this") is not a NAF rév. 2 code", at: c.span,
                          help: "write a section (\"C\"), a range of sections (\"B\"..\"E\"), a division (\"10\"), a group (\"10.7\"), a class (\"10.71\") or a subclass (\"10.71C\"), as a string")
                    return nil
                }
                canonical.append(code.code)
            }
            if canonical.count == 2 {
                guard canonical.allSatisfy({ $0.count == 1 }), canonical[0] <= canonical[1] else {
                    error(.unknownSectorCode, "a range of sectors runs from one section letter to a later one", at: item.span,
                          help: "write \"B\"..\"E\" for sections B to E; list divisions one by one")
                    return nil
                }
                let lo = canonical[0].unicodeScalars.first!.value, hi = canonical[1].unicodeScalars.first!.value
                for v in lo...hi { if let code = NAFCode.canonical(String(UnicodeScalar(v)!)) { items.append(code.code) } }
            } else {
                items += canonical
            }
        }
        sectorsSelected = true
        return .sectors(SectorSelection(items: items))
    }

    /// Whether `e` is the name `naf`.
    static func isSectorName(_ e: Expr) -> Bool { if case .name(let n) = e.kind { n == NAFCode.classification } else { false } }

    /// Whether a `where` condition tests `naf` (and the snapshot has broken-down indicators).
    func testsSectors(_ e: Expr) -> Bool {
        guard snapshot.breakdowns.isEmpty == false, schema.column(NAFCode.classification) == nil else { return false }
        switch e.kind {
        case .inList(let a, _): return Self.isSectorName(a)
        case .binary(_, let a, let b): return Self.isSectorName(a) || Self.isSectorName(b)
        case .name: return Self.isSectorName(e)
        default: return false
        }
    }
}

extension Expr.Kind {
    /// The text of a literal, for messages.
    var literalText: String? {
        switch self {
        case .string(let s): "\"\(s)\""
        case .number(let v, _): "\(v)"
        case .name(let n): n
        default: nil
        }
    }
}

extension Executor {
    /// Re-reads every broken-down indicator of the frame restricted to `selection`: at the
    /// frame's level when the breakdown is stored there, else rolled up from the finest level
    /// where it is, by the same strict sum as any roll-up.
    func selectSectors(_ frame: inout Frame, _ selection: SectorSelection) throws(QueryFailure) {
        guard let level = frame.level, let axis = frame.axis else { return }
        for column in frame.columns {
            guard let id = column.indicator, snapshot[indicator: id].breakdown != nil else { continue }
            var c = column
            c.data = .series(try sectorSeries(id, level: level, axis: axis, selection).gathering(frame.rows))
            frame.set(c)
        }
    }

    /// The series of broken-down indicator `id` over `selection`, for every territory of `level`, on `axis`.
    func sectorSeries(_ id: IndicatorID, level: LevelID, axis: PeriodAxis, _ selection: SectorSelection) throws(QueryFailure) -> SeriesData {
        // The frame's own level first (its stored sector rows win), else the finest level below it.
        let from = snapshot.breakdown(id, at: level) != nil ? level : snapshot.levels.map(\.id).first { l in
            snapshot.breakdown(id, at: l) != nil && snapshot.membership(from: l, to: level) != nil
        }
        guard let from, let b = snapshot.breakdown(id, at: from) else {
            throw QueryFailure(kind: .execution, diagnostics: [.error(.noDataAtLevel, "`\(snapshot[indicator: id].code)` has no sector data at or below `\(snapshot[level: level].name)`")])
        }
        let t = b.axis.count
        let (values, statuses) = b.sum(rows: snapshot[level: from].count, keeping: selection.keeps)
        var data = SeriesData(values: values, periods: t, statuses: statuses)
        if from != level, let m = snapshot.membership(from: from, to: level) {
            let r = Rollup(snapshot: snapshot, membership: m, childRows: Array(0..<snapshot[level: from].count))
            let rolled = r.sum(Evaluator.NumberReader(vector: .series(data)), periods: t)
            let n = snapshot[level: level].count
            var v = [Double](repeating: .nan, count: n * t), s = [ObservationStatus](repeating: .missing, count: n * t)
            for (pi, p) in r.parents.enumerated() {
                for q in 0..<t { v[p * t + q] = rolled.value(pi, q); s[p * t + q] = rolled.status(pi, q) }
            }
            data = SeriesData(values: v, periods: t, statuses: s)
        }
        data.offset = Int(b.axis.start - axis.start)
        return data
    }
}
