import TIQCore

/// The classification behind `CursorContext`: reads the tokens before the cursor, from the last
/// `|`, and decides what belongs next.
struct CursorAnalysis {
    let scope: SourceScope

    init(scope: SourceScope) { self.scope = scope }

    typealias Kind = CursorContext.Kind

    /// The words that can follow a complete operand in an expression.
    static let operatorWords = ["and", "or", "in", "not"]

    // MARK: - Outside strings

    func classify(_ before: [Token]) -> Kind {
        guard let pipe = before.lastIndex(where: { $0.is(.pipe) }) else { return source(before) }
        let segment = Array(before[(pipe + 1)...])
        guard let first = segment.first else { return .stageKeyword }
        let rest = Array(segment.dropFirst())
        guard case .keyword(let k) = first.kind else { return .none }
        switch k {
        case .where: return expression(rest, stage: "where")
        case .derive: return bindings(rest, stage: "derive", aggregate: false)
        case .agg:
            if let by = Self.topLevelIndex(of: .by, in: rest) {
                let keys = rest[(by + 1)...]
                return keys.isEmpty || keys.last?.is(.comma) == true ? .groupKey : .keywords([])
            }
            return bindings(rest, stage: "agg", aggregate: true)
        case .show:
            if let last = rest.last, last.is(.as) { return .keywords(["table", "wide", "long"]) }
            return bindings(rest, stage: "show", aggregate: false, namesOptional: true)
        case .rollup: return rollup(rest)
        case .compare:
            // The first `on` (a later one belongs to `matched on`).
            if let on = rest.firstIndex(where: { $0.is(.on) }) { return inference(Array(rest[(on + 1)...]), stage: "compare") }
            return rest.isEmpty ? .expression(stage: "compare") : expression(rest, stage: "compare", extra: ["on"])
        case .did: return did(rest)
        case .fill:
            if rest.contains(where: { $0.is(.with) }) { return .keywords(["prev", "next", "linear"]) }
            return rest.isEmpty || rest.last?.is(.comma) == true ? .expression(stage: "fill") : .keywords(["with"])
        case .top, .bottom:
            if let by = Self.topLevelIndex(of: .by, in: rest) { return expression(Array(rest[(by + 1)...]), stage: k.rawValue) }
            return rest.isEmpty ? .none : .keywords(["by"])
        case .sort:
            let key = Self.currentItem(rest)
            if key.last?.is(.asc) == true || key.last?.is(.desc) == true { return .none }
            return expression(key, stage: "sort", extra: ["asc", "desc"])
        case .period:
            guard let last = rest.last else { return .period }
            return last.is(.comma) || last.is(.dotDot) ? .period : .none
        default:
            return .none
        }
    }

    /// The source clause, before any `|`.
    private func source(_ seg: [Token]) -> Kind {
        guard let first = seg.first, let last = seg.last else { return .sourceKeyword }
        if last.is(.at) { return .level(indicatorsSoFar: scope.indicators) }
        if first.is(.from) {
            if last.is(.from) || last.is(.comma) { return .indicator(levelSoFar: scope.level) }
            return seg.contains { $0.is(.at) } ? .none : .keywords(["at"])
        }
        if first.is(.territories) { return seg.contains { $0.is(.at) } ? .none : .keywords(["at"]) }
        if first.is(.lookup) {
            if last.is(.lookup) { return .territoryName }
            if last.is(.limit) { return .none }
            return .keywords(seg.contains { $0.is(.at) } ? ["limit"] : ["at", "limit"])
        }
        return .none
    }

    /// `name = expr, …`: nothing to suggest for a new name; an expression after `=`.
    private func bindings(_ rest: [Token], stage: String, aggregate: Bool, namesOptional: Bool = false) -> Kind {
        let item = Self.currentItem(rest)
        if let eq = item.firstIndex(where: { $0.is(.assign) }) {
            return expression(Array(item[(eq + 1)...]), stage: stage, aggregate: aggregate,
                              extra: stage == "agg" ? ["by"] : stage == "show" ? ["as"] : [])
        }
        if namesOptional { return expression(item, stage: stage, extra: ["as"]) }
        return item.isEmpty ? .none : .keywords([])
    }

    private func rollup(_ rest: [Token]) -> Kind {
        guard let last = rest.last else { return .keywords(["to"]) }
        if last.is(.to) { return .level(indicatorsSoFar: scope.indicators) }
        guard rest.contains(where: { $0.is(.leftParen) }) else { return .none }
        if last.is(.leftParen) || last.is(.comma) { return .indicator(levelSoFar: scope.level) }
        if last.is(.assign) { return .aggregate }
        if last.is(.weight) { return .expression(stage: "rollup") }
        if last.identifier == "mean" { return .keywords(["weight"]) }
        return .none
    }

    private func did(_ rest: [Token]) -> Kind {
        let marks = rest.indices.filter { rest[$0].is(.pre) || rest[$0].is(.post) || rest[$0].is(.on) }
        guard let m = marks.last else {
            return rest.isEmpty ? .expression(stage: "did") : expression(rest, stage: "did", extra: ["pre"])
        }
        let after = Array(rest[(m + 1)...])
        if rest[m].is(.on) { return inference(after, stage: "did") }
        if after.isEmpty || after.last?.is(.dotDot) == true { return .period }
        return .keywords([rest[m].is(.pre) ? "post" : "on"])
    }

    // MARK: - Expressions

    /// What comes next in an expression whose tokens so far are `tokens`.
    func expression(_ tokens: [Token], stage: String, aggregate: Bool = false, extra: [String] = []) -> Kind {
        var frames: [Frame] = []
        for (i, t) in tokens.enumerated() {
            if t.is(.leftParen) {
                let prev = i > 0 ? tokens[i - 1] : nil
                if let name = prev?.identifier {
                    frames.append(.call(name))
                } else if prev?.is(.in) == true, i >= 2, let attr = tokens[i - 2].identifier {
                    frames.append(.list(attr))
                } else {
                    frames.append(.group)
                }
            } else if t.is(.leftBracket) {
                frames.append(.group)
            } else if t.is(.rightParen) || t.is(.rightBracket) {
                _ = frames.popLast()
            }
        }
        let start: Kind = aggregate ? .aggregate : .expression(stage: stage)
        guard let last = tokens.last else { return start }
        if last.is(.atSign) || last.is(.dotDot) || last.is(.leftBracket) { return .period }
        if last.is(.leftParen) || last.is(.comma) {
            switch frames.last {
            case .list(let attr): return .attributeValue(attribute: attr)
            case .call(let f): return .namedArgument(function: f)
            default: return start
            }
        }
        if last.is(.tilde) { return .territoryName }
        if last.is(.equalEqual) || last.is(.notEqual) || (last.is(.assign) && stage == "where"),
           tokens.count >= 2, let attr = tokens[tokens.count - 2].identifier {
            return .attributeValue(attribute: attr)
        }
        if Self.isOperand(last) { return .keywords(Self.operatorWords + extra) }
        if last.is(.in) { return .none }
        return start
    }

    private enum Frame { case call(String), list(String), group }

    // MARK: - Strings

    /// The cursor is inside a string: a territory name or an attribute value.
    func stringContext(_ before: [Token]) -> Kind {
        guard let last = before.last else { return .none }
        if last.is(.lookup) || last.is(.tilde) { return .territoryName }
        if last.is(.equalEqual) || last.is(.notEqual) || last.is(.assign),
           before.count >= 2, let attr = before[before.count - 2].identifier {
            return .attributeValue(attribute: attr)
        }
        if last.is(.leftParen) || last.is(.comma) {
            var depth = 0
            for i in stride(from: before.count - 1, through: 0, by: -1) {
                let t = before[i]
                if t.is(.rightParen) { depth += 1 }
                if t.is(.leftParen) {
                    if depth == 0 {
                        if i >= 2, before[i - 1].is(.in), let attr = before[i - 2].identifier {
                            return .attributeValue(attribute: attr)
                        }
                        return .none
                    }
                    depth -= 1
                }
            }
        }
        return .none
    }

    // MARK: - Helpers

    static func isOperand(_ t: Token) -> Bool {
        switch t.kind {
        case .identifier, .integer, .number, .percent, .string, .period, .keyword(.true), .keyword(.false),
             .symbol(.rightParen), .symbol(.rightBracket):
            true
        default:
            false
        }
    }

    /// The index of keyword `k` outside any parentheses.
    static func topLevelIndex(of k: Keyword, in tokens: [Token]) -> Int? {
        var depth = 0
        var found: Int?
        for (i, t) in tokens.enumerated() {
            if t.is(.leftParen) || t.is(.leftBracket) { depth += 1 }
            if t.is(.rightParen) || t.is(.rightBracket) { depth -= 1 }
            if depth == 0, t.is(k) { found = i }
        }
        return found
    }

    /// The tokens after the last comma outside parentheses: the item being written in a list.
    static func currentItem(_ tokens: [Token]) -> [Token] {
        var depth = 0
        var start = 0
        for (i, t) in tokens.enumerated() {
            if t.is(.leftParen) || t.is(.leftBracket) { depth += 1 }
            if t.is(.rightParen) || t.is(.rightBracket) { depth -= 1 }
            if depth == 0, t.is(.comma) { start = i + 1 }
        }
        return Array(tokens[start...])
    }
}
