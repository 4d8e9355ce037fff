import TIQCore

/// Reads `observations.csv` into the column-wise `ObservationTable`: periods, values and
/// statuses are parsed here (D115, D116, D117); keys are resolved later by the validator.
enum ObservationReader {
    static func read(_ t: inout CSVTableReader, into dataset: inout Dataset, collector: inout DiagnosticCollector,
                     progress: ((Double) -> Void)?) -> DatasetSourceMap.FileSource? {
        guard t.readHeader(required: ["territory", "indicator", "period", "value"], collector: &collector) != nil,
              let tc = t.column("territory"), let ic = t.column("indicator"), let pc = t.column("period"),
              let vc = t.column("value") else { return nil }
        let sc = t.column("status")
        let bc = t.column(NAFCode.classification)
        var breakdownIndex: [String: UInt32] = [:]
        let decimalComma = t.reader.decimalComma
        var table = ObservationTable()
        var territoryIndex: [String: UInt32] = [:]
        var indicatorIndex: [String: UInt16] = [:]
        let reader = t
        var lastKey = "", lastTerritory: UInt32 = 0, lastCode = "", lastIndicator: UInt16 = 0
        let offsets = t.forEachRecord(collector: &collector, progress: progress) { rec, collector in
            let periodText = rec[pc].trimmingASCIISpaces()
            guard let period = fastPeriod(periodText) ?? Period(periodText) else {
                collector.error(.malformedPeriod, "`\(periodText)` is not a period", at: reader.location(rec, pc),
                                help: "write a year `2018`, a half-year `2018-S1`, a quarter `2018-Q3` or a month `2018-07`")
                return false
            }
            let valueText = rec[vc]
            var value = Double.nan
            if !valueText.utf8.allSatisfy({ $0 == 32 || $0 == 9 }) {
                guard let v = NumberParser.parse(valueText, decimalComma: decimalComma) else {
                    collector.error(.notANumber, "value `\(valueText)` is not a number", at: reader.location(rec, vc),
                                    help: decimalComma ? "write a number such as `1234,5`, or leave the value empty and give a status"
                                                       : "write a number such as `1234.5` (decimal point), or leave the value empty and give a status")
                    return false
                }
                value = v
            }
            var status = ObservationStatus.ok
            if let sc, !rec[sc].isEmpty {
                let text = rec[sc].trimmingASCIISpaces()
                guard let s = ObservationStatus(name: text) else {
                    collector.error(.unknownStatus, "status `\(text)` is unknown", at: reader.location(rec, sc),
                                    help: "use ok, missing, secret, na, estimated, provisional or break (or the SDMX letters A, M, C, E, P, B)")
                    return false
                }
                status = s
            }
            let key = rec[tc].trimmingASCIISpaces(), code = rec[ic].trimmingASCIISpaces()
            // Files are usually sorted by territory: compare with the previous key before hashing.
            let ti: UInt32
            if key == lastKey { ti = lastTerritory } else if let known = territoryIndex[key] { ti = known } else {
                ti = UInt32(table.territoryKeys.count)
                territoryIndex[key] = ti
                table.territoryKeys.append(key)
            }
            lastKey = key
            lastTerritory = ti
            let ii: UInt16
            if code == lastCode { ii = lastIndicator } else if let known = indicatorIndex[code] { ii = known } else {
                guard table.indicatorCodes.count < Int(UInt16.max) else {
                    collector.error(.unknownObservationIndicator, "more than 65,535 distinct indicators", at: reader.location(rec, ic),
                                    help: "split the dataset")
                    return false
                }
                ii = UInt16(table.indicatorCodes.count)
                indicatorIndex[code] = ii
                table.indicatorCodes.append(code)
            }
            lastCode = code
            lastIndicator = ii
            if let bc {
                let b = rec[bc].trimmingASCIISpaces()
                if b.isEmpty {
                    table.breakdowns.append(ObservationTable.noBreakdown)
                } else if let known = breakdownIndex[b] {
                    table.breakdowns.append(known)
                } else {
                    let k = UInt32(table.breakdownCodes.count)
                    breakdownIndex[b] = k
                    table.breakdownCodes.append(b)
                    table.breakdowns.append(k)
                }
            }
            table.territories.append(ti)
            table.indicators.append(ii)
            table.periods.append(period)
            table.values.append(value)
            table.statuses.append(status)
            return true
        }
        dataset.observations = table
        return t.source(offsets: offsets)
    }

    /// A year `2018` or a month `2018-07` read straight from the bytes (the common cases);
    /// nil leaves every other form to `Period.init`.
    @inline(__always)
    static func fastPeriod(_ text: String) -> Period? {
        text.utf8.withContiguousStorageIfAvailable { p -> Period? in
            func digit(_ i: Int) -> Int32? {
                let b = p[i]
                return b >= 48 && b <= 57 ? Int32(b - 48) : nil
            }
            guard p.count == 4 || p.count == 7, let a = digit(0), let b = digit(1), let c = digit(2), let d = digit(3) else { return nil }
            let year = a * 1000 + b * 100 + c * 10 + d
            if p.count == 4 { return Period(year: year) }
            guard p[4] == UInt8(ascii: "-"), let m1 = digit(5), let m2 = digit(6) else { return nil }
            let month = m1 * 10 + m2
            return (1...12).contains(month) ? Period(year: year, frequency: .monthly, subperiod: month) : nil
        } ?? nil
    }
}
