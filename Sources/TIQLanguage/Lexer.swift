import TIQCore

/// The tokens of a query and the lexical errors found on the way.
public struct LexResult: Sendable {
    /// The tokens, always ending with one `.end` token.
    public var tokens: [Token]
    /// Lexical errors (E103, E104, E108, E109); the offending text becomes an `.invalid` token or is skipped.
    public var diagnostics: [Diagnostic]
}

/// Turns TQL text into tokens, over its UTF-8 bytes (docs/tql.md, "Lexical rules").
///
/// The lexer never fails: it reports what it cannot read and goes on, so the parser, the
/// completer and `check` always get a token stream to work with.
public struct Lexer {
    private let bytes: [UInt8]
    private var offset = 0
    private var line = 1
    private var column = 1
    private var tokens: [Token] = []
    private var diagnostics: [Diagnostic] = []

    private init(_ text: String) { bytes = Array(text.utf8) }

    /// Splits `text` into tokens.
    public static func tokenize(_ text: String) -> LexResult {
        var lexer = Lexer(text)
        lexer.run()
        return LexResult(tokens: lexer.tokens, diagnostics: lexer.diagnostics)
    }

    // MARK: - Positions

    private struct Mark { var offset: Int, line: Int, column: Int }

    private var mark: Mark { Mark(offset: offset, line: line, column: column) }

    private func span(from m: Mark) -> SourceSpan {
        SourceSpan(start: m.offset, end: offset, line: m.line, column: m.column, endLine: line, endColumn: column)
    }

    private func byte(_ ahead: Int = 0) -> UInt8? {
        offset + ahead < bytes.count ? bytes[offset + ahead] : nil
    }

    private mutating func advance() {
        guard offset < bytes.count else { return }
        let b = bytes[offset]
        if b == 10 {
            line += 1
            column = 1
        } else if b & 0xC0 != 0x80 {
            column += 1
        }
        offset += 1
    }

    private func text(from m: Mark) -> String {
        String(decoding: bytes[m.offset..<offset], as: UTF8.self)
    }

    private mutating func emit(_ kind: TokenKind, from m: Mark) {
        tokens.append(Token(kind: kind, span: span(from: m), text: text(from: m)))
    }

    private mutating func report(_ code: DiagnosticCode, _ message: String, from m: Mark, label: String? = nil,
                                 help: String? = nil) {
        diagnostics.append(.error(code, message, at: span(from: m), label: label, help: help))
    }

    // MARK: - Main loop

    private mutating func run() {
        while true {
            skipTrivia()
            guard let b = byte() else { break }
            let m = mark
            if isIdentifierStart(b) {
                lexWord(from: m)
            } else if isDigit(b) {
                lexNumber(from: m)
            } else if b == UInt8(ascii: "\"") {
                lexString(from: m)
            } else if b >= 0x80 {
                lexNonASCII(from: m)
            } else {
                lexSymbol(from: m)
            }
        }
        let m = mark
        tokens.append(Token(kind: .end, span: span(from: m), text: ""))
    }

    private mutating func skipTrivia() {
        while let b = byte() {
            if b == 32 || b == 9 || b == 10 || b == 13 {
                advance()
            } else if b == UInt8(ascii: "#") {
                while let c = byte(), c != 10 { advance() }
            } else {
                return
            }
        }
    }

    // MARK: - Words

    private mutating func lexWord(from m: Mark) {
        while let b = byte(), isIdentifierPart(b) { advance() }
        if let b = byte(), b >= 0x80, scalarIsLetter(at: offset) {
            lexNonASCII(from: m)
            return
        }
        let word = text(from: m).lowercased()
        if let k = Self.keywords[word] {
            emit(.keyword(k), from: m)
        } else {
            emit(.identifier(word), from: m)
        }
    }

    /// A word containing non-ASCII letters (`région`), or a stray non-ASCII character.
    private mutating func lexNonASCII(from m: Mark) {
        while let b = byte() {
            if isIdentifierPart(b) {
                advance()
            } else if b >= 0x80, scalarIsLetter(at: offset) {
                advanceScalar()
            } else {
                break
            }
        }
        if offset == m.offset {
            // Not a letter: a stray symbol such as a typographic quote.
            let scalar = scalarText(at: offset)
            advanceScalar()
            let quoteHelp = ["“", "”", "«", "»"].contains(scalar) ? "write strings with straight quotes: \"Grand Est\"" : nil
            report(DiagnosticCode.unexpectedCharacter, "unexpected character `\(scalar)`", from: m,
                   label: "not part of TQL", help: quoteHelp)
            return
        }
        let word = text(from: m)
        let ascii = String(TextFolding.fold(word).map { $0 == " " ? "_" : $0 })
        report(DiagnosticCode.nonASCIIIdentifier, "identifier `\(word)` is not ASCII", from: m,
               label: "identifiers use the letters a-z, digits and `_`",
               help: "write `\(ascii)`, or put names of places in quotes: \"\(word)\"")
        emit(.invalid, from: m)
    }

    private mutating func advanceScalar() {
        advance()
        while let b = byte(), b & 0xC0 == 0x80 { advance() }
    }

    private func scalarText(at i: Int) -> String {
        var j = i + 1
        while j < bytes.count, bytes[j] & 0xC0 == 0x80 { j += 1 }
        return String(decoding: bytes[i..<j], as: UTF8.self)
    }

    private func scalarIsLetter(at i: Int) -> Bool {
        guard let s = scalarText(at: i).unicodeScalars.first else { return false }
        return s.properties.isAlphabetic
    }

    // MARK: - Strings

    private mutating func lexString(from m: Mark) {
        advance()  // opening quote
        var value: [UInt8] = []
        while true {
            guard let b = byte(), b != 10, b != 13 else {
                let quote = SourceSpan(start: m.offset, end: m.offset + 1, line: m.line, column: m.column,
                                       endLine: m.line, endColumn: m.column + 1)
                diagnostics.append(.error(DiagnosticCode.unterminatedString, "unterminated string", at: quote,
                                          label: "this string is never closed",
                                          help: "add a closing `\"` before the end of the line"))
                emit(.string(String(decoding: value, as: UTF8.self)), from: m)
                return
            }
            if b == UInt8(ascii: "\"") {
                advance()
                emit(.string(String(decoding: value, as: UTF8.self)), from: m)
                return
            }
            if b == UInt8(ascii: "\\") {
                let escape = mark
                advance()
                if let e = byte(), e == UInt8(ascii: "\"") || e == UInt8(ascii: "\\") {
                    value.append(e)
                    advance()
                } else {
                    report(DiagnosticCode.malformedLiteral, "unknown escape in a string", from: escape,
                           label: "only \\\" and \\\\ are escapes", help: "write a backslash as \\\\")
                }
                continue
            }
            value.append(b)
            advance()
        }
    }

    // MARK: - Numbers and periods

    private mutating func lexNumber(from m: Mark) {
        var sawUnderscore = false
        while let b = byte(), isDigit(b) || b == UInt8(ascii: "_") {
            if b == UInt8(ascii: "_") { sawUnderscore = true }
            advance()
        }
        let digitsCount = offset - m.offset
        if digitsCount == 4, !sawUnderscore, byte() == UInt8(ascii: "-"), lexPeriodTail(from: m) { return }
        var isInteger = true
        if byte() == UInt8(ascii: "."), let d = byte(1), isDigit(d) {
            isInteger = false
            advance()
            while let b = byte(), isDigit(b) || b == UInt8(ascii: "_") { advance() }
        }
        if let e = byte(), e == UInt8(ascii: "e") || e == UInt8(ascii: "E") {
            if let d = byte(1), isDigit(d) {
                isInteger = false
                advance()
            } else if let s = byte(1), s == UInt8(ascii: "+") || s == UInt8(ascii: "-"), let d = byte(2), isDigit(d) {
                isInteger = false
                advance()
                advance()
            }
            if !isInteger { while let b = byte(), isDigit(b) { advance() } }
        }
        // A number glued to letters (`12abc`, `2e`) is neither a number nor an identifier.
        if let b = byte(), isIdentifierPart(b) || b >= 0x80 {
            while let c = byte(), isIdentifierPart(c) { advance() }
            report(DiagnosticCode.malformedLiteral, "`\(text(from: m))` is not a number", from: m,
                   label: "a number cannot run into letters",
                   help: "names start with a letter; numbers are written 1000, 1_000, 0.5 or 1e6")
            emit(.invalid, from: m)
            return
        }
        let raw = text(from: m)
        if raw.hasSuffix("_") || raw.contains("_.") || raw.contains("._") {
            report(DiagnosticCode.malformedLiteral, "`\(raw)` is not a number", from: m,
                   label: "`_` only separates digits", help: "write 1_000")
            emit(.invalid, from: m)
            return
        }
        let cleaned = String(raw.filter { $0 != "_" })
        if byte() == UInt8(ascii: "%") {
            advance()
            if let v = Double(cleaned), v.isFinite {
                emit(.percent(v / 100), from: m)
            } else {
                reportTooLarge(from: m)
            }
            return
        }
        if isInteger, let v = Int(cleaned), v <= 1 << 53 {
            emit(.integer(v), from: m)
        } else if !isInteger, let v = Double(cleaned), v.isFinite {
            emit(.number(v), from: m)
        } else {
            reportTooLarge(from: m)
        }
    }

    private mutating func reportTooLarge(from m: Mark) {
        report(DiagnosticCode.malformedLiteral, "`\(text(from: m))` is too large", from: m,
               label: "numbers must stay below 2^53")
        emit(.invalid, from: m)
    }

    /// After four digits and a `-`: `Q3`, `S1` or two month digits make a period; anything else
    /// is left for the parser as arithmetic. Returns whether a token was emitted.
    private mutating func lexPeriodTail(from m: Mark) -> Bool {
        guard let c = byte(1) else { return false }
        let isTag = [UInt8(ascii: "Q"), UInt8(ascii: "q"), UInt8(ascii: "S"), UInt8(ascii: "s")].contains(c)
        if isTag, let d = byte(2), isDigit(d) {
            advance(); advance()
            while let b = byte(), isIdentifierPart(b) { advance() }
        } else if isDigit(c), let d = byte(2), isDigit(d), !(byte(3).map { isIdentifierPart($0) } ?? false) {
            advance(); advance(); advance()
        } else {
            return false
        }
        let raw = text(from: m)
        if let p = Period(raw) {
            emit(.period(p), from: m)
        } else {
            report(DiagnosticCode.malformedLiteral, "`\(raw)` is not a period", from: m,
                   label: "quarters run Q1-Q4, halves S1-S2, months 01-12",
                   help: "periods are written 2018, 2018-Q3, 2018-S1 or 2018-07; for arithmetic put spaces around `-`")
            emit(.invalid, from: m)
        }
        return true
    }

    // MARK: - Symbols

    private mutating func lexSymbol(from m: Mark) {
        guard let b = byte() else { return }
        if let next = byte(1), let symbol = Self.twoByteSymbol(b, next) {
            advance(); advance()
            emit(.symbol(symbol), from: m)
            return
        }
        if let symbol = Self.oneByteSymbol(b) {
            advance()
            emit(.symbol(symbol), from: m)
            return
        }
        let scalar = String(UnicodeScalar(b))
        advance()
        var help: String?
        switch scalar {
        case ".": help = "ranges are written 2018..2022; decimals 0.5"
        case "!": help = "write `not` for negation and `!=` for inequality"
        case "&": help = "write `and`"
        case "'": help = "strings use double quotes: \"Grand Est\""
        case ";": help = "separate stages with `|`"
        default: break
        }
        report(DiagnosticCode.unexpectedCharacter, "unexpected character `\(scalar)`", from: m,
               label: "not part of TQL", help: help)
    }

    private static let keywords = Dictionary(uniqueKeysWithValues: Keyword.allCases.map { ($0.rawValue, $0) })

    private static func twoByteSymbol(_ a: UInt8, _ b: UInt8) -> Symbol? {
        switch (a, b) {
        case (UInt8(ascii: "."), UInt8(ascii: ".")): .dotDot
        case (UInt8(ascii: "="), UInt8(ascii: "=")): .equalEqual
        case (UInt8(ascii: "!"), UInt8(ascii: "=")): .notEqual
        case (UInt8(ascii: "<"), UInt8(ascii: "=")): .lessEqual
        case (UInt8(ascii: ">"), UInt8(ascii: "=")): .greaterEqual
        default: nil
        }
    }

    private static func oneByteSymbol(_ b: UInt8) -> Symbol? {
        switch b {
        case UInt8(ascii: "<"): .less
        case UInt8(ascii: ">"): .greater
        case UInt8(ascii: "="): .assign
        case UInt8(ascii: "+"): .plus
        case UInt8(ascii: "-"): .minus
        case UInt8(ascii: "*"): .star
        case UInt8(ascii: "/"): .slash
        case UInt8(ascii: "@"): .atSign
        case UInt8(ascii: "~"): .tilde
        case UInt8(ascii: "("): .leftParen
        case UInt8(ascii: ")"): .rightParen
        case UInt8(ascii: "["): .leftBracket
        case UInt8(ascii: "]"): .rightBracket
        case UInt8(ascii: ","): .comma
        case UInt8(ascii: "|"): .pipe
        default: nil
        }
    }

    // MARK: - Character classes

    private func isDigit(_ b: UInt8) -> Bool { b >= 48 && b <= 57 }

    private func isIdentifierStart(_ b: UInt8) -> Bool {
        (b >= 97 && b <= 122) || (b >= 65 && b <= 90) || b == 95
    }

    private func isIdentifierPart(_ b: UInt8) -> Bool { isIdentifierStart(b) || isDigit(b) }
}
