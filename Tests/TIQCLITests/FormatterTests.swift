import Foundation
import Testing
import TIQCore
import TIQEngine
@testable import TIQCLI

/// The pieces of the output formats and the line editor, without a process.
@Suite("formatters and editing")
struct FormatterTests {
    @Test("numbers: separators, percentages with one decimal, four significant digits")
    func numbers() {
        #expect(NumberText.format(1_234_567, unit: "jobs") == "1,234,567")
        #expect(NumberText.format(-1_234, unit: "jobs") == "-1,234")
        #expect(NumberText.format(999, unit: "jobs") == "999")
        #expect(NumberText.format(0.12345, unit: .percent) == "12.3%")
        #expect(NumberText.format(-0.0049, unit: .percent) == "-0.5%")
        #expect(NumberText.format(0.031, unit: .percentagePoints) == "3.1 pp")
        #expect(NumberText.format(0.02, unit: "%/yr") == "2.0%")
        #expect(NumberText.format(3.14159, unit: .none) == "3.142")
        #expect(NumberText.format(103.456, unit: .index) == "103.5")
        #expect(NumberText.format(12_345.678, unit: "EUR") == "12,346")
        #expect(NumberText.format(0.0123456, unit: .none) == "0.01235")
        #expect(NumberText.format(2.5, unit: .none) == "2.5")
        #expect(NumberText.format(.nan, unit: .none) == "")
        #expect(NumberText.plain(0.123, unit: .percent) == "12.3")
        #expect(NumberText.plain(42, unit: "jobs") == "42")
    }

    @Test("status marks differ from zero and from each other; the legend names those seen")
    func absences() {
        let markers = [ObservationStatus.missing, .secret, .notApplicable, .undefined].map(StatusMarker.marker)
        #expect(markers == ["·", "secret", "n/a", "undef"])
        #expect(!markers.contains("0"))
        let all = ObservationStatus.allCases.filter { $0 != .ok }.map(StatusMarker.marker)
        #expect(Set(all).count == all.count, "one mark per status: \(all)")
        #expect(StatusMarker.legend([]) == nil && StatusMarker.legend([.ok]) == nil)
        let legend = StatusMarker.legend([.secret, .missing, .imputed]) ?? ""
        #expect(legend.contains("· = missing") && legend.contains("secret = ") && legend.contains("i = imputed"))
        #expect(!legend.contains("n/a") && !legend.contains("e = "))
        #expect(StatusMarker.cell("12", status: .partial, absent: false) == "12 *")
        #expect(StatusMarker.cell("", status: .ok, absent: true) == "·")
    }

    @Test("sparklines: lowest to highest, gaps for absences, a flat series at mid height")
    func sparklines() {
        #expect(Sparkline.draw([1, 2, 3, 4, 5, 6, 7, 8]) == "▁▂▃▄▅▆▇█")
        #expect(Sparkline.draw([10, .nan, 0]) == "█ ▁")
        #expect(Sparkline.draw([5, 5, 5]) == "▄▄▄")
        #expect(Sparkline.draw([.nan, .nan]) == "  ")
    }

    @Test("a table: unit headers, markers, legend, first and last values of a series, coverage")
    func table() {
        let nan = Double.nan
        let t = ResultTable(
            columns: [
                ResultColumn(name: "name", unit: .text, kind: .text, values: .text(["Ain", "Isère"])),
                ResultColumn(name: "jobs", unit: "jobs", kind: .number, values: .number([12_500, nan], statuses: [.ok, .secret])),
                ResultColumn(name: "x", unit: "jobs", kind: .series,
                             values: .series([1_000, 2_000, 3_000, nan, 5, 6], statuses: [.ok, .ok, .ok, .notApplicable, .ok, .ok])),
            ],
            rowCount: 2, periods: [Period(year: 2018), Period(year: 2019), Period(year: 2020)],
            coverage: Coverage(rowsComplete: 1, rowsTotal: 2, cellShare: 0.875))
        let text = TableFormatter().format(t)
        let lines = text.split(separator: "\n").map(String.init)
        #expect(lines[0].contains("jobs (jobs)") && lines[0].contains("x (jobs) 2018..2020"))
        #expect(lines[2].contains("12,500") && lines[2].contains("1,000 ▁▅█ 3,000"))
        #expect(lines[3].contains("secret") && lines[3].contains("n/a"))
        #expect(text.contains("legend: ") && text.contains("secret = ") && text.contains("n/a = "))
        #expect(text.contains("2 rows · kept 1 of 2 rows · 1 dropped · 87.5% of cells present"))
        let csv = CSVFormatter.format(t)
        #expect(csv == "name,jobs,jobs_status,x@2018,x@2018_status,x@2019,x@2019_status,x@2020,x@2020_status\r\n"
                + "Ain,12500,,1000,,2000,,3000,\r\nIsère,,secret,,na,5,,6,\r\n")
    }

    @Test("CSV quoting follows RFC 4180")
    func csvQuoting() {
        #expect(CSVFormatter.escape("plain") == "plain")
        #expect(CSVFormatter.escape("a,b") == "\"a,b\"")
        #expect(CSVFormatter.escape("say \"hi\"") == "\"say \"\"hi\"\"\"")
        #expect(CSVFormatter.escape("two\nlines") == "\"two\nlines\"")
    }

    @Test("axis ticks are round and cover the data")
    func ticks() {
        let t = AxisTicks(low: 97.3, high: 104.9)
        #expect(t.values.first! <= 97.3 && t.values.last! >= 104.9)
        #expect(t.values == [96, 98, 100, 102, 104, 106])
        let flat = AxisTicks(low: 5, high: 5)
        #expect(flat.low < 5 && flat.high > 5)
    }

    @Test("line editing keys")
    func lineBuffer() {
        var b = LineBuffer("from emploi_ind at epci")
        b.deleteWordBefore()
        #expect(b.text == "from emploi_ind at ")
        b.home(); b.right(); b.right()
        b.killToEnd()
        #expect(b.text == "fr" && b.cursor == 2)
        b.insert("é!")
        b.left(); b.backspace()
        #expect(b.text == "fr!" && b.cursor == 2)
        b.deleteForward()
        #expect(b.text == "fr")
        b.killToStart()
        #expect(b.text.isEmpty)
        var c = LineBuffer("from emp")
        c.replace(utf8: 5..<8, with: "emploi_ind ")
        #expect(c.text == "from emploi_ind " && c.cursor == 16)
    }

    @Test("key decoding: text, control keys, CSI and SS3 sequences, split input")
    func keys() {
        var d = KeyDecoder()
        #expect(d.feed(Array("aé".utf8)) == [.text("a"), .text("é")])
        #expect(d.feed([0x1B, 0x5B]) == [])
        #expect(d.feed([0x41]) == [.up])
        #expect(d.feed(Array("\u{1B}[3~\u{1B}OH\u{1B}[F\u{1B}[1~\r\t".utf8)) == [.delete, .home, .end, .home, .enter, .tab])
        #expect(d.feed([0x01, 0x03, 0x12, 0x7F]) == [.control("a"), .control("c"), .control("r"), .backspace])
        #expect(d.feed([0xC3]) == [])
        #expect(d.feed([0xA9]) == [.text("é")])
    }

    @Test("continuation: a trailing | or , or an open parenthesis; not in strings or comments")
    func continuation() {
        #expect(Continuation.needsMore("from emploi_ind at epci |"))
        #expect(Continuation.needsMore("from emploi_ind, "))
        #expect(Continuation.needsMore("from x at epci | derive g = growth(x,"))
        #expect(Continuation.needsMore("from x at epci | derive g = growth(x\n, 2018"))
        #expect(!Continuation.needsMore("from x at epci | derive g = growth(x, 2018, 2022)"))
        #expect(!Continuation.needsMore("from x at epci | where name == \"a|\""))
        #expect(!Continuation.needsMore("from x at epci # trailing |"))
        #expect(!Continuation.needsMore(".explain from x at epci |"))
    }

    @Test("history: multi-line entries survive the file, repeats are skipped, search goes backwards")
    func history() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("tiq-history-\(UUID().uuidString)/tiq/history").path
        var h = History(path: path)
        h.add("from a at epci |\nshow name")
        h.add("from a at epci |\nshow name")
        h.add("path\\with\\backslash")
        h.add("   ")
        let reloaded = History(path: path)
        #expect(reloaded.entries == ["from a at epci |\nshow name", "path\\with\\backslash"])
        #expect(reloaded.search("SHOW", before: 2) == 0)
        #expect(reloaded.search("with", before: 1) == nil)
    }
}
