import Testing
import TIQLanguage

/// Golden parser tests: source text → tree dump, reviewed by hand against the grammar of docs/tql.md.
@Suite struct ParserGoldenTests {
    private func dump(_ text: String, positions: Bool = false) -> String {
        let result = TQLParser.parse(text)
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
        return result.query.map { ASTDumper.dump($0, positions: positions) } ?? "<no query>"
    }

    @Test func workedExampleE1() {
        #expect(dump(WorkedExamples.e1, positions: true) == #"""
            Query @1:1-3:53
              From @1:1-1:24
                Indicator emploi_ind @1:6-1:16
                Level epci @1:20-1:24
              Stage where @2:3-2:41
                Call complete @2:9-2:41
                  Name emploi_ind @2:18-2:28
                  Number 2018 @2:30-2:34
                  Number 2022 @2:36-2:40
              Stage compare @3:3-3:53
                flag: Name ti1 @3:11-3:14
                on: Call growth @3:18-3:53
                  Call sum @3:25-3:40
                    Name emploi_ind @3:29-3:39
                  Number 2018 @3:42-3:46
                  Number 2022 @3:48-3:52
            """#)
    }

    @Test func workedExampleE2() {
        #expect(dump(WorkedExamples.e2, positions: false) == #"""
            Query
              From
                Indicator emploi_ind
                Level epci
              Stage where
                Call complete
                  Name emploi_ind
                  Number 2018
                  Number 2022
              Stage agg
                Binding net
                  Call change
                    Call sum
                      Name emploi_ind
                    Number 2018
                    Number 2022
                By ti1
              Stage derive
                Binding part
                  Call share
                    Name net
              Stage show
                Column
                  Name ti1
                Column
                  Name net
                Column
                  Name part
            """#)
    }

    @Test func workedExampleE3() {
        #expect(dump(WorkedExamples.e3, positions: false) == #"""
            Query
              From
                Indicator emploi_ind
                Level epci
              Stage where
                Binary and
                  Call complete
                    Name emploi_ind
                    Number 2018
                    Number 2022
                  Binary >=
                    At 2018
                      Name emploi_ind
                    Number 100
              Stage derive
                Binding g
                  Call growth
                    Name emploi_ind
                    Number 2018
                    Number 2022
              Stage agg
                Binding med
                  Call median
                    Name g
                Binding avg
                  Call mean
                    Name g
                Binding wavg
                  Call mean
                    Name g
                    weight =: At 2018
                      Name emploi_ind
                Binding n
                  Call count
                By ti1
            """#)
    }

    @Test func workedExampleE4() {
        #expect(dump(WorkedExamples.e4, positions: false) == #"""
            Query
              From
                Indicator emploi_ind
                Level epci
              Stage where
                Call complete
                  Name emploi_ind
                  Number 2014
                  Number 2022
              Stage did pre 2014..2018 post 2018..2022
                flag: Name ti1
                on: Call growth
                  Call sum
                    Name emploi_ind
            """#)
    }

    @Test func workedExampleE5() {
        #expect(dump(WorkedExamples.e5, positions: false) == #"""
            Query
              From
                Indicator disparitions
                Indicator etab_ind
                Level epci
              Stage where
                Binary and
                  Call complete
                    Name disparitions
                    Number 2015
                    Number 2022
                  Call complete
                    Name etab_ind
                    Number 2015
                    Number 2022
              Stage did pre 2015..2018 post 2019..2022
                flag: Name ti1
                on: Call mean_over
                  Call ratio
                    Name disparitions
                    Name etab_ind
            """#)
    }

    @Test func workedExampleE6() {
        #expect(dump(WorkedExamples.e6, positions: false) == #"""
            Query
              From
                Indicator ebe
                Indicator va
                Level epci
              Stage where
                Binary and
                  Call complete
                    Name ebe
                    Number 2018
                    Number 2022
                  Call complete
                    Name va
                    Number 2018
                    Number 2022
              Stage compare
                flag: Name ti1
                on: Call change
                  Call ratio
                    Name ebe
                    Name va
                  Number 2018
                  Number 2022
            """#)
    }

    @Test func workedExampleE7() {
        #expect(dump(WorkedExamples.e7, positions: false) == #"""
            Query
              From
                Indicator emploi_ind
                Level epci
              Stage where
                Binary and
                  Binary ==
                    Name region
                    String "Grand Est"
                  Binary >=
                    At 2018
                      Name emploi_ind
                    Number 500
              Stage derive
                Binding g
                  Call growth
                    Name emploi_ind
                    Number 2018
                    Number 2022
              Stage top 10
                by: Name g
              Stage show
                Column
                  Name name
                Column
                  Name dept
                Binding e2018
                  At 2018
                    Name emploi_ind
                Binding e2022
                  At 2022
                    Name emploi_ind
                Column
                  Name g
            """#)
    }

    @Test func workedExampleE8() {
        #expect(dump(WorkedExamples.e8, positions: false) == #"""
            Query
              From
                Indicator emploi_ind
                Indicator ebe
                Indicator va
                Indicator revenu_median
                Level epci
              Stage rollup to ti2
                Rule revenu_median = mean weight pop
              Stage derive
                Binding taux_marge
                  Binary /
                    Name ebe
                    Name va
              Stage period 2022
              Stage sort
                desc: Name emploi_ind
            """#)
    }

    @Test func workedExampleE9() {
        #expect(dump(WorkedExamples.e9, positions: true) == #"""
            Query @1:1-5:41
              From @1:1-1:21
                Indicator etab_ind @1:6-1:14
                Level ti2 @1:18-1:21
              Stage where @2:3-2:29
                Fuzzy "vallee arve" @2:9-2:29
                  Name name @2:9-2:13
              Stage derive @3:3-3:64
                Binding yoy @3:10-3:29
                  Call yoy @3:16-3:29
                    Name etab_ind @3:20-3:28
                Binding cagr @3:31-3:64
                  Call cagr @3:38-3:64
                    Name etab_ind @3:43-3:51
                    Number 2015 @3:53-3:57
                    Number 2023 @3:59-3:63
              Stage period 2015..2023 @4:3-4:20
              Stage show as long @5:3-5:41
                Column @5:8-5:12
                  Name name @5:8-5:12
                Column @5:14-5:22
                  Name etab_ind @5:14-5:22
                Column @5:24-5:27
                  Name yoy @5:24-5:27
                Column @5:29-5:33
                  Name cagr @5:29-5:33
            """#)
    }

    @Test func workedExampleE10() {
        #expect(dump(WorkedExamples.e10, positions: false) == #"""
            Query
              From
                Indicator emploi_ind
                Level epci
              Stage where
                Call complete
                  Name emploi_ind
                  Range 2014..2023
              Stage agg
                Binding emp
                  Call sum
                    Name emploi_ind
                By ti1
              Stage derive
                Binding idx
                  Call index
                    Name emp
                    Number 2018
              Stage period 2014..2023
              Stage show as wide
                Column
                  Name ti1
                Column
                  Name idx
            """#)
    }

    @Test func workedExampleE11() {
        #expect(dump(WorkedExamples.e11, positions: false) == #"""
            Query
              Territories
                Level epci
              Stage where
                Binary and
                  Binary and
                    Name ti2
                    Unary not
                      Name ti1
                  In
                    Name type
                    item: String "CA"
                    item: String "CC"
              Stage agg
                Binding n
                  Call count
                By region
                By type
              Stage sort
                asc: Name region
            """#)
    }

    @Test func workedExampleE12() {
        #expect(dump(WorkedExamples.e12, positions: false) == #"""
            Query
              From
                Indicator projets_soutenus
                Indicator montant_aides
                Indicator pop
                Level epci
              Stage where
                Name ti2
              Stage rollup to region
              Stage derive
                Binding projets_10k
                  Binary *
                    Binary /
                      Name projets_soutenus
                      Name pop
                    Number 10000
                Binding aide_hab
                  Binary /
                    Name montant_aides
                    Name pop
              Stage period 2024
            """#)
    }

    @Test func workedExampleE13() {
        #expect(dump(WorkedExamples.e13, positions: false) == #"""
            Query
              From
                Indicator creations
                Indicator disparitions
                Level epci
              Stage where
                Call all
                  Binary >
                    Name disparitions
                    Name creations
                  Range 2019..2023
              Stage agg
                Binding n
                  Call count
                By ti2
                By region
            """#)
    }

    @Test func workedExampleE14() {
        #expect(dump(WorkedExamples.e14, positions: false) == #"""
            Query
              Lookup "chalon sur saone" limit 5
                Level epci
            """#)
    }

    @Test func fillStages() {
        #expect(dump("from a, b | fill a, b with prev | fill a with next | fill b with linear | fill a with -1.5 | fill b with 0") == #"""
            Query
              From
                Indicator a
                Indicator b
              Stage fill a, b with prev
              Stage fill a with next
              Stage fill b with linear
              Stage fill a with -1.5
              Stage fill b with 0
            """#)
    }

    @Test func bottomSortLimitShow() {
        #expect(dump("territories | bottom 3 by a@2018-Q3 | sort a desc, b asc, c | limit 20 | show a as table") == #"""
            Query
              Territories
              Stage bottom 3
                by: At 2018-Q3
                  Name a
              Stage sort
                desc: Name a
                asc: Name b
                asc: Name c
              Stage limit 20
              Stage show as table
                Column
                  Name a
            """#)
    }

    @Test func lookupWithEscapes() {
        #expect(dump(#"lookup "Vallée de l'Arve \"x\" \\""#) == #"""
            Query
              Lookup "Vallée de l'Arve \"x\" \\"
            """#)
    }

    @Test func periodsAndRollupRules() {
        #expect(dump("from x at commune | period 2018, 2019-S1..2020-S2, 2020-07..2021-12 | rollup to dept (a = sum, b = ratio, c = min, d = max, e = median, f = mean)") == #"""
            Query
              From
                Indicator x
                Level commune
              Stage period 2018, 2019-S1..2020-S2, 2020-07..2021-12
              Stage rollup to dept
                Rule a = sum
                Rule b = ratio
                Rule c = min
                Rule d = max
                Rule e = median
                Rule f = mean
            """#)
    }

    @Test func comparisonsAndLogic() {
        #expect(dump("from x | where a = 1 and b != 2 or c < 3 and d <= 4 and not e > 5 and f >= 6") == #"""
            Query
              From
                Indicator x
              Stage where
                Binary or
                  Binary and
                    Binary ==
                      Name a
                      Number 1
                    Binary !=
                      Name b
                      Number 2
                  Binary and
                    Binary and
                      Binary and
                        Binary <
                          Name c
                          Number 3
                        Binary <=
                          Name d
                          Number 4
                      Unary not
                        Binary >
                          Name e
                          Number 5
                    Binary >=
                      Name f
                      Number 6
            """#)
    }

    @Test func arithmeticPostfixCallsAndLists() {
        #expect(dump("from x | derive y = -(a + b) * c / -d - e + 5% - 2018 - 7, z = x[2018..2022]@2020, w = (a or b) and true, v = sum(x, missing = skip) | show q = x in (1, -2.5, true, \"a\", 5%)") == #"""
            Query
              From
                Indicator x
              Stage derive
                Binding y
                  Binary -
                    Binary -
                      Binary +
                        Binary -
                          Binary /
                            Binary *
                              Unary -
                                Binary +
                                  Name a
                                  Name b
                              Name c
                            Unary -
                              Name d
                          Name e
                        Percent 5%
                      Number 2018
                    Number 7
                Binding z
                  At 2020
                    Slice 2018..2022
                      Name x
                Binding w
                  Binary and
                    Binary or
                      Name a
                      Name b
                    Bool true
                Binding v
                  Call sum
                    Name x
                    missing =: Name skip
              Stage show
                Binding q
                  In
                    Name x
                    item: Number 1
                    item: Unary -
                      Number 2.5
                    item: Bool true
                    item: String "a"
                    item: Percent 5%
            """#)
    }

    @Test func caseInsensitiveWithComment() {
        #expect(dump("FROM Emploi_Ind AT EPCI | WHERE Region == \"44\" # comment\n  | agg n = count()") == #"""
            Query
              From
                Indicator emploi_ind
                Level epci
              Stage where
                Binary ==
                  Name region
                  String "44"
              Stage agg
                Binding n
                  Call count
            """#)
    }

}
