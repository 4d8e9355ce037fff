import TIQCore
import TIQLanguage
import TIQStore

/// Checks the options of `compare` and `did` (`with ci`, `draws`, `seed`, `model`, `ref`,
/// `matched on`): E320 for an option that does not apply or a value out of range.
extension Checker {
    /// The level, draws and seed, validated; nil after an error.
    mutating func resamplingSettings(_ o: InferenceClause, at span: SourceSpan) -> ResamplingSettings? {
        let level = o.level ?? Resampling.defaultLevel
        guard level > 0, level < 100 else {
            error(.inferenceOption, "the interval level must lie strictly between 0 and 100, got \(Resampling.levelText(level))",
                  at: o.span ?? span, help: "write `with ci 95`")
            return nil
        }
        let draws = o.draws ?? Resampling.defaultDraws
        guard draws >= 1, draws <= 1_000_000 else {
            error(.inferenceOption, "`draws` must be between 1 and 1,000,000, got \(draws)", at: o.span ?? span, help: "write `draws 2000`")
            return nil
        }
        let seed = o.seed.map { UInt64($0) } ?? Resampling.defaultSeed
        return ResamplingSettings(draws: draws, seed: seed, level: level)
    }

    /// E320 for an option word that does not belong to `stage`.
    mutating func rejectOption(_ present: Bool, _ word: String, stage: String, at span: SourceSpan, help: String) -> Bool {
        guard present else { return false }
        error(.inferenceOption, "`\(word)` does not apply to `\(stage)`", at: span, help: help)
        return true
    }

    /// `compare f on e` with options.
    mutating func checkCompareInference(flag f: (String, TypedExpr), value v: TypedExpr, on: Expr, options o: InferenceClause,
                                        rowSchema: Schema) -> PlannedStage? {
        let at = o.span ?? on.span
        if rejectOption(o.model != nil || o.reference != nil, o.model != nil ? "model" : "ref", stage: "compare", at: at,
                        help: "`model twfe|event` and `ref` are options of `did`") { return nil }
        guard let settings = resamplingSettings(o, at: at) else { return nil }
        if let key = o.strata {
            if rejectOption(o.matching != nil, "matched on", stage: "compare … stratified by", at: at,
                            help: "match within strata with `exact \(key.name)`") { return nil }
            let groupSchema = schema
            schema = rowSchema
            defer { schema.level = nil; if schema.columns.first?.name != key.name { schema.columns = groupSchema.columns } }
            return checkStratified(flag: f, value: v, key: key, resampling: o.wantsResampling ? settings : nil)
        }
        if let m = o.matching {
            let groupSchema = schema
            schema = rowSchema
            defer { schema.level = nil; if schema.columns.first?.name != "term" { schema.columns = groupSchema.columns } }
            return checkMatching(flag: f, value: v, clause: m, level: settings.level, at: at)
        }
        guard v.type.shape == .scalar else {
            error(.inferenceOption, "an interval needs one number per group, got \(v.type)", at: on.span,
                  help: "reduce the series, e.g. `growth(sum(x), 2018, 2022)`")
            return nil
        }
        schema.columns += [SchemaColumn(name: "lo", type: .number(v.type.unit.difference)), SchemaColumn(name: "hi", type: .number(v.type.unit.difference)),
                           SchemaColumn(name: "p", type: .number(.none))]
        return .inference(.compare(flag: f, value: v, resampling: settings))
    }

    /// `stratified by k`: `k` is a row-level text or true/false value (an attribute, or a
    /// category derived with `cut`/`case`).
    private mutating func checkStratified(flag f: (String, TypedExpr), value v: TypedExpr, key: Identifier,
                                          resampling: ResamplingSettings?) -> PlannedStage? {
        guard v.type.shape == .scalar else {
            error(.inferenceOption, "a stratified comparison needs one number per group, got \(v.type)", at: key.span,
                  help: "reduce the series, e.g. `growth(sum(x), 2018, 2022)`")
            return nil
        }
        stageContext = .row
        guard let k = checkExpr(Expr(.name(key.name), span: key.span)) else { return nil }
        guard k.type.shape == .scalar, k.type.kind == .text || k.type.kind == .bool else {
            error(.inferenceOption, "strata need one category per territory (a text or true/false value), `\(key.name)` is \(k.type)", at: key.span,
                  help: "stratify by an attribute such as `region`, or derive classes first: `| derive size = cut(x@2018, [100, 1000])`")
            return nil
        }
        let diff = v.type.unit.difference
        schema.columns = [SchemaColumn(name: key.name, type: .text), SchemaColumn(name: "treated", type: v.type),
                          SchemaColumn(name: "control", type: v.type), SchemaColumn(name: "diff", type: .number(diff)),
                          SchemaColumn(name: "n_treated", type: .number(.count)), SchemaColumn(name: "n_control", type: .number(.count)),
                          SchemaColumn(name: "weight", type: .number(.percent))]
        if resampling != nil {
            schema.columns += [SchemaColumn(name: "lo", type: .number(diff)), SchemaColumn(name: "hi", type: .number(diff)),
                               SchemaColumn(name: "p", type: .number(.none))]
        }
        return .inference(.stratified(StratifiedSpec(flag: f, value: v, key: (key.name, k), resampling: resampling)))
    }

    /// Nearest-neighbour matching: covariates are row-level numbers, exact keys row-level values.
    private mutating func checkMatching(flag f: (String, TypedExpr), value v: TypedExpr, clause m: MatchingClause,
                                        level: Double, at: SourceSpan) -> PlannedStage? {
        guard v.type.shape == .scalar else {
            error(.inferenceOption, "matching needs one outcome per territory, got \(v.type)", at: at, help: "reduce the series, e.g. `growth(x, 2018, 2022)`")
            return nil
        }
        stageContext = .row
        var covariates: [(String, TypedExpr)] = [], exact: [(String, TypedExpr)] = []
        for c in m.covariates {
            guard let t = checkExpr(c) else { continue }
            guard t.type.kind == .number, t.type.shape == .scalar else {
                error(.inferenceOption, "a matching covariate needs one number per territory, got \(t.type)", at: c.span,
                      help: "pick a pre-period value, e.g. `emploi_ind@2018` or `growth(emploi_ind, 2015, 2018)`")
                continue
            }
            covariates.append((ASTPrinter.expr(c), t))
        }
        for e in m.exact {
            guard let t = checkExpr(Expr(.name(e.name), span: e.span)) else { continue }
            guard t.type.shape == .scalar else {
                error(.inferenceOption, "exact matching needs one value per territory, `\(e.name)` is a series", at: e.span, help: "match on an attribute such as `region`")
                continue
            }
            exact.append((e.name, t))
        }
        let k = m.neighbours ?? 1
        if k < 1 { error(.inferenceOption, "`k` must be at least 1", at: at, help: "write `k 1`") }
        if let c = m.caliper, !(c > 0) { error(.inferenceOption, "the caliper must be positive", at: at, help: "write `caliper 0.5` (standard deviations)") }
        guard covariates.count == m.covariates.count, exact.count == m.exact.count, k >= 1, (m.caliper ?? 1) > 0 else { return nil }
        schema.columns = [SchemaColumn(name: "term", type: .text), SchemaColumn(name: "estimate", type: .number(v.type.unit.difference)),
                          SchemaColumn(name: "se", type: .number(v.type.unit.difference)), SchemaColumn(name: "stat", type: .number(.none)),
                          SchemaColumn(name: "p", type: .number(.none)),
                          SchemaColumn(name: "lo", type: .number(v.type.unit.difference)), SchemaColumn(name: "hi", type: .number(v.type.unit.difference)),
                          SchemaColumn(name: "smd_before", type: .number(.none)), SchemaColumn(name: "smd_after", type: .number(.none)),
                          SchemaColumn(name: "n", type: .number(.count))]
        return .inference(.matched(MatchingSpec(flag: f, outcome: v, covariates: covariates, exact: exact, neighbours: k,
                                                caliper: m.caliper, level: level)))
    }

    /// W421 when the two windows of `did` cover different numbers of periods.
    mutating func warnUnequalWindows(pre: PeriodRange, post: PeriodRange, at span: SourceSpan) {
        let a = pre.last.ordinal - pre.lower.period.ordinal, b = post.last.ordinal - post.lower.period.ordinal
        guard a != b else { return }
        diagnostics.append(.warning(.unequalWindows, "the windows differ in length: pre \(pre.lower.period)..\(pre.last) spans \(a + 1) periods, post \(post.lower.period)..\(post.last) spans \(b + 1)",
                                    at: span, help: "growth over windows of different lengths is not comparable; use equal windows or an annualised rate (`cagr`)"))
    }

    /// `did f pre … post … on e` with options; `descriptive` is the plain stage when no model is asked.
    mutating func checkDidInference(flag f: (String, TypedExpr), pre: PeriodRange, post: PeriodRange, on: Expr,
                                    options o: InferenceClause, descriptive: (TypedExpr, TypedExpr)?) -> PlannedStage? {
        let at = o.span ?? on.span
        if rejectOption(o.matching != nil, "matched on", stage: "did", at: at, help: "matching is an option of `compare`") { return nil }
        guard let settings = resamplingSettings(o, at: at) else { return nil }
        let preW = (pre.lower.period, pre.last), postW = (post.lower.period, post.last)
        guard let model = o.model else {
            if rejectOption(o.reference != nil, "ref", stage: "did without `model event`", at: at, help: "add `model event`") { return nil }
            guard let (vPre, vPost) = descriptive else { return nil }
            schema.columns += [SchemaColumn(name: "lo", type: .number(vPre.type.unit.difference)), SchemaColumn(name: "hi", type: .number(vPre.type.unit.difference)),
                               SchemaColumn(name: "p", type: .number(.none))]
            return .inference(.did(flag: f, pre: preW, post: postW, preValue: vPre, postValue: vPost, resampling: settings))
        }
        if o.draws != nil || o.seed != nil {
            error(.inferenceOption, "`draws` and `seed` do not apply to `model \(model.name)`: its standard errors are clustered, not resampled",
                  at: at, help: "drop `draws`/`seed`; `with ci` sets the interval level")
            return nil
        }
        guard let axis = schema.axis else {
            error(.seriesRequired, "`model \(model.name)` needs series: this frame has none", at: at, help: "start from indicators: `from <indicator> at <level>`")
            return nil
        }
        guard preW.1 < postW.0 else {
            error(.inferenceOption, "the windows of `model \(model.name)` must not overlap: pre ends \(preW.1), post starts \(postW.0)", at: post.span,
                  help: "a period is either before or after treatment: write `post \(preW.1.advanced(by: 1))..\(postW.1)`")
            return nil
        }
        stageContext = .row
        guard let y = checkExpr(on) else { return nil }
        guard y.type.kind == .number, y.type.shape == .series else {
            error(.inferenceOption, "`model \(model.name)` needs the outcome per territory and period, a number series; got \(y.type)", at: on.span,
                  help: "write the outcome itself, e.g. `on emploi_ind` or `on log(emploi_ind)`, not a reduction such as `growth(sum(…))`")
            return nil
        }
        let visible = Set(schema.window ?? Array(0..<axis.count))
        let periods = (0..<axis.count).filter { visible.contains($0) }.map { axis[$0] }
            .filter { ($0 >= preW.0 && $0 <= preW.1) || ($0 >= postW.0 && $0 <= postW.1) }
        let nPre = periods.filter { $0 <= preW.1 }.count, nPost = periods.count - nPre
        guard nPre >= 1, nPost >= 1 else {
            error(.inferenceOption, "the panel needs at least one period before and one after treatment in the data", at: at,
                  help: "choose windows within \(axis.first!)..\(axis.last!)")
            return nil
        }
        if model.name == "staggered" {
            if o.reference != nil { error(.inferenceOption, "`ref` applies to `model event`", at: o.reference!.span, help: "drop `ref`"); return nil }
            return checkStaggered(flag: f, flagExpr: f.0, outcome: y, on: on, periods: periods, firstPost: periods[nPre], at: at)
        }
        var reference: Period?
        if model.name == "event" {
            reference = o.reference?.period ?? periods.last { $0 <= preW.1 }
            guard let r = reference, periods.contains(r) else {
                error(.inferenceOption, "the reference period \(reference.map(\.description) ?? "") is not a period of the panel", at: o.reference?.span ?? at,
                      help: "choose one of " + periods.map(\.description).joined(separator: ", "))
                return nil
            }
        } else if o.reference != nil {
            error(.inferenceOption, "`ref` applies to `model event`", at: o.reference!.span, help: "write `model event ref …`")
            return nil
        }
        schema.level = nil
        schema.columns = [SchemaColumn(name: "term", type: .text), SchemaColumn(name: "estimate", type: .number(y.type.unit.difference)),
                          SchemaColumn(name: "se", type: .number(y.type.unit.difference)), SchemaColumn(name: "stat", type: .number(.none)),
                          SchemaColumn(name: "p", type: .number(.none)),
                          SchemaColumn(name: "lo", type: .number(y.type.unit.difference)), SchemaColumn(name: "hi", type: .number(y.type.unit.difference)),
                          SchemaColumn(name: "clusters", type: .number(.count)), SchemaColumn(name: "n", type: .number(.count))]
        return .inference(.panel(PanelSpec(flag: f, outcome: y, outcomeText: ASTPrinter.expr(on), periods: periods,
                                           firstTreated: periods.first { $0 > preW.1 }!, reference: reference, level: settings.level)))
    }
}
