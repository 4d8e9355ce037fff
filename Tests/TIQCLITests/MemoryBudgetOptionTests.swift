import Foundation
import Testing

/// `tiq query --max-memory`: a load that grows past the budget stops with D134 (exit 65), a
/// clear message saying what exceeded what and how to raise it; without a budget it loads.
@Suite struct MemoryBudgetOptionTests {
    @Test func aLoadGrowingPastTheBudgetIsD134() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tiq-budget-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        // 34,875 communes × 10 years of one indicator: ~350,000 observations.
        let generated = try CLI.run(["generate", "--out", dir.path, "--indicators", "1"])
        #expect(generated.status == 0, "\(generated.stderr)")
        let query = "from emploi_ind at region | show code"

        let unbounded = try CLI.run(["query", "--max-memory", "0", "--data", dir.path, "--format", "csv", query])
        #expect(unbounded.status == 0, "\(unbounded.stderr)")
        #expect(unbounded.stdout.split(whereSeparator: \.isNewline).count == 19, "18 régions and the header")

        let bounded = try CLI.run(["query", "--max-memory", "40M", "--data", dir.path, query])
        #expect(bounded.status == 65, "\(bounded.stderr)")
        #expect(bounded.stderr.contains("error[D134]"), "\(bounded.stderr)")
        #expect(bounded.stderr.contains("above the memory budget of 40 MiB"), "\(bounded.stderr)")
        #expect(bounded.stderr.contains("--max-memory"), "\(bounded.stderr)")
        #expect(bounded.stdout.isEmpty)
    }

    @Test func aMalformedSizeIsAUsageError() throws {
        let r = try CLI.run(["query", "--max-memory", "12x", "from emploi_ind at region"])
        #expect(r.status == 64)
        #expect(r.stderr.contains("--max-memory takes a size"), "\(r.stderr)")
        let small = try CLI.run(["query", "--max-memory", "1M", "from emploi_ind at region"])
        #expect(small.status == 64)
        #expect(small.stderr.contains("at least 16 MiB"), "\(small.stderr)")
    }
}
