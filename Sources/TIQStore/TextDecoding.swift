/// Turns file bytes into UTF-8: strips a byte order mark and converts Latin-1 text.
///
/// French open-data files are UTF-8 most of the time, but some are still exported in
/// Windows-1252 (the Latin-1 superset Excel writes). Valid UTF-8 is kept byte for byte;
/// anything else is decoded as Windows-1252, whose bytes 0x80–0x9F hold `€`, `’`, `œ`, `Œ`, …
public enum TextDecoding {
    /// The encoding a file turned out to be in.
    public enum Encoding: String, Sendable {
        /// UTF-8, possibly with a BOM.
        case utf8
        /// Latin-1 / Windows-1252, converted to UTF-8.
        case latin1
    }

    /// The UTF-8 bytes of `bytes` without a leading BOM, and the encoding they were read as.
    ///
    /// Valid UTF-8 costs one validation pass and no copy beyond dropping the BOM.
    public static func utf8(_ bytes: [UInt8]) -> (bytes: [UInt8], encoding: Encoding) {
        var body = bytes
        if body.count >= 3, body[0] == 0xEF, body[1] == 0xBB, body[2] == 0xBF {
            body.removeFirst(3)
        }
        if isValidUTF8(body) { return (body, .utf8) }
        return (windows1252ToUTF8(body), .latin1)
    }

    /// Whether `bytes` is well-formed UTF-8 (no overlong forms, no surrogates, ≤ U+10FFFF).
    public static func isValidUTF8(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBufferPointer { p in
            let n = p.count
            var i = 0
            while i < n {
                // ASCII fast path, eight bytes at a time.
                while i + 8 <= n {
                    let word = UnsafeRawPointer(p.baseAddress! + i).loadUnaligned(as: UInt64.self)
                    if word & 0x8080_8080_8080_8080 != 0 { break }
                    i += 8
                }
                guard i < n else { return true }
                let b = p[i]
                if b < 0x80 { i += 1; continue }
                let need: Int
                var lower: UInt8 = 0x80, upper: UInt8 = 0xBF
                switch b {
                case 0xC2...0xDF: need = 1
                case 0xE0: need = 2; lower = 0xA0
                case 0xE1...0xEC, 0xEE, 0xEF: need = 2
                case 0xED: need = 2; upper = 0x9F
                case 0xF0: need = 3; lower = 0x90
                case 0xF1...0xF3: need = 3
                case 0xF4: need = 3; upper = 0x8F
                default: return false
                }
                guard i + need < n else { return false }
                let second = p[i + 1]
                guard second >= lower && second <= upper else { return false }
                var k = 2
                while k <= need {
                    guard p[i + k] & 0xC0 == 0x80 else { return false }
                    k += 1
                }
                i += need + 1
            }
            return true
        }
    }

    /// Decodes Windows-1252 bytes (Latin-1 plus typographic characters in 0x80–0x9F) to UTF-8.
    public static func windows1252ToUTF8(_ bytes: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + bytes.count / 8)
        for b in bytes {
            if b < 0x80 { out.append(b); continue }
            var scalar = UInt32(b)
            if b < 0xA0, let mapped = windows1252High[Int(b - 0x80)] { scalar = mapped }
            appendUTF8(scalar, to: &out)
        }
        return out
    }

    private static func appendUTF8(_ v: UInt32, to out: inout [UInt8]) {
        if v < 0x80 {
            out.append(UInt8(v))
        } else if v < 0x800 {
            out.append(UInt8(0xC0 | (v >> 6)))
            out.append(UInt8(0x80 | (v & 0x3F)))
        } else {
            out.append(UInt8(0xE0 | (v >> 12)))
            out.append(UInt8(0x80 | ((v >> 6) & 0x3F)))
            out.append(UInt8(0x80 | (v & 0x3F)))
        }
    }

    /// Windows-1252 code points of bytes 0x80–0x9F; nil leaves the byte as the C1 control it is in Latin-1.
    private static let windows1252High: [UInt32?] = [
        0x20AC, nil, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
        0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, nil, 0x017D, nil,
        nil, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
        0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, nil, 0x017E, 0x0178,
    ]
}
