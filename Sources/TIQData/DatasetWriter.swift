import TIQCore
import TIQStore

/// Writes a `Dataset` as a directory of the four canonical CSV files (protocol.md, "Dataset format"):
/// `territories.csv`, `links.csv`, `indicators.csv`, `observations.csv`.
///
/// UTF-8, `\n` line ends, RFC 4180 quoting only where a field needs it, numbers in their
/// shortest round-trip form, an empty value for an absent observation. Optional columns
/// (`weight`, `description`, `status`) are written only when some row needs them.
public enum DatasetWriter {
    /// Writes the four files of `dataset` into `directory`, creating it if needed.
    public static func write(_ dataset: Dataset, to directory: String) throws(DataError) {
        try FileIO.makeDirectory(directory)
        try writeTerritories(dataset, to: FileIO.join(directory, "territories.csv"))
        try writeLinks(dataset.links, to: FileIO.join(directory, "links.csv"))
        try writeIndicators(dataset.indicators, to: FileIO.join(directory, "indicators.csv"))
        try writeObservations(dataset.observations, to: FileIO.join(directory, "observations.csv"))
    }

    /// Writes `territories.csv`: `level,code,name` then the attribute columns.
    public static func writeTerritories(_ dataset: Dataset, to path: String) throws(DataError) {
        let out = try ByteSink(path: path)
        out.append("level,code,name")
        for a in dataset.attributeNames { out.appendByte(44); out.appendField(a) }
        out.appendByte(10)
        for t in dataset.territories {
            out.appendField(t.level); out.appendByte(44)
            out.appendField(t.code); out.appendByte(44)
            out.appendField(t.name)
            for i in dataset.attributeNames.indices {
                out.appendByte(44)
                if i < t.attributes.count { out.appendField(t.attributes[i]) }
            }
            out.appendByte(10)
            try out.flushIfNeeded()
        }
        try out.close()
    }

    /// Writes `links.csv`: `child,parent`, plus `weight` when some weight is not 1, plus
    /// `from,to` when some link has a validity.
    public static func writeLinks(_ links: [LinkRecord], to path: String) throws(DataError) {
        let out = try ByteSink(path: path)
        let weighted = links.contains { $0.weight != 1 }
        let timed = links.contains(where: \.isTimed)
        out.append("child,parent" + (weighted ? ",weight" : "") + (timed ? ",from,to" : "") + "\n")
        for l in links {
            out.appendField(l.child); out.appendByte(44); out.appendField(l.parent)
            if weighted { out.appendByte(44); out.append(number: l.weight) }
            if timed { out.append("," + (l.from?.description ?? "") + "," + (l.to?.description ?? "")) }
            out.appendByte(10)
            try out.flushIfNeeded()
        }
        try out.close()
    }

    /// Writes `indicators.csv`: `code,name,unit,aggregate,frequency,source`, plus `description`
    /// when some has one and `breakdown` when some is broken down.
    public static func writeIndicators(_ indicators: [IndicatorRecord], to path: String) throws(DataError) {
        let out = try ByteSink(path: path)
        let described = indicators.contains { !$0.description.isEmpty }
        let brokenDown = indicators.contains { !$0.breakdown.isEmpty }
        out.append((described ? "code,name,unit,aggregate,frequency,source,description" : "code,name,unit,aggregate,frequency,source")
                   + (brokenDown ? ",breakdown\n" : "\n"))
        for i in indicators {
            for (n, f) in [i.code, i.name, i.unit, i.aggregate, i.frequency, i.source].enumerated() {
                if n > 0 { out.appendByte(44) }
                out.appendField(f)
            }
            if described { out.appendByte(44); out.appendField(i.description) }
            if brokenDown { out.appendByte(44); out.appendField(i.breakdown) }
            out.appendByte(10)
        }
        try out.close()
    }

    /// Writes `observations.csv` from a column-wise table.
    public static func writeObservations(_ table: ObservationTable, to path: String) throws(DataError) {
        let withStatus = table.statuses.contains { $0 != .ok }
        let out = try ObservationCSVWriter(path: path, territoryKeys: table.territoryKeys,
                                           indicatorCodes: table.indicatorCodes, withStatus: withStatus,
                                           breakdownCodes: table.breakdowns.isEmpty ? nil : table.breakdownCodes)
        for i in 0..<table.count {
            try out.append(territory: Int(table.territories[i]), indicator: Int(table.indicators[i]),
                           period: table.periods[i], value: table.values[i], status: table.statuses[i], breakdown: table.breakdown(i))
        }
        try out.close()
    }
}

/// A streaming writer of `observations.csv`, for datasets too large to hold as a `Dataset`
/// (the generator writes tens of millions of rows through it).
///
/// Territory keys and indicator codes are encoded once; each row is then a few byte copies
/// and a number format.
public final class ObservationCSVWriter {
    private let out: ByteSink
    private let territoryFields: [[UInt8]]
    private let indicatorFields: [[UInt8]]
    private let withStatus: Bool
    private let breakdownFields: [[UInt8]]?
    /// Rows written so far.
    public private(set) var count = 0

    /// Opens `path` and writes the header; rows name territories and indicators by their
    /// positions in `territoryKeys` and `indicatorCodes`. With `withStatus` false, the
    /// `status` column is left out, and absent values are plain `missing`.
    /// With `breakdownCodes`, a last column `naf` gives each row's code (rows name it by position).
    public convenience init(path: String, territoryKeys: [String], indicatorCodes: [String], withStatus: Bool,
                            breakdownCodes: [String]? = nil) throws(DataError) {
        self.init(sink: try ByteSink(path: path), territoryKeys: territoryKeys, indicatorCodes: indicatorCodes,
                  withStatus: withStatus, header: true, breakdownCodes: breakdownCodes)
    }

    /// Writes rows to an open `sink`, after the header when `header` is true (false when the
    /// caller has already copied a header and rows there).
    public init(sink: ByteSink, territoryKeys: [String], indicatorCodes: [String], withStatus: Bool, header: Bool,
                breakdownCodes: [String]? = nil) {
        out = sink
        territoryFields = territoryKeys.map(ObservationCSVWriter.fieldBytes)
        indicatorFields = indicatorCodes.map(ObservationCSVWriter.fieldBytes)
        breakdownFields = breakdownCodes?.map(ObservationCSVWriter.fieldBytes)
        self.withStatus = withStatus
        if header {
            out.append((withStatus ? "territory,indicator,period,value,status" : "territory,indicator,period,value")
                       + (breakdownCodes == nil ? "\n" : ",naf\n"))
        }
    }

    /// Writes one row. An absent value (NaN) with status `ok` is written as `missing`.
    public func append(territory: Int, indicator: Int, period: Period, value: Double,
                       status: ObservationStatus, breakdown: Int? = nil) throws(DataError) {
        guard territory >= 0, territory < territoryFields.count, indicator >= 0, indicator < indicatorFields.count else {
            throw DataError("observation \(count + 1) refers to territory \(territory) / indicator \(indicator), out of range")
        }
        out.appendBytes(territoryFields[territory])
        out.appendByte(44)
        out.appendBytes(indicatorFields[indicator])
        out.appendByte(44)
        appendPeriod(period)
        out.appendByte(44)
        out.append(number: value)
        if withStatus {
            out.appendByte(44)
            if status != .ok {
                out.appendBytes(ObservationCSVWriter.statusNames[Int(status.rawValue)])
            } else if value.isNaN {
                out.appendBytes(ObservationCSVWriter.statusNames[Int(ObservationStatus.missing.rawValue)])
            }
        }
        if let breakdownFields {
            out.appendByte(44)
            if let breakdown, breakdown < breakdownFields.count { out.appendBytes(breakdownFields[breakdown]) }
        }
        out.appendByte(10)
        count += 1
        try out.flushIfNeeded()
    }

    /// Flushes and closes the file.
    public func close() throws(DataError) { try out.close() }

    private func appendPeriod(_ p: Period) {
        out.append(Int(p.year))
        switch p.frequency {
        case .annual: return
        case .semester: out.append("-S")
        case .quarter: out.append("-Q")
        case .monthly:
            out.appendByte(45)
            if p.subperiod < 10 { out.appendByte(48) }
        }
        out.append(Int(p.subperiod))
    }

    /// The file name of every status, by raw value.
    private static let statusNames: [[UInt8]] = (0...UInt8.max).map { ObservationStatus(rawValue: $0).map { Array($0.description.utf8) } ?? [] }

    private static func fieldBytes(_ text: String) -> [UInt8] {
        if !text.utf8.contains(where: { $0 == 44 || $0 == 34 || $0 == 10 || $0 == 13 }) { return Array(text.utf8) }
        var b: [UInt8] = [34]
        for c in text.utf8 {
            if c == 34 { b.append(34) }
            b.append(c)
        }
        b.append(34)
        return b
    }
}
