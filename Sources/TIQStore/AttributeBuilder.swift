import TIQCore

/// Builds the attributes of each level: those given in `territories.csv`, the population of
/// grouping levels, and the attributes derived from how levels overlap (`G`, `G_share`,
/// `G_name`, `G_code`, `G_count`, `new_ti2`).
struct AttributeBuilder {
    let dataset: Dataset
    let layout: LevelLayout
    let deriver: MembershipDeriver
    let cover: BaseCover

    /// Share of base territories a grouping level must cover to be a partition (`G` is then a
    /// territory attribute); below it, `G` is a flag with `G_name`, `G_code` and `G_count`.
    static let fullCoverage = 0.99

    /// The file's attribute column `k` for level `l`: a number when every non-empty value is
    /// one (codes with a leading zero such as `01` stay text), else dictionary-encoded text;
    /// nil when the level has no value at all.
    func fileAttribute(_ k: Int, level l: Int) -> Attribute? {
        let name = dataset.attributeNames[k]
        let values = layout.records[l].map { i in k < dataset.territories[i].attributes.count ? dataset.territories[i].attributes[k] : "" }
        guard values.contains(where: { !$0.isEmpty }) else { return nil }
        var numbers: [Double] = []
        numbers.reserveCapacity(values.count)
        for v in values {
            if v.isEmpty { numbers.append(.nan); continue }
            let u = v.utf8
            let leadingZero = u.count > 1 && u.first == UInt8(ascii: "0") && u.dropFirst().first.map { $0 >= 48 && $0 <= 57 } == true
            guard !leadingZero, let x = NumberParser.parse(v) else { numbers = []; break }
            numbers.append(x)
        }
        let unit: Unit = name == "population" ? Unit("hab") : .none
        if numbers.count == values.count {
            return Attribute(name: name, column: .number(numbers), unit: unit, description: "given in territories.csv")
        }
        return Attribute(name: name, column: Self.text(values), unit: .text, description: "given in territories.csv")
    }

    /// Dictionary-encodes `values`; the empty string is no value.
    static func text(_ values: [String?]) -> AttributeColumn {
        var dictionary: [String: UInt32] = [:]
        var strings: [String] = []
        let codes = values.map { v -> UInt32 in
            guard let v, !v.isEmpty else { return .max }
            if let c = dictionary[v] { return c }
            let c = UInt32(strings.count)
            dictionary[v] = c
            strings.append(v)
            return c
        }
        return .text(codes: codes, values: strings)
    }

    /// The population of each territory of a non-base level: its communes' populations, weighted.
    func population(level l: Int) -> Attribute {
        let values = (0..<layout.count(l)).map { a in deriver.hasPopulation[l][a] ? deriver.populationTotal[l][a] : .nan }
        return Attribute(name: "population", column: .number(values), unit: Unit("hab"),
                         description: "sum of the populations of its communes, weighted by membership")
    }

    /// Whether level `g` covers (nearly) every base territory: a partition such as `dept`,
    /// whose territory is an attribute of finer levels; else a grouping such as a TI phase,
    /// which every other level gets as a flag, a share and a count.
    func isPartition(_ g: Int) -> Bool {
        Double(cover.coveredBaseCount(g)) / Double(max(1, cover.baseCount)) >= Self.fullCoverage
    }

    /// Whether level `l` gets attributes derived from level `g`: every partition coarser than
    /// it (fewer territories), every grouping but itself, whatever the levels' order.
    func derives(level l: Int, from g: Int) -> Bool {
        g != l && (!isPartition(g) || layout.count(g) < layout.count(l))
    }

    /// The attributes that level `l` derives from how it overlaps level `g` (`o`), all computed
    /// from the populations of the base territories.
    func derived(level l: Int, group g: Int, overlap o: LevelOverlap) -> [Attribute] {
        let n = layout.count(l)
        let gName = layout.names[g]
        let share = o.share, best = o.best
        var out: [Attribute] = []
        let partition = isPartition(g)
        if partition {
            out.append(Attribute(name: gName, column: .territory(level: LevelID(g), rows: best),
                                 description: "the \(gName) holding the largest share of its population"))
        } else {
            let flag = Bitset(count: n, rows: (0..<n).filter { share[$0] >= 0.5 })
            out.append(Attribute(name: gName, column: .flag(flag), unit: .boolean,
                                 description: "at least half of its population lives in some \(gName)"))
        }
        out.append(Attribute(name: gName + "_share", column: .number(share),
                             description: "share of its population living in some \(gName), in 0…1"))
        if !partition {
            let groupRecords = layout.records[g]
            let names = (0..<n).map { a -> String? in
                share[a] >= 0.5 && best[a] != .max ? dataset.territories[groupRecords[Int(best[a])]].name : nil
            }
            let codes = (0..<n).map { a -> String? in
                share[a] >= 0.5 && best[a] != .max ? dataset.territories[groupRecords[Int(best[a])]].code : nil
            }
            out.append(Attribute(name: gName + "_name", column: Self.text(names), unit: .text,
                                 description: "name of its \(gName) (the one holding the largest share), when it belongs to one"))
            out.append(Attribute(name: gName + "_code", column: Self.text(codes), unit: .text,
                                 description: "code of its \(gName) (the one holding the largest share), when it belongs to one"))
            out.append(Attribute(name: gName + "_count", column: .number(o.count.map(Double.init)),
                                 description: "how many \(gName) territories hold part of its population"))
        }
        return out
    }

    /// `new_ti2` (in phase 2 and not in phase 1) from the `ti1_share` and `ti2_share` attributes, when both exist.
    static func newTI2(_ attributes: [Attribute]) -> Attribute? {
        func share(_ name: String) -> [Double]? {
            for a in attributes where a.name == name { if case .number(let v) = a.column { return v } }
            return nil
        }
        guard let s1 = share("ti1_share"), let s2 = share("ti2_share"), s1.count == s2.count else { return nil }
        let flag = Bitset(count: s1.count, rows: s1.indices.filter { s2[$0] >= 0.5 && !(s1[$0] >= 0.5) })
        return Attribute(name: "new_ti2", column: .flag(flag), unit: .boolean, description: "in a phase-2 TI and not in a phase-1 TI")
    }
}
