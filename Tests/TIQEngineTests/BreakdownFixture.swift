import Foundation
import TIQCore
import TIQStore

/// A small dataset broken down by NAF division (issue 16), written as CSV rows, with the hard
/// cases: a secret cell, a sector present only in some years, a territory-year with no row
/// (missing), a `na` row, a sector in one commune only, and codes written undotted.
enum BreakdownFixture {
    /// One observation row: commune, year, NAF code, value (nil = absent), status.
    struct Row { let commune: String; let year: Int; let naf: String; let value: Double?; let status: String }

    static let communes = ["01", "02", "03", "04"]
    static let years = 2018...2022

    /// The rows of `jobs` (divisions: 05 B, 10/11/25 C, 35 D, 38 E, 45 G, 62 J).
    static let rows: [Row] = {
        var out: [Row] = []
        // Commune 01: stable industry, a services sector.
        for y in years {
            out.append(Row(commune: "01", year: y, naf: "10", value: Double(100 + 5 * (y - 2018)), status: ""))
            out.append(Row(commune: "01", year: y, naf: "25", value: Double(40 - 2 * (y - 2018)), status: ""))
            out.append(Row(commune: "01", year: y, naf: "62", value: Double(30 + 3 * (y - 2018)), status: ""))
        }
        // Commune 02: a sector appearing in 2020 (35), mining 05, one secret cell in 2019 (11).
        for y in years {
            out.append(Row(commune: "02", year: y, naf: "05", value: 7, status: ""))
            out.append(Row(commune: "02", year: y, naf: "45", value: Double(50 + y - 2018), status: ""))
            if y >= 2020 { out.append(Row(commune: "02", year: y, naf: "35", value: Double(3 * (y - 2019)), status: "")) }
            out.append(y == 2019 ? Row(commune: "02", year: y, naf: "11", value: nil, status: "secret")
                                 : Row(commune: "02", year: y, naf: "11", value: 2, status: ""))
        }
        // Commune 03: no industry in 2018 (a zero base), industry from 2019; no row at all in 2021.
        // Commune 04: a `na` row only in 2018 (it did not exist yet), then services and industry.
        return out + [
            Row(commune: "03", year: 2018, naf: "62", value: 10, status: ""),
            Row(commune: "03", year: 2019, naf: "62", value: 11, status: ""),
            Row(commune: "03", year: 2019, naf: "38", value: 4, status: "estimated"),
            Row(commune: "03", year: 2020, naf: "38", value: 6, status: ""),
            Row(commune: "03", year: 2022, naf: "38", value: 9, status: ""),
            Row(commune: "03", year: 2022, naf: "62", value: 12, status: ""),
            // Commune 04: a `na` row only in 2018 (did not exist), then services.
            Row(commune: "04", year: 2018, naf: "62", value: nil, status: "na"),
            Row(commune: "04", year: 2019, naf: "62", value: 5, status: ""),
            Row(commune: "04", year: 2020, naf: "62", value: 5, status: ""),
            Row(commune: "04", year: 2021, naf: "10", value: 1, status: ""),
            Row(commune: "04", year: 2022, naf: "10", value: 2, status: ""),
        ]
    }()

    static let territories = """
        level,code,name,population
        commune,01,Alpha,100
        commune,02,Beta,200
        commune,03,Gamma,300
        commune,04,Delta,400
        epci,E1,Un,
        epci,E2,Deux,
        france,FR,France,

        """
    static let links = "child,parent\ncommune:01,epci:E1\ncommune:02,epci:E1\ncommune:03,epci:E2\ncommune:04,epci:E2\nepci:E1,france:FR\nepci:E2,france:FR\n"
    static let indicators = "code,name,unit,aggregate,frequency,source,breakdown\njobs,Jobs,jobs,sum,A,test,naf\npop,Pop,hab,sum,A,test,\n"

    /// `observations.csv`: the rows, plus an ordinary indicator without breakdown.
    static var observations: String {
        var s = "territory,indicator,period,value,status,naf\n"
        for r in rows {
            s += "commune:\(r.commune),jobs,\(r.year),\(r.value.map { String($0) } ?? ""),\(r.status),\(r.naf)\n"
        }
        for c in communes { s += "commune:\(c),pop,2018,1000,,\n" }
        return s
    }

    /// A fresh dataset directory; a nil file takes the fixture's own.
    static func directory(indicators: String? = nil, observations: String? = nil) throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tiq-naf-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let files = ["territories.csv": territories, "links.csv": links, "indicators.csv": indicators ?? Self.indicators,
                     "observations.csv": observations ?? Self.observations]
        for (name, content) in files { try Data(content.utf8).write(to: dir.appendingPathComponent(name)) }
        return dir.path
    }

    /// The fixture's snapshot.
    static let snapshot: Snapshot = try! DatasetLoader.loadSnapshot(directory: try! directory(), id: 1)

    /// Brute force over the rows: the sum of `jobs` over the codes whose section is in
    /// `sections` (all when nil) for one commune and year, with the status rule of a roll-up:
    /// any absent kept row (secret, missing) → that absence; `na` adds nothing; no kept row but
    /// some row of the commune that year → 0; no row at all that year → missing.
    static func expected(commune: String, year: Int, sections: Set<Character>?) -> (Double?, ObservationStatus) {
        let all = rows.filter { $0.commune == commune && $0.year == year }
        if all.isEmpty { return (nil, .missing) }
        let kept = all.filter { r in sections.map { $0.contains(NAFSectionOf.division[r.naf]!) } ?? true }
        if let a = kept.first(where: { $0.value == nil && $0.status != "na" }) { return (nil, a.status == "secret" ? .secret : .missing) }
        let present = kept.filter { $0.value != nil }
        if present.isEmpty { return kept.isEmpty ? (0, .ok) : (nil, .notApplicable) }
        let status: ObservationStatus = present.contains { $0.status == "estimated" } ? .estimated : .ok
        return (present.reduce(0) { $0 + $1.value! }, status)
    }
}

/// The fixture's divisions and their sections, written out by hand from INSEE's NAF rév. 2.
enum NAFSectionOf {
    static let division: [String: Character] = ["05": "B", "10": "C", "11": "C", "25": "C", "35": "D", "38": "E", "45": "G", "62": "J"]
}
