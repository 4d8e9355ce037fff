/// The French administrative geography on one vintage: régions, départements, EPCI and
/// communes, with the commune → EPCI and commune → département functions.
///
/// Built from the INSEE reference files (`GeoImporter`) or from the compact text embedded in
/// the binary (`Geography.embedded`); turned into dataset territories and links by
/// `appendTerritoriesAndLinks(to:)`.
public struct Geography: Sendable, Equatable {
    /// A région.
    public struct Region: Sendable, Equatable {
        /// INSEE code, `44`.
        public var code: String
        /// Name, `Grand Est`.
        public var name: String
    }

    /// A département.
    public struct Departement: Sendable, Equatable {
        /// INSEE code, `01`, `2A`, `971`.
        public var code: String
        /// Name.
        public var name: String
        /// The code of its région.
        public var region: String
    }

    /// An EPCI à fiscalité propre.
    public struct EPCI: Sendable, Equatable {
        /// SIREN, 9 digits.
        public var siren: String
        /// Name.
        public var name: String
        /// Legal form: `CC`, `CA`, `CU`, `ME`.
        public var type: String
    }

    /// A commune.
    public struct Commune: Sendable, Equatable {
        /// INSEE code, `01001`, `2A004`.
        public var code: String
        /// Name.
        public var name: String
        /// The code of its département.
        public var departement: String
        /// The position of its EPCI in `Geography.epcis`, nil for the few communes outside any EPCI.
        public var epci: Int?
        /// Population municipale (2017 vintage in the shipped data), nil when unknown.
        public var population: Int?
    }

    /// Régions, in file order.
    public var regions: [Region] = []
    /// Départements, in file order.
    public var departements: [Departement] = []
    /// EPCI, in file order; communes refer to them by position.
    public var epcis: [EPCI] = []
    /// Communes, in file order.
    public var communes: [Commune] = []

    /// An empty geography.
    public init() {}

    /// The position of each région code.
    public var regionIndex: [String: Int] {
        Dictionary(regions.enumerated().map { ($1.code, $0) }, uniquingKeysWith: { a, _ in a })
    }

    /// The position of each département code.
    public var departementIndex: [String: Int] {
        Dictionary(departements.enumerated().map { ($1.code, $0) }, uniquingKeysWith: { a, _ in a })
    }

    /// The position of each EPCI SIREN.
    public var epciIndex: [String: Int] {
        Dictionary(epcis.enumerated().map { ($1.siren, $0) }, uniquingKeysWith: { a, _ in a })
    }

    /// The position of each commune code.
    public var communeIndex: [String: Int] {
        Dictionary(communes.enumerated().map { ($1.code, $0) }, uniquingKeysWith: { a, _ in a })
    }

    /// The population of each EPCI: the sum over its communes with a known population.
    public var epciPopulations: [Int] {
        var p = [Int](repeating: 0, count: epcis.count)
        for c in communes { if let e = c.epci, let n = c.population { p[e] += n } }
        return p
    }

    /// The single territory of level `france`.
    public static let franceCode = "FR"
}
