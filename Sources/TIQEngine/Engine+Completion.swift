import TIQCore
import TIQLanguage
import TIQStore

extension Engine {
    /// Completion candidates at byte offset `cursor` of `text`, drawn from what is valid there:
    /// indicators at the chosen level, levels holding every chosen indicator, columns and
    /// attributes in scope at that stage, values of the attribute being compared, periods with data.
    public func complete(_ text: String, cursor: Int) -> [CompletionItem] {
        let ctx = CursorContext.context(in: text, at: cursor)
        let r = ctx.replace
        let prefix = TextFolding.fold(ctx.prefix.hasPrefix("\"") ? String(ctx.prefix.dropFirst()) : ctx.prefix)
        var items: [CompletionItem] = []
        func keywords(_ words: [String], detail: String? = nil) {
            items += words.map { CompletionItem(label: $0, kind: "keyword", detail: detail, replace: r) }
        }
        switch ctx.kind {
        case .sourceKeyword:
            keywords(["from", "territories", "lookup"])
        case .stageKeyword:
            keywords(["where", "period", "derive", "agg", "rollup", "compare", "did", "fill", "top", "bottom", "sort", "limit", "show"])
        case .indicator(let levelName):
            let level = levelName.flatMap { snapshot.levelByName[$0] }
            let checker = Checker(snapshot: snapshot)
            for (i, info) in snapshot.indicators.enumerated() {
                let id = IndicatorID(i)
                if let level, checker.route(of: id, to: level) == nil { continue }
                items.append(CompletionItem(label: info.code, kind: "indicator", detail: checker.describe(id), replace: r))
            }
        case .level(let names):
            let checker = Checker(snapshot: snapshot)
            let ids = names.compactMap { snapshot.indicatorByCode[$0] }
            for l in snapshot.levels where ids.allSatisfy({ checker.route(of: $0, to: l.id) != nil }) {
                items.append(CompletionItem(label: l.name, kind: "level", detail: "\(l.count) territories", replace: r))
            }
        case .expression(let stage):
            let schema = schemaBefore(text, cursor: cursor)
            items += columnItems(schema, replace: r)
            items += functionItems(series: true, aggregates: stage == "compare" || stage == "did", windows: stage == "derive", replace: r)
        case .aggregate:
            let schema = schemaBefore(text, cursor: cursor)
            items += functionItems(series: true, aggregates: true, windows: false, replace: r)
            items += columnItems(schema, replace: r)
        case .groupKey:
            let schema = schemaBefore(text, cursor: cursor)
            items += columnItems(schema, replace: r).filter { $0.kind == "attribute" || $0.detail?.hasPrefix("series") == false }
        case .attributeValue(let attribute):
            let schema = schemaBefore(text, cursor: cursor)
            if let level = schema.level, let attr = snapshot[level: level].attribute(attribute) {
                switch attr.column {
                case .text(_, let values):
                    items += values.sorted().map { CompletionItem(label: $0, kind: "value", detail: attribute, insertText: "\"\($0)\"", replace: r) }
                case .territory(let lvl, _):
                    let t = snapshot[level: lvl]
                    items += t.names.indices.sorted { t.names[$0] < t.names[$1] }.map {
                        CompletionItem(label: t.names[$0], kind: "value", detail: "\(t.name) \(t.codes[$0])", insertText: "\"\(t.names[$0])\"", replace: r)
                    }
                default: break
                }
            }
        case .territoryName:
            let level = ctx.level.flatMap { snapshot.levelByName[$0] }
            let matches = prefix.isEmpty ? [] : snapshot.names.search(ctx.prefix, level: level, limit: 10)
            return matches.map {
                let t = snapshot[level: $0.level]
                return CompletionItem(label: $0.label, kind: "territory", detail: "\(t.name) \(t.codes[$0.row])",
                                      insertText: "\"\(t.names[$0.row])\"", replace: r)
            }
        case .period:
            let schema = schemaBefore(text, cursor: cursor)
            if let axis = schema.axis {
                items += axis.periods.reversed().map { CompletionItem(label: "\($0)", kind: "period", replace: r) }
            }
        case .namedArgument(let function):
            switch function {
            case "mean": items.append(CompletionItem(label: "weight =", kind: "argument", detail: "weight of each row", insertText: "weight = ", replace: r))
            case "sum", "ratio": items.append(CompletionItem(label: "missing = skip", kind: "argument", detail: "skip absent rows (result marked partial)", insertText: "missing = skip", replace: r))
            default: break
            }
            items += columnItems(schemaBefore(text, cursor: cursor), replace: r)
        case .keywords(let words):
            keywords(words)
        case .none:
            return []
        }
        guard !prefix.isEmpty else { return items }
        let matching = items.filter { TextFolding.fold($0.label).hasPrefix(prefix) }
        let contained = items.filter { !TextFolding.fold($0.label).hasPrefix(prefix) && TextFolding.fold($0.label).contains(prefix) }
        return matching + contained
    }

    /// The frame's schema as it stands at the stage holding `cursor`: the text up to the `|` that
    /// opens that stage is checked, errors ignored.
    func schemaBefore(_ text: String, cursor: Int) -> Schema {
        let bytes = Array(text.utf8)
        var end = min(cursor, bytes.count)
        var depth = 0, inString = false
        var lastPipe: Int?
        for i in 0..<end {
            let b = bytes[i]
            if b == UInt8(ascii: "\"") { inString.toggle() }
            if inString { continue }
            if b == UInt8(ascii: "(") { depth += 1 } else if b == UInt8(ascii: ")") { depth -= 1 } else if b == UInt8(ascii: "|") && depth <= 0 { lastPipe = i }
        }
        end = lastPipe ?? end
        let prefixText = String(decoding: bytes[0..<end], as: UTF8.self)
        var checker = Checker(snapshot: snapshot)
        guard let q = parse(prefixText).query else {
            // The source alone may still name a level.
            return checker.schema
        }
        _ = checker.check(q)
        return checker.schema
    }

    func columnItems(_ schema: Schema, replace r: Range<Int>) -> [CompletionItem] {
        var items = schema.columns.map { CompletionItem(label: $0.name, kind: $0.indicator == nil ? "column" : "indicator", detail: "\($0.type)", replace: r) }
        if let level = schema.level {
            items.append(CompletionItem(label: "name", kind: "attribute", detail: "text", replace: r))
            items.append(CompletionItem(label: "code", kind: "attribute", detail: "text", replace: r))
            for a in snapshot[level: level].attributes where !schema.columns.contains(where: { $0.name == a.name }) {
                items.append(CompletionItem(label: a.name, kind: "attribute", detail: a.description.isEmpty ? nil : a.description, replace: r))
            }
        }
        return items
    }

    func functionItems(series: Bool, aggregates: Bool, windows: Bool, replace r: Range<Int>) -> [CompletionItem] {
        var names: [String] = []
        if aggregates { names += AggregateFunction.allCases.map(\.rawValue) + StatisticFunction.named.map(\.rawValue).filter { $0 != "slope" } }
        if series { names += SeriesFunction.allCases.map(\.rawValue) + LevelSourceFunction.allCases.map(\.rawValue) + MathFunction.allCases.map(\.rawValue) + ["cut", "per"] }
        if windows { names += WindowFunction.allCases.map(\.rawValue) }
        return names.map { CompletionItem(label: $0, kind: "function", detail: FunctionSignatures.all[$0] ?? FunctionSignatures.descriptive[$0], insertText: "\($0)(", replace: r) }
    }

    /// What the identifier at byte offset `cursor` of `text` is: an indicator's definition, unit,
    /// aggregate rule, levels, periods and source; a function's signature; an attribute or level.
    public func hover(_ text: String, cursor: Int) -> HoverInfo? {
        guard let id = CursorContext.identifier(in: text, at: cursor) else { return nil }
        let checker = Checker(snapshot: snapshot)
        if id.role != .function, id.role != .level, let ind = snapshot.indicatorByCode[id.name] {
            let info = snapshot[indicator: ind]
            var md = "**\(info.code)** — \(info.name)\n\n"
            md += "unit `\(info.unit.isNone ? "none" : info.unit.symbol)` · aggregate `\(info.aggregate)` · frequency \(info.frequency.letter)\n\n"
            md += "levels: " + checker.availableLevels(of: ind).map { snapshot[level: $0].name }.joined(separator: ", ")
            if let l = snapshot.storedLevels(of: ind).first, let c = snapshot.column(ind, at: l), let a = c.axis.first, let b = c.axis.last {
                md += " · periods \(a)–\(b)"
            }
            md += "\n\nsource: \(info.source)"
            if !info.description.isEmpty { md += "\n\n\(info.description)" }
            return HoverInfo(markdown: md, span: id.span)
        }
        if let sig = FunctionSignatures.all[id.name] ?? FunctionSignatures.descriptive[id.name], id.role == .function || id.role == .column {
            return HoverInfo(markdown: "`\(sig)`", span: id.span)
        }
        if let l = snapshot.levelByName[id.name] {
            let t = snapshot[level: l]
            return HoverInfo(markdown: "level **\(t.name)**: \(t.count) territories; attributes " + t.attributes.map { "`\($0.name)`" }.joined(separator: ", "), span: id.span)
        }
        let schema = schemaBefore(text, cursor: id.span.start)
        if let c = schema.column(id.name) {
            return HoverInfo(markdown: "column **\(c.name)**: \(c.type)", span: id.span)
        }
        if let level = schema.level, let a = snapshot[level: level].attribute(id.name) {
            return HoverInfo(markdown: "attribute **\(a.name)** of \(snapshot[level: level].name)" + (a.description.isEmpty ? "" : ": \(a.description)"), span: id.span)
        }
        return nil
    }
}
