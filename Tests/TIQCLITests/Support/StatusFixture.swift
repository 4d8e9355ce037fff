import Foundation

/// A hand-made dataset where every cell's status is known: four communes of one EPCI, indicator
/// `x` (jobs, summed) over 2018–2021, with every status `observations.csv` can declare.
///
/// `cells` is the truth the status tests compare every output format with.
enum StatusFixture {
    static let communes = ["01001", "01002", "01004", "01005"]
    static let years = [2018, 2019, 2020, 2021]

    /// A declared cell: its value (nil when absent) and its status name (`ok` for a plain value).
    struct Cell: Equatable {
        var value: Double?
        var status: String
    }

    /// x per commune and year, as written in `observations.csv`.
    static let cells: [String: [Int: Cell]] = [
        "01001": [2018: Cell(value: 100, status: "ok"), 2019: Cell(value: 110, status: "estimated"),
                  2020: Cell(value: 120, status: "provisional"), 2021: Cell(value: 130, status: "ok")],
        "01002": [2018: Cell(value: 200, status: "break"), 2019: Cell(value: nil, status: "secret"),
                  2020: Cell(value: 210, status: "ok"), 2021: Cell(value: 220, status: "imputed")],
        "01004": [2018: Cell(value: 300, status: "ok"), 2019: Cell(value: nil, status: "missing"),
                  2020: Cell(value: 310, status: "partial"), 2021: Cell(value: 320, status: "approx")],
        "01005": [2018: Cell(value: nil, status: "na"), 2019: Cell(value: 400, status: "ok"),
                  2020: Cell(value: nil, status: "undefined"), 2021: Cell(value: 410, status: "estimated")],
    ]

    /// The directory, written once per test process.
    static let directory: String = {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tiq-status-fixture-\(getpid())").path
        try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        var territories = "level,code,name,population,type\n"
        for c in communes { territories += "commune,\(c),Commune \(c),1000,\n" }
        territories += "epci,200069193,CC de la Dombes,,CC\ndept,01,Ain,,\nregion,84,Auvergne-Rhône-Alpes,,\nfrance,FR,France,,\n"
        var links = "child,parent,weight\n"
        for c in communes { links += "commune:\(c),epci:200069193,\ncommune:\(c),dept:01,\n" }
        links += "dept:01,region:84,\nregion:84,france:FR,\n"
        let indicators = """
            code,name,unit,aggregate,frequency,source,description
            x,Test jobs,jobs,sum,A,test fixture,Every status once

            """
        var obs = "territory,indicator,period,value,status\n"
        for c in communes {
            for y in years {
                guard let cell = cells[c]?[y] else { continue }
                let value = cell.value.map { String(Int($0)) } ?? ""
                obs += "commune:\(c),x,\(y),\(value),\(cell.status == "ok" ? "" : cell.status)\n"
            }
        }
        for (name, text) in [("territories.csv", territories), ("links.csv", links), ("indicators.csv", indicators), ("observations.csv", obs)] {
            _ = FileManager.default.createFile(atPath: dir + "/" + name, contents: Data(text.utf8))
        }
        return dir
    }()

    /// An RFC 4180 reader written for the tests (quotes, doubled quotes, CRLF), independent of
    /// the formatter: the records as arrays of fields.
    static func parseCSV(_ text: String) -> [[String]] {
        var records: [[String]] = []
        var field = "", record: [String] = []
        var quoted = false, afterQuote = false
        var chars = Array(text)[...]
        while let ch = chars.popFirst() {
            if quoted {
                if ch == "\"" {
                    if chars.first == "\"" { field.append("\""); chars = chars.dropFirst() } else { quoted = false; afterQuote = true }
                } else { field.append(ch) }
                continue
            }
            switch ch {
            case "\"" where field.isEmpty && !afterQuote: quoted = true
            case ",": record.append(field); field = ""; afterQuote = false
            case "\r\n", "\n", "\r":
                record.append(field); records.append(record); field = ""; record = []; afterQuote = false
            default: field.append(ch)
            }
        }
        if !field.isEmpty || !record.isEmpty { record.append(field); records.append(record) }
        return records
    }
}
