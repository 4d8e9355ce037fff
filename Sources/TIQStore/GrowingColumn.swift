import TIQCore

/// One (indicator, level) column filled straight from CSV records: its period span widens as
/// records arrive (the block is laid out again, rarely: files list a territory's periods
/// together), one bit per cell catches a repeated cell, flagged statuses are kept aside.
struct GrowingColumn {
    /// Rows of the level.
    let rows: Int
    /// The first period ordinal of the span; meaningless while `width` is 0.
    private(set) var start: Int32 = 0
    /// Periods in the span.
    private(set) var width = 0
    /// Row-major values, NaN where absent.
    private(set) var values: [Double] = []
    /// One bit per cell already given.
    private var seen: [UInt64] = []
    /// Cells with a status other than ok/missing, in arrival order.
    private var flagged: [(cell: UInt32, status: ObservationStatus)] = []

    init(rows: Int) { self.rows = rows }

    /// Stores `value` with `status` at (`row`, `ordinal`); false when the cell was already
    /// given or the column would exceed `maximumCells`.
    @inline(__always)
    mutating func set(row: Int, ordinal: Int32, value: Double, status: ObservationStatus, maximumCells: Int) -> Bool {
        if width == 0 || ordinal < start || ordinal >= start + Int32(width) {
            guard widen(to: ordinal, maximumCells: maximumCells) else { return false }
        }
        let cell = row * width + Int(ordinal - start)
        let bit = UInt64(1) << UInt64(cell & 63)
        let wasSeen = seen.withUnsafeMutableBufferPointer { s -> Bool in
            let old = s[cell >> 6]
            s[cell >> 6] = old | bit
            return old & bit != 0
        }
        if wasSeen { return false }
        values.withUnsafeMutableBufferPointer { $0[cell] = value }
        if status != .ok && status != .missing { flagged.append((UInt32(cell), status)) }
        return true
    }

    /// Adds the cells of `other` (the same column read from another part of the file); false
    /// when both hold a cell or the merged column would exceed `maximumCells`.
    mutating func absorb(_ other: GrowingColumn, maximumCells: Int) -> Bool {
        guard other.width > 0 else { return true }
        if width == 0 { self = other; return true }
        let otherEnd = other.start + Int32(other.width) - 1
        if other.start < start, !widen(to: other.start, maximumCells: maximumCells) { return false }
        if otherEnd >= start + Int32(width), !widen(to: otherEnd, maximumCells: maximumCells) { return false }
        let shift = Int(other.start - start)
        for (w, word) in other.seen.enumerated() {
            var bits = word
            while bits != 0 {
                let o = w << 6 | bits.trailingZeroBitCount
                bits &= bits - 1
                let c = (o / other.width) * width + o % other.width + shift
                let bit = UInt64(1) << UInt64(c & 63)
                if seen[c >> 6] & bit != 0 { return false }
                seen[c >> 6] |= bit
                values[c] = other.values[o]
            }
        }
        for f in other.flagged {
            let o = Int(f.cell)
            flagged.append((UInt32((o / other.width) * width + o % other.width + shift), f.status))
        }
        return true
    }

    /// Lays the block out again over a span that includes `ordinal`.
    private mutating func widen(to ordinal: Int32, maximumCells: Int) -> Bool {
        let newStart = width == 0 ? ordinal : min(start, ordinal)
        let newEnd = width == 0 ? ordinal : max(start + Int32(width) - 1, ordinal)
        let newWidth = Int(newEnd - newStart) + 1
        guard rows * newWidth <= maximumCells else { return false }
        var newValues = [Double](repeating: .nan, count: rows * newWidth)
        var newSeen = [UInt64](repeating: 0, count: (rows * newWidth + 63) / 64)
        if width > 0 {
            let shift = Int(start - newStart)
            for r in 0..<rows {
                for p in 0..<width {
                    let old = r * width + p
                    guard seen[old >> 6] & (1 << UInt64(old & 63)) != 0 else { continue }
                    let new = r * newWidth + p + shift
                    newValues[new] = values[old]
                    newSeen[new >> 6] |= 1 << UInt64(new & 63)
                }
            }
            for k in flagged.indices {
                let c = Int(flagged[k].cell)
                flagged[k].cell = UInt32((c / width) * newWidth + c % width + shift)
            }
        }
        values = newValues
        seen = newSeen
        start = newStart
        width = newWidth
        return true
    }

    /// The finished column.
    func column(indicator: IndicatorID, level: LevelID, frequency: Frequency) -> Column {
        let sorted = flagged.sorted { $0.cell < $1.cell }
        return Column(indicator: indicator, level: level, axis: PeriodAxis(frequency: frequency, start: start, count: width),
                      values: values,
                      status: sorted.isEmpty ? .empty : StatusStore(cells: sorted.map(\.cell), statuses: sorted.map(\.status)))
    }
}
