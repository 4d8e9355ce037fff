import Foundation
import Testing
import TIQTestSupport
import TIQData
import TIQEngine

/// tiq's inferential answers on the demo against scripts/check_inference.py: the panel and the
/// groups are rebuilt there from the commune rows (BruteForce, written here to JSON), and every
/// expected value is computed with numpy/statsmodels — TWFE and CR1 to 1e-9, the bootstrap
/// and permutation bit for bit (the generator reproduced) and within Monte Carlo error,
/// matching by brute force.
@Suite struct InferenceChecksTests {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../..").standardized

    static func python(has modules: String) -> Bool {
        run(["-c", "import \(modules)"]).status == 0
    }

    static func run(_ arguments: [String]) -> (status: Int32, output: String) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["python3"] + arguments
        var env = ProcessInfo.processInfo.environment
        env["PYTHONDONTWRITEBYTECODE"] = "1"
        p.environment = env
        let pipe = Pipe()
        p.standardOutput = pipe
        p.standardError = pipe
        do { try p.run() } catch { return (-1, "cannot start python3: \(error)") }
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return (p.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    /// The EPCI of the demo from the commune rows: code, ti1, région, industrial jobs per year, population 2018.
    static func units() -> [[String: Any]] {
        let b = QueryFilesTests.brute
        return QueryFilesTests.groups(b, "epci").map { key, cs in
            [
                "code": String(key.dropFirst("epci:".count)),
                "treated": b.flag(cs, "ti1"),
                "region": b.mainParent(cs, "region") as Any? ?? NSNull(),
                "region_name": b.mainParent(cs, "region").flatMap { b.names[$0] } as Any? ?? NSNull(),
                "emploi": (2015...2024).map { b.strictSum("emploi_ind", cs, $0) as Any? ?? NSNull() },
                "pop2018": b.strictSum("pop", cs, 2018) as Any? ?? NSNull(),
            ]
        }
    }

    static func row(_ t: ResultTable, _ column: String, _ term: String) -> Double {
        guard let i = t.texts("term").firstIndex(of: term) else { return .nan }
        return t.numbers(column)[i]
    }

    /// A number for JSON: null for absent (NaN).
    static func json(_ x: Double) -> Any { x.isNaN ? NSNull() : x }

    /// What tiq answers, keyed as the script reads it.
    static func answers() throws -> [String: Any] {
        let e = DemoFixture.engine
        let twfe = try e.run("from emploi_ind at epci | did ti1 pre 2015..2018 post 2019..2022 on emploi_ind model twfe")
        let event = try e.run("from emploi_ind at epci | did ti1 pre 2015..2018 post 2019..2022 on emploi_ind model event")
        let compare = try e.run("from emploi_ind at epci | where complete(emploi_ind, 2018, 2022) | compare ti1 on growth(sum(emploi_ind), 2018, 2022) with ci 90 draws 200 seed 7")
        let did = try e.run("from emploi_ind at epci | where complete(emploi_ind, 2015, 2018, 2022) | did ti1 pre 2015..2018 post 2018..2022 on growth(sum(emploi_ind)) draws 100 seed 11")
        let mc = try e.run("from emploi_ind at epci | where complete(emploi_ind, 2018, 2022) | compare ti1 on growth(sum(emploi_ind), 2018, 2022) with ci 95 draws 400")
        let matched = try e.run("from emploi_ind, pop at epci | compare ti1 on growth(sum(emploi_ind), 2018, 2022) matched on (emploi_ind@2018, growth(emploi_ind, 2015, 2018), pop@2018) k 2 caliper 0.5 exact region")
        // Corse without controls and Bretagne without treated: both strata are excluded.
        let stratified = try e.run("from emploi_ind at epci | where complete(emploi_ind, 2018, 2022) and (ti1 or region != \"Corse\") and (not ti1 or region != \"Bretagne\") | compare ti1 on growth(sum(emploi_ind), 2018, 2022) stratified by region")
        let stratifiedCI = try e.run("from emploi_ind at epci | where complete(emploi_ind, 2018, 2022) and (ti1 or region != \"Corse\") and (not ti1 or region != \"Bretagne\") | compare ti1 on growth(sum(emploi_ind), 2018, 2022) stratified by region with ci 90 draws 150 seed 5")
        let last = stratifiedCI.rowCount - 1
        let balance = matched.texts("term").enumerated().filter { $0.element?.hasPrefix("balance: ") == true }.map(\.offset)
        let eventRows = event.texts("term").enumerated().filter { $0.element?.count == 4 }.map(\.offset)
        return [
            "twfe": ["beta": twfe.numbers("estimate")[0], "se": twfe.numbers("se")[0], "p": twfe.numbers("p")[0],
                     "clusters": twfe.numbers("clusters")[0], "n": twfe.numbers("n")[0]],
            "event": ["terms": eventRows.map { event.texts("term")[$0]! }, "beta": eventRows.map { event.numbers("estimate")[$0] },
                      "se": eventRows.map { event.numbers("se")[$0] },
                      "F": row(event, "stat", "pre-trend (joint)"), "pF": row(event, "p", "pre-trend (joint)")],
            "compare_exact": ["draws": 200, "seed": 7, "level": 90, "diff": compare.numbers("value")[2],
                              "lo": compare.numbers("lo")[2], "hi": compare.numbers("hi")[2], "p": compare.numbers("p")[2]],
            "did_exact": ["draws": 100, "seed": 11, "level": 95, "diff": did.numbers("change")[2],
                          "lo": did.numbers("lo")[2], "hi": did.numbers("hi")[2], "p": did.numbers("p")[2]],
            "compare_mc": ["draws": 400, "level": 95, "lo": mc.numbers("lo")[2], "hi": mc.numbers("hi")[2], "p": mc.numbers("p")[2]],
            "stratified": stratified.texts("region").indices.map { i in
                ["label": stratified.texts("region")[i]!, "treated": json(stratified.numbers("treated")[i]), "control": json(stratified.numbers("control")[i]),
                 "diff": json(stratified.numbers("diff")[i]), "n_treated": stratified.numbers("n_treated")[i],
                 "n_control": stratified.numbers("n_control")[i], "weight": json(stratified.numbers("weight")[i])] as [String: Any]
            },
            "stratified_ci": ["draws": 150, "seed": 5, "level": 90, "diff": stratifiedCI.numbers("diff")[last],
                              "lo": stratifiedCI.numbers("lo")[last], "hi": stratifiedCI.numbers("hi")[last], "p": stratifiedCI.numbers("p")[last],
                              "strata_rows_absent": (0..<last).allSatisfy { stratifiedCI.numbers("lo")[$0].isNaN && stratifiedCI.numbers("p")[$0].isNaN }],
            "matching": ["k": 2, "caliper": 0.5, "att": row(matched, "estimate", "att"), "se": row(matched, "se", "att"),
                         "n": row(matched, "n", "att"),
                         "smd_before": balance.map { matched.numbers("smd_before")[$0] },
                         "smd_after": balance.map { matched.numbers("smd_after")[$0] }],
        ]
    }

    @Test(.enabled(if: RequiredInCI.isOn || python(has: "numpy, scipy, statsmodels"), "python3 with numpy and statsmodels is needed (.ci/run installs them)"))
    func inferenceMatchesNumpyAndStatsmodels() throws {
        let input: [String: Any] = ["years": Array(2015...2024), "units": Self.units(), "tiq": try Self.answers()]
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("tiq-inference-\(ProcessInfo.processInfo.processIdentifier).json")
        try JSONSerialization.data(withJSONObject: input).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let r = Self.run([Self.packageRoot.appendingPathComponent("scripts/check_inference.py").path, file.path])
        #expect(r.status == 0, "scripts/check_inference.py:\n\(r.output)")
    }
}
