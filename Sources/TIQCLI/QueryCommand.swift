/// `tiq query "<tql>"`: runs one query and prints the answer.
enum QueryCommand: Command {
    static let name = "query"
    static let summary = "run one TQL query given on the command line"
    static let help = """
        USAGE: tiq query [--data DIR] [--format table|csv|json|markdown|svg] "<tql>"

        Runs the query on the embedded demo (or on the dataset in DIR) and prints the answer on
        stdout. A query that fails prints its diagnostics on stderr, with a caret under the
        error, and exits 1. Usage errors exit 64.

        OPTIONS:
          --data DIR        a dataset directory (territories.csv, links.csv, indicators.csv, observations.csv),
                            or a snapshot file written by `tiq snapshot`
          --format F        table (default): aligned, units in headers, sparklines for series
                            csv: RFC 4180, one column per period for series (x@2018), absent = empty
                            json: the result object of the `query` method of `tiq serve`
                            markdown: a table for reports
                            svg: a line chart of series answers (one line per row; small
                            multiples beyond 12 rows), bars for a label and a number per row
          --title T, --subtitle T, --source T, --note T (repeatable)
                            text around an svg chart; the source defaults to the catalog's

        EXAMPLES:
          tiq query "from emploi_ind at ti1 | top 5 by emploi_ind"
          tiq query --format svg "from emploi_ind at epci | agg emp = sum(emploi_ind) by ti1 | derive idx = index(emp, 2018) | show ti1, idx" > index.svg
        """

    static func run(_ arguments: [String]) throws -> Int32 {
        var args = ArgumentReader(arguments, command: name)
        let data = try args.option("--data")
        let format = try OutputFormat.parse(try args.option("--format"), command: name)
        let chart = try ChartOptions.read(&args)
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
