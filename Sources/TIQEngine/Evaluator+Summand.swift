import TIQCore

extension Evaluator {
    /// One row of a sum-like aggregate (`sum`, `count`, `ratio`) at one position: its values
    /// when every argument is present, else why it is absent. The rule of every kernel that
    /// sums (the evaluator's aggregate and the resampling kernel `FlatGroupStatistic`): a row
    /// counts when every argument is present; an absence blocks a strict sum unless it is
    /// `notApplicable`.
    struct Summand {
        /// The first argument, and the second (0 when there is none); meaningful when `present`.
        var a: Double, b: Double
        /// Whether every argument is present.
        var present: Bool
        /// `.ok` when present; else the absence, combined over the arguments.
        var absence: ObservationStatus
        /// Whether the absence makes a strict sum absent (`notApplicable` contributes nothing).
        var blocks: Bool { !present && absence != .notApplicable }
    }
}

extension Evaluator.NumberReader {
    /// Reads row `i` at position `t` of this argument and, when given, of `second`, as one
    /// `Summand`. Values first; a status is looked up only for an absent cell.
    @inline(__always) func summand(_ i: Int, _ t: Int, with second: Evaluator.NumberReader?) -> Evaluator.Summand {
        let a = value(i, t)
        var ok = a == a
        var why: ObservationStatus = ok ? .ok : get(i, t).1
        var b = 0.0
        if let second {
            b = second.value(i, t)
            if b != b {
                let sb = second.get(i, t).1
                why = ok ? sb : ObservationStatus.combineAbsence(why, sb)
                ok = false
            }
        }
        return Evaluator.Summand(a: a, b: b, present: ok, absence: why)
    }
}
