/// Reads numbers as French open-data files write them.
///
/// Accepts `1234.5`, `-3`, `1e6`, and in decimal-comma mode `1234,5`, `1 234,5` (with a
/// space, a no-break space U+00A0 or a narrow no-break space U+202F as thousands separator)
/// and `1.234,5`. Rejects `nan`, `inf`, hexadecimal and anything with other characters,
/// so a typo is an error rather than a silent value.
public enum NumberParser {
    /// The value of `text`, or nil when it is not a number. Surrounding spaces are ignored.
    public static func parse(_ text: some StringProtocol, decimalComma: Bool = false) -> Double? {
        if let fast = text.utf8.withContiguousStorageIfAvailable({ fastPath($0, decimalComma: decimalComma) }), let fast {
            return fast
        }
        return general(text, decimalComma: decimalComma)
    }

    /// Plain decimals (`-1234.5`, `0,25` in decimal-comma mode) with at most 15 significant
    /// digits, computed exactly as digits ÷ 10ᵏ (both exact doubles, so the quotient is
    /// correctly rounded); nil sends anything else to the general path.
    @inline(__always)
    static func fastPath(_ p: UnsafeBufferPointer<UInt8>, decimalComma: Bool) -> Double? {
        var i = 0
        let n = p.count
        guard n > 0, n <= 17 else { return nil }
        var negative = false
        if p[0] == UInt8(ascii: "-") { negative = true; i = 1 }
        var mantissa: Int64 = 0, digits = 0, fraction = -1
        let mark = decimalComma ? UInt8(ascii: ",") : UInt8(ascii: ".")
        while i < n {
            let b = p[i]
            if b >= 48 && b <= 57 {
                mantissa = mantissa * 10 + Int64(b - 48)
                digits += 1
                if fraction >= 0 { fraction += 1 }
            } else if b == mark && fraction < 0 {
                fraction = 0
            } else {
                return nil
            }
            i += 1
        }
        guard digits > 0, digits <= 15 else { return nil }
        var v = Double(mantissa)
        if fraction > 0 { v /= powersOfTen[fraction] }
        return negative ? -v : v
    }

    private static let powersOfTen: [Double] = (0...17).map { k in (0..<k).reduce(1.0) { a, _ in a * 10 } }

    private static func general(_ text: some StringProtocol, decimalComma: Bool) -> Double? {
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
