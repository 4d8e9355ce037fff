/// Reads the ANCT perimeters of Territoires d'industrie (both phases) from the files of the
/// shared `ti/` directory (see its SOURCES.md):
///
/// - `territoires.csv` (`phase`, `ti_id`, `name`): the TIs and their names;
/// - `members.csv` (`phase`, `ti_id`, `member_kind`, `current_epci_siren`): the member
///   groupings, kept as the attributes `n_members`, `member_kinds` and `member_epcis`;
/// - `commune_membership.csv` (`phase`, `ti_id`, `commune_code`): the communes, which become
///   commune → `ti1`/`ti2` links.
///
/// A TI is keyed by (phase, id): `ti-0101` is one territory in phase 1 and another in phase 2.
/// Every commune must exist in the geography, every TI of a membership row must be listed,
/// and no commune may belong to two TIs of one phase.
public enum TIImporter {
    /// Reads the perimeters in `directory`; communes are numbered as positions in `communeCodes`.
    public static func read(from directory: String, communeCodes: [String]) throws(DataError) -> [TIPerimeter] {
        var communeIndex: [String: Int] = [:]
        for (i, c) in communeCodes.enumerated() { communeIndex[c] = i }

        let territories = try DelimitedText.read(FileIO.join(directory, "territoires.csv"))
        let tp = try territories.column("phase"), ti = try territories.column("ti_id"), tn = try territories.column("name")
        var perimeters: [TIPerimeter] = []
        var position: [String: Int] = [:]  // "phase|id" → index
        for r in territories.records {
            let where_ = "\(territories.path):\(r.line)"
            let phase = try phaseNumber(try territories.field(r, tp), at: where_)
            let id = try territories.field(r, ti)
            let key = "\(phase)|\(id)"
            guard position[key] == nil else {
                throw DataError("TI `\(id)` is listed twice in phase \(phase)", at: where_, fix: "keep one row per (phase, ti_id)")
            }
            position[key] = perimeters.count
            perimeters.append(TIPerimeter(phase: phase, id: id, name: try territories.field(r, tn), communes: [],
                                          memberKinds: [], memberEPCIs: []))
        }

        let members = try DelimitedText.read(FileIO.join(directory, "members.csv"))
        let mp = try members.column("phase"), mi = try members.column("ti_id")
        let mk = try members.column("member_kind"), me = try members.column("current_epci_siren")
        for r in members.records {
            let where_ = "\(members.path):\(r.line)"
            let phase = try phaseNumber(try members.field(r, mp), at: where_)
            let id = try members.field(r, mi)
            guard let p = position["\(phase)|\(id)"] else {
                throw DataError("TI `\(id)` of phase \(phase) is not in territoires.csv", at: where_)
            }
            perimeters[p].memberKinds.append(try members.field(r, mk))
            let siren = try members.field(r, me)
            if !siren.isEmpty, !perimeters[p].memberEPCIs.contains(siren) { perimeters[p].memberEPCIs.append(siren) }
        }

        let membership = try DelimitedText.read(FileIO.join(directory, "commune_membership.csv"))
        let cp = try membership.column("phase"), ci = try membership.column("ti_id"), cc = try membership.column("commune_code")
        var owner: [String: String] = [:]  // "phase|commune" → TI id
        for r in membership.records {
            let where_ = "\(membership.path):\(r.line)"
            let phase = try phaseNumber(try membership.field(r, cp), at: where_)
            let id = try membership.field(r, ci)
            let code = try membership.field(r, cc)
            guard let p = position["\(phase)|\(id)"] else {
                throw DataError("TI `\(id)` of phase \(phase) is not in territoires.csv", at: where_)
            }
            guard let c = communeIndex[code] else {
                throw DataError("commune `\(code)` is not in the geography", at: where_,
                                fix: "restate the perimeter on the geography's COG vintage")
            }
            if let other = owner["\(phase)|\(code)"] {
                throw DataError("commune `\(code)` is in two TIs of phase \(phase): \(other) and \(id)", at: where_,
                                fix: "a commune belongs to at most one TI per phase")
            }
            owner["\(phase)|\(code)"] = id
            perimeters[p].communes.append(c)
        }
        return perimeters
    }

    private static func phaseNumber(_ text: String, at location: String) throws(DataError) -> Int {
        guard let n = Int(text), n == 1 || n == 2 else {
            throw DataError("phase `\(text)` is neither 1 nor 2", at: location)
        }
        return n
    }
}
