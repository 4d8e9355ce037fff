import TIQCore
import TIQStore

/// `compare` and `did`: descriptive comparisons of two groups of territories.
///
/// Rows lacking a value the comparison needs are dropped, and the drop is always reported
/// (W404) with counts per group, so that the two groups are compared on complete data.
struct Comparison {
    let executor: Executor
    var evaluator: Evaluator { executor.evaluator }

    /// Splits rows by a flag and drops those lacking values needed by `values` at `periods`.
    func groups(_ frame: Frame, flag: (String, TypedExpr), values: [TypedExpr], periods: [Period])
        throws(QueryFailure) -> (kept: Frame, groupOf: [Int], totals: [Int], dropped: [Int], noFlag: Int) {
        guard case .bools(let flags) = try evaluator.eval(flag.1, frame) else {
            throw QueryFailure(kind: .type, diagnostics: [.error(.wrongKind, "the groups need a true/false flag", at: flag.1.span)])
        }
        let args = values.flatMap(\.aggregateArguments)
        var readers: [Evaluator.NumberReader] = []
        for a in args where a.type.kind == .number { readers.append(Evaluator.NumberReader(vector: try evaluator.eval(a, frame))) }
        let positions: [Int]
        if periods.isEmpty { positions = frame.visible } else {
            positions = Array(Set(periods.compactMap { frame.axis?.index(of: $0) })).sorted()
        }
        var keep: [Int] = [], groupOf: [Int] = []
        var totals = [0, 0], dropped = [0, 0], noFlag = 0
        for i in 0..<frame.count {
            guard flags[i] != 2 else { noFlag += 1; continue }
            let g = flags[i] == 1 ? 0 : 1
            totals[g] += 1
            let complete = readers.allSatisfy { r in
                r.isSeries ? positions.allSatisfy { !r.get(i, $0).0.isNaN } : !r.get(i, 0).0.isNaN
            }
            if complete { keep.append(i); groupOf.append(g) } else { dropped[g] += 1 }
        }
        var kept = frame
        kept.select(keep)
        return (kept, groupOf, totals, dropped, noFlag)
    }

    func dropWarning(_ frame: Frame, flag: String, dropped: [Int], periods: [Period], values: [TypedExpr]) -> Diagnostic? {
        let total = dropped[0] + dropped[1]
        guard total > 0 else { return nil }
        let names = Set(values.flatMap(\.aggregateArguments).compactMap { e -> String? in
            if case .column(let c) = e.kind { return c } else { return nil }
        }).sorted()
        let sorted = Array(Set(periods)).sorted()
        let contiguous = sorted.count > 2 && sorted.last!.ordinal - sorted.first!.ordinal == Int32(sorted.count - 1)
        let range = contiguous ? "\(sorted.first!)..\(sorted.last!)" : sorted.map(\.description).joined(separator: ", ")
        return .warning(.missingValuesDropped, "\(total) \(executor.rowNoun(frame, total)) dropped for missing values (\(flag)=true: \(dropped[0]), \(flag)=false: \(dropped[1]))",
                        help: names.isEmpty ? nil : "state it explicitly with `| where " + names.map { "complete(\($0), \(range))" }.joined(separator: " and ") + "`")
    }

    func compare(_ frame: Frame, flag: (String, TypedExpr), value: TypedExpr) throws(QueryFailure) -> Frame {
        let periods = value.explicitPeriods
        let (kept, groupOf, totals, dropped, noFlag) = try groups(frame, flag: flag, values: [value], periods: periods)
        let ctx = GroupContext(rowFrame: kept, groupOf: groupOf, groupCount: 2)
        var groupFrame = Frame(level: nil, rows: [0, 1], axis: frame.axis, window: frame.window)
        let v = try evaluator.eval(value, groupFrame, group: ctx)
        let diff = try evaluator.binary(.subtract, v.gathering([0]), v.gathering([1]), Frame(level: nil, rows: [0], axis: frame.axis, window: frame.window))
        var out = Frame(level: nil, rows: [0, 1, 2], axis: frame.axis, window: frame.window)
        out.warnings = frame.warnings
        out.columns = [
            FrameColumn(name: flag.0, type: .text, data: .texts(["true", "false", "diff"])),
            FrameColumn(name: "value", type: value.type, data: concat(v, diff, periods: frame.periods)),
            // The diff row has no count or coverage of its own: not applicable, not missing.
            FrameColumn(name: "n", type: .number(.count), data: .numbers([Double(totals[0] - dropped[0]), Double(totals[1] - dropped[1]), .nan],
                                                                         [.ok, .ok, .notApplicable])),
            FrameColumn(name: "coverage", type: .number(.percent), data: .numbers([
                totals[0] == 0 ? .nan : Double(totals[0] - dropped[0]) / Double(totals[0]),
                totals[1] == 0 ? .nan : Double(totals[1] - dropped[1]) / Double(totals[1]), .nan],
                [totals[0] == 0 ? .undefined : .ok, totals[1] == 0 ? .undefined : .ok, .notApplicable])),
        ]
        out.diffUnit = value.type.unit.difference
        if let w = dropWarning(frame, flag: flag.0, dropped: dropped, periods: periods, values: [value]) { out.warnings.append(w) }
        let c0 = totals[0] == 0 ? 1 : Double(totals[0] - dropped[0]) / Double(totals[0])
        let c1 = totals[1] == 0 ? 1 : Double(totals[1] - dropped[1]) / Double(totals[1])
        if abs(c0 - c1) > 0.05 {
            out.warnings.append(.warning(.coverageDiffers, "coverage differs between the groups (\(Int((c0 * 100).rounded())) % vs \(Int((c1 * 100).rounded())) %)",
                                         help: "the comparison may reflect which territories report, not how they fare"))
        }
        out.warnings.append(Diagnostic(.descriptiveComparison, message: "descriptive comparison: `diff` is \(flag.0)=true minus \(flag.0)=false; no causal claim"))
        out.coverage = coverage(frame, kept: kept.count, totals: totals, noFlag: noFlag)
        if let w = noFlagWarning(frame, flag: flag.0, noFlag: noFlag) { out.warnings.append(w) }
        groupFrame.columns = []
        return out
    }

    func did(_ frame: Frame, flag: (String, TypedExpr), pre: (Period, Period), post: (Period, Period),
             preValue: TypedExpr, postValue: TypedExpr) throws(QueryFailure) -> Frame {
        let periods = preValue.explicitPeriods + postValue.explicitPeriods
        let (kept, groupOf, totals, dropped, noFlag) = try groups(frame, flag: flag, values: [preValue, postValue], periods: Array(Set(periods)).sorted())
        let ctx = GroupContext(rowFrame: kept, groupOf: groupOf, groupCount: 2)
        let groupFrame = Frame(level: nil, rows: [0, 1], axis: frame.axis, window: frame.window)
        let a = try evaluator.eval(preValue, groupFrame, group: ctx), b = try evaluator.eval(postValue, groupFrame, group: ctx)
        guard case .numbers = a, case .numbers = b else {
            throw QueryFailure(kind: .type, diagnostics: [.error(.wrongKind, "`did … on` needs one number per group", at: preValue.span)])
        }
        // Every cell is computed by the evaluator's arithmetic, so the groups' qualifiers
        // (`partial`, `imputed`, …) reach the `diff` row and `change` as in any subtraction.
        let one = Frame(level: nil, rows: [0], axis: nil), three = Frame(level: nil, rows: [0, 1, 2], axis: nil)
        let preCol = concat(a, try evaluator.binary(.subtract, a.gathering([0]), a.gathering([1]), one), periods: 1)
        let postCol = concat(b, try evaluator.binary(.subtract, b.gathering([0]), b.gathering([1]), one), periods: 1)
        var out = Frame(level: nil, rows: [0, 1, 2], axis: nil)
        out.warnings = frame.warnings
        out.columns = [
            FrameColumn(name: flag.0, type: .text, data: .texts(["true", "false", "diff"])),
            FrameColumn(name: "pre", type: preValue.type, data: preCol),
            FrameColumn(name: "post", type: preValue.type, data: postCol),
            FrameColumn(name: "change", type: .number(preValue.type.unit.difference), data: try evaluator.binary(.subtract, postCol, preCol, three)),
        ]
        out.diffUnit = preValue.type.unit.difference
        if let w = dropWarning(frame, flag: flag.0, dropped: dropped, periods: periods, values: [preValue, postValue]) { out.warnings.append(w) }
        out.warnings.append(Diagnostic(.descriptiveComparison,
            message: "descriptive difference in differences: the estimate is the `change` of the `diff` row, (T_post − C_post) − (T_pre − C_pre); parallel-trend assumption not tested, no standard errors"))
        out.coverage = coverage(frame, kept: kept.count, totals: totals, noFlag: noFlag)
        if let w = noFlagWarning(frame, flag: flag.0, noFlag: noFlag) { out.warnings.append(w) }
        return out
    }

    /// Rows kept / rows considered: those of both groups, those whose flag is absent, and
    /// those an earlier stage dropped for missing values (`where complete(…)`).
    func coverage(_ frame: Frame, kept: Int, totals: [Int], noFlag: Int) -> Coverage {
        let earlier = frame.coverage.map { $0.rowsTotal - $0.rowsComplete } ?? 0
        return Coverage(rowsComplete: kept, rowsTotal: totals[0] + totals[1] + noFlag + earlier)
    }

    /// W404 for rows left out of both groups because their flag is absent.
    func noFlagWarning(_ frame: Frame, flag: String, noFlag: Int) -> Diagnostic? {
        guard noFlag > 0 else { return nil }
        return .warning(.missingValuesDropped, "\(noFlag) \(executor.rowNoun(frame, noFlag)) dropped: `\(flag)` is absent for them, so they are in neither group",
                        help: "state it explicitly with `| where \(flag) == true or \(flag) == false`")
    }

    /// Stacks two group-level vectors of one kind into one.
    func concat(_ a: Vector, _ b: Vector, periods t: Int) -> Vector {
        let ra = Evaluator.NumberReader(vector: a), rb = Evaluator.NumberReader(vector: b)
        if ra.isSeries || rb.isSeries {
            var values: [Double] = [], st: [ObservationStatus] = []
            for (r, rows) in [(ra, 2), (rb, 1)] {
                for i in 0..<rows { for p in 0..<t { let (x, s) = r.get(i, p); values.append(x); st.append(s) } }
            }
            return .series(SeriesData(values: values, periods: t, statuses: st))
        }
        var values: [Double] = [], st: [ObservationStatus] = []
        for (r, rows) in [(ra, 2), (rb, 1)] { for i in 0..<rows { let (x, s) = r.get(i, 0); values.append(x); st.append(s) } }
        return .numbers(values, st)
    }
}
