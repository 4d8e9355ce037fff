import TIQCore

/// One broken-down indicator at one level (issue 16): its observations by breakdown code,
/// sparse, in CSR layout — for each code, the cells (`row * axis.count + period`) where it has
/// an observation and their values. No territory × code × period cube is ever allocated: a
/// stored observation costs 4 bytes of cell and 4 (Float32) or 8 (Float64) bytes of value,
/// Float32 when every value of the column is exactly a Float32 (counts of jobs, firms).
///
/// A (territory, period) with at least one observation in some code is *covered*: its codes
/// without an observation count as 0 there. A (territory, period) with none is missing.
public struct BreakdownColumn: Sendable {
    /// The values of a column, Float32 when that is exact.
    public enum Values: Sendable {
        /// Every value exactly representable in Float32 (NaN for absent).
        case float([Float])
        /// Any other values.
        case double([Double])

        /// The value of observation `k`.
        @inline(__always) public subscript(k: Int) -> Double {
            switch self {
            case .float(let v): Double(v[k])
            case .double(let v): v[k]
            }
        }

        /// How many values.
        public var count: Int {
            switch self {
            case .float(let v): v.count
            case .double(let v): v.count
            }
        }

        /// Float32 storage when every value of `values` round-trips through it, else Float64.
        public static func compact(_ values: [Double]) -> Values {
            values.allSatisfy({ $0.isNaN || Double(Float($0)) == $0 }) ? .float(values.map { Float($0) }) : .double(values)
        }
    }

    /// The indicator.
    public let indicator: IndicatorID
    /// The level of the rows.
    public let level: LevelID
    /// The period axis, the same as the indicator's total column at this level.
    public let axis: PeriodAxis
    /// The canonical codes present, sorted.
    public let codes: [String]
    /// `codes.count + 1` offsets into `cells` and `values`: code `c` holds `offsets[c]..<offsets[c+1]`.
    public let offsets: [UInt32]
    /// The cell of each observation, increasing within a code.
    public let cells: [UInt32]
    /// The value of each observation; NaN when absent.
    public let values: Values
    /// The statuses of flagged observations, indexed by observation position (not cell).
    public let status: StatusStore
    /// The cells with at least one observation, any code.
    public let covered: Bitset

    /// Creates a column; `cells` must increase within each code's range.
    public init(indicator: IndicatorID, level: LevelID, axis: PeriodAxis, codes: [String], offsets: [UInt32],
                cells: [UInt32], values: Values, status: StatusStore, rows: Int) {
        self.indicator = indicator
        self.level = level
        self.axis = axis
        self.codes = codes
        self.offsets = offsets
        self.cells = cells
        self.values = values
        self.status = status
        var covered = Bitset(count: rows * axis.count)
        for c in cells { covered.insert(Int(c)) }
        self.covered = covered
    }

    /// How many observations.
    public var count: Int { cells.count }

    /// The observations of code position `c`.
    public func range(of c: Int) -> Range<Int> { Int(offsets[c])..<Int(offsets[c + 1]) }

    /// The sum over the codes kept by `keep`, for every cell of the column (`rows × axis.count`):
    /// the same rule as a roll-up over territories — an absent (secret, missing) observation
    /// makes its cell absent, `na` adds nothing, qualifiers combine; a covered cell with no
    /// kept observation is 0, an uncovered one missing.
    public func sum(rows: Int, keeping keep: (String) -> Bool) -> (values: [Double], statuses: [ObservationStatus]) {
        let n = rows * axis.count
        var acc = [Double](repeating: 0, count: n)
        var state = [ObservationStatus](repeating: .ok, count: n)
        var present = Bitset(count: n), absent = Bitset(count: n), sawNA = Bitset(count: n)
        for c in codes.indices where keep(codes[c]) {
            let r = range(of: c)
            var s = firstFlag(atOrAfter: r.lowerBound)
            for k in r {
                let cell = Int(cells[k])
                var flag: ObservationStatus?
                while s < status.cells.count, Int(status.cells[s]) < k { s += 1 }
                if s < status.cells.count, Int(status.cells[s]) == k { flag = status.statuses[s] }
                let v = values[k]
                if v == v {
                    acc[cell] += v
                    if !absent.contains(cell) {
                        state[cell] = present.contains(cell) ? ObservationStatus.combineQualifiers(state[cell], flag ?? .ok) : (flag ?? .ok)
                    }
                    present.insert(cell)
                    continue
                }
                let f = flag ?? .missing
                if f == .notApplicable { sawNA.insert(cell); continue }
                state[cell] = absent.contains(cell) ? ObservationStatus.combineAbsence(state[cell], f) : f
                absent.insert(cell)
            }
        }
        var out = [Double](repeating: .nan, count: n)
        for cell in 0..<n {
            if absent.contains(cell) { continue }
            if present.contains(cell) { out[cell] = acc[cell]; continue }
            if sawNA.contains(cell) { state[cell] = .notApplicable; continue }
            if covered.contains(cell) { out[cell] = 0; state[cell] = .ok } else { state[cell] = .missing }
        }
        return (out, state)
    }

    /// The position in `status` of the first flagged observation at or after `k`.
    private func firstFlag(atOrAfter k: Int) -> Int {
        var lo = 0, hi = status.cells.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if Int(status.cells[mid]) < k { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }
}
