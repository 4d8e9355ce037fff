import TIQCore
import TIQStore

/// `compare f on e stratified by k`: the gap T_s − C_s within each stratum s (a value of `k`),
/// combined with the weights of the treated: Σ_s w_s (T_s − C_s), w_s = n_T,s / Σ n_T,s over the
/// strata that have both treated and control territories and a defined gap. The other strata
/// are reported (their row, a W422 warning) and excluded from the weights.
struct StratifiedComparison {
    let comparison: Comparison
    var evaluator: Evaluator { comparison.evaluator }

    func run(_ frame: Frame, _ s: StratifiedSpec) throws(QueryFailure) -> Frame {
        let flag = s.flag.0
        let (kept, labels, totals, dropped, noFlag) = try comparison.groups(frame, flag: s.flag, values: [s.value], periods: s.value.explicitPeriods)
        let keys: [String?]
        switch try evaluator.eval(s.key.1, kept) {
        case .texts(let t): keys = t
        case .bools(let b): keys = b.map { $0 == 2 ? nil : ($0 == 1 ? "true" : "false") }
        default: keys = [String?](repeating: nil, count: kept.count)
        }
        let strata = Array(Set(keys.compactMap { $0 })).sorted()
        let index = Dictionary(uniqueKeysWithValues: strata.enumerated().map { ($1, $0) })
        var rows: [Int] = [], groupOf: [Int] = [], noKey = [0, 0]
        var n = [[Int]](repeating: [0, 0], count: strata.count)
        for i in 0..<kept.count {
            guard let k = keys[i], let si = index[k] else { noKey[labels[i]] += 1; continue }
            rows.append(i)
            groupOf.append(2 * si + labels[i])
            n[si][labels[i]] += 1
        }
        var inStrata = kept
        inStrata.select(rows)
        let ctx = GroupContext(rowFrame: inStrata, groupOf: groupOf, groupCount: 2 * strata.count)
        let groupFrame = Frame(level: nil, rows: Array(0..<(2 * strata.count)), axis: kept.axis, window: kept.window)
        let v = Evaluator.NumberReader(vector: try evaluator.eval(s.value, groupFrame, group: ctx))

        var label: [String?] = [], treated: [Double] = [], control: [Double] = [], diff: [Double] = []
        var nT: [Double] = [], nC: [Double] = [], weight: [Double] = [], diffStatus: [ObservationStatus] = []
        var excluded: [String] = []
        var used: [Int] = []
        for (si, name) in strata.enumerated() {
            let t = v.get(2 * si, 0).0, c = v.get(2 * si + 1, 0).0
            label.append(name); treated.append(t); control.append(c)
            nT.append(Double(n[si][0])); nC.append(Double(n[si][1]))
            if n[si][0] == 0 || n[si][1] == 0 || !(t - c).isFinite {
                excluded.append("\(name) (" + (n[si][0] == 0 ? "no \(flag)=true" : n[si][1] == 0 ? "no \(flag)=false" : "no gap") + ")")
                diff.append(.nan); diffStatus.append(n[si][0] == 0 || n[si][1] == 0 ? .notApplicable : .undefined)
            } else {
                used.append(si)
                diff.append(t - c); diffStatus.append(.ok)
            }
        }
        let treatedTotal = used.reduce(0) { $0 + n[$1][0] }
        weight = strata.indices.map { used.contains($0) ? Double(n[$0][0]) / Double(treatedTotal) : 0 }
        // The combined row: the treated's own mean of stratum values, the controls reweighted to
        // the treated's strata, and the weighted gap (summed in stratum order).
        var combined = (t: 0.0, c: 0.0, d: 0.0)
        for si in used { combined.t += weight[si] * treated[si]; combined.c += weight[si] * control[si]; combined.d += weight[si] * diff[si] }
        let defined = !used.isEmpty
        label.append("combined")
        treated.append(defined ? combined.t : .nan); control.append(defined ? combined.c : .nan); diff.append(defined ? combined.d : .nan)
        diffStatus.append(defined ? .ok : .undefined)
        nT.append(Double(treatedTotal)); nC.append(Double(used.reduce(0) { $0 + n[$1][1] })); weight.append(defined ? 1 : .nan)

        var out = Frame(level: nil, rows: Array(0..<label.count), axis: nil)
        out.warnings = frame.warnings
        out.columns = [
            FrameColumn(name: s.key.0, type: .text, data: .texts(label)),
            FrameColumn(name: "treated", type: s.value.type, data: .numbers(treated, treated.map { $0.isNaN ? .undefined : .ok })),
            FrameColumn(name: "control", type: s.value.type, data: .numbers(control, control.map { $0.isNaN ? .undefined : .ok })),
            FrameColumn(name: "diff", type: .number(s.value.type.unit.difference), data: .numbers(diff, diffStatus)),
            FrameColumn(name: "n_treated", type: .number(.count), data: .numbers(nT, nil)),
            FrameColumn(name: "n_control", type: .number(.count), data: .numbers(nC, nil)),
            FrameColumn(name: "weight", type: .number(.percent), data: .numbers(weight, weight.map { $0.isNaN ? .undefined : .ok })),
        ]
        if let settings = s.resampling {
            var members: [Members] = used.map { _ in Members(rows: [], labels: []) }
            let slot = Dictionary(uniqueKeysWithValues: used.enumerated().map { ($1, $0) })
            for (k, i) in rows.enumerated() {
                guard let m = slot[groupOf[k] / 2] else { continue }
                members[m].rows.append(i)
                members[m].labels.append(groupOf[k] % 2)
            }
            try addResampling(&out, flag: flag, key: s.key.0, kept: kept, strata: members, weights: used.map { weight[$0] },
                              value: s.value, settings: settings)
        }
        if let w = comparison.dropWarning(frame, flag: flag, dropped: dropped, periods: s.value.explicitPeriods, values: [s.value]) { out.warnings.append(w) }
        if noKey[0] + noKey[1] > 0 {
            out.warnings.append(.warning(.missingValuesDropped, "\(noKey[0] + noKey[1]) \(comparison.executor.rowNoun(frame, noKey[0] + noKey[1])) dropped: `\(s.key.0)` is absent for them, so they are in no stratum (\(flag)=true: \(noKey[0]), \(flag)=false: \(noKey[1]))",
                                         help: "state it explicitly with `| where \(s.key.0) != \"\"` or give them a class"))
        }
        if !excluded.isEmpty {
            out.warnings.append(.warning(.inferenceUndefined, "\(excluded.count) of \(strata.count) strata excluded from the combined gap: " + excluded.joined(separator: ", "),
                                         help: "a stratum needs territories of both groups; coarser strata keep more of them"))
        }
        out.warnings.append(Diagnostic(.inferenceNote, message:
            "stratified comparison by \(s.key.0): `diff` per stratum is \(flag)=true minus \(flag)=false; `combined` is Σ w·diff with w = n_treated / \(treatedTotal) over the \(used.count) strata with both groups (`treated`: Σ w·treated, `control`: the controls reweighted to the treated's strata: Σ w·control)"))
        out.warnings.append(Diagnostic(.inferenceNote, message:
            "it removes differences between the strata (the treated are compared with controls of their own \(s.key.0)); it does not remove differences within a stratum and does not prove that \(flag) caused the gap"))
        out.coverage = comparison.coverage(frame, kept: rows.count, totals: totals, noFlag: noFlag)
        if let w = comparison.noFlagWarning(frame, flag: flag, noFlag: noFlag) { out.warnings.append(w) }
        return out
    }
}
