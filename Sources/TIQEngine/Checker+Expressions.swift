import TIQCore
import TIQLanguage
import TIQStore

extension Checker {
    /// Resolves and types an expression in the current stage context.
    mutating func checkExpr(_ e: Expr, insideAggregate: Bool = false) -> TypedExpr? {
        switch e.kind {
        case .number(let v, _):
            return TypedExpr(kind: .number(v), type: .number(.none, additive: true), span: e.span)
        case .percent(let v):
            return TypedExpr(kind: .number(v), type: .number(.percent), span: e.span)
        case .string(let s):
            return TypedExpr(kind: .text(s), type: .text, span: e.span)
        case .bool(let b):
            return TypedExpr(kind: .bool(b), type: .bool, span: e.span)
        case .period(let p):
            error(.wrongKind, "a period (\(p)) cannot stand alone here", at: e.span,
                  help: "use it with `@` (`x@\(p)`) or as a function argument")
            return nil
        case .range(let r):
            error(.wrongKind, "a period range cannot stand alone here", at: r.span, help: "use it as a function argument: `mean_over(x, \(r.lower.period)..\(r.last))`")
            return nil
        case .name(let n):
            return resolveName(n, span: e.span, insideAggregate: insideAggregate)
        case .unary(let op, let inner):
            guard let t = checkExpr(inner, insideAggregate: insideAggregate) else { return nil }
            switch op {
            case .not:
                guard t.type.kind == .bool else {
                    error(.wrongKind, "`not` needs true/false, got \(t.type)", at: inner.span); return nil
                }
            case .negate:
                guard t.type.kind == .number else {
                    error(.wrongKind, "`-` needs a number, got \(t.type)", at: inner.span); return nil
                }
            }
            return TypedExpr(kind: .unary(op, t), type: t.type, span: e.span)
        case .binary(let op, let l, let r):
            return checkBinary(op, l, r, span: e.span, insideAggregate: insideAggregate)
        case .at(let inner, let p):
            guard let t = checkExpr(inner, insideAggregate: insideAggregate) else { return nil }
            if t.type.shape == .scalar, let membership = membershipAt(t, p.period, span: e.span) { return membership }
            guard t.type.shape == .series else {
                error(.seriesRequired, "`@` needs a series; this is \(t.type)", at: inner.span,
                      help: "`@` reads a series at a period, or a TI membership at a period (`ti2@2024`, `ti2_share@2024`)"); return nil
            }
            guard checkFrequency(p.period, at: p.span) else { return nil }
            return TypedExpr(kind: .at(t, p.period), type: t.type.with(shape: .scalar), span: e.span)
        case .slice(let inner, let r):
            guard let t = checkExpr(inner, insideAggregate: insideAggregate) else { return nil }
            guard t.type.shape == .series else {
                error(.seriesRequired, "`[a..b]` needs a series; this is \(t.type)", at: inner.span); return nil
            }
            guard checkFrequency(r.lower.period, at: r.span), checkFrequency(r.last, at: r.span) else { return nil }
            return TypedExpr(kind: .slice(t, r.lower.period, r.last), type: t.type, span: e.span)
        case .inList(let inner, let items):
            guard let t = checkExpr(inner, insideAggregate: insideAggregate) else { return nil }
            var list: [TypedExpr] = []
            for item in items {
                guard let it = checkExpr(item, insideAggregate: insideAggregate) else { return nil }
                list.append(it)
            }
            if case .attribute(let ref) = t.kind, case .territory(let lvl, _)? = attributeColumn(ref) {
                var rows = Set<Int>()
                for it in list {
                    guard case .text(let s) = it.kind, let row = resolveTerritory(s, level: lvl, attribute: ref.name, span: it.span) else { return nil }
                    rows.insert(row)
                }
                return TypedExpr(kind: .territoryIn(ref, rows, negated: false), type: .bool, span: e.span)
            }
            for it in list where it.type.kind != t.type.kind {
                error(.wrongKind, "`in` mixes \(t.type) with \(it.type)", at: it.span); return nil
            }
            if case .attribute(let ref) = t.kind {
                for it in list { if case .text(let s) = it.kind, !checkTextValue(s, attribute: ref, span: it.span) { return nil } }
            }
            return TypedExpr(kind: .inList(t, list), type: ExprType.bool.with(shape: t.type.shape), span: e.span)
        case .fuzzy(let inner, let pattern):
            guard let t = checkExpr(inner, insideAggregate: insideAggregate) else { return nil }
            guard t.type.kind == .text else {
                error(.wrongKind, "`~` matches text; this is \(t.type)", at: inner.span, help: "use it on `name`: `name ~ \"…\"`"); return nil
            }
            return TypedExpr(kind: .fuzzy(t, TextFolding.fold(pattern.value)), type: .bool, span: e.span)
        case .call(let fn, let args):
            return checkCall(fn, args, span: e.span, insideAggregate: insideAggregate)
        case .of(let inner, let level):
            return checkParent(inner, level, span: e.span, insideAggregate: insideAggregate)
        case .caseWhen(let clauses, let otherwise):
            return checkCase(clauses, otherwise, span: e.span, insideAggregate: insideAggregate)
        case .list:
            error(.wrongKind, "a list stands only as an argument of `cut`", at: e.span, help: "e.g. cut(x, [0, 10, 50])")
            return nil
        }
    }

    // MARK: - Names

    mutating func resolveName(_ n: String, span: SourceSpan, insideAggregate: Bool) -> TypedExpr? {
        if case .group(let keys, _) = stageContext, !insideAggregate {
            if keys.contains(n), let col = schema.column(n) {
                return TypedExpr(kind: .column(n), type: col.type, span: span)
            }
            if keys.contains(n), let t = resolveRowName(n, span: span, reportMissing: true) { return t }
            if schema.column(n) != nil || resolveRowName(n, span: span, reportMissing: false) != nil {
                error(.aggregateRequired, "`\(n)` has one value per territory; here it needs an aggregate", at: span,
                      label: "outside any aggregate",
                      help: "wrap it: `sum(\(n))`, `mean(\(n))`, `count()`" + (keys.isEmpty ? "" : ", or group by it"))
                return nil
            }
        }
        return resolveRowName(n, span: span, reportMissing: true)
    }

    mutating func resolveRowName(_ n: String, span: SourceSpan, reportMissing: Bool) -> TypedExpr? {
        if let col = schema.column(n) {
            return TypedExpr(kind: .column(n), type: col.type, span: span)
        }
        if let level = schema.level {
            if n == "code" { return TypedExpr(kind: .code, type: .text, span: span) }
            if n == "name" { return TypedExpr(kind: .name, type: .text, span: span) }
            let table = snapshot[level: level]
            if let attr = table.attribute(n) {
                let ref = AttributeRef(name: n, level: level)
                let type: ExprType
                switch attr.column {
                case .text, .territory: type = .text
                case .number: type = .number(attr.unit, additive: n == "population")
                case .flag: type = .bool
                }
                return TypedExpr(kind: .attribute(ref), type: type, span: span)
            }
        }
        guard reportMissing else { return nil }
        if let id = snapshot.indicatorByCode[n] {
            error(.indicatorNotInSource, "indicator `\(n)` is not in this query's `from`", at: span,
                  help: "add it: `from …, \(n)`" + (schema.level == nil ? " (before grouping)" : ""))
            _ = id
            return nil
        }
        var names = schema.columns.map(\.name)
        if let level = schema.level { names += ["code", "name"] + snapshot[level: level].attributes.map(\.name) }
        let sugg = EditDistance.suggestions(for: n, among: names)
        error(.unknownName, "unknown name `\(n)`", at: span, label: "not a column or attribute here",
              help: sugg.first.map { "did you mean `\($0)`?" } ?? "columns here: " + names.prefix(12).joined(separator: ", "),
              suggestions: sugg.map { Suggestion(label: $0, replacement: $0, span: span) },
              expected: ["a column or attribute"])
        return nil
    }

    func attributeColumn(_ ref: AttributeRef) -> AttributeColumn? { snapshot[level: ref.level].attribute(ref.name)?.column }

    /// Resolves `"Grand Est"` or `"44"` to a row of `level`, or reports E204 with suggestions.
    mutating func resolveTerritory(_ text: String, level: LevelID, attribute: String, span: SourceSpan) -> Int? {
        let table = snapshot[level: level]
        if let row = table.rowByCode[text] { return Int(row) }
        let folded = TextFolding.fold(text)
        if let row = table.names.firstIndex(where: { TextFolding.fold($0) == folded }) { return row }
        let ranked = snapshot.names.search(text, level: level, limit: 3).filter { $0.score >= 0.3 }
        error(.unknownValue, "no \(attribute) named \"\(text)\"", at: span,
              label: "values are compared after folding accents, case and hyphens",
              help: ranked.first.map { "did you mean \"\(table.names[$0.row])\" (code \(table.codes[$0.row]))?" },
              suggestions: ranked.map { Suggestion(label: table.names[$0.row], replacement: "\"\(table.names[$0.row])\"", span: span, detail: "code \(table.codes[$0.row])") },
              expected: ["a \(attribute) name or code"])
        return nil
    }

    /// Checks that `text` is a value of the text attribute `ref`, or reports E204.
    mutating func checkTextValue(_ text: String, attribute ref: AttributeRef, span: SourceSpan) -> Bool {
        guard case .text(_, let values)? = attributeColumn(ref) else { return true }
        if values.contains(text) { return true }
        let folded = TextFolding.fold(text)
        if values.contains(where: { TextFolding.fold($0) == folded }) { return true }
        let sugg = values.filter { EditDistance.trigramSimilarity(TextFolding.fold($0), folded) >= 0.3 }.prefix(3)
        let listed = values.count <= 12 ? "values are " + values.sorted().map { "\"\($0)\"" }.joined(separator: ", ") : nil
        error(.unknownValue, "`\(ref.name)` has no value \"\(text)\"", at: span, label: "not a value of \(ref.name)",
              help: sugg.first.map { "did you mean \"\($0)\"?" } ?? listed,
              suggestions: sugg.map { Suggestion(label: $0, replacement: "\"\($0)\"", span: span) },
              expected: ["a value of \(ref.name)"])
        return false
    }

    mutating func checkFrequency(_ p: Period, at span: SourceSpan) -> Bool {
        guard let f = schema.frequency, p.frequency != f else { return true }
        error(.mixedFrequencies, "\(p) is not \(name(f)) like the data", at: span,
              help: "write a \(name(f)) period such as \(schema.axis?.last.map { "\($0)" } ?? "2022")")
        return false
    }

    // MARK: - Operators

    mutating func checkBinary(_ op: BinaryOperator, _ l: Expr, _ r: Expr, span: SourceSpan, insideAggregate: Bool) -> TypedExpr? {
        guard let a = checkExpr(l, insideAggregate: insideAggregate), let b = checkExpr(r, insideAggregate: insideAggregate) else { return nil }
        let shape: Shape = (a.type.shape == .series || b.type.shape == .series) ? .series : .scalar
        if op.isLogical {
            for (t, e) in [(a, l), (b, r)] where t.type.kind != .bool {
                error(.wrongKind, "`\(op.rawValue)` needs true/false on both sides; this is \(t.type)", at: e.span); return nil
            }
            return TypedExpr(kind: .binary(op, a, b), type: ExprType.bool.with(shape: shape), span: span)
        }
        if op.isComparison {
            // Territory-valued attribute compared with a name or code.
            if op == .equal || op == .notEqual {
                for (attr, other) in [(a, b), (b, a)] {
                    if case .attribute(let ref) = attr.kind, case .territory(let lvl, _)? = attributeColumn(ref), case .text(let s) = other.kind {
                        guard let row = resolveTerritory(s, level: lvl, attribute: ref.name, span: other.span) else { return nil }
                        return TypedExpr(kind: .territoryIn(ref, [row], negated: op == .notEqual), type: .bool, span: span)
                    }
                    if case .attribute(let ref) = attr.kind, case .text(let s) = other.kind {
                        guard checkTextValue(s, attribute: ref, span: other.span) else { return nil }
                    }
                }
            }
            guard a.type.kind == b.type.kind else {
                error(.wrongKind, "cannot compare \(a.type) with \(b.type)", at: span); return nil
            }
            if a.type.kind == .number { guard checkUnits(op, a, b, span: span) else { return nil } }
            if a.type.kind == .bool, op != .equal, op != .notEqual {
                error(.wrongKind, "true/false values are not ordered", at: span); return nil
            }
            return TypedExpr(kind: .binary(op, a, b), type: ExprType.bool.with(shape: shape), span: span)
        }
        for (t, e) in [(a, l), (b, r)] where t.type.kind != .number {
            error(.wrongKind, "`\(op.rawValue)` needs numbers; this is \(t.type)", at: e.span); return nil
        }
        switch op {
        case .add, .subtract:
            guard checkUnits(op, a, b, span: span) else { return nil }
            var unit = isLiteral(a) ? b.type.unit : a.type.unit
            if op == .subtract && !isLiteral(a) && !isLiteral(b) { unit = unit.difference }
            let additive = a.type.additive && b.type.additive
            return TypedExpr(kind: .binary(op, a, b), type: .number(unit, shape, additive: additive), span: span)
        case .multiply:
            guard checkScalarFactor(op, a, b, span: span) else { return nil }
            // A part of an additive quantity (`population * ti1_share`) is additive and in its unit.
            let additive = ((isLiteral(a) || isShare(a)) && b.type.additive) || ((isLiteral(b) || isShare(b)) && a.type.additive)
            let unit = isShare(a) && !b.type.unit.isPercentLike ? b.type.unit
                : isShare(b) && !a.type.unit.isPercentLike ? a.type.unit : a.type.unit.times(b.type.unit)
            return TypedExpr(kind: .binary(op, a, b), type: .number(unit, shape, additive: additive), span: span)
        default:
            guard checkScalarFactor(op, a, b, span: span) else { return nil }
            let additive = isLiteral(b) && a.type.additive
            return TypedExpr(kind: .binary(op, a, b), type: .number(a.type.unit.dividedBy(b.type.unit), shape, additive: additive), span: span)
        }
    }

    /// Whether `t` is a share in 0…1 of a territory's population or of a quantity: a `G_share`
    /// attribute or a value in `%`. Multiplying a quantity by it gives a part of that quantity.
    func isShare(_ t: TypedExpr) -> Bool {
        if case .attribute(let ref) = t.kind, ref.name.hasSuffix("_share") { return true }
        return t.type.unit == .percent
    }

    /// The literal factor of `t` other than 1 (`x * 10000`, `10000 * x`, `x / 100`), if any.
    func literalFactor(_ t: TypedExpr) -> Double? {
        guard case .binary(let op, let a, let b) = t.kind, op == .multiply || op == .divide else { return nil }
        for side in op == .multiply ? [a, b] : [b] where isLiteral(side) {
            if case .number(let v) = side.kind, v != 1 { return v }
        }
        return nil
    }

    /// A plain number scaling a rate would keep the rate's unit while changing what it counts
    /// (`projets / pop * 10000` is per 10,000 inhabitants, not per inhabitant): refused (E316)
    /// with a hint to `per(x, pop, 10000)`, whose unit says the scale.
    mutating func checkScalarFactor(_ op: BinaryOperator, _ a: TypedExpr, _ b: TypedExpr, span: SourceSpan) -> Bool {
        func isRate(_ u: Unit) -> Bool { u.symbol.contains("/") && !u.isPercentLike && !u.symbol.hasSuffix("/yr") }
        var factor: Double?
        var rate: TypedExpr?
        for (lit, other) in op == .multiply ? [(a, b), (b, a)] : [(b, a)] where isLiteral(lit) && isRate(other.type.unit) {
            if case .number(let v) = lit.kind, v != 1 { factor = op == .multiply ? v : 1 / v; rate = other }
        }
        // `x * 10000 / pop`: the scaled numerator becomes a scaled rate.
        if factor == nil, op == .divide, !b.type.unit.isNone, !isLiteral(b), let v = literalFactor(a) { factor = v; rate = a }
        guard let factor, let rate else { return true }
        let k = formatNumber(factor)
        _ = rate
        let unit = op == .multiply ? a.type.unit.times(b.type.unit) : a.type.unit.dividedBy(b.type.unit)
        error(.plainFactorOnRate, "a plain factor \(k) would leave the unit `\(unit)` unchanged while changing what the value counts",
              at: span, label: "unit no longer says the scale",
              help: "write `per(numerator, denominator, \(k))`: its unit says `per \(k)`")
        return false
    }

    func isLiteral(_ t: TypedExpr) -> Bool {
        if case .number = t.kind { return t.type.unit.isNone }
        if case .unary(.negate, let inner) = t.kind { return isLiteral(inner) }
        return false
    }

    /// `+`, `-` and comparisons need one unit; a plain number adopts the other side's unit,
    /// except against a percentage, where `5` would silently mean 500 %.
    mutating func checkUnits(_ op: BinaryOperator, _ a: TypedExpr, _ b: TypedExpr, span: SourceSpan) -> Bool {
        if a.type.unit == b.type.unit { return true }
        for (lit, other) in [(a, b), (b, a)] where isLiteral(lit) {
            if other.type.unit.isPercentLike, case .number(let v) = lit.kind, v != 0 {
                error(.unitMismatch, "\(formatNumber(v)) is a plain number but the other side is in \(other.type.unit)", at: lit.span,
                      label: "percentages are written with %", help: "write \(formatNumber(v))% for \(formatNumber(v)) percent")
                return false
            }
            return true
        }
        if (a.type.unit == .percent && b.type.unit == .percentagePoints) || (a.type.unit == .percentagePoints && b.type.unit == .percent) {
            return true
        }
        error(.unitMismatch, "`\(op.rawValue)` mixes \(a.type.unit.isNone ? "a plain number" : a.type.unit.symbol) and \(b.type.unit.isNone ? "a plain number" : b.type.unit.symbol)",
              at: span, label: "units differ", help: "convert one side, or compare quantities of one unit")
        return false
    }

    func formatNumber(_ v: Double) -> String {
        v == v.rounded() && abs(v) < 1e15 ? String(Int(v)) : String(v)
    }
}
