import Foundation

/// Sirene samples in the exact column layout of INSEE's StockEtablissement and
/// StockEtablissementHistorique (written here, never copied from the real files).
enum SireneSamples {
    /// The header of StockEtablissement, in INSEE's order.
    static let stockHeader = [
        "siren", "nic", "siret", "statutDiffusionEtablissement", "dateCreationEtablissement", "trancheEffectifsEtablissement",
        "anneeEffectifsEtablissement", "activitePrincipaleRegistreMetiersEtablissement", "dateDernierTraitementEtablissement",
        "etablissementSiege", "nombrePeriodesEtablissement", "complementAdresseEtablissement", "numeroVoieEtablissement",
        "indiceRepetitionEtablissement", "typeVoieEtablissement", "libelleVoieEtablissement", "codePostalEtablissement",
        "libelleCommuneEtablissement", "libelleCommuneEtrangerEtablissement", "distributionSpecialeEtablissement",
        "codeCommuneEtablissement", "codeCedexEtablissement", "libelleCedexEtablissement", "codePaysEtrangerEtablissement",
        "libellePaysEtrangerEtablissement", "complementAdresse2Etablissement", "numeroVoie2Etablissement",
        "indiceRepetition2Etablissement", "typeVoie2Etablissement", "libelleVoie2Etablissement", "codePostal2Etablissement",
        "libelleCommune2Etablissement", "libelleCommuneEtranger2Etablissement", "distributionSpeciale2Etablissement",
        "codeCommune2Etablissement", "codeCedex2Etablissement", "libelleCedex2Etablissement", "codePaysEtranger2Etablissement",
        "libellePaysEtranger2Etablissement", "dateDebut", "etatAdministratifEtablissement", "enseigne1Etablissement",
        "enseigne2Etablissement", "enseigne3Etablissement", "denominationUsuelleEtablissement", "activitePrincipaleEtablissement",
        "nomenclatureActivitePrincipaleEtablissement", "caractereEmployeurEtablissement",
    ]

    /// The header of StockEtablissementHistorique, in INSEE's order.
    static let historyHeader = [
        "siren", "nic", "siret", "dateFin", "dateDebut", "etatAdministratifEtablissement", "changementEtatAdministratifEtablissement",
        "enseigne1Etablissement", "enseigne2Etablissement", "enseigne3Etablissement", "changementEnseigneEtablissement",
        "denominationUsuelleEtablissement", "changementDenominationUsuelleEtablissement", "activitePrincipaleEtablissement",
        "nomenclatureActivitePrincipaleEtablissement", "changementActivitePrincipaleEtablissement",
        "caractereEmployeurEtablissement", "changementCaractereEmployeurEtablissement",
    ]

    /// One establishment of the stock, as the fields the importer reads.
    struct Establishment {
        var siret: String
        var created: String
        var commune: String
        var ape: String
        var nomenclature = "NAFRev2"
        var state: String
        var start: String
    }

    /// The sample stock: every state, closures with and without a date, no creation date,
    /// an old nomenclature, an arrondissement, an establishment abroad, creations and closures
    /// on the window's edges.
    static let establishments: [Establishment] = [
        .init(siret: "10000000100011", created: "2015-03-02", commune: "01001", ape: "10.71C", state: "A", start: "2015-03-02"),
        .init(siret: "10000000100029", created: "2012-06-30", commune: "01001", ape: "29.10Z", state: "F", start: "2019-12-31"),
        .init(siret: "10000000200010", created: "2018-01-01", commune: "01001", ape: "47.11B", state: "F", start: "2020-01-01"),
        .init(siret: "10000000300018", created: "", commune: "01002", ape: "35.11Z", state: "A", start: "2008-05-01"),
        .init(siret: "10000000300026", created: "2016-09-09", commune: "01002", ape: "08.12Z", state: "F", start: ""),
        .init(siret: "10000000400016", created: "1995-01-01", commune: "01002", ape: "2811", nomenclature: "NAFRev1", state: "F", start: "2017-07-01"),
        .init(siret: "10000000500013", created: "2021-12-31", commune: "75108", ape: "86.21Z", state: "A", start: "2021-12-31"),
        .init(siret: "10000000500021", created: "2014-02-02", commune: "75056", ape: "38.11Z", state: "A", start: "2019-02-02"),
        .init(siret: "10000000600010", created: "2017-04-04", commune: "", ape: "52.10B", state: "A", start: "2017-04-04"),
        .init(siret: "10000000700018", created: "2010-10-10", commune: "2A004", ape: "01.11Z", state: "F", start: "2016-06-06"),
        .init(siret: "10000000700026", created: "2019-05-05", commune: "2A004", ape: "10.71C", state: "A", start: "2020-01-01"),
    ]

    /// The stock file text.
    static func stock(_ rows: [Establishment] = establishments) -> String {
        var text = stockHeader.joined(separator: ",") + "\n"
        for e in rows {
            var f = [String](repeating: "", count: stockHeader.count)
            func set(_ name: String, _ value: String) { f[stockHeader.firstIndex(of: name)!] = value }
            set("siren", String(e.siret.prefix(9))); set("nic", String(e.siret.suffix(5))); set("siret", e.siret)
            set("statutDiffusionEtablissement", "O"); set("dateCreationEtablissement", e.created)
            set("dateDernierTraitementEtablissement", "2024-03-01T10:12:13"); set("etablissementSiege", "true")
            set("libelleVoieEtablissement", "\"DE LA GARE, BATIMENT \"\"B\"\"\"")
            set("codeCommuneEtablissement", e.commune); set("dateDebut", e.start)
            set("etatAdministratifEtablissement", e.state); set("activitePrincipaleEtablissement", e.ape)
            set("nomenclatureActivitePrincipaleEtablissement", e.nomenclature); set("caractereEmployeurEtablissement", "N")
            if e.commune.isEmpty { set("codePaysEtrangerEtablissement", "99109"); set("libellePaysEtrangerEtablissement", "ALLEMAGNE") }
            text += f.joined(separator: ",") + "\n"
        }
        return text
    }

    /// One period of the history: SIRET, start date, end date, state.
    typealias Period = (siret: String, start: String, end: String, state: String)

    /// The sample history: a closure then a reopening, an activity change (two active
    /// periods), a SIRET the stock lacks, periods listed newest first as INSEE does.
    static let history: [Period] = [
        ("10000000100011", "2021-01-01", "", "A"),
        ("10000000100011", "2015-03-02", "2020-12-31", "A"),
        ("10000000100029", "2019-12-31", "", "F"),
        ("10000000100029", "2012-06-30", "2019-12-30", "A"),
        ("10000000200010", "2022-06-01", "", "A"),
        ("10000000200010", "2020-01-01", "2022-05-31", "F"),
        ("10000000200010", "2018-01-01", "2019-12-31", "A"),
        ("10000000250000", "2011-01-01", "", "A"),
        ("10000000700018", "2016-06-06", "", "F"),
        ("10000000700018", "2013-03-03", "2016-06-05", "A"),
        ("10000000700018", "2010-10-10", "2013-03-02", "F"),
    ]

    static func historyText(_ rows: [Period] = history) -> String {
        var text = historyHeader.joined(separator: ",") + "\n"
        for p in rows {
            var f = [String](repeating: "", count: historyHeader.count)
            func set(_ name: String, _ value: String) { f[historyHeader.firstIndex(of: name)!] = value }
            set("siren", String(p.siret.prefix(9))); set("nic", String(p.siret.suffix(5))); set("siret", p.siret)
            set("dateFin", p.end); set("dateDebut", p.start); set("etatAdministratifEtablissement", p.state)
            set("changementEtatAdministratifEtablissement", "true"); set("nomenclatureActivitePrincipaleEtablissement", "NAFRev2")
            text += f.joined(separator: ",") + "\n"
        }
        return text
    }
}
