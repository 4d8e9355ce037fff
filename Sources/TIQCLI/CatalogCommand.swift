import TIQCore
import TIQData
import TIQStore
import TIQWire

/// `tiq catalog`: lists the levels and indicators of a dataset (the demo when no `--data`).
enum CatalogCommand: Command {
    static let spec = CommandSpec(
        name: "catalog",
        summary: "list the levels and indicators of a dataset (the demo by default)",
        discussion: """
            Prints each level with its territory count, and each indicator with its unit, aggregate,
            frequency, the levels where it has data, its period range and its source. Without --data,
            describes the embedded demo (real geography, synthetic TIs and series).
            """,
        options: [
            .option("--data", "DIR|FILE", "a dataset directory (territories.csv, links.csv, indicators.csv, observations.csv)\nor a snapshot file written by `tiq snapshot`"),
            .option("--format", "F", "table (default) or json"),
        ],
        examples: ["tiq catalog --format json"])

    static func run(_ arguments: [String]) throws -> Int32 {
        var args = ArgumentReader(arguments, spec: spec)
        let data = try args.option("--data")
        let format = try args.option("--format") ?? "table"
        let rest = try args.finish()
        guard rest.isEmpty else { throw UsageError("unexpected argument `\(rest[0])`; see `tiq catalog --help`", command: name) }
        guard format == "table" || format == "json" else {
            throw UsageError("--format is table or json, got `\(format)`", command: name)
        }
        let snapshot: Snapshot
        switch SnapshotLoading.load(data) {
        case .success(let s): snapshot = s
        case .failure(let error):
            printError("tiq catalog: \(error)")
            return ExitCode.dataError
        }
        let entries = snapshot.indicators.indices.map { entry(snapshot, IndicatorID($0)) }
        print(format == "json" ? json(snapshot, entries) : table(snapshot, entries), terminator: "")
        return ExitCode.success
    }

    /// One indicator, as printed.
    struct Entry {
        var info: IndicatorInfo
        var levels: [String]
        var first: String, last: String
    }

    static func entry(_ s: Snapshot, _ id: IndicatorID) -> Entry {
        let levels = s.storedLevels(of: id)
        var first: Period?, last: Period?
        for l in levels {
            guard let c = s.column(id, at: l), c.axis.count > 0 else { continue }
            let a = c.axis[0], b = c.axis[c.axis.count - 1]
            if first.map({ a < $0 }) ?? true { first = a }
            if last.map({ b > $0 }) ?? true { last = b }
        }
        return Entry(info: s[indicator: id], levels: levels.map { s[level: $0].name },
                     first: first.map(String.init(describing:)) ?? "", last: last.map(String.init(describing:)) ?? "")
    }

    static func table(_ s: Snapshot, _ entries: [Entry]) -> String {
        var out = "Dataset: \(s.origin)\n\nLevels\n"
        out += render([["level", "territories"]] + s.levels.map { [$0.name, grouped($0.count)] }, rightAligned: [1])
        out += "\nIndicators\n"
        var rows = [["code", "unit", "aggregate", "freq", "levels", "periods", "source"]]
        for e in entries {
            rows.append([e.info.code, e.info.unit.symbol, e.info.aggregate.description, e.info.frequency.letter,
                         e.levels.joined(separator: ","), e.first.isEmpty ? "" : "\(e.first)..\(e.last)", e.info.source])
        }
        return out + render(rows, rightAligned: [])
    }

    static func json(_ s: Snapshot, _ entries: [Entry]) -> String {
        var w = JSONWriter()
        w.beginObject()
        w.member("origin", s.origin)
        w.key("levels")
        w.beginArray()
        for l in s.levels {
            w.beginObject(); w.member("name", l.name); w.member("count", l.count); w.endObject()
        }
        w.endArray()
        w.key("indicators")
        w.beginArray()
        for e in entries {
            w.beginObject()
            w.member("code", e.info.code)
            w.member("name", e.info.name)
            w.member("unit", e.info.unit.symbol)
            w.member("aggregate", e.info.aggregate.description)
            w.member("frequency", e.info.frequency.letter)
            w.key("levels")
            w.beginArray()
            for l in e.levels { w.string(l) }
            w.endArray()
            w.member("first", e.first.isEmpty ? nil : e.first)
            w.member("last", e.last.isEmpty ? nil : e.last)
            w.member("source", e.info.source)
            w.endObject()
        }
        w.endArray()
        w.endObject()
        return w.text + "\n"
    }

    /// Columns padded to their widest cell, two spaces apart.
    static func render(_ rows: [[String]], rightAligned: Set<Int>) -> String {
        var widths: [Int] = []
        for r in rows { for (i, c) in r.enumerated() { if i >= widths.count { widths.append(0) }; widths[i] = max(widths[i], c.count) } }
        var out = ""
        for r in rows {
            var line = "  "
            for (i, c) in r.enumerated() {
                let pad = String(repeating: " ", count: widths[i] - c.count)
                line += rightAligned.contains(i) ? pad + c : (i == r.count - 1 ? c : c + pad)
                if i < r.count - 1 { line += "  " }
            }
            out += line + "\n"
        }
        return out
    }

    static func grouped(_ n: Int) -> String {
        let s = String(n)
        var out = ""
        for (i, ch) in s.enumerated() {
            if i > 0 && (s.count - i) % 3 == 0 { out += "," }
            out.append(ch)
        }
        return out
    }
}
