import TIQData

/// `tiq import urssaf|sirene|ze2020`: the streaming importers of the large published files.
extension ImportCommand {
    static func importUrssaf(_ arguments: [String]) throws {
        var args = ArgumentReader(arguments, spec: spec)
        let out = try required(&args, "--out")
        var options = UrssafImporter.Options(file: "")
        options.prefix = try args.option("--prefix") ?? "urssaf"
        options.skipUnknown = args.flag("--skip-unknown")
        options.file = try oneFile(&args, "the Urssaf file")
        let s = try UrssafImporter.importFile(options, into: out)
        printError("tiq import urssaf: " + describe(s) + " → \(out)")
    }

    static func importSirene(_ arguments: [String]) throws {
        var args = ArgumentReader(arguments, spec: spec)
        let out = try required(&args, "--out")
        let history = try args.option("--history")
        let years = try args.option("--years").map { text in
            do { return try GenerateCommand.parseYears(text) } catch {
                throw UsageError("--years takes A..B, e.g. 2010..2024, got `\(text)`", command: name)
            }
        }
        let prefix = try args.option("--prefix") ?? "sirene"
        let skipUnknown = args.flag("--skip-unknown")
        var options = SireneImporter.Options(stock: try oneFile(&args, "the StockEtablissement file"),
                                             years: years.map { Int32($0.lowerBound)...Int32($0.upperBound) })
        options.history = history
        options.prefix = prefix
        options.skipUnknown = skipUnknown
        let s = try SireneImporter.importFiles(options, into: out)
        var line = "tiq import sirene: " + describe(s)
        if history != nil { line += ", \(s.joinedRows) history rows (\(s.unmatchedJoinedRows) of SIRETs not in the stock)" }
        printError(line + " → \(out)")
    }

    static func importZE2020(_ arguments: [String]) throws {
        var args = ArgumentReader(arguments, spec: spec)
        let out = try required(&args, "--out")
        let skipUnknown = args.flag("--skip-unknown")
        let file = try oneFile(&args, "the zones d'emploi composition file")
        let s = try ZoneEmploiImporter.importFile(file, into: out, skipUnknown: skipUnknown)
        var line = "tiq import ze2020: \(s.zones) zones over \(s.communes) communes"
        if s.communesWithoutZone > 0 { line += ", \(s.communesWithoutZone) communes of the dataset in no zone" }
        if s.skippedRows > 0 { line += ", \(s.skippedRows) rows of unknown communes skipped" }
        printError(line + " → \(out)")
    }

    static func oneFile(_ args: inout ArgumentReader, _ what: String) throws -> String {
        let files = try args.finish()
        guard files.count == 1 else { throw UsageError("give exactly one file, \(what); see `tiq import --help`", command: name) }
        return files[0]
    }

    private static func describe(_ s: PublishedImportSummary) -> String {
        var line = "\(s.rows) rows → \(s.indicators.count) indicators, \(s.observations) observations, \(s.communes) communes, \(s.firstPeriod)…\(s.lastPeriod)"
        if s.unclassifiedRows > 0 { line += ", \(s.unclassifiedRows) rows outside NAF rév. 2 (totals only)" }
        if s.rowsWithoutCommune > 0 { line += ", \(s.rowsWithoutCommune) rows without a commune" }
        if s.skippedRows > 0 { line += ", \(s.skippedRows) rows of unknown communes skipped" }
        return line
    }
}
