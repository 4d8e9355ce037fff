/// A small dense matrix (k × k, k of a few dozen at most), row major, for the normal equations
/// and sandwich variances of the estimators.
struct DenseMatrix: Equatable {
    /// Rows.
    let rows: Int
    /// Columns.
    let columns: Int
    /// Entries, row major.
    var entries: [Double]

    /// A zero matrix.
    init(rows: Int, columns: Int) {
        self.rows = rows
        self.columns = columns
        entries = [Double](repeating: 0, count: rows * columns)
    }

    subscript(i: Int, j: Int) -> Double {
        get { entries[i * columns + j] }
        set { entries[i * columns + j] = newValue }
    }

    /// The product self · other.
    static func * (a: DenseMatrix, b: DenseMatrix) -> DenseMatrix {
        precondition(a.columns == b.rows)
        var c = DenseMatrix(rows: a.rows, columns: b.columns)
        for i in 0..<a.rows {
            for l in 0..<a.columns {
                let x = a[i, l]
                if x == 0 { continue }
                for j in 0..<b.columns { c[i, j] += x * b[l, j] }
            }
        }
        return c
    }

    /// Scales every entry.
    static func * (s: Double, a: DenseMatrix) -> DenseMatrix {
        var c = a
        for i in c.entries.indices { c.entries[i] *= s }
        return c
    }

    /// The lower Cholesky factor L with A = L Lᵀ of a symmetric positive definite matrix, or
    /// nil when a pivot is not positive (a singular or indefinite matrix: collinear regressors).
    func cholesky() -> DenseMatrix? {
        precondition(rows == columns)
        let n = rows
        var l = DenseMatrix(rows: n, columns: n)
        var scale = 0.0
        for i in 0..<n { scale = max(scale, abs(self[i, i])) }
        for j in 0..<n {
            var d = self[j, j]
            for k in 0..<j { d -= l[j, k] * l[j, k] }
            guard d > 1e-13 * max(scale, .leastNormalMagnitude) else { return nil }
            let ljj = d.squareRoot()
            l[j, j] = ljj
            for i in (j + 1)..<max(j + 1, n) {
                var s = self[i, j]
                for k in 0..<j { s -= l[i, k] * l[j, k] }
                l[i, j] = s / ljj
            }
        }
        return l
    }

    /// Solves A x = b for a symmetric positive definite A through its Cholesky factor.
    func solve(_ b: [Double]) -> [Double]? {
        guard let l = cholesky() else { return nil }
        let n = rows
        var y = b
        for i in 0..<n {
            var s = y[i]
            for k in 0..<i { s -= l[i, k] * y[k] }
            y[i] = s / l[i, i]
        }
        for i in stride(from: n - 1, through: 0, by: -1) {
            var s = y[i]
            for k in (i + 1)..<max(i + 1, n) { s -= l[k, i] * y[k] }
            y[i] = s / l[i, i]
        }
        return y
    }

    /// The inverse of a symmetric positive definite matrix, column by column through `solve`.
    func inverse() -> DenseMatrix? {
        let n = rows
        var inv = DenseMatrix(rows: n, columns: n)
        for j in 0..<n {
            var e = [Double](repeating: 0, count: n)
            e[j] = 1
            guard let x = solve(e) else { return nil }
            for i in 0..<n { inv[i, j] = x[i] }
        }
        return inv
    }

    /// The quadratic form xᵀ A⁻¹ x, for Wald statistics.
    func inverseQuadraticForm(_ x: [Double]) -> Double? {
        guard let y = solve(x) else { return nil }
        return zip(x, y).reduce(0) { $0 + $1.0 * $1.1 }
    }
}
