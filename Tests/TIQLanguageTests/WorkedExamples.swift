/// The worked examples E1-E14 of ../shared/design/tql.md §1.8 (the design document), verbatim.
enum WorkedExamples {
    static let e1 = """
        from emploi_ind at epci
        | where complete(emploi_ind, 2018, 2022)
        | compare ti1 on growth(sum(emploi_ind), 2018, 2022)
        """
    static let e2 = """
        from emploi_ind at epci
        | where complete(emploi_ind, 2018, 2022)
        | agg net = change(sum(emploi_ind), 2018, 2022) by ti1
        | derive part = share(net)
        | show ti1, net, part
        """
    static let e3 = """
        from emploi_ind at epci
        | where complete(emploi_ind, 2018, 2022) and emploi_ind@2018 >= 100
        | derive g = growth(emploi_ind, 2018, 2022)
        | agg med = median(g), avg = mean(g), wavg = mean(g, weight = emploi_ind@2018), n = count() by ti1
        """
    static let e4 = """
        from emploi_ind at epci
        | where complete(emploi_ind, 2014, 2022)
        | did ti1 pre 2014..2018 post 2018..2022 on growth(sum(emploi_ind))
        """
    static let e5 = """
        from disparitions, etab_ind at epci
        | where complete(disparitions, 2015, 2022) and complete(etab_ind, 2015, 2022)
        | did ti1 pre 2015..2018 post 2019..2022 on mean_over(ratio(disparitions, etab_ind))
        """
    static let e6 = """
        from ebe, va at epci
        | where complete(ebe, 2018, 2022) and complete(va, 2018, 2022)
        | compare ti1 on change(ratio(ebe, va), 2018, 2022)
        """
    static let e7 = """
        from emploi_ind at epci
        | where region == "Grand Est" and emploi_ind@2018 >= 500
        | derive g = growth(emploi_ind, 2018, 2022)
        | top 10 by g
        | show name, dept, e2018 = emploi_ind@2018, e2022 = emploi_ind@2022, g
        """
    static let e8 = """
        from emploi_ind, ebe, va, revenu_median at epci
        | rollup to ti2 (revenu_median = mean weight pop)
        | derive taux_marge = ebe / va
        | period 2022
        | sort emploi_ind desc
        """
    static let e9 = """
        from etab_ind at ti2
        | where name ~ "vallee arve"
        | derive yoy = yoy(etab_ind), cagr = cagr(etab_ind, 2015, 2023)
        | period 2015..2023
        | show name, etab_ind, yoy, cagr as long
        """
    static let e10 = """
        from emploi_ind at epci
        | where complete(emploi_ind, 2014..2023)
        | agg emp = sum(emploi_ind) by ti1
        | derive idx = index(emp, 2018)
        | period 2014..2023
        | show ti1, idx as wide
        """
    static let e11 = """
        territories at epci
        | where ti2 and not ti1 and type in ("CA", "CC")
        | agg n = count() by region, type
        | sort region
        """
    static let e12 = """
        from projets_soutenus, montant_aides, pop at epci
        | where ti2
        | rollup to region
        | derive projets_10k = projets_soutenus / pop * 10000, aide_hab = montant_aides / pop
        | period 2024
        """
    static let e13 = """
        from creations, disparitions at epci
        | where all(disparitions > creations, 2019..2023)
        | agg n = count() by ti2, region
        """
    static let e14 = """
        lookup "chalon sur saone" at epci limit 5
        """

    static let all = [e1, e2, e3, e4, e5, e6, e7, e8, e9, e10, e11, e12, e13, e14]
}
