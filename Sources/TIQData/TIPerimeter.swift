import TIQStore

/// One Territoire d'industrie of one phase: its id, name and communes.
///
/// Real perimeters come from `TIImporter`, synthetic ones from `SyntheticTerritories`; both
/// become level `ti1` or `ti2` territories with commune-level links.
public struct TIPerimeter: Sendable, Equatable {
    /// The programme phase: 1 (2018-2022) or 2 (2023-2027).
    public var phase: Int
    /// The ANCT id `ti-RRNN`, unique within a phase only.
    public var id: String
    /// The name.
    public var name: String
    /// The communes, as positions in the geography's `communes` (or in the list of commune codes
    /// the perimeters were read against).
    public var communes: [Int]
    /// The member groupings, `KIND` (`EPCI`, `COMMUNE`, `EPT`, …) per member.
    public var memberKinds: [String]
    /// The SIRENs of the current EPCIs holding the members, in order, without repeats.
    public var memberEPCIs: [String]

    /// Creates a perimeter.
    public init(phase: Int, id: String, name: String, communes: [Int], memberKinds: [String], memberEPCIs: [String]) {
        self.phase = phase
        self.id = id
        self.name = name
        self.communes = communes
        self.memberKinds = memberKinds
        self.memberEPCIs = memberEPCIs
    }

    /// The level name of a phase: `ti1`, `ti2`.
    public static func level(phase: Int) -> String { "ti\(phase)" }

    /// Attribute columns the TI levels carry.
    public static let attributes = ["n_members", "member_kinds", "member_epcis"]

    /// Adds the perimeters as territories of levels `ti1`/`ti2` (inserted before the
    /// `dept` territories, so levels stay listed finest first) and links every commune to its TI.
    ///
    /// Attributes: `n_members` (groupings listed), `member_kinds` (distinct kinds joined by
    /// `+`, e.g. `COMMUNE+EPCI` when the TI takes only some communes of an EPCI) and
    /// `member_epcis` (space-separated SIRENs of the EPCIs concerned).
    public static func append(_ perimeters: [TIPerimeter], geography: Geography, to dataset: inout Dataset) {
        append(perimeters, communeCodes: geography.communes.map(\.code), to: &dataset)
    }

    /// Same as `append(_:geography:to:)`, with communes numbered as positions in `communeCodes`.
    public static func append(_ perimeters: [TIPerimeter], communeCodes: [String], to dataset: inout Dataset) {
        let columns = attributes.map { dataset.ensureAttribute($0) }
        let width = dataset.attributeNames.count
        var records: [TerritoryRecord] = []
        for p in perimeters.sorted(by: { ($0.phase, $0.id) < ($1.phase, $1.id) }) {
            var attrs = [String](repeating: "", count: width)
            attrs[columns[0]] = String(p.memberKinds.count)
            attrs[columns[1]] = Set(p.memberKinds).sorted().joined(separator: "+")
            attrs[columns[2]] = p.memberEPCIs.joined(separator: " ")
            records.append(TerritoryRecord(level: level(phase: p.phase), code: p.id, name: p.name, attributes: attrs))
            let parent = level(phase: p.phase) + ":" + p.id
            for c in p.communes where c >= 0 && c < communeCodes.count {
                dataset.links.append(LinkRecord(child: "commune:" + communeCodes[c], parent: parent))
            }
        }
        let at = dataset.territories.firstIndex { $0.level == "dept" } ?? dataset.territories.endIndex
        dataset.territories.insert(contentsOf: records, at: at)
    }
}
