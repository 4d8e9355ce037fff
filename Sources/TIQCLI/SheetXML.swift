/// One cell of a worksheet.
enum SheetCell: Equatable {
    /// An inline string.
    case text(String)
    /// A number; a NaN or an infinity is written as an empty cell.
    case number(Double)
    /// TRUE or FALSE.
    case bool(Bool)
    /// Nothing.
    case empty
}

/// The XML of one worksheet (SpreadsheetML, ECMA-376 part 1 §18.3): the rows, a bold and frozen
/// header row, column widths from the longest text. Strings are inline (`t="inlineStr"`), so
/// the workbook needs no shared-strings part.
struct SheetXML {
    /// The rows; the first is the header.
    var rows: [[SheetCell]]

    /// The worksheet document.
    func document() -> String {
        var s = """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">
            <sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews>

            """
        let widths = columnWidths()
        if !widths.isEmpty {
            s += "<cols>"
            for (i, w) in widths.enumerated() { s += "<col min=\"\(i + 1)\" max=\"\(i + 1)\" width=\"\(w)\" customWidth=\"1\"/>" }
            s += "</cols>\n"
        }
        s += "<sheetData>\n"
        for (r, row) in rows.enumerated() {
            s += "<row r=\"\(r + 1)\">"
            for (c, cell) in row.enumerated() {
                let ref = Self.columnName(c) + String(r + 1)
                let style = r == 0 ? " s=\"1\"" : ""
                switch cell {
                case .text(let t): s += "<c r=\"\(ref)\"\(style) t=\"inlineStr\"><is><t xml:space=\"preserve\">\(Self.escape(t))</t></is></c>"
                case .number(let v) where v.isFinite: s += "<c r=\"\(ref)\"\(style)><v>\(Self.number(v))</v></c>"
                case .bool(let b): s += "<c r=\"\(ref)\"\(style) t=\"b\"><v>\(b ? 1 : 0)</v></c>"
                case .number, .empty: break
                }
            }
            s += "</row>\n"
        }
        return s + "</sheetData>\n</worksheet>\n"
    }

    /// The width of each column in characters: its longest cell, between 8 and 60.
    func columnWidths() -> [Int] {
        var widths: [Int] = []
        for row in rows {
            for (c, cell) in row.enumerated() {
                let n: Int
                switch cell {
                case .text(let t): n = t.count
                case .number(let v): n = v.isFinite ? Self.number(v).count : 0
                case .bool: n = 5
                case .empty: n = 0
                }
                if c >= widths.count { widths += Array(repeating: 8, count: c - widths.count + 1) }
                widths[c] = min(60, max(widths[c], n + 2))
            }
        }
        return widths
    }

    /// `A`, …, `Z`, `AA`, …: the letters of the zero-based column `index`.
    static func columnName(_ index: Int) -> String {
        var n = index + 1, letters: [Character] = []
        while n > 0 {
            let r = (n - 1) % 26
            letters.insert(Character(Unicode.Scalar(UInt8(65 + r))), at: 0)
            n = (n - 1) / 26
        }
        return String(letters)
    }

    /// A number as `xsd:double` text, integers without a decimal point.
    static func number(_ v: Double) -> String {
        if v == v.rounded() && abs(v) < 1e15 { return String(Int64(v)) }
        return String(v)
    }

    /// Text escaped for XML; characters XML 1.0 forbids (C0 controls but tab and line breaks)
    /// are written `_xHHHH_`, as SpreadsheetML escapes them.
    static func escape(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "\t", "\n", "\r": out.unicodeScalars.append(scalar)
            case _ where scalar.value < 0x20 || scalar.value == 0xFFFE || scalar.value == 0xFFFF:
                let hex = String(scalar.value, radix: 16, uppercase: true)
                out += "_x" + String(repeating: "0", count: 4 - hex.count) + hex + "_"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
