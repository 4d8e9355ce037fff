import Testing
import TIQCore
import TIQLanguage

/// One test per E1xx code: the code, where it points (marked `1️⃣` in the text) and what was expected.
@Suite struct SyntaxDiagnosticTests {
    /// Parses the marked text and returns its only diagnostic, checking its code and position.
    private func single(_ marked: String, _ code: String, sourceLocation: SourceLocation = #_sourceLocation) -> Diagnostic? {
        let m = MarkedText(marked)
        let result = TQLParser.parse(m.text)
        #expect(result.diagnostics.count == 1, "\(result.diagnostics)", sourceLocation: sourceLocation)
        guard let d = result.diagnostics.first else { return nil }
        #expect(d.code == code, "\(d)", sourceLocation: sourceLocation)
        #expect(d.span.map { "\($0.line):\($0.column)" } == m.position(), "\(d)", sourceLocation: sourceLocation)
        #expect(d.severity == .error, sourceLocation: sourceLocation)
        return d
    }

    @Test func e101UnexpectedTokenListsEveryAlternative() {
        let d = single("from x | where a 1️⃣b", "E101")
        #expect(d?.message == "unexpected `b`")
        #expect(d?.expected == ["an operator such as `==`, `and` or `+`", "`|` and the next stage", "the end of the query"])
    }

    @Test func e101MissingPipeBeforeAStage() {
        let d = single("from x at epci 1️⃣where y", "E101")
        #expect(d?.expected == ["`|` and the next stage", "the end of the query"])
        #expect(d?.help == "write `| where`")
    }

    @Test func e101MisspelledKeywordSuggestsTheKeywordsValidThere() {
        let d = single("from x | did ti1 1️⃣pree 2014..2018 post 2018..2022 on a", "E101")
        #expect(d?.suggestions.map(\.label) == ["pre"])
        #expect(d?.help == "did you mean `pre`?")
        let sort = single("from x | sort g 1️⃣decs", "E101")
        #expect(sort?.suggestions.map(\.label) == ["desc"])
    }

    @Test func e101ReservedWordAsAName() {
        let d = single("from 1️⃣period", "E101")
        #expect(d?.expected == ["an indicator name"])
    }

    @Test func e102MissingEndPeriod() {
        let d = single("from x | period 2018..1️⃣| limit 3", "E102")
        #expect(d?.message == "missing an end period such as 2022")
        #expect(d?.expected == ["an end period such as 2022"])
    }

    @Test func e102MissingArgument() {
        let d = single("from x | where growth(x, 1️⃣)", "E102")
        #expect(d?.expected == ["a value: a column, a number, a string or a function call"])
    }

    @Test func e103UnterminatedStringPointsAtTheOpeningQuote() {
        let d = single("lookup 1️⃣\"chalon sur", "E103")
        #expect(d?.span?.end == 8)
        #expect(d?.expected == [])  // lexical errors have no expected set: the fix is in the help
        #expect(d?.help == "add a closing `\"` before the end of the line")
    }

    @Test func e104BadPeriodLiteral() {
        let d = single("from x | period 1️⃣2018-Q5", "E104")
        #expect(d?.message == "`2018-Q5` is not a period")
    }

    @Test func e104YearWithoutFourDigits() {
        let d = single("from x | period 1️⃣18", "E104")
        #expect(d?.expected == ["a period such as 2022"])
    }

    @Test func e104NumberRunningIntoLetters() {
        _ = single("from x | where a > 1️⃣12abc", "E104")
        _ = single("from x | where a > 1️⃣1_", "E104")
    }

    @Test func e105UnexpectedEnd() {
        let d = single("from x |1️⃣", "E105")
        #expect(d?.expected == ["a stage such as `where` or `agg`"])
    }

    @Test func e105EmptyQuery() {
        let d = single("1️⃣", "E105")
        #expect(d?.expected == ["`from`, `territories` or `lookup`"])
    }

    @Test func e106UnknownStageSuggestsTheNearestKeyword() {
        let d = single("from x | 1️⃣wher y", "E106")
        #expect(d?.suggestions.map(\.label) == ["where"])
        #expect(d?.help == "did you mean `where`?")
        #expect(d?.expected == ["a stage such as `where` or `agg`"])
    }

    @Test func e107UnclosedParenthesisPointsAtIt() {
        let d = single("from x | where 1️⃣(a or b | limit 3", "E107")
        #expect(d?.expected == ["`)`"])
    }

    @Test func e107UnmatchedClosingParenthesis() {
        let d = single("from x | where a 1️⃣) | limit 3", "E107")
        #expect(d?.message == "unmatched `)`")
        #expect(d?.expected == ["an operator such as `==`, `and` or `+`", "`|` and the next stage", "the end of the query"])
    }

    @Test func e108NonASCIIIdentifier() {
        let d = single("from x | where 1️⃣région == \"44\"", "E108")
        #expect(d?.help?.contains("`region`") == true)
    }

    @Test func e109UnexpectedCharacter() {
        let d = single("from x | where a 1️⃣&", "E109")
        #expect(d?.help == "write `and`")
    }

    @Test func e110AssignmentUsedToCompare() {
        let d = single("from x | top 5 by g 1️⃣= 1", "E110")
        #expect(d?.suggestions.first?.replacement == "==")
        #expect(d?.expected == ["an operator such as `==`, `and` or `+`"])
    }

    @Test func e111UnknownSource() {
        let d = single("1️⃣form x", "E111")
        #expect(d?.suggestions.map(\.label) == ["from"])
        #expect(d?.expected == ["`from`, `territories` or `lookup`"])
    }

    @Test func e112WholeNumberRequired() {
        let d = single("from x | top 1️⃣2.5 by g", "E112")
        #expect(d?.expected == ["a whole number such as 10"])
    }

    @Test func e113StageAfterShow() {
        let d = single("from x | show a | 1️⃣limit 3", "E113")
        #expect(d?.expected == ["the end of the query"])
    }

    @Test func e114UnknownOptionWord() {
        let d = single("from x | fill a with 1️⃣lineer", "E114")
        #expect(d?.suggestions.map(\.label) == ["linear"])
        #expect(d?.expected == ["`prev`, `next`, `linear` or a number"])
    }

    @Test func e115ChainedComparison() {
        let d = single("from x | where 1 < x 1️⃣< 3", "E115")
        #expect(d?.help == "join two comparisons with `and`: a < x and x < b")
    }

    @Test func e116NestingIsBoundedInsteadOfOverflowingTheStack() {
        let deep = "from x | where " + String(repeating: "(", count: 100_000) + "a"
        _ = single("from x | where " + String(repeating: "(", count: 100) + "1️⃣a" + String(repeating: ")", count: 100), "E116")
        #expect(TQLParser.parse(deep).diagnostics.map(\.code) == ["E116"])
        let chain = "from x | derive y = a" + String(repeating: " + a", count: 100_000)
        #expect(TQLParser.parse(chain).diagnostics.map(\.code) == ["E116"])
        let negations = "from x | derive y = " + String(repeating: "-", count: 100_000) + "a"
        #expect(TQLParser.parse(negations).diagnostics.map(\.code) == ["E116"])
        let fine = "from x | where " + String(repeating: "(", count: 40) + "a" + String(repeating: ")", count: 40)
        #expect(TQLParser.parse(fine).diagnostics.isEmpty)
    }

    @Test func everyCodeIsListedOnce() {
        let codes = DiagnosticCode.all.filter { $0.family == "E1" }.map(\.rawValue)
        #expect(Set(codes).count == codes.count)
        #expect(codes == (101...116).map { "E\($0)" })
    }
}

/// Recovery at `|`: an error inside a stage does not hide the later stages or their errors.
@Suite struct RecoveryTests {
    @Test func twoBrokenStagesGiveTwoDiagnosticsAndTheGoodStagesSurvive() {
        let m = MarkedText("from x | 1️⃣wher a | where b > 1 | top 2️⃣x by c | limit 2")
        let result = TQLParser.parse(m.text)
        #expect(result.diagnostics.map(\.code) == ["E106", "E101"])
        #expect(result.diagnostics.map { $0.span?.start } == [m.offset("1️⃣"), m.offset("2️⃣")])
        let stages = result.query?.stages.map(ASTPrinter.stage)
        #expect(stages == ["where b > 1", "limit 2"])
    }

    @Test func aBrokenSourceStillChecksTheStages() {
        let result = TQLParser.parse("from | wher a")
        #expect(result.query == nil)
        #expect(result.diagnostics.map(\.code) == ["E102", "E106"])
        #expect(result.diagnostics.first?.message == "missing an indicator name")
    }

    @Test func lexicalAndSyntaxErrorsComeInTextOrder() {
        let result = TQLParser.parse("from x | where a > 1_ | sort b asc | limit z")
        #expect(result.diagnostics.map(\.code) == ["E104", "E101"])
        #expect(result.query?.stages.count == 1)
    }

    @Test func validQueryHasNoDiagnostics() {
        for text in WorkedExamples.all {
            let result = TQLParser.parse(text)
            #expect(result.isValid, "\(result.diagnostics)")
        }
    }
}
