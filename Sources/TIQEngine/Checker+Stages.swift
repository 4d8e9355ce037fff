import TIQCore
import TIQLanguage
import TIQStore

extension Checker {
    /// Checks one stage against the current schema and updates the schema.
    mutating func checkStage(_ stage: Stage) -> PlannedStage? {
        switch stage.kind {
        case .where(let e) where testsSectors(e):
            return checkSectorSelection(e, afterSourceOnly: onlySectorStagesSoFar)
        case .where(let e):
            stageContext = .row
            guard let t = checkExpr(e) else { return nil }
            guard t.type.kind == .bool else {
                error(.wrongKind, "`where` needs a true/false condition, got \(t.type)", at: e.span,
                      help: "compare it: `… > 0`, `… == \"…\"`")
                return nil
            }
            guard t.type.shape == .scalar else {
                error(.oneValuePerRowRequired, "`where` needs one true/false per territory, got a series", at: e.span,
                      label: "one value per period",
                      help: "pick a period with `@` (e.g. `x@2022 > 500`), or require all periods: `all(x > 500, 2018..2022)`")
                return nil
            }
            return .filter(t)

        case .period(let ranges):
            guard let axis = schema.axis else {
                error(.seriesRequired, "`period` needs series: this frame has none", at: stage.keywordSpan,
                      help: "start from indicators: `from <indicator> at <level>`")
                return nil
            }
            var positions = Set<Int>()
            for r in ranges {
                let lo = r.lower.period, hi = r.last
                guard lo.frequency == axis.frequency, hi.frequency == axis.frequency else {
                    error(.mixedFrequencies, "period \(lo) is not \(name(axis.frequency)) like the data", at: r.span,
                          help: "write periods like \(axis.first.map { "\($0)" } ?? "2022")")
                    continue
                }
                guard lo <= hi else {
                    error(.malformedLiteral, "the range \(lo)..\(hi) runs backwards", at: r.span, help: "write \(hi)..\(lo)")
                    continue
                }
                for i in 0..<axis.count where axis[i] >= lo && axis[i] <= hi { positions.insert(i) }
            }
            let window = positions.sorted().filter { schema.window?.contains($0) ?? true }
            if window.isEmpty {
                var d = Diagnostic.warning(.emptyPeriodWindow, "the period window is empty: the data runs \(axis.first!)..\(axis.last!)",
                                           at: stage.span, help: "choose periods within \(axis.first!)..\(axis.last!)")
                d.label = "no data in these periods"
                diagnostics.append(d)
            }
            schema.window = window
            return .window(window)

        case .derive(let bindings):
            var out: [(String, TypedExpr)] = []
            for b in bindings {
                stageContext = .derive
                guard let name = b.name, let t = checkExpr(b.value) else { continue }
                out.append((name.name, t))
                define(name.name, type: t.type)
            }
            return .derive(out)

        case .agg(let bindings, let by):
            var keys: [(String, TypedExpr)] = []
            for k in by {
                guard let t = checkExpr(Expr(.name(k.name), span: k.span)) else { continue }
                guard t.type.shape == .scalar else {
                    error(.wrongKind, "cannot group by `\(k.name)`, a series", at: k.span, help: "group by an attribute or a scalar column")
                    continue
                }
                keys.append((k.name, t))
            }
            keys = keys.map { ($0.0, withAttributeCategories($0.1)) }
            let keyCodes = territoryCodeKeys(keys, taken: Set(bindings.compactMap { $0.name?.name }))
            keys = keys.flatMap { k in [k] + (keyCodes[k.0].map { [$0] } ?? []) }
            stageContext = .group(keys: Set(keys.map(\.0)), implied: nil)
            var out: [(String, TypedExpr)] = []
            for b in bindings {
                guard let name = b.name, let t = checkExpr(b.value) else { continue }
                out.append((name.name, t))
            }
            out += companionCounts(out)
            stageContext = .row
            schema.level = nil
            schema.columns = keys.map { SchemaColumn(name: $0.0, type: $0.1.type) } + out.map { SchemaColumn(name: $0.0, type: $0.1.type) }
            schema.groupKeys = keys.map(\.0)
            schema.keyCodes = keyCodes.mapValues(\.0)
            return .aggregate(out, keys: keys)

        case .rollup(let target, let rules):
            guard let from = schema.level else {
                error(.territoriesRequired, "`rollup` needs territories, but rows are groups here", at: stage.keywordSpan,
                      help: "roll up before `agg`, `compare` or `did`")
                return nil
            }
            guard let to = resolveLevel(target, default: nil, span: target.span) else { return nil }
            guard let membership = snapshot.membership(from: from, to: to) else {
                let coarser = snapshot.levels.filter { snapshot.membership(from: from, to: $0.id) != nil }.map(\.name)
                error(.impossibleRollup, "cannot roll up from `\(snapshot[level: from].name)` to `\(target.name)`", at: target.span,
                      label: "not a coarser level",
                      help: coarser.isEmpty ? nil : "roll up to one of " + coarser.map { "`\($0)`" }.joined(separator: ", "))
                return nil
            }
            if membership.children.isEmpty {
                error(.impossibleRollup, "no link reaches `\(target.name)` from `\(snapshot[level: from].name)`: no \(snapshot[level: from].name) belongs to any \(target.name)",
                      at: target.span, label: "no memberships",
                      help: "add links from `\(snapshot[level: from].name)` (or a finer level) to `\(target.name)` in links.csv")
                return nil
            }
            var ruleMap: [String: RollupMethod] = [:]
            for r in rules {
                guard let col = schema.column(r.indicator.name) else {
                    error(.unknownName, "no column `\(r.indicator.name)` to roll up", at: r.indicator.span,
                          suggestions: EditDistance.suggestions(for: r.indicator.name, among: schema.columns.map(\.name)).map { Suggestion(label: $0) })
                    continue
                }
                _ = col
                switch r.aggregate.name {
                case "sum": ruleMap[r.indicator.name] = .rule(.sum)
                case "mean": ruleMap[r.indicator.name] = .rule(.mean(weight: r.weight?.name))
                case "ratio":
                    if let id = snapshot.indicatorByCode[r.indicator.name], case .ratio = snapshot[indicator: id].aggregate {
                        ruleMap[r.indicator.name] = .rule(snapshot[indicator: id].aggregate)
                    } else {
                        error(.notAdditive, "`\(r.indicator.name)` is not a ratio indicator", at: r.aggregate.span, help: "use `sum` or `mean`")
                    }
                case "min": ruleMap[r.indicator.name] = .order(.min)
                case "max": ruleMap[r.indicator.name] = .order(.max)
                case "median": ruleMap[r.indicator.name] = .order(.median)
                default:
                    error(.unknownFunction, "unknown roll-up rule `\(r.aggregate.name)`", at: r.aggregate.span, expected: ["sum", "ratio", "min", "max", "median", "mean"])
                }
                if let w = r.weight, snapshot[level: from].attribute(w.name) == nil {
                    error(.unknownName, "no attribute `\(w.name)` to weight by at level `\(snapshot[level: from].name)`", at: w.span,
                          suggestions: EditDistance.suggestions(for: w.name, among: snapshot[level: from].attributes.map(\.name)).map { Suggestion(label: $0) })
                }
            }
            // Only indicator series roll up; other columns are dropped.
            for c in schema.columns where c.indicator == nil || c.type.shape != .series {
                diagnostics.append(.warning(.columnDroppedByRollup, "column `\(c.name)` is dropped by `rollup`", at: stage.keywordSpan,
                                            help: "derive it again after the roll-up"))
            }
            for c in schema.columns {
                if let id = c.indicator, case .none = snapshot[indicator: id].aggregate, ruleMap[c.name] == nil {
                    error(.impossibleRollup, "`\(c.name)` cannot be rolled up: its catalog rule is `none`", at: stage.keywordSpan,
                          help: "give a rule: `rollup to \(target.name) (\(c.name) = mean weight population)`")
                }
            }
            schema.columns = schema.columns.filter { $0.indicator != nil && $0.type.shape == .series }
            for i in schema.columns.indices where ruleMap[schema.columns[i].name].map({ !$0.keepsAdditivity }) == true {
                schema.columns[i].type.additive = false  // a max or a mean of children is no longer a sum
            }
            schema.level = to
            return .rollup(to: to, rules: ruleMap)

        case .compare(let flag, let on, let options):
            guard let f = checkFlag(flag) else { return nil }
            let rowSchema = schema
            stageContext = .group(keys: [], implied: nil)
            guard let v = checkExpr(on) else { stageContext = .row; return nil }
            stageContext = .row
            guard v.type.kind == .number else {
                error(.wrongKind, "`compare … on` needs a number, got \(v.type)", at: on.span)
                return nil
            }
            schema.level = nil
            let diffUnit = v.type.unit.difference
            schema.columns = [SchemaColumn(name: f.0, type: .text), SchemaColumn(name: "value", type: v.type),
                              SchemaColumn(name: "n", type: .number(.count)), SchemaColumn(name: "coverage", type: .number(.percent))]
            _ = diffUnit
            if !options.isEmpty { return checkCompareInference(flag: f, value: v, on: on, options: options, rowSchema: rowSchema) }
            return .compare(flag: f, value: v)

        case .did(let flag, let pre, let post, let on, let options):
            guard let f = checkFlag(flag) else { return nil }
            warnUnequalWindows(pre: pre, post: post, at: pre.span.union(post.span))
            if options.model != nil {
                return checkDidInference(flag: f, pre: pre, post: post, on: on, options: options, descriptive: nil)
            }
            let preW = (pre.lower.period, pre.last), postW = (post.lower.period, post.last)
            stageContext = .group(keys: [], implied: preW)
            let vPre = checkExpr(on)
            stageContext = .group(keys: [], implied: postW)
            let vPost = vPre == nil ? nil : checkExpr(on)
            stageContext = .row
            guard let vPre, let vPost else { return nil }
            guard vPre.type.kind == .number, vPre.type.shape == .scalar else {
                error(.wrongKind, "`did … on` needs one number per group, got \(vPre.type)", at: on.span,
                      help: "reduce the series over each window, e.g. `growth(sum(x))` or `mean_over(ratio(a, b))`")
                return nil
            }
            schema.level = nil
            let u = vPre.type.unit.difference
            schema.columns = [SchemaColumn(name: f.0, type: .text), SchemaColumn(name: "pre", type: vPre.type),
                              SchemaColumn(name: "post", type: vPre.type), SchemaColumn(name: "change", type: .number(u))]
            if !options.isEmpty {
                return checkDidInference(flag: f, pre: pre, post: post, on: on, options: options, descriptive: (vPre, vPost))
            }
            return .did(flag: f, pre: preW, post: postW, preValue: vPre, postValue: vPost)

        case .fill(let names, let method):
            var cols: [String] = []
            for n in names {
                guard let c = schema.column(n.name) else {
                    error(.unknownName, "no column `\(n.name)` to fill", at: n.span,
                          suggestions: EditDistance.suggestions(for: n.name, among: schema.columns.map(\.name)).map { Suggestion(label: $0) })
                    continue
                }
                guard c.type.shape == .series, c.type.kind == .number else {
                    error(.seriesRequired, "`fill` works on series; `\(n.name)` is \(c.type)", at: n.span)
                    continue
                }
                cols.append(n.name)
            }
            return .fill(cols, method)

        case .top(let n, let by, let descending):
            stageContext = .row
            guard let t = checkExpr(by) else { return nil }
            guard t.type.shape == .scalar || schema.window?.count == 1, t.type.kind == .number || t.type.kind == .text else {
                error(.oneValuePerRowRequired, "`\(descending ? "top" : "bottom")` needs one value per row, got \(t.type)", at: by.span,
                      help: "pick a period with `@`, or reduce the series: `last(x)`, `growth(x, 2018, 2022)`")
                return nil
            }
            if n < 0 { error(.malformedLiteral, "the count must be positive", at: stage.span) }
            return .top(max(0, n), t, descending: descending)

        case .sort(let keys):
            stageContext = .row
            var out: [(TypedExpr, Bool)] = []
            for k in keys {
                guard let t = checkExpr(k.key) else { continue }
                guard t.type.shape == .scalar || schema.window?.count == 1 else {
                    error(.oneValuePerRowRequired, "cannot sort by a series: it has one value per period", at: k.key.span,
                          help: "pick a period with `@`, reduce it with `last(x)`, or keep one period with `| period 2022` first")
                    continue
                }
                out.append((t, k.descending))
            }
            return .sort(out)

        case .limit(let n):
            if n < 0 { error(.malformedLiteral, "`limit` needs a positive count", at: stage.span) }
            return .limit(max(0, n))

        case .show(let bindings, let layout):
            stageContext = .row
            var out: [(String, TypedExpr)] = []
            for b in bindings {
                guard let t = checkExpr(b.value) else { continue }
                let name = b.name?.name ?? ASTPrinter.expr(b.value)
                out.append((name, t))
            }
            schema.columns = out.map { SchemaColumn(name: $0.0, type: $0.1.type, indicator: schema.column($0.0)?.indicator) }
            return .show(out, layout)

        case .pivot(let bindings, let key):
            return checkPivot(bindings, key: key, stage: stage)
        }
    }

    /// Checks the flag of `compare`/`did`: a boolean attribute or expression per row.
    mutating func checkFlag(_ e: Expr) -> (String, TypedExpr)? {
        guard schema.level != nil else {
            error(.territoriesRequired, "`compare` and `did` need territories, but rows are groups here", at: e.span)
            return nil
        }
        stageContext = .row
        guard let t = checkExpr(e) else { return nil }
        guard t.type.kind == .bool, t.type.shape == .scalar else {
            error(.wrongKind, "the groups of `compare`/`did` need a true/false per territory, got \(t.type)", at: e.span,
                  help: "use a flag such as `ti1`, or a condition such as `ti1_share >= 0.5`")
            return nil
        }
        return (ASTPrinter.expr(e), t)
    }

    /// Adds or replaces a column in the schema.
    mutating func define(_ name: String, type: ExprType, indicator: IndicatorID? = nil) {
        if let i = schema.columns.firstIndex(where: { $0.name == name }) {
            schema.columns[i] = SchemaColumn(name: name, type: type, indicator: indicator)
        } else {
            schema.columns.append(SchemaColumn(name: name, type: type, indicator: indicator))
        }
    }
}
