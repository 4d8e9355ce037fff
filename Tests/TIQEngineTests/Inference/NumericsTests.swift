import Foundation
import Testing
@testable import TIQEngine

/// The numerics core against closed forms: t and F tails, the incomplete beta, type-7
/// percentiles, Cholesky solves, a 2×2 difference in differences, a hand-made matching.
@Suite struct NumericsTests {
    @Test(arguments: [0.1, 0.7, 1.0, 2.5, 12.0])
    func studentTailsMatchClosedForms(_ t: Double) {
        // df = 1 (Cauchy): 1 − (2/π) atan|t|; df = 2: 1 − |t| / sqrt(2 + t²).
        #expect(close(Distributions.studentTTwoSided(t, df: 1), 1 - 2 / Double.pi * atan(t), 1e-12))
        #expect(close(Distributions.studentTTwoSided(-t, df: 2), 1 - t / (2 + t * t).squareRoot(), 1e-12))
    }

    @Test(arguments: [0.05, 0.5, 1.0, 3.0, 40.0])
    func fTailMatchesClosedForm(_ f: Double) {
        // F(2, d2): P(F ≥ f) = (1 + 2f/d2)^(−d2/2).
        for d2 in [3.0, 10.0, 856.0] {
            #expect(close(Distributions.fUpperTail(f, d1: 2, d2: d2), pow(1 + 2 * f / d2, -d2 / 2), 1e-11))
        }
    }

    @Test func incompleteBetaSpecialCases() {
        for x in [0.0, 0.01, 0.3, 0.5, 0.99, 1.0] {
            #expect(close(Distributions.regularizedBeta(x, 1, 1), x, 1e-14))
            #expect(close(Distributions.regularizedBeta(x, 3, 1), pow(x, 3), 1e-13))
            #expect(close(Distributions.regularizedBeta(x, 2.5, 4) + Distributions.regularizedBeta(1 - x, 4, 2.5), 1, 1e-13))
        }
    }

    @Test func tQuantileInvertsTheCauchy() {
        for q in [0.025, 0.1, 0.5, 0.9, 0.975] {
            #expect(close(Distributions.studentTQuantile(q, df: 1), tan(Double.pi * (q - 0.5)), 1e-10))
        }
    }

    @Test func percentileIsType7() {
        #expect(Percentile.type7([4, 1, 3, 2], 0.25) == 1.75)
        #expect(Percentile.type7([4, 1, 3, 2], 0.5) == 2.5)
        #expect(Percentile.type7([4, 1, 3, 2], 1) == 4)
        #expect(Percentile.type7([5], 0.3) == 5)
        #expect(Percentile.type7([], 0.3).isNaN)
    }

    @Test func choleskySolvesAndInverts() throws {
        var a = DenseMatrix(rows: 2, columns: 2)
        a.entries = [4, 2, 2, 3]
        let inv = try #require(a.inverse())
        for (x, y) in zip(inv.entries, [3.0 / 8, -2.0 / 8, -2.0 / 8, 4.0 / 8]) { #expect(close(x, y, 1e-14)) }
        #expect(close(a.inverseQuadraticForm([1, 1]), 3.0 / 8 - 4.0 / 8 + 4.0 / 8, 1e-14))
        var singular = DenseMatrix(rows: 2, columns: 2)
        singular.entries = [1, 2, 2, 4]
        #expect(singular.cholesky() == nil)
    }

    @Test func twoPeriodTWFEIsTheDifferenceInMeanChanges() throws {
        // Units 0–1 treated, 2–4 control; periods 0 (pre), 1 (post).
        let y: [Double] = [1, 4, 2, 7, 3, 3.5, 5, 6, 0, 2]
        let treated = [true, true, false, false, false]
        let d = (0..<10).map { treated[$0 / 2] && $0 % 2 == 1 ? 1.0 : 0 }
        let fit = try #require(TwoWayFixedEffects(units: 5, periods: 2).fit(y: y, regressors: [d]))
        let change = (0..<5).map { y[2 * $0 + 1] - y[2 * $0] }
        #expect(close(fit.beta[0], (change[0] + change[1]) / 2 - (change[2] + change[3] + change[4]) / 3, 1e-13))
        #expect(fit.clusters == 5 && fit.observations == 10 && fit.parameters == 2)
    }

    @Test func matchingTakesTheNearestControlAndBreaksTiesByCode() throws {
        typealias U = NearestNeighbourMatching.Unit
        // Mean 0, so the z-scores of "b" (−2) and "a" (2) are exact negatives: both are at the
        // same distance from the treated at 0, and "a" wins on its code.
        let units = [U(code: "t", treated: true, outcome: 10, covariates: [0], exactKey: nil),
                     U(code: "b", treated: false, outcome: 4, covariates: [-2], exactKey: nil),
                     U(code: "a", treated: false, outcome: 6, covariates: [2], exactKey: nil),
                     U(code: "c", treated: false, outcome: 100, covariates: [-8], exactKey: nil),
                     U(code: "d", treated: false, outcome: 100, covariates: [8], exactKey: nil)]
        let r = try #require(NearestNeighbourMatching(neighbours: 1, caliper: nil).run(units))
        #expect(r.att == 4 && r.matchedTreated == 1 && r.controlsUsed == 1)
        let two = try #require(NearestNeighbourMatching(neighbours: 2, caliper: nil).run(units))
        #expect(two.att == 5)
        // A caliper of 0.01 sd leaves the treated without a match.
        #expect(NearestNeighbourMatching(neighbours: 1, caliper: 0.01).run(units) == nil)
    }
}
