import TIQCore

/// `tiq query "<tql>"`: runs one query and prints the answer.
enum QueryCommand: Command {
    static let spec = CommandSpec(
        name: "query",
        summary: "run one TQL query given on the command line",
        arguments: "\"<tql>\"",
        discussion: """
            Runs the query on the embedded demo (or on the dataset in DIR) and prints the answer on
            stdout. A query that fails prints its diagnostics on stderr, with a caret under the
            error, and exits 1. Usage errors exit 64.
            """,
        options: [
            .option("--data", "DIR", "a dataset directory (territories.csv, links.csv, indicators.csv, observations.csv),\nor a snapshot file written by `tiq snapshot`"),
            .option("--format", "F", OutputFormat.optionHelp),
            MemoryBudgetOption.spec,
        ] + ChartOptions.specs,
        examples: [
            "tiq query \"from emploi_ind at ti1 | top 5 by emploi_ind@2022\"",
            "tiq query --format svg \"from emploi_ind at epci | where complete(emploi_ind, 2015..2024) | agg emp = sum(emploi_ind) by ti1 | derive idx = index(emp, 2018) | show ti1, idx\" > index.svg",
            "tiq query --format svg --title \"Jobs in 2022, top 10 EPCIs\" --note \"demo data\" \"from emploi_ind at epci | top 10 by emploi_ind@2022 | show name, emploi_ind@2022\" > top.svg",
        ])

    static func run(_ arguments: [String]) throws -> Int32 {
        var args = ArgumentReader(arguments, spec: spec)
        let budget = try MemoryBudgetOption.read(&args, command: name)
        return try MemoryBudget.$current.withValue(budget) { try run(reading: &args) }
    }

    /// The command once its memory budget is bound.
    private static func run(reading args: inout ArgumentReader) throws -> Int32 {
        let data = try args.option("--data")
        let format = try OutputFormat.parse(try args.option("--format"), command: name)
        let chart = try ChartOptions.read(&args, command: name)
        let rest = try args.finish()
        guard rest.count == 1 else {
            throw UsageError(rest.isEmpty ? "give the query as one argument: tiq query \"from … at …\""
                             : "expected one query, got \(rest.count) arguments; quote the query", command: name)
        }
        switch QueryExecution.prepare(data: data, format: format, sourceName: "query", command: name) {
        case .success(var execution):
            execution.chart = chart
            return execution.execute(rest[0])
        case .failure(let status): return status.code
        }
    }
}
