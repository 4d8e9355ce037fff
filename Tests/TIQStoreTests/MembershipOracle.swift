import TIQStore

/// A brute-force reading of the membership rule of protocol.md ("links.csv"), over the records
/// of a `Dataset` with string keys and dictionaries, sharing no code with the store:
///
/// - every path of links from a territory is enumerated; a path counts unless a node on it is at
///   a level that a node two or more steps earlier links to directly;
/// - w(a, b) = Σ over communes of pop × overlap / pop(a), where the overlap of a commune is
///   min(wa, wb), scaled by wa / Σ_b min(wa, wb) when that sum exceeds wa.
struct MembershipOracle {
    /// Level names, finest (most territories) first, ties in order of first appearance.
    let levels: [String]
    /// Level → codes sorted as the store sorts rows (by UTF-8 bytes).
    let codes: [String: [String]]
    /// `level:code` → name.
    let names: [String: String]
    /// Base commune key → population (nil when unknown).
    let population: [String: Double?]
    /// Base commune key → (`level:code` of another territory → weight).
    let cover: [String: [String: Double]]

    init(_ d: Dataset) {
        var counts: [String: Int] = [:], order: [String] = []
        var codes: [String: [String]] = [:], names: [String: String] = [:]
        for t in d.territories {
            if counts[t.level] == nil { order.append(t.level) }
            counts[t.level, default: 0] += 1
            codes[t.level, default: []].append(t.code)
            names["\(t.level):\(t.code)"] = t.name
        }
        let levels = order.enumerated().sorted { a, b in
            counts[a.element]! != counts[b.element]! ? counts[a.element]! > counts[b.element]! : a.offset < b.offset
        }.map(\.element)
        self.levels = levels
        self.codes = codes.mapValues { $0.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) } }
        self.names = names
        var parents: [String: [(String, Double)]] = [:]
        for l in d.links { parents[l.child, default: []].append((l.parent, l.weight)) }
        func level(_ key: String) -> String { String(key[..<key.firstIndex(of: ":")!]) }
        func direct(_ key: String) -> Set<String> { Set((parents[key] ?? []).map { level($0.0) }) }
        let popColumn = d.attributeNames.firstIndex(of: "population")
        var population: [String: Double?] = [:], cover: [String: [String: Double]] = [:]
        for t in d.territories where t.level == levels[0] {
            let key = "\(t.level):\(t.code)"
            let text = popColumn.flatMap { $0 < t.attributes.count ? t.attributes[$0] : nil } ?? ""
            population[key] = Double(text).flatMap { $0 >= 0 ? $0 : nil }
            var out: [String: Double] = [:]
            func walk(_ path: [String], _ w: Double) {
                for (p, pw) in parents[path.last!] ?? [] {
                    let j = path.count   // index of p in the extended path
                    if (0..<max(0, j - 1)).contains(where: { direct(path[$0]).contains(level(p)) }) { continue }
                    out[p, default: 0] += w * pw
                    walk(path + [p], w * pw)
                }
            }
            walk([key], 1)
            cover[key] = out
        }
        self.population = population
        self.cover = cover
    }

    var base: String { levels[0] }
    var communes: [String] { codes[base]!.map { "\(base):\($0)" } }

    /// The weights of commune `c` in the territories of `level`.
    func weights(_ c: String, in level: String) -> [String: Double] {
        if level == base { return [c: 1] }
        return (cover[c] ?? [:]).filter { $0.key.hasPrefix(level + ":") }
    }

    /// Whether `level` holds at least 99 % of the communes.
    func isPartition(_ level: String) -> Bool {
        Double(communes.filter { !weights($0, in: level).isEmpty }.count) / Double(communes.count) >= 0.99
    }

    /// For each territory of `from` (by code): its weight in each territory of `to`, and its share in `to`.
    func overlap(from: String, to: String) -> [String: (weights: [String: Double], share: Double)] {
        var pop: [String: Double] = [:], known: [String: Bool] = [:], count: [String: Double] = [:]
        var popIn: [String: [String: Double]] = [:], countIn: [String: [String: Double]] = [:]
        var popInside: [String: Double] = [:], countInside: [String: Double] = [:]
        for c in communes {
            let p = population[c] ?? nil
            let parts = weights(c, in: to)
            for (a, wa) in weights(c, in: from) {
                count[a, default: 0] += wa
                if let p { pop[a, default: 0] += p * wa; known[a] = true }
                let raw = parts.mapValues { min(wa, $0) }
                let sum = raw.values.reduce(0, +)
                let scale = sum > wa ? wa / sum : 1
                for (b, r) in raw {
                    countIn[a, default: [:]][b, default: 0] += r * scale
                    if let p { popIn[a, default: [:]][b, default: 0] += p * r * scale }
                }
                countInside[a, default: 0] += sum * scale
                if let p { popInside[a, default: 0] += p * (sum * scale) }
            }
        }
        var out: [String: (weights: [String: Double], share: Double)] = [:]
        for a in count.keys {
            let byPop = known[a] == true && pop[a]! > 0
            let whole = byPop ? pop[a]! : count[a]!
            guard whole > 0 else { continue }
            let parts = (byPop ? popIn[a] : countIn[a]) ?? [:]
            out[String(a.dropFirst(from.count + 1))] = (parts.mapValues { $0 / whole }.filter { $0.value > 1e-12 },
                                                        min(1, ((byPop ? popInside[a] : countInside[a]) ?? 0) / whole))
        }
        return out
    }

    /// Whether level `l` gets attributes from level `g`.
    func derives(_ l: String, from g: String) -> Bool {
        g != l && (!isPartition(g) || codes[g]!.count < codes[l]!.count)
    }
}
