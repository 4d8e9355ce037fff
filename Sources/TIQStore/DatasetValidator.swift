import TIQCore

/// Checks a whole dataset (keys, links, catalog, observations) and resolves its keys.
///
/// Runs on datasets read from files (with a source map, so problems point at `file:line:column`)
/// and on datasets built in memory by the demo generator and importers (problems then point at
/// the line the record would have in the written file).
enum DatasetValidator {
    /// Checks `dataset`, recording problems in `collector`; returns the resolved dataset (only
    /// meaningful when the collector stays empty).
    static func validate(_ dataset: Dataset, sources: DatasetSourceMap?,
                         collector: inout DiagnosticCollector) -> ResolvedDataset {
        var resolved = ResolvedDataset()
        checkTerritories(dataset, sources, &resolved, &collector)
        checkLinks(dataset, sources, &resolved, &collector)
        checkIndicators(dataset, sources, &resolved, &collector)
        checkObservations(dataset, sources, &resolved, &collector)
        return resolved
    }

    static func locate(_ s: DatasetSourceMap?, _ f: DatasetFile, _ record: Int, _ field: String) -> SourceLocation {
        DatasetSourceMap.locate(s, f, record: record, field: field)
    }

    // MARK: - Territories

    private static func checkTerritories(_ d: Dataset, _ s: DatasetSourceMap?, _ r: inout ResolvedDataset,
                                         _ c: inout DiagnosticCollector) {
        guard !d.territories.isEmpty else {
            c.error(.noTerritories, "the dataset defines no territory", at: .file(s?.files[.territories]?.path ?? DatasetFile.territories.name),
                    help: "add at least one line `level,code,name` to territories.csv")
            return
        }
        var order: [String: Int] = [:]
        var names: [String] = []
        var counts: [Int] = []
        var firstLevel: [Int] = []
        firstLevel.reserveCapacity(d.territories.count)
        for t in d.territories {
            if let k = order[t.level] { counts[k] += 1; firstLevel.append(k) } else {
                order[t.level] = names.count
                firstLevel.append(names.count)
                names.append(t.level)
                counts.append(1)
            }
        }
        // Finest first: more territories first; ties keep the order of first appearance.
        let sorted = names.indices.sorted { counts[$0] != counts[$1] ? counts[$0] > counts[$1] : $0 < $1 }
        var rank = [Int](repeating: 0, count: names.count)
        for (pos, k) in sorted.enumerated() { rank[k] = pos }
        r.levelNames = sorted.map { names[$0] }
        r.territoryLevel = firstLevel.map { rank[$0] }
        r.territoryByKey.reserveCapacity(d.territories.count)
        for (i, t) in d.territories.enumerated() {
            if !t.level.isTQLIdentifier || t.code.isEmpty {
                c.error(.emptyOrInvalidField, t.code.isEmpty ? "the territory's code is empty" : "level `\(t.level)` is not a valid level name",
                        at: locate(s, .territories, i, t.code.isEmpty ? "code" : "level"),
                        help: "every territory needs a level (a lowercase identifier such as `commune`) and a code")
                continue
            }
            let key = t.key
            if let first = r.territoryByKey[key] {
                let firstLine = locate(s, .territories, first, "code").span?.line ?? first + 2
                c.error(.duplicateTerritory, "territory `\(key)` is defined twice (first on line \(firstLine))",
                        at: locate(s, .territories, i, "code"),
                        help: "keep one line per `level:code`; merge the two lines")
            } else {
                r.territoryByKey[key] = i
            }
        }
        checkPopulations(d, s, &c)
    }

    /// Reports each population cell that is not a number: one bad cell used to turn the whole
    /// `population` attribute into text silently.
    private static func checkPopulations(_ d: Dataset, _ s: DatasetSourceMap?, _ c: inout DiagnosticCollector) {
        guard let k = d.attributeNames.firstIndex(of: "population") else { return }
        for (i, t) in d.territories.enumerated() where k < t.attributes.count && !t.attributes[k].isEmpty {
            guard NumberParser.parse(t.attributes[k]) == nil else { continue }
            c.error(.emptyOrInvalidField, "population `\(t.attributes[k])` of `\(t.key)` is not a number",
                    at: locate(s, .territories, i, "population"),
                    help: "write the population as a number (`1234`), or leave the cell empty when it is unknown")
            if c.isFull { return }
        }
    }

    // MARK: - Links

    private static func checkLinks(_ d: Dataset, _ s: DatasetSourceMap?, _ r: inout ResolvedDataset,
                                   _ c: inout DiagnosticCollector) {
        guard !r.levelNames.isEmpty else { return }
        let levelSet = Set(r.levelNames)
        func resolve(_ key: String, _ i: Int, _ field: String, _ c: inout DiagnosticCollector) -> Int? {
            if let t = r.territoryByKey[key] { return t }      // the common case: one lookup
            guard let colon = key.firstIndex(of: ":") else {
                c.error(.unknownLinkLevel, "`\(key)` is not a `level:code` key", at: locate(s, .links, i, field),
                        help: "write territories as `level:code`, e.g. `commune:01001` or `epci:200069193`")
                return nil
            }
            let level = String(key[..<colon])
            guard levelSet.contains(level) else {
                let hint = EditDistance.suggestions(for: level, among: r.levelNames)
                c.error(.unknownLinkLevel, "level `\(level)` is not defined in territories.csv", at: locate(s, .links, i, field),
                        help: hint.isEmpty ? "use one of the levels: \(r.levelNames.joined(separator: ", "))"
                                           : "did you mean `\(hint[0])`?")
                return nil
            }
            guard let t = r.territoryByKey[key] else {
                c.error(.unknownLinkTerritory, "territory `\(key)` is not defined in territories.csv", at: locate(s, .links, i, field),
                        help: "add it to territories.csv, or fix the code")
                return nil
            }
            return t
        }
        // Σ weight per (child, parent level): dense when small enough, else hashed.
        let nLevels = r.levelNames.count
        let dense = d.territories.count * nLevels <= 1 << 24
        var denseSums = [Double](repeating: 0, count: dense ? d.territories.count * nLevels : 0)
        var sparseSums: [Int: Double] = [:]
        var timed = TimedLinkMerger()
        let badValidity = checkValidity(d, s, &c)
        for (i, link) in d.links.enumerated() {
            let child = resolve(link.child, i, "child", &c)
            let parent = resolve(link.parent, i, "parent", &c)
            guard link.weight.isFinite, link.weight > 0, link.weight <= 1 else {
                c.error(.badWeight, "weight \(link.weight) is outside (0, 1]", at: locate(s, .links, i, "weight"),
                        help: "a weight is the child's share inside the parent: more than 0, at most 1")
                continue
            }
            guard let child, let parent else { continue }
            let cl = r.territoryLevel[child], pl = r.territoryLevel[parent]
            if cl == pl || pl == 0 {
                c.error(.linkDirection, cl == pl ? "`\(link.child)` and `\(link.parent)` are of the same level"
                                                 : "`\(link.parent)` is of the finest level `\(r.levelNames[0])`, which cannot contain territories",
                        at: locate(s, .links, i, "parent"),
                        help: "a link goes from a territory to a territory of a coarser level (commune → epci → dept …)")
                continue
            }
            guard !badValidity.contains(i) else { continue }   // D140/D141, reported by checkValidity
            // A timed link counts once in the perimeter of all time, with its largest weight.
            let added = timed.add(link, child: child, parent: parent, record: i, into: &r)
            let key = child * nLevels + pl
            let total: Double
            if dense {
                denseSums[key] += added
                total = denseSums[key]
            } else {
                total = (sparseSums[key] ?? 0) + added
                sparseSums[key] = total
            }
            if total > 1 + 1e-6 {
                c.error(.weightSum, "the weights of `\(link.child)` inside level `\(r.levelNames[pl])` add up to \(total), above 1",
                        at: locate(s, .links, i, "weight"),
                        help: "a territory's shares across the territories of one level add up to at most 1; fix the weights")
            }
            guard !timed.merged else { continue }
            r.links.append((child, parent, link.weight))
            r.linkRecords.append(i)
        }
        checkCycles(d, s, &r, &c)
        guard !c.hasErrors else { return }
        r.cover = LinkCover(territoryLevel: r.territoryLevel, levelCount: nLevels, links: r.links)
        for e in r.cover.excesses { reportExcess(e, d, s, r, &c) }
        checkEpochCovers(d, s, &r, &c)
    }

    /// Reports a territory whose paths into one level add up to more than 1, at the first link
    /// that starts one of them, naming every such link.
    static func reportExcess(_ e: LinkCover.Excess, _ d: Dataset, _ s: DatasetSourceMap?, _ r: ResolvedDataset,
                                     _ c: inout DiagnosticCollector) {
        guard let first = e.paths.first else { return }
        let key = d.territories[e.territory].key, level = r.levelNames[e.level]
        let file = s?.files[.links]?.path ?? DatasetFile.links.name
        let listed = e.paths.map { p -> String in
            let record = r.linkRecords[p.link]
            let line = locate(s, .links, record, "parent").span?.line ?? record + 2
            return "\(file):\(line) (→ `\(d.links[record].parent)`, \(p.weight) into `\(level)`)"
        }
        c.error(.weightSum, "the weights of `\(key)` inside level `\(level)` add up to \(e.total), above 1, through several paths: \(listed.joined(separator: ", "))",
                at: locate(s, .links, r.linkRecords[first.link], "parent"),
                help: "paths through different levels add up; make them agree (e.g. link the parents to the same `\(level)`), "
                    + "or link `\(key)` directly to its `\(level)` territories: direct links win over paths")
    }

    /// Reports each cycle of the link graph once, at the link that closes it.
    private static func checkCycles(_ d: Dataset, _ s: DatasetSourceMap?, _ r: inout ResolvedDataset,
                                    _ c: inout DiagnosticCollector) {
        let n = d.territories.count
        var offsets = [Int](repeating: 0, count: n + 1)
        for l in r.links { offsets[l.child + 1] += 1 }
        for i in 0..<n { offsets[i + 1] += offsets[i] }
        var fill = offsets
        var targets = [Int](repeating: 0, count: r.links.count)
        var linkOf = [Int](repeating: 0, count: r.links.count)
        for (k, l) in r.links.enumerated() {
            targets[fill[l.child]] = l.parent
            linkOf[fill[l.child]] = k
            fill[l.child] += 1
        }
        // Iterative depth-first search: 0 unseen, 1 on the stack, 2 done.
        var state = [UInt8](repeating: 0, count: n)
        var stack: [(node: Int, next: Int)] = []
        for root in 0..<n where state[root] == 0 && offsets[root] < offsets[root + 1] {
            stack.append((root, offsets[root]))
            state[root] = 1
            while let top = stack.last {
                if top.next == offsets[top.node + 1] {
                    state[top.node] = 2
                    stack.removeLast()
                    continue
                }
                stack[stack.count - 1].next += 1
                let target = targets[top.next]
                if state[target] == 0 {
                    state[target] = 1
                    stack.append((target, offsets[target]))
                } else if state[target] == 1 {
                    let from = stack.firstIndex { $0.node == target } ?? 0
                    let path = (stack[from...].map(\.node) + [target]).map { d.territories[$0].key }
                    let recordIndex = r.linkRecords[linkOf[top.next]]
                    c.error(.cycle, "the links form a cycle: \(path.joined(separator: " → "))",
                            at: locate(s, .links, recordIndex, "parent"),
                            help: "a territory cannot contain itself; remove one of these links")
                }
            }
        }
    }
}
