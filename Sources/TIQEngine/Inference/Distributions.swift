import Foundation

/// The tail probabilities the tests need: Student t and Fisher F, through the regularized
/// incomplete beta function I_x(a, b) (continued fraction evaluated by the modified Lentz
/// method, Numerical Recipes §6.4), accurate to about 1e-14 relative.
enum Distributions {
    /// I_x(a, b) for a, b > 0 and 0 ≤ x ≤ 1.
    static func regularizedBeta(_ x: Double, _ a: Double, _ b: Double) -> Double {
        if x.isNaN || a.isNaN || b.isNaN { return .nan }
        if x <= 0 { return 0 }
        if x >= 1 { return 1 }
        let lnFront = lgamma(a + b) - lgamma(a) - lgamma(b) + a * log(x) + b * log1p(-x)
        // The continued fraction converges fast for x < (a + 1)/(a + b + 2); use the symmetry otherwise.
        if x < (a + 1) / (a + b + 2) { return exp(lnFront) * continuedFraction(x, a, b) / a }
        return 1 - exp(lnFront) * continuedFraction(1 - x, b, a) / b
    }

    /// The continued fraction of I_x(a, b), modified Lentz.
    private static func continuedFraction(_ x: Double, _ a: Double, _ b: Double) -> Double {
        let tiny = 1e-300, eps = 1e-16
        var c = 1.0, d = 1 - (a + b) * x / (a + 1)
        if abs(d) < tiny { d = tiny }
        d = 1 / d
        var h = d
        for m in 1...10_000 {
            let m = Double(m), m2 = 2 * m
            var aa = m * (b - m) * x / ((a + m2 - 1) * (a + m2))
            d = 1 + aa * d; if abs(d) < tiny { d = tiny }
            c = 1 + aa / c; if abs(c) < tiny { c = tiny }
            d = 1 / d
            h *= d * c
            aa = -(a + m) * (a + b + m) * x / ((a + m2) * (a + m2 + 1))
            d = 1 + aa * d; if abs(d) < tiny { d = tiny }
            c = 1 + aa / c; if abs(c) < tiny { c = tiny }
            d = 1 / d
            let delta = d * c
            h *= delta
            if abs(delta - 1) < eps { break }
        }
        return h
    }

    /// Two-sided p-value of a Student t statistic with `df` degrees of freedom:
    /// P(|T| ≥ |t|) = I_{df/(df+t²)}(df/2, 1/2).
    static func studentTTwoSided(_ t: Double, df: Double) -> Double {
        guard df > 0, !t.isNaN else { return .nan }
        if t.isInfinite { return 0 }
        return regularizedBeta(df / (df + t * t), df / 2, 0.5)
    }

    /// The upper tail P(F ≥ f) of Fisher's F with (d1, d2) degrees of freedom:
    /// I_{d2/(d2 + d1 f)}(d2/2, d1/2).
    static func fUpperTail(_ f: Double, d1: Double, d2: Double) -> Double {
        guard d1 > 0, d2 > 0, !f.isNaN else { return .nan }
        if f <= 0 { return 1 }
        if f.isInfinite { return 0 }
        return regularizedBeta(d2 / (d2 + d1 * f), d2 / 2, d1 / 2)
    }

    /// The quantile t_q of Student t (0 < q < 1) with `df` degrees of freedom, by bisection
    /// on the CDF then Newton-free refinement to 1e-13: used for confidence intervals.
    static func studentTQuantile(_ q: Double, df: Double) -> Double {
        guard q > 0, q < 1, df > 0 else { return .nan }
        if q == 0.5 { return 0 }
        // CDF(t) for t > 0 is 1 − p/2 where p is the two-sided p-value.
        let upper = q > 0.5
        let target = upper ? 2 * (1 - q) : 2 * q          // two-sided tail at |t|
        var lo = 0.0, hi = 1.0
        while studentTTwoSided(hi, df: df) > target { hi *= 2; if hi > 1e12 { break } }
        for _ in 0..<200 {
            let mid = (lo + hi) / 2
            if studentTTwoSided(mid, df: df) > target { lo = mid } else { hi = mid }
            if hi - lo <= 1e-14 * max(1, hi) { break }
        }
        let t = (lo + hi) / 2
        return upper ? t : -t
    }
}
