import TIQStore

extension Geography {
    /// The attribute columns every tiq dataset written by TIQData carries, in order.
    public static let standardAttributes = ["population", "type"]

    /// Adds the territories (communes, EPCI, départements, régions, France) and the links
    /// commune → epci, commune → dept, dept → region and region → france to `dataset`.
    ///
    /// Attributes: `population` on communes (and on EPCI, départements, régions and France as
    /// the sum over communes with a known population), `type` on EPCI. Attribute columns the
    /// dataset lacks are added; territories already in the dataset get empty values for them.
    public func appendTerritoriesAndLinks(to dataset: inout Dataset) {
        let pop = dataset.ensureAttribute("population")
        let type = dataset.ensureAttribute("type")
        let width = dataset.attributeNames.count
        func record(_ level: String, _ code: String, _ name: String, _ values: [Int: String]) -> TerritoryRecord {
            var attrs = [String](repeating: "", count: width)
            for (i, v) in values { attrs[i] = v }
            return TerritoryRecord(level: level, code: code, name: name, attributes: attrs)
        }
        var epciPop = [Int](repeating: 0, count: epcis.count)
        var deptPop: [String: Int] = [:]
        for c in communes {
            guard let n = c.population else { continue }
            if let e = c.epci { epciPop[e] += n }
            deptPop[c.departement, default: 0] += n
        }
        var regionPop: [String: Int] = [:]
        for d in departements { regionPop[d.region, default: 0] += deptPop[d.code] ?? 0 }
        let francePop = regionPop.values.reduce(0, +)

        dataset.territories.reserveCapacity(dataset.territories.count + communes.count + epcis.count + 130)
        dataset.links.reserveCapacity(dataset.links.count + 2 * communes.count + 130)
        for c in communes {
            dataset.territories.append(record("commune", c.code, c.name, [pop: c.population.map(String.init) ?? ""]))
        }
        for (i, e) in epcis.enumerated() {
            dataset.territories.append(record("epci", e.siren, e.name, [pop: String(epciPop[i]), type: e.type]))
        }
        for d in departements {
            dataset.territories.append(record("dept", d.code, d.name, [pop: String(deptPop[d.code] ?? 0)]))
        }
        for r in regions {
            dataset.territories.append(record("region", r.code, r.name, [pop: String(regionPop[r.code] ?? 0)]))
        }
        dataset.territories.append(record("france", Geography.franceCode, "France", [pop: String(francePop)]))

        for c in communes {
            let key = "commune:" + c.code
            if let e = c.epci { dataset.links.append(LinkRecord(child: key, parent: "epci:" + epcis[e].siren)) }
            dataset.links.append(LinkRecord(child: key, parent: "dept:" + c.departement))
        }
        for d in departements {
            dataset.links.append(LinkRecord(child: "dept:" + d.code, parent: "region:" + d.region))
        }
        for r in regions {
            dataset.links.append(LinkRecord(child: "region:" + r.code, parent: "france:" + Geography.franceCode))
        }
    }

    /// A dataset holding only this geography.
    public func dataset() -> Dataset {
        var d = Dataset()
        appendTerritoriesAndLinks(to: &d)
        return d
    }
}

extension Dataset {
    /// The position of attribute column `name`, adding it (empty for existing territories) if missing.
    @discardableResult
    public mutating func ensureAttribute(_ name: String) -> Int {
        if let i = attributeNames.firstIndex(of: name) { return i }
        attributeNames.append(name)
        for i in territories.indices { territories[i].attributes.append("") }
        return attributeNames.count - 1
    }
}
