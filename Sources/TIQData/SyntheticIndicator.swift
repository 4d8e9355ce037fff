import TIQStore

/// An indicator the synthetic generator can produce: one of the named demo indicators, or a
/// generic additive count `ind_NN`.
public enum SyntheticIndicator: Sendable, Hashable {
    /// A named demo indicator.
    case named(Named)
    /// A generic count, `ind_07`, `ind_08`, …: the number is its position in the generator's list.
    case generic(Int)

    /// The named demo indicators, in catalog order.
    public enum Named: String, Sendable, CaseIterable {
        /// Industrial jobs, a stock.
        case emploi_ind
        /// Industrial establishments, a stock.
        case etab_ind
        /// Firm creations, a flow.
        case creations
        /// Firm closures, a flow.
        case disparitions
        /// Industrial investment, EUR.
        case invest_ind
        /// Supported projects, a flow.
        case projets_soutenus
        /// Support amounts, EUR.
        case montant_aides
        /// Gross operating surplus, EUR.
        case ebe
        /// Value added, EUR.
        case va
        /// Margin rate ebe / va, a ratio.
        case taux_marge
        /// Population.
        case pop
    }

    /// Every indicator of the embedded demo.
    public static let demo: [SyntheticIndicator] = Named.allCases.map { .named($0) }

    /// The named indicators `tiq generate` starts its list with; further ones are `ind_07`, ….
    public static let generatorCore: [Named] = [.emploi_ind, .etab_ind, .creations, .disparitions, .ebe, .va]

    /// The first `count` indicators of `tiq generate`: the six core named ones, then `ind_07`, `ind_08`, ….
    public static func generatorList(count: Int) -> [SyntheticIndicator] {
        (0..<max(0, count)).map { i in i < generatorCore.count ? .named(generatorCore[i]) : .generic(i + 1) }
    }

    /// The code used in queries.
    public var code: String {
        switch self {
        case .named(let n): n.rawValue
        case .generic(let i): i < 10 ? "ind_0\(i)" : "ind_\(i)"
        }
    }

    /// The catalog row of this indicator; `source` names the generator and the seed.
    public func record(seed: UInt64) -> IndicatorRecord {
        let source = "synthetic (tiq demo generator, seed \(seed)) — not real figures"
        func row(_ name: String, _ unit: String, _ aggregate: String, _ description: String) -> IndicatorRecord {
            IndicatorRecord(code: code, name: name, unit: unit, aggregate: aggregate, frequency: "A",
                            source: source, description: description)
        }
        switch self {
        case .generic(let i):
            return row("Indicateur synthétique \(i)", "count", "sum", "A generic additive count, for benchmarks.")
        case .named(let n):
            switch n {
            case .emploi_ind:
                return row("Emploi salarié industriel", "jobs", "sum", "Industrial payroll jobs at 31 December (stock); about 5-15 % of the population.")
            case .etab_ind:
                return row("Établissements industriels", "establishments", "sum", "Industrial establishments with employees at 31 December (stock).")
            case .creations:
                return row("Créations d'entreprises", "firms", "sum", "Firm creations during the year (flow).")
            case .disparitions:
                return row("Disparitions d'entreprises", "firms", "sum", "Firm closures during the year (flow).")
            case .invest_ind:
                return row("Investissement industriel", "EUR", "sum", "Industrial investment during the year (flow).")
            case .projets_soutenus:
                return row("Projets soutenus", "projects", "sum", "Industrial projects receiving public support during the year (flow).")
            case .montant_aides:
                return row("Montant des aides", "EUR", "sum", "Public support granted to industrial projects during the year (flow).")
            case .ebe:
                return row("Excédent brut d'exploitation", "EUR", "sum", "Gross operating surplus of industrial firms.")
            case .va:
                return row("Valeur ajoutée", "EUR", "sum", "Value added of industrial firms.")
            case .taux_marge:
                return row("Taux de marge", "%", "ratio(ebe,va)", "Margin rate: gross operating surplus over value added; aggregate as ratio(ebe, va).")
            case .pop:
                return row("Population", "hab", "sum", "Resident population, drifting from the 2017 legal population.")
            }
        }
    }
}
