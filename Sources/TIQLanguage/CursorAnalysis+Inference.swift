import TIQCore

/// What follows `compare … on e` and `did … on e`: the expression, then the option words of
/// `InferenceClause` (`with ci`, `draws`, `seed`, `model twfe|event`, `ref`, `matched on (…)`,
/// `k`, `caliper`, `exact`, `stratified by`) and what each option takes.
extension CursorAnalysis {
    /// The option words a stage offers, given those already written (`exact` may repeat;
    /// `k`, `caliper` and `exact` only after `matched on (…)`, `ref` only after `model`).
    static func optionWords(stage: String, used: Set<String>) -> [String] {
        var words = stage == "compare" ? ["with", "draws", "seed", "matched", "stratified"] : ["with", "draws", "seed", "model"]
        if stage == "compare", used.contains("matched") { words += ["k", "caliper", "exact"] }
        if stage == "did", used.contains("model") { words.append("ref") }
        return words.filter { $0 == "exact" || !used.contains($0) }
    }

    /// The index of the first option word at depth 0 that follows a complete operand (so that a
    /// column named like an option inside the expression is not taken for one).
    static func firstOption(in tokens: [Token]) -> Int? {
        var depth = 0
        for (i, t) in tokens.enumerated() {
            if t.is(.leftParen) || t.is(.leftBracket) { depth += 1 }
            if t.is(.rightParen) || t.is(.rightBracket) { depth -= 1 }
            guard depth == 0, i > 0, isOperand(tokens[i - 1]) else { continue }
            if t.is(.with) { return i }
            if let w = t.identifier, InferenceClause.words.contains(w) { return i }
        }
        return nil
    }

    /// `tokens` are those after the `on` of `compare`/`did`.
    func inference(_ tokens: [Token], stage: String) -> Kind {
        guard let start = Self.firstOption(in: tokens) else {
            let k = expression(tokens, stage: stage)
            if case .keywords(let words) = k { return .keywords(words + Self.optionWords(stage: stage, used: [])) }
            return k
        }
        let options = Array(tokens[start...])
        var used = Set<String>()
        var depth = 0, openParen: Int?
        for (i, t) in options.enumerated() {
            if t.is(.with) { used.insert("with") } else if let w = t.identifier, InferenceClause.words.contains(w), depth == 0 { used.insert(w) }
            if t.is(.leftParen) { depth += 1; if depth == 1 { openParen = i } }
            if t.is(.rightParen) { depth -= 1; if depth == 0 { openParen = nil } }
        }
        // Inside `matched on (…)`: a row-level covariate.
        if let open = openParen {
            let item = Self.currentItem(Array(options[(open + 1)...]))
            return expression(item, stage: "where")
        }
        let last = options[options.count - 1]
        let before = options.count >= 2 ? options[options.count - 2] : nil
        if last.is(.with) { return .keywords(["ci"]) }
        if last.is(.on) { return .none }  // `matched on`: the `(` comes next
        if last.is(.by) { return .groupKey }
        switch last.identifier {
        case "ci" where before?.is(.with) == true, "draws", "seed", "k", "caliper": return .none
        case "model": return .keywords(["twfe", "event", "staggered"])
        case "ref": return .period
        case "matched": return .keywords(["on"])
        case "stratified": return .keywords(["by"])
        case "exact": return .groupKey
        default: return .keywords(Self.optionWords(stage: stage, used: used))
        }
    }
}
