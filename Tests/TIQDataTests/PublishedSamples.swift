import Foundation
@testable import TIQData

/// Small samples in the exact layouts of the published files (written here, never copied
/// from the real files), and a tiny dataset of communes to import them into.
enum PublishedSamples {
    /// The communes of the sample dataset (Paris, Lyon, Marseille for the arrondissements, Corsica for a letter code).
    static let communes = ["01001", "01002", "13055", "2A004", "69123", "75056"]

    /// A loadable dataset directory with `communes`, one EPCI holding them all, and no indicators.
    static func dataset(_ name: String) throws -> String {
        let dir = SharedData.temporaryDirectory(name)
        var t = "level,code,name\n"
        for c in communes { t += "commune,\(c),Commune \(c)\n" }
        t += "epci,E1,Everything\n"
        try t.write(toFile: dir + "/territories.csv", atomically: true, encoding: .utf8)
        try ("child,parent\n" + communes.map { "commune:\($0),epci:E1\n" }.joined())
            .write(toFile: dir + "/links.csv", atomically: true, encoding: .utf8)
        try "code,name,unit,aggregate,frequency,source\n".write(toFile: dir + "/indicators.csv", atomically: true, encoding: .utf8)
        try "territory,indicator,period,value\n".write(toFile: dir + "/observations.csv", atomically: true, encoding: .utf8)
        return dir
    }

    /// Writes `text` to a fresh file and returns its path.
    static func file(_ name: String, _ text: String) throws -> String {
        let path = SharedData.temporaryDirectory("sample") + "/" + name
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// The section of every activity code the samples use, looked up by hand in NAF rév. 2
    /// (independently of `NAFSections`); nil for a code outside it.
    static let sectionOfAPE: [String: Character?] = [
        "1071C": "C", "4711D": "G", "3511Z": "D", "0510Z": "B", "3700Z": "E", "2920Z": "C", "6201Z": "J",
        "0111Z": "A", "4120A": "F", "0000Z": nil, "2511Z": "C", "10.71C": "C", "29.10Z": "C", "47.11B": "G",
        "35.11Z": "D", "01.11Z": "A", "86.21Z": "Q", "08.12Z": "B", "38.11Z": "E", "52.10B": "H",
    ]

    /// Whether an activity code counts in industry (sections B-E) and in manufacturing (C).
    static func groups(ofAPE ape: String) -> (industry: Bool, manufacturing: Bool) {
        guard let s = sectionOfAPE[ape] ?? nil else { return (false, false) }
        return ("BCDE".contains(s), s == "C")
    }

    // MARK: - Open Urssaf, commune × APE, yearly (wide)

    /// One row of the Urssaf sample: commune as written, APE code as written, and per year (establishments, jobs) texts.
    struct UrssafRow {
        var commune: String
        var ape: String
        var cells: [(estab: String, jobs: String)]
    }

    static let urssafYears = [2019, 2020, 2021]

    /// The yearly rows: short code, arrondissements, dotted and plain APE codes, every group,
    /// an unclassifiable APE, empty cells and a secret one.
    static let urssafRows: [UrssafRow] = [
        UrssafRow(commune: "01001", ape: "1071C", cells: [("2", "5"), ("2", "6"), ("3", "9")]),
        UrssafRow(commune: "1001", ape: "4711D", cells: [("1", "12"), ("1", "11"), ("1", "10")]),
        UrssafRow(commune: "01001", ape: "3511Z", cells: [("1", "40"), ("", ""), ("1", "38")]),
        UrssafRow(commune: "01002", ape: "0510Z", cells: [("1", "3"), ("1", "3"), ("0", "0")]),
        UrssafRow(commune: "01002", ape: "3700Z", cells: [("1", "2"), ("1", "s"), ("1", "2")]),
        UrssafRow(commune: "75108", ape: "2920Z", cells: [("1", "120"), ("1", "118"), ("1", "101")]),
        UrssafRow(commune: "75117", ape: "6201Z", cells: [("4", "80"), ("5", "95"), ("5", "99")]),
        UrssafRow(commune: "69381", ape: "0111Z", cells: [("1", "1"), ("1", "1"), ("1", "1")]),
        UrssafRow(commune: "13201", ape: "4120A", cells: [("2", "14"), ("2", "15"), ("3", "17")]),
        UrssafRow(commune: "2A004", ape: "0000Z", cells: [("1", "2"), ("1", "2"), ("1", "2")]),
        UrssafRow(commune: "2A004", ape: "2511Z", cells: [("1", "1 234"), ("1", "1 200"), ("1", "1 190")]),
    ]

    /// The sample as the portal's CSV export with labels: `;`-separated, wide by year.
    static func urssafYearly(_ rows: [UrssafRow] = urssafRows) -> String {
        var header = ["Région", "Ancienne région", "Département", "Zone d'emploi", "EPCI", "Commune", "Intitulé commune",
                      "Grand secteur d'activité", "Secteur NA17", "Secteur NA38", "Secteur NA88", "APE", "Code région",
                      "Code ancienne région", "Code département", "Code zone d'emploi", "Code EPCI", "Code commune", "Code APE"]
        for y in urssafYears { header += ["Nombre d'établissements \(y)", "Effectifs salariés \(y)"] }
        var text = header.joined(separator: ";") + "\n"
        for r in rows {
            var f = ["84 Auvergne-Rhône-Alpes", "82 Rhône-Alpes", "01 Ain", "0051 Bourg", "200069193 CC", "\(r.commune) X",
                     "\"Saint-X; le bourg\"", "GS1 Industrie", "C1", "C1", "10", "\(r.ape) Libellé", "84", "82", "01", "0051",
                     "200069193", r.commune, r.ape]
            for c in r.cells { f += [c.estab, c.jobs] }
            text += f.joined(separator: ";") + "\n"
        }
        return text
    }
}
