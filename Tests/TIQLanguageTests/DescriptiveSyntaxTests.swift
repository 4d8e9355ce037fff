import Testing
import TIQLanguage

/// The syntax of cross-level reads, `case`, lists and pivots: trees, precedence, the words that
/// stay names, the printer's round trip, and the errors.
@Suite struct DescriptiveSyntaxTests {
    private func dump(_ text: String) -> String {
        let result = TQLParser.parse(text)
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
        return result.query.map { ASTDumper.dump($0, positions: false) } ?? "<no query>"
    }

    @Test func ofBindsLikeAPostfixOperator() {
        #expect(dump("from x at ti1 | derive d = g - growth(x, 2018, 2022) of region") == #"""
            Query
              From
                Indicator x
                Level ti1
              Stage derive
                Binding d
                  Binary -
                    Name g
                    Of region
                      Call growth
                        Name x
                        Number 2018
                        Number 2022
            """#)
    }

    @Test func caseAndCutParse() {
        #expect(dump(#"from x at epci | derive s = case when x@2018 >= 1000 then "large" else "small" end, b = cut(g, [-5%, 0, 10])"#) == #"""
            Query
              From
                Indicator x
                Level epci
              Stage derive
                Binding s
                  Case
                    when: Binary >=
                      At 2018
                        Name x
                      Number 1000
                    then: String "large"
                    else: String "small"
                Binding b
                  Call cut
                    Name g
                    List
                      item: Unary -
                        Percent 5%
                      item: Number 0
                      item: Number 10
            """#)
    }

    @Test func pivotIsAShowByKey() {
        #expect(dump("from x at epci | agg g = sum(x@2018) by region, ti1 | show g by ti1") == dump("from x at epci | agg g = sum(x@2018) by region, ti1 | show g by ti1 as wide"))
        let q = TQLParser.parse("from x at epci | agg g = sum(x@2018) by region, ti1 | show g, n = count by ti1").query!
        #expect(ASTPrinter.print(q).hasSuffix("| show g, n = count by ti1 as wide"))
    }

    @Test(arguments: [
        "from x at epci | derive y = (a - b) of region, z = x of region@2018",
        #"from x at epci | derive c = case when a then 1 when b then 2 end"#,
        "from x at epci | derive c = cut(-x of dept, [1, 2.5, 1e6])",
        "from x at epci | agg g = sum(x@2018) by region, ti1 | show g, n by ti1 as wide",
    ])
    func printerRoundTrips(_ text: String) throws {
        let q = try #require(TQLParser.parse(text).query)
        let printed = ASTPrinter.print(q)
        let back = try #require(TQLParser.parse(printed).query, "\(printed)")
        #expect(back.equalsIgnoringSpans(q), "\(printed)")
    }

    @Test func theNewWordsStillNameColumns() {
        #expect(TQLParser.parse("from x at epci | derive of = 1, case = of, e = case + of").isValid)
    }

    @Test(arguments: [
        ("from x at epci | derive c = case when a then 1 else 2", "`end`"),
        ("from x at epci | derive c = case when a 1 end", "`then`"),
        ("from x at epci | derive c = x of", "expected"),
        ("from x at epci | agg g = sum(x) by ti1 | show g by ti1 as long", "wide"),
        ("from x at epci | derive c = cut(x, [1, 2)", "]"),
    ])
    func errorsSayWhatWasExpected(_ text: String, _ expected: String) {
        let result = TQLParser.parse(text)
        let d = result.diagnostics.first { $0.severity == .error }
        #expect(d != nil, "\(text) parsed")
        let said = [d?.message ?? "", d?.label ?? "", d?.help ?? ""].joined(separator: " ") + (d?.expected.joined(separator: " ") ?? "")
        #expect(said.contains(expected), "\(text): \(said)")
    }
}
