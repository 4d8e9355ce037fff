import Foundation
import TIQData

/// `tiq generate`: writes a synthetic canonical dataset of any size (the demo's generator).
enum GenerateCommand: Command {
    static let spec = CommandSpec(
        name: "generate",
        summary: "write a synthetic dataset (real geography, synthetic TIs and series) as CSV",
        discussion: """
            Writes a canonical dataset (territories.csv, links.csv, indicators.csv, observations.csv)
            on the real French geography built into tiq, with synthetic TI perimeters (levels ti1 and
            ti2) and synthetic annual series. Every indicator's source says `synthetic`. Sizes: at
            epci with 6 indicators, ~75 k observations; at commune, ~2.1 M; 30 indicators over
            2000..2024, ~26 M (~0.8 GB).
            """,
        options: [
            .option("--out", "DIR", "the directory to write (created if needed; files are replaced)"),
            .option("--level", "L", "where the series are stored: commune (34,875 rows, default) or epci (1,253)"),
            .option("--indicators", "N", "how many indicators (default 6): emploi_ind, etab_ind, creations,\ndisparitions, ebe, va, then ind_07, ind_08, … (generic counts)"),
            .option("--years", "A..B", "the years (default 2015..2024)"),
            .option("--seed", "S", "the seed of every random draw (default 2018); same seed, same files"),
            .flag("--demo", "write exactly the embedded demo (11 indicators, communes, 2015..2024)"),
        ],
        examples: [
            "tiq generate --out tiq-s --level epci --indicators 2 --years 2020..2022",
            "tiq generate --out tiq-demo --demo",
        ],
        forms: ["--out DIR [--level commune|epci] [--indicators N] [--years 2015..2024] [--seed S]",
                "--out DIR --demo [--seed S]"])

    static func run(_ arguments: [String]) throws -> Int32 {
        var args = ArgumentReader(arguments, spec: spec)
        guard let out = try args.option("--out") else { throw UsageError("--out DIR is required; see `tiq generate --help`", command: name) }
        let demo = args.flag("--demo")
        let levelText = try args.option("--level") ?? "commune"
        let count = try args.intOption("--indicators") ?? 6
        let yearsText = try args.option("--years") ?? "2015..2024"
        let seedText = try args.option("--seed") ?? "2018"
        let rest = try args.finish()
        guard rest.isEmpty else { throw UsageError("unexpected argument `\(rest[0])`; see `tiq generate --help`", command: name) }
        guard let level = SyntheticDatasetSpec.Level(rawValue: levelText) else {
            throw UsageError("--level is commune or epci, got `\(levelText)`", command: name)
        }
        guard (1...9_999).contains(count) else { throw UsageError("--indicators takes 1 to 9999, got \(count)", command: name) }
        guard let seed = UInt64(seedText) else { throw UsageError("--seed takes a whole number ≥ 0, got `\(seedText)`", command: name) }
        let years = try parseYears(yearsText)

        var spec = demo ? Demo.spec(seed: seed)
                        : SyntheticDatasetSpec(level: level, indicators: SyntheticIndicator.generatorList(count: count),
                                               years: years, seed: seed)
        if demo && (arguments.contains("--level") || arguments.contains("--indicators") || arguments.contains("--years")) {
            throw UsageError("--demo fixes the level, indicators and years; drop the other options", command: name)
        }
        spec.seed = seed
        let start = Date()
        do {
            let n = try SyntheticDataset.write(spec, to: out)
            let seconds = Date().timeIntervalSince(start)
            printError("tiq generate: wrote \(n) observations (\(spec.indicators.count) indicators × \(spec.years.count) years at \(spec.level.rawValue) level) to \(out) in \(String(format: "%.1f", seconds)) s")
        } catch {
            printError("tiq generate: \(error)")
            return ExitCode.dataError
        }
        return ExitCode.success
    }

    /// Reads `2015..2024` (or a single year `2020`).
    static func parseYears(_ text: String) throws -> ClosedRange<Int> {
        let parts = text.split(separator: ".", omittingEmptySubsequences: true)
        guard (1...2).contains(parts.count), let a = Int(parts[0]), let b = Int(parts.last ?? parts[0]),
              text.contains("..") || parts.count == 1, (1000...9999).contains(a), (1000...9999).contains(b), a <= b else {
            throw UsageError("--years takes A..B, e.g. 2015..2024, got `\(text)`", command: name)
        }
        return a...b
    }
}
