import TIQCore
import TIQStore

/// An independent reading of a `Dataset`: plain dictionaries and loops over its rows, sharing
/// no code with the store or the engine, so that query answers can be checked against it.
struct BruteForce {
    /// `level:code` → attribute name → value, from the territory records.
    var attributes: [String: [String: String]] = [:]
    /// `level:code` → name.
    var names: [String: String] = [:]
    /// Level → codes.
    var codes: [String: [String]] = [:]
    /// child key → (parent key, weight), as written in links.
    var parents: [String: [(key: String, weight: Double)]] = [:]
    /// child key → the levels it links to directly.
    var directLevels: [String: Set<String>] = [:]
    /// "child→parent" → the years the link holds (`from`, `to`; nil: open), for links with a validity.
    var validity: [String: (from: Int?, to: Int?)] = [:]
    /// indicator → commune key → year → value (absent cells are not stored).
    var values: [String: [String: [Int: Double]]] = [:]
    /// indicator → key of a territory above the communes → year → its published value (rows of
    /// observations at other levels; absent cells are not stored).
    var published: [String: [String: [Int: Double]]] = [:]
    /// indicator → commune key → years whose cell is `na` (not applicable: skipped by sums).
    var notApplicable: [String: [String: Set<Int>]] = [:]

    init(_ d: Dataset) {
        for t in d.territories {
            let key = "\(t.level):\(t.code)"
            names[key] = t.name
            codes[t.level, default: []].append(t.code)
            var attrs: [String: String] = [:]
            for (i, a) in d.attributeNames.enumerated() where i < t.attributes.count && !t.attributes[i].isEmpty { attrs[a] = t.attributes[i] }
            attributes[key] = attrs
        }
        for l in d.links {
            parents[l.child, default: []].append((l.parent, l.weight))
            directLevels[l.child, default: []].insert(String(l.parent.prefix { $0 != ":" }))
            if l.from != nil || l.to != nil { validity[l.child + "→" + l.parent] = (l.from.map { Int($0.year) }, l.to.map { Int($0.year) }) }
        }
        let o = d.observations
        for i in 0..<o.count where o.values[i].isNaN && o.statuses[i] == .notApplicable {
            notApplicable[o.indicatorCodes[Int(o.indicators[i])], default: [:]][o.territoryKeys[Int(o.territories[i])], default: []].insert(Int(o.periods[i].year))
        }
        for i in 0..<o.count where !o.values[i].isNaN {
            let key = o.territoryKeys[Int(o.territories[i])], code = o.indicatorCodes[Int(o.indicators[i])]
            if key.hasPrefix("commune:") {
                values[code, default: [:]][key, default: [:]][Int(o.periods[i].year)] = o.values[i]
            } else {
                published[code, default: [:]][key, default: [:]][Int(o.periods[i].year)] = o.values[i]
            }
        }
    }

    /// The communes of the dataset.
    var communes: [String] { (codes["commune"] ?? []).map { "commune:\($0)" } }

    func population(_ commune: String) -> Double { Double(attributes[commune]?["population"] ?? "") ?? 0 }

    /// The parent of `key` at `level` by protocol.md's membership rule, enumerated path by path:
    /// a path of links counts unless it reaches a level that a territory two or more steps
    /// earlier on it links to directly (so direct links win); weights multiply along a path and
    /// add across paths; the parent with the largest weight (ties: the smallest key).
    func parent(_ key: String, at level: String) -> String? {
        weights(key, at: level).max { $0.value != $1.value ? $0.value < $1.value : $0.key > $1.key }?.key
    }

    /// The weights of `key` in the territories of `level`, path by path as `parent` reads them.
    func weights(_ key: String, at level: String) -> [String: Double] {
        func levelOf(_ k: String) -> String { String(k.prefix { $0 != ":" }) }
        var weight: [String: Double] = [:]
        func walk(_ path: [String], _ w: Double) {
            for (p, pw) in parents[path.last!] ?? [] {
                if (0..<max(0, path.count - 1)).contains(where: { directLevels[path[$0]]?.contains(levelOf(p)) == true }) { continue }
                if levelOf(p) == level { weight[p, default: 0] += w * pw }
                walk(path + [p], w * pw)
            }
        }
        walk([key], 1)
        return weight
    }

    /// Communes grouped by their parent at `level`.
    func members(of level: String) -> [String: [String]] {
        var m: [String: [String]] = [:]
        for c in communes { if let p = parent(c, at: level) { m[p, default: []].append(c) } }
        return m
    }

    /// The strict sum of `indicator` over `communes` in `year`: nil if any is absent, except
    /// cells marked `na` (not applicable), which add nothing.
    func strictSum(_ indicator: String, _ communes: [String], _ year: Int) -> Double? {
        var s = 0.0
        for c in communes {
            if let v = values[indicator]?[c]?[year] { s += v; continue }
            if notApplicable[indicator]?[c]?.contains(year) == true { continue }
            return nil
        }
        return s
    }

    /// What `from indicator at <level of key>` answers for `key`: its published value when there
    /// is one, else the strict sum over its communes.
    func publishedOrSum(_ indicator: String, _ key: String, _ communes: [String], _ year: Int) -> Double? {
        published[indicator]?[key]?[year] ?? strictSum(indicator, communes, year)
    }

    /// Whether the population share of `communes` inside some territory of `level` is at least one half.
    func flag(_ communes: [String], _ level: String) -> Bool {
        let total = communes.reduce(0) { $0 + population($1) }
        let inside = communes.filter { parent($0, at: level) != nil }.reduce(0) { $0 + population($1) }
        if total == 0 { return 2 * communes.filter { parent($0, at: level) != nil }.count >= communes.count && !communes.isEmpty }
        return inside * 2 >= total
    }

    /// The parent at `level` holding the largest population share of `communes`.
    func mainParent(_ communes: [String], _ level: String) -> String? {
        var pop: [String: Double] = [:]
        for c in communes { if let p = parent(c, at: level) { pop[p, default: 0] += max(population(c), 0) } }
        return pop.max { $0.value < $1.value || ($0.value == $1.value && $0.key > $1.key) }?.key
    }
}
