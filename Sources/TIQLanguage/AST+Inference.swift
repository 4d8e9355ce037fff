import TIQCore

/// The optional clauses of `compare` and `did` that ask for uncertainty or a model:
/// `with ci 95 draws 2000 seed 7`, `model twfe|event ref 2018`,
/// `matched on (a, b) k 2 caliper 0.5 exact region`, `stratified by region`. All are optional; the parser accepts them
/// in any order, the printer writes them in this order.
public struct InferenceClause: Sendable, Hashable {
    /// `with ci L`: the interval level in percent.
    public var level: Double?
    /// `draws B`: the number of bootstrap and permutation draws.
    public var draws: Int?
    /// `seed S`: the seed of the generator.
    public var seed: Int?
    /// `model twfe` or `model event` (in `did`).
    public var model: Identifier?
    /// `ref P`: the reference period of the event study.
    public var reference: PeriodLiteral?
    /// `matched on (…)` and its options (in `compare`).
    public var matching: MatchingClause?
    /// `stratified by k` (in `compare`): the key whose values are the strata.
    public var strata: Identifier?
    /// The clauses, from the first option word to the last token; nil when none was written.
    public var span: SourceSpan?

    /// Creates a clause.
    public init(level: Double? = nil, draws: Int? = nil, seed: Int? = nil, model: Identifier? = nil,
                reference: PeriodLiteral? = nil, matching: MatchingClause? = nil, strata: Identifier? = nil, span: SourceSpan? = nil) {
        self.level = level
        self.draws = draws
        self.seed = seed
        self.model = model
        self.reference = reference
        self.matching = matching
        self.strata = strata
        self.span = span
    }

    /// Whether nothing was asked.
    public var isEmpty: Bool {
        level == nil && draws == nil && seed == nil && model == nil && reference == nil && matching == nil && strata == nil
    }

    /// Whether a bootstrap or permutation was asked for.
    public var wantsResampling: Bool { level != nil || draws != nil || seed != nil }

    /// The option words that may follow `compare … on e` or `did … on e`.
    public static let words = ["with", "draws", "seed", "model", "ref", "matched", "k", "caliper", "exact", "stratified"]
}

/// `matched on (x, y) k N caliper C exact a`: nearest-neighbour matching on covariates.
public struct MatchingClause: Sendable, Hashable {
    /// The covariates, row-level expressions.
    public var covariates: [Expr]
    /// `k N`: neighbours per treated unit.
    public var neighbours: Int?
    /// `caliper C`: the largest distance, in standard deviations.
    public var caliper: Double?
    /// `exact a`: attributes a match must share.
    public var exact: [Identifier]

    /// Creates a clause.
    public init(covariates: [Expr], neighbours: Int? = nil, caliper: Double? = nil, exact: [Identifier] = []) {
        self.covariates = covariates
        self.neighbours = neighbours
        self.caliper = caliper
        self.exact = exact
    }
}
