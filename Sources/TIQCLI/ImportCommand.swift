import TIQData
import TIQStore

/// `tiq import geo|ti|table|urssaf|sirene|ze2020`: turns published files into the canonical dataset format.
enum ImportCommand: Command {
    static let spec = CommandSpec(
        name: "import",
        summary: "import INSEE geography, ANCT TI perimeters, indicator tables, Urssaf, Sirene, zones d'emploi or contours into a dataset dir",
        discussion: """
            geo    reads regions.csv, departements.csv, epci.csv and communes.csv (INSEE reference files)
                   and writes levels commune, epci, dept, region, france with their links and the
                   attributes population (communes; sums above) and type (EPCI).
            ti     reads territoires.csv, members.csv and commune_membership.csv (ANCT perimeters of
                   both phases) and writes levels ti1 and ti2 (a TI id is unique only within its phase)
                   with commune → TI links and the attributes n_members, member_kinds, member_epcis,
                   added to a geography: a dataset directory, an INSEE geo directory, or `embedded`
                   (the default, the geography built into tiq). The output is a complete dataset.
            table  reads one indicator table and adds it to the dataset in DIR (indicators.csv and
                   observations.csv; an indicator of the same code is replaced).
            urssaf  streams an Open Urssaf commune × APE file (yearly, wide by year, or quarterly) into
                   PREFIX_jobs and PREFIX_estab, each also _industry (NAF B-E) and _manufacturing (C).
            sirene  streams INSEE's StockEtablissement (and, with --history, StockEtablissementHistorique,
                   both sorted by SIRET) into yearly PREFIX_creations, PREFIX_closures and PREFIX_active
                   (31 December), each also _industry and _manufacturing.
            ze2020  reads INSEE's zones d'emploi 2020 composition (CODGEO, ZE2020, LIBZE2020) and adds the
                   level ze2020 with commune → ze2020 links.
            contours  reads an IGN ADMIN EXPRESS layer in GeoJSON (COMMUNE, EPCI, DEPARTEMENT or REGION;
                   the level is told by INSEE_COM, CODE_SIREN, INSEE_DEP or INSEE_REG), simplifies each
                   ring for the level and writes DIR/contours-LEVEL.txt, which `--format map` draws.
                   Features whose code DIR lacks are refused with a warning that counts them.
            urssaf, sirene and ze2020 add to the dataset in DIR, which must hold the communes (tiq import geo);
            memory does not grow with the file (see docs/data.md, "Real data at full size").

            Separators `,` `;` or TAB are detected; decimal commas, a BOM and Latin-1 are accepted; empty,
            `s`/`secret` and `na` cells become missing, secret and na observations.
            """,
        options: [
            .option("--from", "DIR", "geo, ti: the directory of the source files"),
            .option("--out", "DIR", "the dataset directory to write (table, urssaf, sirene, ze2020: to add to)"),
            .option("--geo", "G", "ti: a dataset directory, an INSEE geo directory, or `embedded` (default)"),
            .option("--level", "L", "table: the level of the territory codes (dept, commune, epci, region, …);\ncontours: the level (default: told by the properties)"),
            .option("--territory-column", "C", "table: the column of territory codes (short numeric codes are zero-padded)"),
            .option("--indicator", "CODE", "table: the indicator code to create or replace"),
            .option("--unit", "U", "table: its unit: jobs, firms, EUR, %, …"),
            .option("--aggregate", "A", "table: sum (default), ratio(num,den), mean, mean weight population, none"),
            .option("--period-column", "C", "table, long form: one row per territory and period; dates 2020-01-31 become months"),
            .flag("--wide", "table, wide form: one column per period, headed 1998, 1999, …"),
            .option("--value-column", "C", "table, long form: the value column (default: the only numeric column left)"),
            .option("--name", "N", "table: the indicator's name in the catalog"),
            .option("--source", "S", "table: its source (default: the file name)"),
            .option("--description", "D", "table: its description"),
            .option("--name-column", "C", "table: territory names, for --add-territories"),
            .flag("--add-territories", "table: declare territories (even a new level such as ze2010) missing from DIR"),
            .flag("--skip-unknown", "table, urssaf, sirene, ze2020: drop rows whose territory DIR lacks, instead of failing"),
            .option("--filter", "COL=VALUE", "table: keep only rows where COL equals VALUE", repeatable: true),
            .option("--prefix", "P", "urssaf, sirene: the indicator code prefix (default urssaf, sirene)"),
            .option("--history", "FILE", "sirene: StockEtablissementHistorique, for every closure and reopening"),
            .option("--years", "A..B", "sirene: the years written (default 2000 to last year)"),
            .option("--tolerance", "T", "contours: the simplification tolerance in the layer's unit (default by level,\nin degrees: commune 0.0005, epci 0.001, dept 0.003, region 0.005; ×111,000 in metres)"),
            .option("--code-property", "P", "contours: the property holding the code (default INSEE_COM, CODE_SIREN,\nINSEE_DEP or INSEE_REG)"),
        ],
        examples: [
            "tiq import geo --from ../shared/data/geo --out fr",
            "tiq import ti --from ../shared/data/ti --geo fr --out fr",
            """
            tiq import table ../shared/data/indicators/france_relance_industrial_beneficiaries_dep_monthly.csv \\
                --out fr --level dept --territory-column departement_code --indicator relance_benef \\
                --unit firms --aggregate none --period-column date
            """,
        ],
        forms: ["geo --from GEO_DIR --out DIR",
                "ti --from TI_DIR [--geo DIR|GEO_DIR|embedded] --out DIR",
                "table FILE --out DIR --level L --territory-column C --indicator CODE --unit U\n                 [--period-column C | --wide] [options]",
                "urssaf FILE --out DIR [--prefix P] [--skip-unknown]",
                "sirene STOCK_FILE [--history FILE] --out DIR [--years A..B] [--prefix P] [--skip-unknown]",
                "ze2020 FILE --out DIR [--skip-unknown]",
                "contours FILE.geojson --out DIR [--level L] [--tolerance T] [--code-property P]"])

    static func run(_ arguments: [String]) throws -> Int32 {
        guard let kind = arguments.first else {
            throw UsageError("say what to import: geo, ti, table, urssaf, sirene, ze2020 or contours; see `tiq import --help`", command: name)
        }
        let rest = Array(arguments.dropFirst())
        do {
            switch kind {
            case "geo": try importGeo(rest)
            case "ti": try importTI(rest)
            case "table": try importTable(rest)
            case "urssaf": try importUrssaf(rest)
            case "sirene": try importSirene(rest)
            case "ze2020": try importZE2020(rest)
            case "contours": try importContours(rest)
            default: throw UsageError("unknown import `\(kind)`: geo, ti, table, urssaf, sirene, ze2020 or contours; see `tiq import --help`", command: name)
            }
        } catch let error as DataError {
            printError("tiq import \(kind): \(error)")
            return ExitCode.dataError
        } catch let error as LoadFailure {
            printError("tiq import \(kind): \(error)")
            return ExitCode.dataError
        }
        return ExitCode.success
    }

    static func importGeo(_ arguments: [String]) throws {
        var args = ArgumentReader(arguments, spec: spec)
        let from = try required(&args, "--from"), out = try required(&args, "--out")
        try noPositionals(&args)
        let geo = try GeoImporter.read(from: from)
        try DatasetWriter.write(geo.dataset(), to: out)
        printError("tiq import geo: \(geo.communes.count) communes, \(geo.epcis.count) EPCI, \(geo.departements.count) départements, \(geo.regions.count) régions → \(out)")
    }

    static func importTI(_ arguments: [String]) throws {
        var args = ArgumentReader(arguments, spec: spec)
        let from = try required(&args, "--from"), out = try required(&args, "--out")
        let geoPath = try args.option("--geo") ?? "embedded"
        try noPositionals(&args)
        var dataset: Dataset
        if geoPath == "embedded" {
            dataset = Geography.embedded.dataset()
        } else if FileIO.isFile(FileIO.join(geoPath, "territories.csv")) {
            dataset = try DatasetLoader.load(directory: geoPath)
        } else if FileIO.isFile(FileIO.join(geoPath, "communes.csv")) {
            dataset = try GeoImporter.read(from: geoPath).dataset()
        } else {
            throw DataError("neither a dataset (territories.csv) nor INSEE geography files (communes.csv)", at: geoPath,
                            fix: "pass a directory written by `tiq import geo`, the INSEE geo directory, or `embedded`")
        }
        if let level = dataset.territories.first(where: { $0.level == "ti1" || $0.level == "ti2" })?.level {
            throw DataError("the geography already has level \(level)", at: geoPath, fix: "start from a dataset without TI levels")
        }
        let communes = dataset.territories.filter { $0.level == "commune" }.map(\.code)
        let perimeters = try TIImporter.read(from: from, communeCodes: communes)
        TIPerimeter.append(perimeters, communeCodes: communes, to: &dataset)
        try DatasetWriter.write(dataset, to: out)
        let p1 = perimeters.filter { $0.phase == 1 }, p2 = perimeters.filter { $0.phase == 2 }
        printError("tiq import ti: ti1 \(p1.count) TIs over \(p1.reduce(0) { $0 + $1.communes.count }) communes, ti2 \(p2.count) TIs over \(p2.reduce(0) { $0 + $1.communes.count }) communes → \(out)")
    }

    static func importTable(_ arguments: [String]) throws {
        var args = ArgumentReader(arguments, spec: spec)
        let out = try required(&args, "--out")
        var options = TableImportOptions(file: "", level: try required(&args, "--level"),
                                         territoryColumn: try required(&args, "--territory-column"),
                                         indicator: try required(&args, "--indicator"), unit: try required(&args, "--unit"))
        options.aggregate = try args.option("--aggregate") ?? "sum"
        options.periodColumn = try args.option("--period-column")
        options.wide = args.flag("--wide")
        options.valueColumn = try args.option("--value-column")
        options.name = try args.option("--name")
        options.source = try args.option("--source")
        options.description = try args.option("--description") ?? ""
        options.nameColumn = try args.option("--name-column")
        options.addTerritories = args.flag("--add-territories")
        options.skipUnknown = args.flag("--skip-unknown")
        for f in try args.options("--filter") {
            guard let eq = f.firstIndex(of: "=") else { throw UsageError("--filter takes COLUMN=VALUE, got `\(f)`", command: name) }
            options.filters.append((String(f[..<eq]), String(f[f.index(after: eq)...])))
        }
        let files = try args.finish()
        guard files.count == 1 else { throw UsageError("give exactly one table file; see `tiq import --help`", command: name) }
        options.file = files[0]
        if options.wide == (options.periodColumn != nil) {
            throw UsageError("give either --period-column C (long table) or --wide (one column per period)", command: name)
        }
        let s = try TableImporter.importTable(options, into: out)
        var line = "tiq import table: \(options.indicator) — \(s.observations) observations, \(s.territories) territories, \(s.firstPeriod)…\(s.lastPeriod) (\(s.frequency))"
        if s.addedTerritories > 0 { line += ", \(s.addedTerritories) territories added" }
        if s.skippedRows > 0 { line += ", \(s.skippedRows) rows of unknown territories skipped" }
        if s.replaced { line += ", replacing the earlier import" }
        printError(line + " → \(out)")
    }

    static func required(_ args: inout ArgumentReader, _ option: String) throws -> String {
        guard let v = try args.option(option) else { throw UsageError("\(option) is required; see `tiq import --help`", command: name) }
        return v
    }

    private static func noPositionals(_ args: inout ArgumentReader) throws {
        let rest = try args.finish()
        guard rest.isEmpty else { throw UsageError("unexpected argument `\(rest[0])`; see `tiq import --help`", command: name) }
    }
}
