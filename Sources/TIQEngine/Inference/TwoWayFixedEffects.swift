/// Two-way fixed-effects least squares on a balanced panel, with standard errors clustered by
/// unit (CR1), as docs/evaluation.md § Inference defines them.
///
/// Values are unit-major: `y[i * T + t]`. Every regressor is within-transformed
/// (x − x̄ᵢ − x̄ₜ + x̄, exact for a balanced panel), β solves the normal equations of the
/// transformed data, and
/// V = c · (ẌᵀẌ)⁻¹ (Σ_g Ẍ_gᵀ û_g û_gᵀ Ẍ_g) (ẌᵀẌ)⁻¹, c = G/(G − 1) · (N − 1)/(N − K),
/// K = k + (T − 1): the unit effects are nested in the clusters and not counted.
struct TwoWayFixedEffects {
    /// A fit.
    struct Fit {
        /// Coefficients, one per regressor.
        var beta: [Double]
        /// Their clustered variance matrix.
        var variance: DenseMatrix
        /// Clusters (units), observations, periods, K of the correction.
        var clusters: Int, observations: Int, periods: Int, parameters: Int

        /// The standard error of coefficient j.
        func standardError(_ j: Int) -> Double { variance[j, j].squareRoot() }
        /// The degrees of freedom of the t and F tests: G − 1.
        var degreesOfFreedom: Double { Double(clusters - 1) }
        /// The two-sided p-value of coefficient j, Student t with G − 1 df.
        func pValue(_ j: Int) -> Double {
            Distributions.studentTTwoSided(beta[j] / standardError(j), df: degreesOfFreedom)
        }

        /// The Wald test of `indices` jointly zero: F = βᵀ V⁻¹ β / p, and its upper-tail
        /// probability with (p, G − 1) df. Nil when the sub-matrix is singular.
        func wald(_ indices: [Int]) -> (f: Double, p: Double, df1: Int)? {
            guard !indices.isEmpty else { return nil }
            var sub = DenseMatrix(rows: indices.count, columns: indices.count)
            for (a, i) in indices.enumerated() { for (b, j) in indices.enumerated() { sub[a, b] = variance[i, j] } }
            guard let w = sub.inverseQuadraticForm(indices.map { beta[$0] }) else { return nil }
            let f = w / Double(indices.count)
            return (f, Distributions.fUpperTail(f, d1: Double(indices.count), d2: degreesOfFreedom), indices.count)
        }
    }

    let units: Int
    let periods: Int

    /// x − x̄ᵢ − x̄ₜ + x̄ on a balanced unit-major panel.
    func demean(_ x: [Double]) -> [Double] {
        let n = units, t = periods
        var rowMean = [Double](repeating: 0, count: n), colMean = [Double](repeating: 0, count: t)
        var total = 0.0
        for i in 0..<n {
            for p in 0..<t { let v = x[i * t + p]; rowMean[i] += v; colMean[p] += v; total += v }
        }
        for i in 0..<n { rowMean[i] /= Double(t) }
        for p in 0..<t { colMean[p] /= Double(n) }
        total /= Double(n * t)
        var out = x
        for i in 0..<n { for p in 0..<t { out[i * t + p] = x[i * t + p] - rowMean[i] - colMean[p] + total } }
        return out
    }

    /// Fits y on the regressors; nil when they are collinear with the effects (ẌᵀẌ singular)
    /// or there are fewer than two clusters.
    func fit(y: [Double], regressors: [[Double]]) -> Fit? {
        let n = units, t = periods, k = regressors.count
        guard n >= 2, t >= 2, k >= 1 else { return nil }
        let yy = demean(y)
        let xx = regressors.map(demean)
        var xtx = DenseMatrix(rows: k, columns: k)
        var xty = [Double](repeating: 0, count: k)
        for a in 0..<k {
            for b in a..<k {
                var s = 0.0
                for o in 0..<(n * t) { s += xx[a][o] * xx[b][o] }
                xtx[a, b] = s; xtx[b, a] = s
            }
            var s = 0.0
            for o in 0..<(n * t) { s += xx[a][o] * yy[o] }
            xty[a] = s
        }
        guard let beta = xtx.solve(xty), let bread = xtx.inverse() else { return nil }
        var meat = DenseMatrix(rows: k, columns: k)
        var score = [Double](repeating: 0, count: k)
        for i in 0..<n {
            for a in 0..<k { score[a] = 0 }
            for p in 0..<t {
                let o = i * t + p
                var u = yy[o]
                for a in 0..<k { u -= xx[a][o] * beta[a] }
                for a in 0..<k { score[a] += xx[a][o] * u }
            }
            for a in 0..<k { for b in 0..<k { meat[a, b] += score[a] * score[b] } }
        }
        let bigN = n * t, bigK = k + (t - 1)
        guard bigN > bigK else { return nil }
        let c = Double(n) / Double(n - 1) * Double(bigN - 1) / Double(bigN - bigK)
        let v = c * (bread * meat * bread)
        return Fit(beta: beta, variance: v, clusters: n, observations: bigN, periods: t, parameters: bigK)
    }
}
