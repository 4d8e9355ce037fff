/// Reads numbers as French open-data files write them.
///
/// Accepts `1234.5`, `-3`, `1e6`, and in decimal-comma mode `1234,5`, `1 234,5` (with a
/// space, a no-break space U+00A0 or a narrow no-break space U+202F as thousands separator)
/// and `1.234,5`. Rejects `nan`, `inf`, hexadecimal and anything with other characters,
/// so a typo is an error rather than a silent value.
public enum NumberParser {
    /// The value of `text`, or nil when it is not a number. Surrounding spaces are ignored.
    public static func parse(_ text: some StringProtocol, decimalComma: Bool = false) -> Double? {
        var cleaned: [UInt8] = []
        cleaned.reserveCapacity(text.utf8.count)
        var sawComma = false, sawDot = false, sawDigit = false
        var bytes = Array(text.utf8)[...]
        while let b = bytes.first {
            bytes = bytes.dropFirst()
            switch b {
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                sawDigit = true
                cleaned.append(b)
            case UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "e"), UInt8(ascii: "E"):
                cleaned.append(b)
            case UInt8(ascii: "."):
                sawDot = true
                cleaned.append(b)
            case UInt8(ascii: ","):
                guard decimalComma, !sawComma else { return nil }
                sawComma = true
                cleaned.append(UInt8(ascii: ","))
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "'"):
                continue
            case 0xC2 where bytes.first == 0xA0:                       // U+00A0 no-break space
                bytes = bytes.dropFirst()
            case 0xE2 where bytes.starts(with: [0x80, 0xAF]) || bytes.starts(with: [0x80, 0x89]):
                bytes = bytes.dropFirst(2)                             // U+202F, U+2009
            default:
                return nil
            }
        }
        guard sawDigit else { return nil }
        if sawComma {
            // `1.234,5`: the dots group thousands, the comma is the decimal mark.
            if sawDot { cleaned.removeAll { $0 == UInt8(ascii: ".") } }
            for i in cleaned.indices where cleaned[i] == UInt8(ascii: ",") { cleaned[i] = UInt8(ascii: ".") }
        }
        guard let first = cleaned.first, first != UInt8(ascii: "e"), first != UInt8(ascii: "E") else { return nil }
        let value = Double(String(decoding: cleaned, as: UTF8.self))
        guard let value, value.isFinite else { return nil }
        return value
    }
}
