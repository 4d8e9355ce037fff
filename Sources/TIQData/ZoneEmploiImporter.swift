import TIQStore

/// Imports INSEE's zones d'emploi 2020 (insee.fr, "Zonage en zones d'emploi 2020", sheet
/// `Composition_communale` saved as CSV) into a dataset directory: the level `ze2020` (code,
/// name) and one commune → `ze2020` link per commune, so every indicator rolls up to the
/// zones like to EPCIs.
///
/// Columns are found by name: `CODGEO`, `ZE2020`, `LIBZE2020` (`LIBGEO`, `DEP`, `REG`,
/// `ZE2020_PARTIE_REG` are ignored). Title lines above the header, as the spreadsheet has
/// them, are skipped: the header is the first row holding `CODGEO`. Zone codes are padded to
/// 4 characters (`51` → `0051`); rows of municipal arrondissements (Paris, Lyon, Marseille)
/// fold into their commune and must agree with it.
public enum ZoneEmploiImporter {
    /// What the import did.
    public struct Summary: Sendable {
        /// Zones written.
        public var zones = 0
        /// Communes linked.
        public var communes = 0
        /// Rows dropped because their commune is not in the dataset (with `skipUnknown`).
        public var skippedRows = 0
        /// Communes of the dataset that no row placed in a zone.
        public var communesWithoutZone = 0
    }

    /// The level written.
    public static let level = "ze2020"

    /// Reads `file` and adds the zones and links to the dataset in `directory`.
    public static func importFile(_ file: String, into directory: String, skipUnknown: Bool = false) throws(DataError) -> Summary {
        let known = try PublishedImport.knownCommunes(in: directory)
        if !(try DatasetFiles.territoryCodes(in: directory, level: level)).isEmpty {
            throw DataError("the dataset already has level \(level)", at: FileIO.join(directory, "territories.csv"),
                            fix: "start from a dataset without zones d'emploi")
        }
        let stream = try RecordStream(path: file)
        while !stream.header.contains(where: { $0.uppercased() == "CODGEO" }) {
            guard try stream.next() else {
                throw DataError("no header row with CODGEO", at: file, fix: "save the sheet Composition_communale as CSV")
            }
            if stream.fields.contains(where: { $0.trimmingSpaces.uppercased() == "CODGEO" }) { stream.useCurrentRecordAsHeader() }
        }
        let cc = try stream.column("CODGEO"), zc = try stream.column("ZE2020"), nc = try stream.column("LIBZE2020")
        var zoneNames: [String: String] = [:]
        var zoneOf: [String: String] = [:]
        var summary = Summary()
        while try stream.next() {
            guard let commune = CommuneCodes.normalize(try stream.field(cc)) else {
                throw DataError("empty commune code in column `CODGEO`", at: stream.location)
            }
            var zone = try stream.field(zc).trimmingSpaces
            guard !zone.isEmpty else { throw DataError("empty zone code in column `ZE2020`", at: stream.location) }
            if zone.count < 4, zone.allSatisfy(\.isNumber) { zone = String(repeating: "0", count: 4 - zone.count) + zone }
            guard known.contains(commune) else {
                if skipUnknown { summary.skippedRows += 1; continue }
                throw PublishedImport.unknownCommune(commune, in: directory, at: stream)
            }
            if let other = zoneOf[commune], other != zone {
                throw DataError("commune `\(commune)` is in zone \(other) and in zone \(zone)", at: stream.location,
                                fix: "a commune belongs to one zone d'emploi; check the arrondissement rows")
            }
            zoneOf[commune] = zone
            let name = try stream.field(nc).trimmingSpaces
            zoneNames[zone] = zoneNames[zone] ?? (name.isEmpty ? zone : name)
        }
        guard !zoneOf.isEmpty else { throw DataError("no commune row", at: file) }
        try DatasetFiles.appendTerritories(zoneNames.keys.sorted().map { TerritoryRecord(level: level, code: $0, name: zoneNames[$0]!) },
                                           in: directory)
        try DatasetFiles.appendLinks(zoneOf.keys.sorted().map { LinkRecord(child: "commune:" + $0, parent: "\(level):" + zoneOf[$0]!) },
                                     in: directory)
        summary.zones = zoneNames.count
        summary.communes = zoneOf.count
        summary.communesWithoutZone = known.count - zoneOf.count
        return summary
    }
}
