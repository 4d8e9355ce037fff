import TIQCore

/// The breakdown section of a snapshot file (format version 4, issue 16): after the columns,
/// each broken-down (indicator, level) with its codes, CSR offsets, cells, values (tagged
/// Float32 or Float64) and flagged statuses.
extension SnapshotEncoder {
    static func encodeBreakdowns(_ s: Snapshot, _ w: inout SnapshotByteWriter) {
        let keys = s.breakdowns.keys.sorted { ($0.indicator.raw, $0.level.raw) < ($1.indicator.raw, $1.level.raw) }
        w.int(keys.count)
        for key in keys {
            guard let b = s.breakdowns[key] else { continue }
            w.int(key.indicator.raw); w.int(key.level.raw)
            w.strings(b.codes)
            w.block(b.offsets); w.block(b.cells)
            switch b.values {
            case .float(let v): w.int(0); w.block(v)
            case .double(let v): w.int(1); w.block(v)
            }
            w.block(b.status.cells); w.block(b.status.statuses.map(\.rawValue))
        }
    }
}

extension SnapshotDecoder {
    /// Reads the breakdown section, checking every offset and cell against the total column it
    /// belongs to, and what the store's readers rely on: each (indicator, level) once, codes
    /// sorted without repeats, cells increasing within each code, values finite or absent (NaN).
    static func breakdowns(_ r: inout SnapshotByteReader, _ s: Structure,
                           columns: [ColumnKey: Column]) throws(Damage) -> [ColumnKey: BreakdownColumn] {
        var out: [ColumnKey: BreakdownColumn] = [:]
        for _ in 0..<(try r.int("breakdowns")) {
            let ind = try r.index("breakdown", below: s.indicators.count), level = try r.index("breakdown", below: s.levels.count)
            let key = ColumnKey(indicator: IndicatorID(ind), level: LevelID(level))
            let what = "breakdown of `\(s.indicators[ind].code)` at level `\(s.levels[level].name)`"
            guard let total = columns[key], out[key] == nil else { throw Damage(what: what) }
            let codes = try r.strings(what)
            let offsets: [UInt32] = try r.block(what), cells: [UInt32] = try r.block(what)
            let values: BreakdownColumn.Values
            switch try r.int(what, in: 0...1) {
            case 0: values = .float(try r.block(what))
            default: values = .double(try r.block(what))
            }
            let flagged: [UInt32] = try r.block(what), raw: [UInt8] = try r.block(what)
            let statuses = raw.compactMap(ObservationStatus.init(rawValue:))
            let cellCount = total.values.count
            guard offsets.count == codes.count + 1, offsets.first == 0, Int(offsets.last ?? 1) == cells.count,
                  zip(offsets, offsets.dropFirst()).allSatisfy({ $0 <= $1 }), values.count == cells.count,
                  cells.allSatisfy({ Int($0) < cellCount }), statuses.count == flagged.count,
                  zip(flagged, flagged.dropFirst()).allSatisfy({ $0 < $1 }), flagged.last.map({ Int($0) < cells.count }) ?? true,
                  zip(codes, codes.dropFirst()).allSatisfy({ $0 < $1 }),
                  cellsIncreaseWithinEachCode(cells, offsets), (0..<values.count).allSatisfy({ !values[$0].isInfinite })
            else { throw Damage(what: what) }
            out[key] = BreakdownColumn(indicator: key.indicator, level: key.level, axis: total.axis, codes: codes, offsets: offsets,
                                       cells: cells, values: values, status: StatusStore(cells: flagged, statuses: statuses),
                                       rows: s.levels[level].count)
        }
        return out
    }

    /// Whether the cells of each code's range (`offsets[c]..<offsets[c+1]`, already checked to
    /// be in order and in bounds) strictly increase.
    private static func cellsIncreaseWithinEachCode(_ cells: [UInt32], _ offsets: [UInt32]) -> Bool {
        for (lower, upper) in zip(offsets, offsets.dropFirst()) where upper > lower + 1 {
            for k in Int(lower) + 1..<Int(upper) where cells[k - 1] >= cells[k] { return false }
        }
        return true
    }
}
