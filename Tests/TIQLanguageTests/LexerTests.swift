import Testing
import TIQCore
import TIQLanguage

@Suite struct LexerTests {
    private func kinds(_ text: String) -> [TokenKind] {
        Lexer.tokenize(text).tokens.map(\.kind).dropLast()
    }

    @Test func dashedPeriodsAreOneTokenButSpacedMinusIsArithmetic() {
        #expect(kinds("2018-07") == [.period(Period(year: 2018, frequency: .monthly, subperiod: 7))])
        #expect(kinds("2018-Q3") == [.period(Period(year: 2018, frequency: .quarter, subperiod: 3))])
        #expect(kinds("2018-s1") == [.period(Period(year: 2018, frequency: .semester, subperiod: 1))])
        #expect(kinds("2018 - 7") == [.integer(2018), .symbol(.minus), .integer(7)])
        #expect(kinds("2018-7") == [.integer(2018), .symbol(.minus), .integer(7)])
        #expect(kinds("20180-07") == [.integer(20180), .symbol(.minus), .integer(7)])
    }

    @Test func badPeriodsAreReportedNotSplit() {
        let lexed = Lexer.tokenize("2018-13 2018-Q0")
        #expect(lexed.tokens.map(\.kind) == [.invalid, .invalid, .end])
        #expect(lexed.diagnostics.map(\.code) == ["E104", "E104"])
    }

    @Test func numbers() {
        #expect(kinds("1_000 0.5 1e6 2.5E-3 7") == [.integer(1000), .number(0.5), .number(1e6), .number(2.5e-3), .integer(7)])
        #expect(Lexer.tokenize("1_000").tokens[0].text == "1_000")
        #expect(Lexer.tokenize("2018").tokens[0].isYear)
        #expect(!Lexer.tokenize("2_018").tokens[0].isYear)
        #expect(!Lexer.tokenize("201").tokens[0].isYear)
    }

    @Test func percentLiteralsAreFractions() {
        #expect(kinds("5%") == [.percent(0.05)])
        #expect(kinds("-2.5%") == [.symbol(.minus), .percent(0.025)])
    }

    @Test func rangesDoNotSwallowDecimals() {
        #expect(kinds("2014..2023") == [.integer(2014), .symbol(.dotDot), .integer(2023)])
        #expect(kinds("2018-Q1..2019-Q4").count == 3)
    }

    @Test func identifiersAreLowercasedAndKeywordsRecognised() {
        #expect(kinds("Emploi_IND WHERE x1") == [.identifier("emploi_ind"), .keyword(.where), .identifier("x1")])
        #expect(Keyword.allCases.count == 33)
    }

    @Test func operatorsAndPunctuation() {
        #expect(kinds("== != <= >= < > = + - * / @ ~ ( ) [ ] , | ..").map { kind -> String in
            if case .symbol(let s) = kind { return s.rawValue }
            return "?"
        } == "== != <= >= < > = + - * / @ ~ ( ) [ ] , | ..".split(separator: " ").map(String.init))
    }

    @Test func commentsRunToTheEndOfTheLine() {
        #expect(kinds("a # b c\nd") == [.identifier("a"), .identifier("d")])
    }

    @Test func stringsDecodeEscapesAndKeepUnicode() {
        #expect(kinds(#""Vallée \"de\" l'Arve \\ x""#) == [.string(#"Vallée "de" l'Arve \ x"#)])
    }

    @Test func columnsCountUnicodeScalarsAndOffsetsCountBytes() throws {
        let tokens = Lexer.tokenize("lookup \"Vallée\" at\n  épci").tokens
        let at = try #require(tokens.first { $0.is(.at) })
        // "lookup " is 7 bytes, "\"Vallée\"" 8 scalars but 9 bytes, then a space.
        #expect(at.span.column == 17)
        #expect(at.span.start == 17)
        let word = tokens[3]
        #expect(word.span.line == 2 && word.span.column == 3)
        #expect(word.span.endColumn == 7)
        #expect(word.span.end - word.span.start == 5)
    }

    @Test func nonASCIIIdentifierIsOneErrorAndOneToken() {
        let lexed = Lexer.tokenize("région == 1")
        #expect(lexed.tokens.map(\.kind) == [.invalid, .symbol(.equalEqual), .integer(1), .end])
        #expect(lexed.diagnostics.map(\.code) == ["E108"])
        #expect(lexed.diagnostics.first?.span?.endColumn == 7)
    }

    @Test func typographicQuotesGetAHint() {
        let lexed = Lexer.tokenize("“Grand Est”")
        #expect(lexed.diagnostics.first?.code == "E109")
        #expect(lexed.diagnostics.first?.help?.contains("straight quotes") == true)
    }

    @Test func unterminatedStringStopsAtTheLineEnd() {
        let lexed = Lexer.tokenize("\"abc\n| where")
        #expect(lexed.tokens.map(\.kind) == [.string("abc"), .symbol(.pipe), .keyword(.where), .end])
        #expect(lexed.diagnostics.map(\.code) == ["E103"])
    }

    @Test func hugeNumbersAreReported() {
        #expect(Lexer.tokenize("99999999999999999999").diagnostics.map(\.code) == ["E104"])
        #expect(Lexer.tokenize("1e999").diagnostics.map(\.code) == ["E104"])
    }
}
