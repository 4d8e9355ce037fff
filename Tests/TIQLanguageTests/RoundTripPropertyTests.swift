import Testing
import TIQCore
import TIQLanguage

/// `parse(print(ast)) == ast` up to spans, for thousands of random trees.
@Suite struct RoundTripPropertyTests {
    @Test func printedRandomQueriesParseBackToTheSameTree() {
        var failures = 0
        for seed in UInt64(1)...3000 {
            var gen = RandomAST(seed: seed)
            let query = gen.query(depth: Int(seed % 5))
            let text = ASTPrinter.print(query)
            let result = TQLParser.parse(text)
            let same = result.query.map { $0.equalsIgnoringSpans(query) } ?? false
            if !same || !result.diagnostics.isEmpty {
                failures += 1
                if failures <= 3 {
                    Issue.record("""
                        seed \(seed): \(text)
                        diagnostics: \(result.diagnostics)
                        expected:
                        \(ASTDumper.dump(query, positions: false))
                        got:
                        \(result.query.map { ASTDumper.dump($0, positions: false) } ?? "nil")
                        """)
                }
            }
        }
        #expect(failures == 0)
    }

    @Test func printingIsStableOnTheWorkedExamples() throws {
        for text in WorkedExamples.all {
            let first = try #require(TQLParser.parse(text).query)
            let printed = ASTPrinter.print(first)
            let second = try #require(TQLParser.parse(printed).query)
            #expect(second.equalsIgnoringSpans(first))
            #expect(ASTPrinter.print(second) == printed)
        }
    }

    @Test func spanErasureIgnoresOnlyPositions() throws {
        let a = try #require(TQLParser.parse("from x | where a == 1").query)
        let b = try #require(TQLParser.parse("from   x\n|   where a   =   1").query)
        let c = try #require(TQLParser.parse("from x | where a == 2").query)
        #expect(a != b)
        #expect(a.equalsIgnoringSpans(b))
        #expect(!a.equalsIgnoringSpans(c))
    }
}
