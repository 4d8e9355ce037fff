import TIQCore

/// Turns a `Snapshot` into the payload of a snapshot file (see `SnapshotFile`).
enum SnapshotEncoder {
    static func encode(_ s: Snapshot) -> [UInt8] {
        var w = SnapshotByteWriter()
        w.reserve(s.columns.values.reduce(0) { $0 + $1.values.count * 8 } + (1 << 20))
        w.string(s.origin)
        w.int(s.indicators.count)
        for ind in s.indicators {
            w.strings([ind.code, ind.name, ind.unit.symbol, ind.source, ind.description, ind.breakdown ?? ""])
            w.int(Int(ind.frequency.rawValue))
            switch ind.aggregate {
            case .sum: w.int(0); w.strings([])
            case .ratio(let n, let d): w.int(1); w.strings([n, d])
            case .mean(let weight): w.int(2); w.strings(weight.map { [$0] } ?? [])
            case .none: w.int(3); w.strings([])
            }
        }
        w.int(s.levels.count)
        for level in s.levels {
            w.string(level.name)
            w.strings(level.codes)
            w.strings(level.names)
            w.int(level.attributes.count)
            for a in level.attributes {
                w.strings([a.name, a.unit.symbol, a.description])
                switch a.column {
                case .text(let codes, let values): w.int(0); w.block(codes); w.strings(values)
                case .number(let values): w.int(1); w.block(values)
                case .flag(let bits): w.int(2); w.int(bits.count); w.block(bits.words)
                case .territory(let l, let rows): w.int(3); w.int(l.raw); w.block(rows)
                }
            }
        }
        let pairs = s.memberships.keys.sorted { ($0.from.raw, $0.to.raw) < ($1.from.raw, $1.to.raw) }
        w.int(pairs.count)
        for pair in pairs {
            guard let m = s.memberships[pair] else { continue }
            w.int(m.from.raw); w.int(m.to.raw)
            w.block(m.parentOffsets); w.block(m.children); w.block(m.weights)
            w.int(m.exact.count); w.block(m.exact.words)
        }
        let keys = s.columns.keys.sorted { ($0.indicator.raw, $0.level.raw) < ($1.indicator.raw, $1.level.raw) }
        w.int(keys.count)
        for key in keys {
            guard let c = s.columns[key] else { continue }
            w.int(c.indicator.raw); w.int(c.level.raw)
            w.int(Int(c.axis.frequency.rawValue)); w.int(Int(c.axis.start)); w.int(c.axis.count)
            w.pageAlignedBlock(c.values, fileOffset: SnapshotFile.headerSize, pageOffset: SnapshotFile.columnPageOffset,
                               page: SnapshotFile.columnPage)
            w.block(c.status.cells); w.block(c.status.statuses.map(\.rawValue))
        }
        encodeBreakdowns(s, &w)
        PerimeterTimelineCodec.encode(s.timeline, into: &w)
        return w.bytes
    }
}

/// Reads a snapshot file's payload back, checking that every index points inside what it
/// indexes, so that a consistent-looking but wrong file cannot crash a later query.
enum SnapshotDecoder {
    typealias Damage = SnapshotByteReader.Damage

    /// Decodes `payload` into snapshot number `id`, copying every column. With
    /// `namesInBackground`, the name index (which needs only the levels) is built on another
    /// thread while the columns are copied, and the first name search waits for it.
    static func decode(_ payload: UnsafeRawBufferPointer, id: Int, namesInBackground: Bool = false) throws(Damage) -> Snapshot {
        var r = SnapshotByteReader(payload)
        let s = try structure(&r)
        let levels = s.levels
        let names = namesInBackground ? BackgroundValue { NameIndex(levels: levels) }
                                      : BackgroundValue(ready: NameIndex(levels: levels))
        let columns = try Self.columns(&r, s)
        let breakdowns = try Self.breakdowns(&r, s, columns: columns)
        let timeline = try PerimeterTimelineCodec.decode(&r, levels: s.levels)
        return Snapshot(levels: s.levels, indicators: s.indicators, columns: columns, memberships: s.memberships,
                        nameSource: names, origin: s.origin, id: id, breakdowns: breakdowns, timeline: timeline)
    }

    /// Everything before the columns.
    struct Structure {
        let origin: String
        let indicators: [IndicatorInfo]
        let levels: [LevelTable]
        let memberships: [LevelPair: Membership]
    }

    /// Reads everything before the columns, leaving `r` at the column count.
    static func structure(_ r: inout SnapshotByteReader) throws(Damage) -> Structure {
        let origin = try r.string("origin")
        var indicators: [IndicatorInfo] = []
        for _ in 0..<(try r.int("catalog")) {
            let t = try r.strings("catalog entry")
            guard t.count == 6 else { throw Damage(what: "catalog entry") }
            guard let frequency = Frequency(rawValue: UInt8(try r.int("frequency", in: 0...255))) else { throw Damage(what: "frequency") }
            let tag = try r.int("aggregate", in: 0...3)
            let parts = try r.strings("aggregate")
            let rule: AggregateRule
            switch (tag, parts.count) {
            case (0, 0): rule = .sum
            case (1, 2): rule = .ratio(numerator: parts[0], denominator: parts[1])
            case (2, 0), (2, 1): rule = .mean(weight: parts.first)
            case (3, 0): rule = .none
            default: throw Damage(what: "aggregate rule of `\(t[0])`")
            }
            indicators.append(IndicatorInfo(code: t[0], name: t[1], unit: Unit(t[2]), aggregate: rule, frequency: frequency,
                                            source: t[3], description: t[4], breakdown: t[5].isEmpty ? nil : t[5]))
        }
        let levelCount = try r.int("levels", in: 0...255)
        var levels: [LevelTable] = []
        var pendingTerritory: [(level: Int, target: Int, rows: [UInt32])] = []
        for l in 0..<levelCount {
            let name = try r.string("level name")
            let codes = try r.strings("codes of level `\(name)`")
            let names = try r.strings("names of level `\(name)`")
            guard names.count == codes.count else { throw Damage(what: "names of level `\(name)`") }
            var attributes: [Attribute] = []
            for _ in 0..<(try r.int("attributes of level `\(name)`")) {
                let t = try r.strings("attribute of level `\(name)`")
                guard t.count == 3 else { throw Damage(what: "attribute of level `\(name)`") }
                let what = "attribute `\(t[0])` of level `\(name)`"
                let column: AttributeColumn
                switch try r.int(what, in: 0...3) {
                case 0:
                    let c: [UInt32] = try r.block(what)
                    let values = try r.strings(what)
                    guard c.count == codes.count, c.allSatisfy({ $0 == .max || Int($0) < values.count }) else { throw Damage(what: what) }
                    column = .text(codes: c, values: values)
                case 1:
                    let v: [Double] = try r.block(what)
                    guard v.count == codes.count else { throw Damage(what: what) }
                    column = .number(v)
                case 2:
                    column = .flag(try bitset(&r, count: codes.count, what))
                default:
                    let target = try r.index(what, below: levelCount)
                    let rows: [UInt32] = try r.block(what)
                    guard rows.count == codes.count else { throw Damage(what: what) }
                    pendingTerritory.append((l, target, rows))
                    column = .territory(level: LevelID(target), rows: rows)
                }
                attributes.append(Attribute(name: t[0], column: column, unit: Unit(t[1]), description: t[2]))
            }
            levels.append(LevelTable(name: name, id: LevelID(l), codes: codes, names: names, attributes: attributes))
        }
        for p in pendingTerritory {
            let n = levels[p.target].count
            guard p.rows.allSatisfy({ $0 == .max || Int($0) < n }) else { throw Damage(what: "territory attribute of level `\(levels[p.level].name)`") }
        }
        var memberships: [LevelPair: Membership] = [:]
        for _ in 0..<(try r.int("memberships")) {
            let from = try r.index("membership", below: levelCount), to = try r.index("membership", below: levelCount)
            let what = "membership \(levels[from].name) → \(levels[to].name)"
            let offsets: [UInt32] = try r.block(what), children: [UInt32] = try r.block(what), weights: [Double] = try r.block(what)
            let exact = try bitset(&r, count: nil, what)
            guard offsets.count == levels[to].count + 1, offsets.first == 0, Int(offsets.last ?? 1) == children.count,
                  zip(offsets, offsets.dropFirst()).allSatisfy({ $0 <= $1 }), weights.count == children.count,
                  children.allSatisfy({ Int($0) < levels[from].count }) else { throw Damage(what: what) }
            memberships[LevelPair(from: LevelID(from), to: LevelID(to))] =
                Membership(from: LevelID(from), to: LevelID(to), parentOffsets: offsets, children: children, weights: weights, exact: exact)
        }
        return Structure(origin: origin, indicators: indicators, levels: levels, memberships: memberships)
    }

    /// Reads the columns, copying their values.
    private static func columns(_ r: inout SnapshotByteReader, _ s: Structure) throws(Damage) -> [ColumnKey: Column] {
        let indicators = s.indicators, levels = s.levels
        var columns: [ColumnKey: Column] = [:]
        for _ in 0..<(try r.int("columns")) {
            let ind = try r.index("column", below: indicators.count), level = try r.index("column", below: levels.count)
            let what = "column `\(indicators[ind].code)` at level `\(levels[level].name)`"
            guard let frequency = Frequency(rawValue: UInt8(try r.int(what, in: 0...255))) else { throw Damage(what: what) }
            let start = try r.int(what, in: Int(Int32.min)...Int(Int32.max)), width = try r.int(what)
            // Every period on the axis must be an Int32 ordinal: `start + i` is Int32 arithmetic
            // in `PeriodAxis`, and an axis running past Int32.max trapped (SIGILL) in `catalog`.
            guard width >= 0, width <= Int(Int32.max) - start + 1 else { throw Damage(what: what) }
            let (offset, count) = try r.skipPageAlignedBlock(what, of: Double.self)
            let values: [Double] = r.values(at: offset, count: count)
            let cells: [UInt32] = try r.block(what), raw: [UInt8] = try r.block(what)
            let statuses = raw.compactMap(ObservationStatus.init(rawValue:))
            guard values.count == levels[level].count * width, statuses.count == cells.count,
                  zip(cells, cells.dropFirst()).allSatisfy({ $0 < $1 }), cells.last.map({ Int($0) < values.count }) ?? true
            else { throw Damage(what: what) }
            let key = ColumnKey(indicator: IndicatorID(ind), level: LevelID(level))
            columns[key] = Column(indicator: key.indicator, level: key.level,
                                  axis: PeriodAxis(frequency: frequency, start: Int32(start), count: width), values: values,
                                  status: cells.isEmpty ? .empty : StatusStore(cells: cells, statuses: statuses))
        }
        return columns
    }

    private static func bitset(_ r: inout SnapshotByteReader, count expected: Int?, _ what: String) throws(Damage) -> Bitset {
        let count = try r.int(what)
        let words: [UInt64] = try r.block(what)
        guard expected == nil || expected == count, words.count == (count + 63) / 64 else { throw Damage(what: what) }
        var b = Bitset(count: count)
        for (i, w) in words.enumerated() {
            var bits = w
            while bits != 0 {
                let k = i * 64 + bits.trailingZeroBitCount
                if k < count { b.insert(k) }
                bits &= bits - 1
            }
        }
        return b
    }
}
