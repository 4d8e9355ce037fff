import Foundation

/// A small dataset written to a temporary directory: six real communes, three EPCI, and
/// `emploi_ind` (jobs, summed) over 2018–2021 with a secret, a missing and a not-applicable cell.
///
/// `observations` is the truth the tests recompute answers from.
enum Fixture {
    /// (commune code, name).
    static let communes: [(code: String, name: String)] = [
        ("01001", "L'Abergement-Clémenciat"), ("01002", "L'Abergement-de-Varey"), ("01004", "Ambérieu-en-Bugey"),
        ("38001", "Les Abrets en Dauphiné"), ("38002", "Les Adrets"), ("38003", "Agnin"),
    ]
    static let years = [2018, 2019, 2020, 2021]

    /// A cell of the fixture: a value, or an absence with its status name.
    enum Cell: Equatable {
        case value(Double)
        case absent(String)
    }

    /// emploi_ind per commune and year; thousands on purpose, to see separators.
    static let observations: [String: [Int: Cell]] = {
        var o: [String: [Int: Cell]] = [:]
        for (i, c) in communes.enumerated() {
            var row: [Int: Cell] = [:]
            for (t, y) in years.enumerated() {
                row[y] = .value(Double(1_000 * (i + 1) + 37 * t * (i + 2) + (i == 2 ? 12_345 : 0)))
            }
            o[c.code] = row
        }
        o["01002"]?[2019] = .absent("secret")
        o["38002"]?[2020] = .absent("missing")
        o["38003"]?[2018] = .absent("na")
        return o
    }()

    /// The directory, written once per test process.
    static let directory: String = {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tiq-cli-fixture-\(getpid())").path
        try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        var territories = "level,code,name,population,type\n"
        for c in communes { territories += "commune,\(c.code),\"\(c.name)\",1000,\n" }
        territories += """
            epci,200069193,CC de la Dombes,,CC
            epci,240100883,CA du Bassin de Bourg-en-Bresse,,CA
            epci,200040715,CA du Pays Voironnais,,CA
            dept,01,Ain,,
            dept,38,Isère,,
            region,84,Auvergne-Rhône-Alpes,,
            france,FR,France,,

            """
        let epci = ["01001": "200069193", "01002": "200069193", "01004": "240100883",
                    "38001": "200040715", "38002": "200040715", "38003": "200040715"]
        var links = "child,parent,weight\n"
        for c in communes {
            links += "commune:\(c.code),epci:\(epci[c.code] ?? ""),\n"
            links += "commune:\(c.code),dept:\(c.code.prefix(2)),\n"
        }
        links += "dept:01,region:84,\ndept:38,region:84,\nregion:84,france:FR,\n"
        let indicators = """
            code,name,unit,aggregate,frequency,source,description
            emploi_ind,Emploi salarié industriel,jobs,sum,A,test fixture,Industrial payroll jobs

            """
        var obs = "territory,indicator,period,value,status\n"
        for c in communes {
            for y in years {
                switch observations[c.code]?[y] {
                case .value(let v)?: obs += "commune:\(c.code),emploi_ind,\(y),\(Int(v)),\n"
                case .absent(let s)?: obs += "commune:\(c.code),emploi_ind,\(y),,\(s)\n"
                case nil: break
                }
            }
        }
        for (name, text) in [("territories.csv", territories), ("links.csv", links), ("indicators.csv", indicators), ("observations.csv", obs)] {
            _ = FileManager.default.createFile(atPath: dir + "/" + name, contents: Data(text.utf8))
        }
        return dir
    }()

    /// `1234567` → `1,234,567`, written independently of the code under test.
    static func grouped(_ n: Int) -> String {
        let digits = Array(String(abs(n)))
        var out: [Character] = []
        for (i, d) in digits.reversed().enumerated() {
            if i > 0 && i % 3 == 0 { out.append(",") }
            out.append(d)
        }
        return (n < 0 ? "-" : "") + String(out.reversed())
    }
}
