#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Dispatch
import Synchronization
import TIQCore

/// The fast path of `observations.csv`: reads the mapped file as bytes and stores each record
/// straight into its (indicator, level) column, with no `String` per field and no
/// intermediate observation table.
///
/// Optimistic: it handles the well-formed common case (comma-separated, unquoted, the four or
/// five standard columns, known keys, plain numbers) and gives up — returns nil — at the first
/// record it does not fully understand. The caller then reads the file again with the general
/// reader and validator, which report every problem at `file:line:column` exactly as before.
enum DirectObservationLoader {
    /// Files with more bytes of records than this are read in two halves on two threads. Only
    /// large files gain: below it, the other core is busy building memberships and the name
    /// index, and a split costs a merge and a second set of columns.
    static let splitThreshold = 256 << 20

    /// The columns of the observations in the file `open` opens, or nil to take the general path; files with
    /// more bytes of records than `splitAbove` are read in two halves on two threads.
    static func columns(opening open: () throws(RegularFile.Failure) -> (fd: Int32, info: stat), resolved: ResolvedDataset,
                        layout: LevelLayout, splitAbove: Int = splitThreshold,
                        progress: ((Double) -> Void)?) -> [ColumnKey: Column]? {
        guard let (fd, info) = try? open() else { return nil }
        defer { close(fd) }
        let size = Int(info.st_size)
        guard size > 0 else { return nil }
        guard let map = mmap(nil, size, PROT_READ, MAP_PRIVATE, fd, 0), map != MAP_FAILED else { return nil }
        defer { munmap(map, size) }
        _ = madvise(map, size, MADV_SEQUENTIAL)
        let bytes = UnsafeBufferPointer(start: map.assumingMemoryBound(to: UInt8.self), count: size)
        var parser = Parser(bytes: bytes, resolved: resolved, layout: layout)
        guard parser.readHeader() else { return nil }
        // Large files are read in two halves, split at a line end, on two threads.
        var split = size
        if size - parser.offset > splitAbove {
            split = parser.offset + (size - parser.offset) / 2
            while split < size, bytes[split] != 10, bytes[split] != 13 { split += 1 }
            while split < size, bytes[split] == 10 || bytes[split] == 13 { split += 1 }
        }
        let secondHalf = Mutex<[GrowingColumn?]?>(nil)
        let group = DispatchGroup()
        if split < size {
            let address = Int(bitPattern: map), header = parser.fieldOf, width = parser.width, from = split
            DispatchQueue.global().async(group: group) {
                guard let base = UnsafeRawPointer(bitPattern: address) else { return }
                var second = Parser(bytes: UnsafeBufferPointer(start: base.assumingMemoryBound(to: UInt8.self), count: size),
                                    resolved: resolved, layout: layout)
                second.fieldOf = header
                second.width = width
                second.offset = from
                if second.readRecords(end: size, progress: nil, release: { release(base, $0, $1) }) {
                    let columns = second.growing
                    secondHalf.withLock { $0 = columns }
                }
            }
        }
        let firstOK = parser.readRecords(end: split, progress: progress, release: { release(map, $0, $1) })
        group.wait()
        guard firstOK else { return nil }
        if split < size {
            guard let other = secondHalf.withLock({ $0 }), parser.absorb(other) else { return nil }
        }
        return parser.finish()
    }

    /// Drops the pages of bytes `from..<to` of the mapping at `map` from the resident set (they
    /// stay in the page cache): parsed bytes are not needed again.
    private static func release(_ map: UnsafeRawPointer, _ from: Int, _ to: Int) {
        let page = Int(sysconf(Int32(_SC_PAGESIZE)))
        let a = (from + page - 1) / page * page, b = to / page * page
        if b > a { _ = madvise(UnsafeMutableRawPointer(mutating: map) + a, b - a, MADV_DONTNEED) }
    }

    /// The record parser over the mapped bytes.
    struct Parser {
        let bytes: UnsafeBufferPointer<UInt8>
        let resolved: ResolvedDataset
        let layout: LevelLayout
        let territories: ByteKeyMap
        let indicators: ByteKeyMap
        let levels: Int
        /// Field position of territory, indicator, period, value, status (-1: no status column).
        var fieldOf = [Int](repeating: -1, count: 5)
        var width = 0
        var offset = 0
        var growing: [GrowingColumn?]

        init(bytes: UnsafeBufferPointer<UInt8>, resolved: ResolvedDataset, layout: LevelLayout) {
            self.bytes = bytes
            self.resolved = resolved
            self.layout = layout
            territories = ByteKeyMap(resolved.territoryByKey.map { (key: $0.key, value: $0.value) })
            indicators = ByteKeyMap(resolved.indicatorByCode.map { (key: $0.key, value: $0.value) })
            levels = max(1, resolved.levelNames.count)
            growing = [GrowingColumn?](repeating: nil, count: resolved.indicators.count * levels)
        }

        /// Reads the header: only the standard columns, comma-separated, unquoted.
        mutating func readHeader() -> Bool {
            var i = 0
            if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { i = 3 }
            var names: [String] = []
            var start = i
            while i < bytes.count {
                let b = bytes[i]
                if b == UInt8(ascii: "\"") || b == UInt8(ascii: ";") || b == 9 || b >= 0x80 { return false }
                if b == UInt8(ascii: ",") || b == 10 || b == 13 {
                    names.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<i]), as: UTF8.self)
                        .trimmingASCIISpaces().lowercased())
                    start = i + 1
                    if b != UInt8(ascii: ",") { break }
                }
                i += 1
            }
            guard i < bytes.count else { return false }
            if bytes[i] == 13 { i += 1 }
            if i < bytes.count, bytes[i] == 10 { i += 1 }
            offset = i
            let known = ["territory", "indicator", "period", "value", "status"]
            for (k, name) in names.enumerated() {
                guard let j = known.firstIndex(of: name), fieldOf[j] < 0 else { return false }
                fieldOf[j] = k
            }
            width = names.count
            return fieldOf[0...3].allSatisfy { $0 >= 0 }
        }

        /// Reads every record into the growing columns; false at the first one it cannot take.
        /// How many bytes of the file are read between two checks of the memory budget.
        static let bytesPerBudgetCheck = 1 << 20

        mutating func readRecords(end: Int, progress: ((Double) -> Void)?, release: (Int, Int) -> Void) -> Bool {
            let p = bytes
            let n = end
            let tf = fieldOf[0], inf = fieldOf[1], pf = fieldOf[2], vf = fieldOf[3], sf = fieldOf[4]
            let w = width
            let frequencies = resolved.indicators.map(\.frequency)
            let maximumCells = DatasetValidator.maximumColumnCells
            var starts = [Int](repeating: 0, count: w), ends = [Int](repeating: 0, count: w)
            var lastTerritory = (start: 0, count: -1), lastIndicator = (start: 0, count: -1)
            var level = 0, row = 0, indicator = 0
            var i = offset
            let step = 32 << 20
            var nextMark = i + step, released = i
            var nextBudgetCheck = i + Self.bytesPerBudgetCheck
            while i < n {
                if i >= nextBudgetCheck {
                    // Above the memory budget: the general path reports D134 with its place.
                    if MemoryBudget.currentOverrun() != nil { return false }
                    nextBudgetCheck = i + Self.bytesPerBudgetCheck
                }
                if i >= nextMark {
                    progress?(Double(i - offset) / Double(max(1, n - offset)))
                    release(released, i)
                    released = i
                    nextMark = i + step
                }
                // Split one record into fields.
                var f = 0
                var s = i
                while true {
                    let b = i < n ? p[i] : 10
                    if b == UInt8(ascii: ",") || b == 10 || b == 13 {
                        if f < w { starts[f] = s; ends[f] = i }
                        f += 1
                        if b != UInt8(ascii: ",") { break }
                        s = i + 1
                    } else if b == UInt8(ascii: "\"") {
                        return false
                    }
                    i += 1
                }
                if i < n, p[i] == 13 { i += 1 }
                if i < n, p[i] == 10 { i += 1 }
                if f == 1, ends[0] == starts[0] { continue }           // blank line
                guard f == w else { return false }
                // Territory: usually the same as the previous record's.
                let ts = starts[tf], tn = ends[tf] - ts
                if tn != lastTerritory.count || !memcmpBytes(p.baseAddress! + ts, p.baseAddress! + lastTerritory.start, tn) {
                    guard let t = territories.value(UnsafeBufferPointer(rebasing: p[ts..<ts + tn])) else { return false }
                    level = layout.level[t]
                    row = layout.row[t]
                    lastTerritory = (ts, tn)
                }
                let cs = starts[inf], cn = ends[inf] - cs
                if cn != lastIndicator.count || !memcmpBytes(p.baseAddress! + cs, p.baseAddress! + lastIndicator.start, cn) {
                    guard let k = indicators.value(UnsafeBufferPointer(rebasing: p[cs..<cs + cn])) else { return false }
                    indicator = k
                    lastIndicator = (cs, cn)
                }
                guard let period = Self.period(p, starts[pf], ends[pf]), period.frequency == frequencies[indicator] else { return false }
                var value = Double.nan
                let vs = starts[vf], ve = ends[vf]
                if ve > vs {
                    if let v = NumberParser.fastPath(UnsafeBufferPointer(rebasing: p[vs..<ve]), decimalComma: false) {
                        value = v
                    } else if let v = NumberParser.parse(String(decoding: UnsafeBufferPointer(rebasing: p[vs..<ve]), as: UTF8.self)) {
                        value = v
                    } else {
                        return false
                    }
                }
                var status = ObservationStatus.ok
                if sf >= 0, ends[sf] > starts[sf] {
                    guard let st = ObservationStatus(name: String(decoding: UnsafeBufferPointer(rebasing: p[starts[sf]..<ends[sf]]), as: UTF8.self))
                    else { return false }
                    status = st
                }
                let present = !value.isNaN
                if present && status.isAbsence || !present && !status.isAbsence && status != .ok { return false }
                let slot = indicator * levels + level
                if growing[slot] == nil { growing[slot] = GrowingColumn(rows: layout.count(level)) }
                guard growing[slot]!.set(row: row, ordinal: period.ordinal, value: value, status: status, maximumCells: maximumCells)
                else { return false }
            }
            progress?(1)
            return true
        }

        /// A year `2018` or a month `2018-07`; nil for anything else (the general path reads it).
        @inline(__always)
        static func period(_ p: UnsafeBufferPointer<UInt8>, _ s: Int, _ e: Int) -> Period? {
            let n = e - s
            guard n == 4 || n == 7 else { return nil }
            var year: Int32 = 0
            for k in s..<s + 4 {
                let d = p[k] &- 48
                guard d < 10 else { return nil }
                year = year * 10 + Int32(d)
            }
            if n == 4 { return Period(year: year) }
            let m1 = p[s + 5] &- 48, m2 = p[s + 6] &- 48
            guard p[s + 4] == UInt8(ascii: "-"), m1 < 10, m2 < 10 else { return nil }
            let month = Int32(m1) * 10 + Int32(m2)
            return (1...12).contains(month) ? Period(year: year, frequency: .monthly, subperiod: month) : nil
        }

        /// Adds the columns read by the parser of another part of the file; false on a repeated cell.
        mutating func absorb(_ other: [GrowingColumn?]) -> Bool {
            for (slot, g) in other.enumerated() {
                guard let g else { continue }
                if growing[slot] == nil { growing[slot] = g; continue }
                guard growing[slot]!.absorb(g, maximumCells: DatasetValidator.maximumColumnCells) else { return false }
            }
            return true
        }

        /// The finished columns.
        func finish() -> [ColumnKey: Column] {
            var out: [ColumnKey: Column] = [:]
            for (slot, g) in growing.enumerated() {
                guard let g, g.width > 0 else { continue }
                let ind = slot / levels
                let key = ColumnKey(indicator: IndicatorID(ind), level: LevelID(slot % levels))
                out[key] = g.column(indicator: key.indicator, level: key.level, frequency: resolved.indicators[ind].frequency)
            }
            return out
        }
    }
}
