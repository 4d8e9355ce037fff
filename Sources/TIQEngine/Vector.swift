import TIQCore
import TIQStore

/// Where the statuses of a block of cells come from.
enum StatusSource: Sendable {
    /// None recorded: NaN is `missing`, a number is `ok`.
    case none
    /// A stored column's sparse statuses, indexed by storage cell.
    case sparse(StatusStore)
    /// One status per storage cell.
    case dense([ObservationStatus])

    func status(cell: Int, value: Double) -> ObservationStatus {
        switch self {
        case .none: return value.isNaN ? .missing : .ok
        case .sparse(let s): return s.status(of: cell) ?? (value.isNaN ? .missing : .ok)
        case .dense(let d): return d[cell]
        }
    }

    var isNone: Bool { if case .none = self { return true } else { return false } }
}

/// A series per row on the frame's period axis, possibly a view into a stored column.
///
/// Frame row `i` reads storage row `rowMap?[i] ?? i`; frame period `t` reads storage period
/// `t - offset` (absent outside `0..<stride`). A stored column is therefore read in place,
/// without copying.
struct SeriesData: Sendable {
    var values: [Double]
    var stride: Int
    var offset: Int
    var rowMap: [Int]?
    var statuses: StatusSource

    /// A freshly computed series of `rows × periods`, aligned with the frame.
    init(values: [Double], periods: Int, statuses: [ObservationStatus]?) {
        self.values = values
        self.stride = periods
        self.offset = 0
        self.rowMap = nil
        self.statuses = statuses.map { .dense($0) } ?? .none
    }

    /// A view of a stored column for the frame rows `rows`, on a frame axis starting `offset` periods earlier.
    init(values: [Double], stride: Int, offset: Int, rowMap: [Int]?, statuses: StatusSource) {
        self.values = values
        self.stride = stride
        self.offset = offset
        self.rowMap = rowMap
        self.statuses = statuses
    }

    @inline(__always) func cell(_ i: Int, _ t: Int) -> Int? {
        let tc = t - offset
        guard tc >= 0 && tc < stride else { return nil }
        return (rowMap?[i] ?? i) * stride + tc
    }

    @inline(__always) func value(_ i: Int, _ t: Int) -> Double {
        guard let c = cell(i, t) else { return .nan }
        return values[c]
    }

    func status(_ i: Int, _ t: Int) -> ObservationStatus {
        guard let c = cell(i, t) else { return .missing }
        return statuses.status(cell: c, value: values[c])
    }

    /// The series restricted to frame rows `rows` (positions in this frame).
    func gathering(_ rows: [Int]) -> SeriesData {
        var copy = self
        copy.rowMap = rows.map { rowMap?[$0] ?? $0 }
        return copy
    }
}

/// The value of an expression for every row of a frame.
enum Vector: Sendable {
    /// A number per row, NaN for absent; statuses per row when any is recorded.
    case numbers([Double], [ObservationStatus]?)
    /// A number per row and period.
    case series(SeriesData)
    /// True/false per row: 0 false, 1 true, 2 absent.
    case bools([UInt8])
    /// True/false per row and period, row-major on the frame axis: 0, 1, 2 as above.
    case boolSeries([UInt8], periods: Int)
    /// Text per row, nil for absent.
    case texts([String?])

    /// The vector restricted to frame rows `rows`.
    func gathering(_ rows: [Int]) -> Vector {
        switch self {
        case .numbers(let v, let s): return .numbers(rows.map { v[$0] }, s.map { st in rows.map { st[$0] } })
        case .series(let d): return .series(d.gathering(rows))
        case .bools(let b): return .bools(rows.map { b[$0] })
        case .boolSeries(let b, let t):
            var out: [UInt8] = []
            out.reserveCapacity(rows.count * t)
            for r in rows { out.append(contentsOf: b[(r * t)..<((r + 1) * t)]) }
            return .boolSeries(out, periods: t)
        case .texts(let x): return .texts(rows.map { x[$0] })
        }
    }

    /// How many rows.
    var count: Int {
        switch self {
        case .numbers(let v, _): return v.count
        case .series(let d): return d.rowMap?.count ?? (d.stride == 0 ? 0 : d.values.count / d.stride)
        case .bools(let b): return b.count
        case .boolSeries(let b, let t): return t == 0 ? 0 : b.count / t
        case .texts(let x): return x.count
        }
    }
}
