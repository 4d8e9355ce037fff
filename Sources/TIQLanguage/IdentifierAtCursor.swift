import TIQCore

/// The identifier or keyword under a cursor and the part it plays, for `hover`.
public struct IdentifierAtCursor: Sendable, Hashable {
    /// What an identifier names, as far as syntax alone can tell.
    public enum Role: String, Sendable, Hashable {
        /// An indicator of the `from` list or of a roll-up rule.
        case indicator
        /// A function or aggregate: followed by `(`, or a rule after `rollup (x =`.
        case function
        /// A name in an expression: an attribute, an indicator or a derived column (the engine decides).
        case column
        /// A level: after `at` or `rollup to`.
        case level
        /// A reserved word.
        case keyword
        /// The label of a named argument: `weight` in `mean(g, weight = w)`.
        case argumentLabel
        /// A column being defined: `g` in `derive g = …`.
        case newColumn
    }

    /// The name, lowercased.
    public var name: String
    /// Where it is written.
    public var span: SourceSpan
    /// What it names.
    public var role: Role

    /// Creates a description of an identifier.
    public init(name: String, span: SourceSpan, role: Role) {
        self.name = name
        self.span = span
        self.role = role
    }
}

extension CursorContext {
    /// The identifier or keyword at byte offset `cursor` of `text` (touching it on either side), or nil.
    public static func identifier(in text: String, at cursor: Int) -> IdentifierAtCursor? {
        let tokens = Lexer.tokenize(text).tokens.filter { $0.kind != .end }
        let touching = tokens.indices.filter { tokens[$0].span.start <= cursor && cursor <= tokens[$0].span.end }
        guard let i = touching.last(where: { isName(tokens[$0]) }) ?? touching.first(where: { isName(tokens[$0]) })
        else { return nil }
        let t = tokens[i]
        if case .keyword(let k) = t.kind {
            // `weight` is reserved, but in `mean(g, weight = w)` it labels an argument.
            let isLabel = k == .weight && i + 1 < tokens.count && tokens[i + 1].is(.assign)
            return IdentifierAtCursor(name: k.rawValue, span: t.span, role: isLabel ? .argumentLabel : .keyword)
        }
        guard let name = t.identifier else { return nil }
        return IdentifierAtCursor(name: name, span: t.span, role: role(of: i, in: tokens))
    }

    private static func isName(_ t: Token) -> Bool {
        switch t.kind {
        case .identifier, .keyword: true
        default: false
        }
    }

    private static func role(of i: Int, in tokens: [Token]) -> IdentifierAtCursor.Role {
        let prev = i > 0 ? tokens[i - 1] : nil
        let next = i + 1 < tokens.count ? tokens[i + 1] : nil
        if prev?.is(.at) == true || prev?.is(.to) == true { return .level }
        if next?.is(.leftParen) == true { return .function }
        // The stage (or source) this token belongs to, and whether it sits inside parentheses.
        var stageStart = 0
        var depth = 0
        for j in stride(from: i - 1, through: 0, by: -1) {
            if tokens[j].is(.pipe) { stageStart = j + 1; break }
        }
        var innermostCall = false
        var stack: [Bool] = []
        for j in stageStart..<i {
            if tokens[j].is(.leftParen) { stack.append(j > 0 && tokens[j - 1].identifier != nil); depth += 1 }
            if tokens[j].is(.rightParen) { _ = stack.popLast(); depth -= 1 }
        }
        innermostCall = stack.last ?? false
        let head = tokens[stageStart]
        if head.is(.from) { return .indicator }
        if head.is(.rollup) {
            if next?.is(.assign) == true { return .indicator }
            if prev?.is(.assign) == true { return .function }
            return .column
        }
        if next?.is(.assign) == true {
            if innermostCall { return .argumentLabel }
            if depth == 0, head.is(.derive) || head.is(.agg) || head.is(.show) { return .newColumn }
        }
        return .column
    }
}
