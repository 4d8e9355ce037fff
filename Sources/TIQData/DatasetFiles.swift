#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import TIQCore
import TIQStore

/// Edits of a canonical dataset directory in place, for importers that add to it: read the
/// territory codes of a level, append territories, add or replace one catalog row, replace
/// the observations of one indicator. Files are rewritten whole, through a temporary file.
enum DatasetFiles {
    /// The codes of the territories of `level` in `directory/territories.csv` (empty when absent).
    static func territoryCodes(in directory: String, level: String) throws(DataError) -> Set<String> {
        let path = FileIO.join(directory, "territories.csv")
        guard FileIO.isFile(path) else { return [] }
        let t = try DelimitedText.read(path)
        let lc = try t.column("level"), cc = try t.column("code")
        var codes = Set<String>()
        for r in t.records where lc < r.fields.count && r.fields[lc] == level { codes.insert(try t.field(r, cc)) }
        return codes
    }

    /// Appends `records` (with empty attributes) to `directory/territories.csv`, creating it if needed.
    static func appendTerritories(_ records: [TerritoryRecord], in directory: String) throws(DataError) {
        let path = FileIO.join(directory, "territories.csv")
        var existing: [UInt8] = []
        var width = 3
        if FileIO.isFile(path) {
            existing = try FileIO.read(path)
            width = try DelimitedText.parse(existing, path: path).header.count
            if let last = existing.last, last != 10 { existing.append(10) }
        } else {
            existing = Array("level,code,name\n".utf8)
        }
        let tmp = path + ".tmp"
        let out = try ByteSink(path: tmp)
        existing.withUnsafeBufferPointer { for b in $0 { out.appendByte(b) } }
        for r in records {
            out.appendField(r.level); out.appendByte(44); out.appendField(r.code); out.appendByte(44); out.appendField(r.name)
            for _ in 3..<max(3, width) { out.appendByte(44) }
            out.appendByte(10)
        }
        try out.close()
        try replace(path, with: tmp)
    }

    /// Adds `indicator` to `directory/indicators.csv`, replacing a row with the same code;
    /// returns whether one was replaced.
    static func upsertIndicator(_ indicator: IndicatorRecord, in directory: String) throws(DataError) -> Bool {
        let path = FileIO.join(directory, "indicators.csv")
        var rows: [IndicatorRecord] = []
        var replaced = false
        if FileIO.isFile(path) {
            let t = try DelimitedText.read(path)
            let cols = try ["code", "name", "unit", "aggregate", "frequency", "source"].map { c throws(DataError) in try t.column(c) }
            let dc = t.header.firstIndex { $0.lowercased() == "description" }
            for r in t.records {
                var f: [String] = []
                for c in cols { f.append(try t.field(r, c)) }
                let d = dc.flatMap { $0 < r.fields.count ? r.fields[$0] : nil } ?? ""
                if f[0] == indicator.code { rows.append(indicator); replaced = true; continue }
                rows.append(IndicatorRecord(code: f[0], name: f[1], unit: f[2], aggregate: f[3], frequency: f[4], source: f[5], description: d))
            }
        }
        if !replaced { rows.append(indicator) }
        try DatasetWriter.writeIndicators(rows, to: path + ".tmp")
        try replace(path, with: path + ".tmp")
        return replaced
    }

    /// Rewrites `directory/observations.csv` without the rows of indicator `code`, then with `cells`.
    static func replaceObservations(of code: String, in directory: String, territoryKeys: [String],
                                    cells: [(territory: Int, period: Period, value: Double, status: ObservationStatus)]) throws(DataError) {
        try replaceObservations(of: [code], in: directory, territoryKeys: territoryKeys,
                                hasStatus: cells.contains { $0.status != .ok || $0.value.isNaN },
                                cells: cells.map { ($0.territory, 0, $0.period, $0.value, $0.status) })
    }

    /// Rewrites `directory/observations.csv` without the rows of the indicators `codes`, then
    /// with `cells`, whose `indicator` is a position in `codes`.
    /// `hasStatus` says whether some cell is not plainly `ok` (the file then gets a `status` column).
    static func replaceObservations(of codes: [String], in directory: String, territoryKeys: [String], hasStatus: Bool,
                                    cells: some Sequence<(territory: Int, indicator: Int, period: Period, value: Double, status: ObservationStatus)>) throws(DataError) {
        let path = FileIO.join(directory, "observations.csv")
        let existing: [UInt8] = FileIO.isFile(path) ? try FileIO.read(path) : []
        var lines = LineCursor(existing)
        var oldHasStatus = false
        if let header = lines.next() {
            let fields = String(decoding: header, as: UTF8.self).split(separator: ",").map { $0.lowercased() }
            guard fields.count >= 4, Array(fields.prefix(4)) == ["territory", "indicator", "period", "value"] else {
                throw DataError("the header is not `territory,indicator,period,value[,status]`", at: path + ":1",
                                fix: "rewrite the file in the canonical column order")
            }
            oldHasStatus = fields.count >= 5
        }
        let withStatus = oldHasStatus || hasStatus
        let tmp = path + ".tmp"
        let out = try ByteSink(path: tmp)
        out.append(withStatus ? "territory,indicator,period,value,status\n" : "territory,indicator,period,value\n")
        let targets = Set(codes.map { Array($0.utf8) })
        while let line = lines.next() {
            if line.isEmpty { continue }
            if targets.contains(indicatorField(of: line)) { continue }
            for b in line { out.appendByte(b) }
            if withStatus && !oldHasStatus { out.appendByte(44) }
            out.appendByte(10)
            try out.flushIfNeeded()
        }
        let writer = ObservationCSVWriter(sink: out, territoryKeys: territoryKeys, indicatorCodes: codes,
                                          withStatus: withStatus, header: false)
        for c in cells {
            try writer.append(territory: c.territory, indicator: c.indicator, period: c.period, value: c.value, status: c.status)
        }
        try writer.close()
        try replace(path, with: tmp)
    }

    /// The second field of a CSV line, unquoted.
    private static func indicatorField(of line: ArraySlice<UInt8>) -> [UInt8] {
        if !line.contains(34) {
            guard let a = line.firstIndex(of: 44) else { return [] }
            let rest = line[(a + 1)...]
            return Array(rest[..<(rest.firstIndex(of: 44) ?? rest.endIndex)])
        }
        let parsed = try? DelimitedText.parse(Array(line) + [10], path: "", separator: 44)
        return Array((parsed?.header.dropFirst().first ?? "").utf8)
    }

    static func replace(_ path: String, with tmp: String) throws(DataError) {
        if rename(tmp, path) != 0 {
            throw DataError("cannot replace the file: \(String(cString: strerror(errno)))", at: path)
        }
    }
}

/// Iterates over the lines of a byte buffer (without their `\n` or `\r\n`).
struct LineCursor {
    private let bytes: [UInt8]
    private var position = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    mutating func next() -> ArraySlice<UInt8>? {
        guard position < bytes.count else { return nil }
        var end = position
        while end < bytes.count, bytes[end] != 10 { end += 1 }
        var line = bytes[position..<end]
        if line.last == 13 { line = line.dropLast() }
        position = end + 1
        return line
    }
}
