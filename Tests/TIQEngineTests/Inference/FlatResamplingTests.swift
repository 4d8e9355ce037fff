import Testing
import TIQCore
@testable import TIQEngine

/// The fast bootstrap and permutation (`FlatGroupStatistic`: each territory's contribution read
/// once, draws accumulated over flat arrays) against the general path that evaluates the
/// statistic on every resampled frame with the evaluator: same seed, same draws, bit for bit,
/// for every kind of aggregate a statistic may hold — strict sums with absent values, ratios,
/// weighted means, order statistics, descriptive statistics, filtered counts, packed sums of
/// every width.
@Suite struct FlatResamplingTests {
    /// Runs `query` (ending in `compare … with ci` or `did … with ci`) up to its last stage,
    /// then the resampling of that stage by both paths.
    static func bothPaths(_ query: String, draws: Int = 24, seed: UInt64 = 3) throws -> (fast: Resampling.Outcome, slow: Resampling.Outcome, observed: (Double, Double), flat: Bool) {
        let engine = DemoFixture.engine
        let plan = try engine.plan(query)
        let executor = Executor(snapshot: engine.snapshot)
        var head = plan
        let last = head.stages.removeLast()
        let (frame, _) = try executor.run(head)
        let comparison = Comparison(executor: executor)
        let kept: Frame, labels: [Int], expressions: [TypedExpr], combine: ([Double], [Double]) -> Double
        switch last {
        case .inference(.compare(let flag, let value, _)):
            (kept, labels, _, _, _) = try comparison.groups(frame, flag: flag, values: [value], periods: value.explicitPeriods)
            expressions = [value]
            combine = { t, c in t[0] - c[0] }
        case .inference(.did(let flag, _, _, let a, let b, _)):
            (kept, labels, _, _, _) = try comparison.groups(frame, flag: flag, values: [a, b], periods: Array(Set(a.explicitPeriods + b.explicitPeriods)).sorted())
            expressions = [a, b]
            combine = { t, c in (t[1] - c[1]) - (t[0] - c[0]) }
        default:
            throw QueryFailure(kind: .execution, diagnostics: [])
        }
        var fast = try comparison.drawStatistic(kept: kept, expressions: expressions, combine: combine)
        var slow = try comparison.drawStatistic(kept: kept, expressions: expressions, combine: combine, fast: false)
        try fast.recordRelabelled(labels: labels.map { UInt8($0) })
        try slow.recordRelabelled(labels: labels.map { UInt8($0) })
        let observed = (try fast.flush()[0], try slow.flush()[0])
        let r = Resampling(labels: labels, draws: draws, seed: seed, level: 90)
        return (try r.run(observed: observed.1, statistic: &fast), try r.run(observed: observed.1, statistic: &slow), observed, fast is FlatGroupStatistic)
    }

    static let statistics = [
        // The canonical one, then every reduction the kernel knows.
        "from emploi_ind at epci | compare ti1 on growth(sum(emploi_ind), 2018, 2022) with ci 90",
        // Strict sums over rows with absent values (no `where complete`): rows lacking 2018 or 2022
        // are dropped by compare, but other years stay absent in the summed series.
        "from emploi_ind at epci | compare ti1 on sum(emploi_ind@2022) / sum(emploi_ind@2018) - 1 with ci 90",
        "from emploi_ind, pop at epci | compare ti1 on ratio(emploi_ind@2020, pop@2020) with ci 90",
        "from emploi_ind, pop at epci | compare ti1 on mean(growth(emploi_ind, 2018, 2022), weight = pop@2018) with ci 90",
        "from emploi_ind at epci | compare ti1 on mean(growth(emploi_ind, 2018, 2022)) with ci 90",
        "from emploi_ind at epci | compare ti1 on median(growth(emploi_ind, 2018, 2022)) with ci 90",
        "from emploi_ind at epci | compare ti1 on max(emploi_ind@2022) - min(emploi_ind@2018) with ci 90",
        "from emploi_ind at epci | compare ti1 on sd(growth(emploi_ind, 2018, 2022)) with ci 90",
        "from emploi_ind at epci | compare ti1 on quantile(growth(emploi_ind, 2018, 2022), 0.25) with ci 90",
        "from emploi_ind, pop at epci | compare ti1 on corr(growth(emploi_ind, 2018, 2022), log(pop@2018)) with ci 90",
        "from emploi_ind at epci | compare ti1 on share_if(emploi_ind@2022 > emploi_ind@2018) with ci 90",
        "from emploi_ind at epci | compare ti1 on count(emploi_ind@2022) / count() with ci 90",
        "from emploi_ind at epci | compare ti1 on log(sum(emploi_ind@2022)) - log(sum(emploi_ind@2018)) with ci 90",
        "from emploi_ind at epci | compare ti1 on cagr(sum(emploi_ind), 2015, 2022) with ci 90",
        // Packed sums of every width: a whole series (10 columns, absent cells in the years
        // compare does not check, so the presence flags are used), a ratio series (20 columns),
        // five sums (5 columns, stride 8).
        "from emploi_ind at epci | compare ti1 on log(sum(emploi_ind))@2022 - log(sum(emploi_ind))@2018 with ci 90",
        "from emploi_ind, pop at epci | compare ti1 on abs(ratio(emploi_ind, pop))@2020 with ci 90",
        "from emploi_ind at epci | compare ti1 on sum(emploi_ind@2016) + sum(emploi_ind@2017) + sum(emploi_ind@2019) + sum(emploi_ind@2020) - sum(emploi_ind@2021) with ci 90",
        "from emploi_ind at epci | where complete(emploi_ind, 2015, 2018, 2022) | did ti1 pre 2015..2018 post 2018..2022 on growth(sum(emploi_ind)) draws 50",
    ]

    @Test(arguments: statistics)
    func fastPathMatchesTheEvaluatorBitForBit(_ query: String) throws {
        let r = try Self.bothPaths(query)
        #expect(r.flat, "the statistic should be taken apart: \(query)")
        #expect(r.observed.0 == r.observed.1 || (r.observed.0.isNaN && r.observed.1.isNaN))
        #expect(r.fast == r.slow)
        #expect(r.fast.bootstrap.count + r.fast.undefinedBootstrap == 24)
    }

    @Test func theStreamDependsOnTheSeed() throws {
        let q = Self.statistics[0]
        let a = try Self.bothPaths(q, seed: 1).fast, b = try Self.bothPaths(q, seed: 2).fast
        #expect(a.bootstrap != b.bootstrap)
    }
}
