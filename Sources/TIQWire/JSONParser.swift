/// A strict RFC 8259 JSON parser over UTF-8 bytes.
///
/// It rejects what the RFC rejects (trailing commas, leading zeros, single quotes, comments,
/// unescaped control characters, invalid UTF-8) and one thing the RFC leaves open: a `\u`
/// escape naming a lone surrogate (a Swift `String` cannot hold it). Nesting deeper than
/// `maxDepth` is refused instead of exhausting the stack.
///
/// `parse(_:)` reads one whole document; the lower-level `parseValue()` and `position` let a
/// caller walk a structure itself (the JSON-RPC decoder does, to keep an id's raw text).
public struct JSONParser {
    /// The bytes being parsed.
    public let bytes: [UInt8]
    /// The offset of the next byte to read.
    public private(set) var position: Int = 0
    /// The deepest nesting of arrays and objects accepted.
    public let maxDepth: Int
    private var depth = 0

    /// Creates a parser over `bytes`.
    public init(_ bytes: [UInt8], maxDepth: Int = 64) {
        self.bytes = bytes
        self.maxDepth = maxDepth
    }

    /// Parses `bytes` as one JSON document (surrounding whitespace allowed).
    public static func parse(_ bytes: [UInt8], maxDepth: Int = 64) throws(JSONParseError) -> JSONValue {
        var parser = JSONParser(bytes, maxDepth: maxDepth)
        parser.skipWhitespace()
        let value = try parser.parseValue()
        try parser.expectEnd()
        return value
    }

    /// Parses a string as one JSON document.
    public static func parse(_ text: String, maxDepth: Int = 64) throws(JSONParseError) -> JSONValue {
        try parse(Array(text.utf8), maxDepth: maxDepth)
    }

    // MARK: - Walking

    /// The next byte after whitespace, without consuming it; nil at the end.
    public mutating func peek() -> UInt8? {
        skipWhitespace()
        return position < bytes.count ? bytes[position] : nil
    }

    /// Skips spaces, tabs, carriage returns and line feeds.
    public mutating func skipWhitespace() {
        while position < bytes.count {
            switch bytes[position] {
            case 0x20, 0x09, 0x0A, 0x0D: position += 1
            default: return
            }
        }
    }

    /// Fails unless only whitespace remains.
    public mutating func expectEnd() throws(JSONParseError) {
        skipWhitespace()
        if position < bytes.count {
            throw JSONParseError("unexpected \(describe(bytes[position])) after the end of the JSON value", at: position)
        }
    }

    /// Consumes `byte` (after whitespace) or fails saying what was expected.
    public mutating func expect(_ byte: UInt8, _ what: String) throws(JSONParseError) {
        skipWhitespace()
        guard position < bytes.count else { throw JSONParseError("expected \(what), got the end of input", at: position) }
        guard bytes[position] == byte else {
            throw JSONParseError("expected \(what), got \(describe(bytes[position]))", at: position)
        }
        position += 1
    }

    /// Enters an array or object, failing past `maxDepth`.
    public mutating func enterContainer() throws(JSONParseError) {
        depth += 1
        if depth > maxDepth {
            throw JSONParseError("nesting deeper than \(maxDepth) levels", at: position)
        }
    }

    /// Leaves an array or object.
    public mutating func leaveContainer() { depth -= 1 }

    // MARK: - Values

    /// Parses the value starting at the next non-whitespace byte.
    public mutating func parseValue() throws(JSONParseError) -> JSONValue {
        skipWhitespace()
        guard position < bytes.count else { throw JSONParseError("expected a JSON value, got the end of input", at: position) }
        switch bytes[position] {
        case UInt8(ascii: "{"): return try parseObject()
        case UInt8(ascii: "["): return try parseArray()
        case UInt8(ascii: "\""): return .string(try parseString())
        case UInt8(ascii: "t"): try literal("true"); return .bool(true)
        case UInt8(ascii: "f"): try literal("false"); return .bool(false)
        case UInt8(ascii: "n"): try literal("null"); return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number(try parseNumber())
        case let b: throw JSONParseError("expected a JSON value, got \(describe(b))", at: position)
        }
    }

    private mutating func literal(_ word: StaticString) throws(JSONParseError) {
        let start = position
        let count = word.utf8CodeUnitCount
        let ok = word.withUTF8Buffer { w in
            guard start + count <= bytes.count else { return false }
            for i in 0..<count where bytes[start + i] != w[i] { return false }
            return true
        }
        guard ok else { throw JSONParseError("invalid literal; expected `\(word)`", at: start) }
        position += count
    }

    private mutating func parseObject() throws(JSONParseError) -> JSONValue {
        try enterContainer()
        position += 1
        var members: [JSONMember] = []
        if peek() == UInt8(ascii: "}") {
            position += 1
            leaveContainer()
            return .object(members)
        }
        while true {
            skipWhitespace()
            guard position < bytes.count, bytes[position] == UInt8(ascii: "\"") else {
                throw JSONParseError(position < bytes.count
                    ? "expected a member name in double quotes, got \(describe(bytes[position]))"
                    : "expected a member name, got the end of input", at: position)
            }
            let key = try parseString()
            try expect(UInt8(ascii: ":"), "`:` after a member name")
            let value = try parseValue()
            members.append(JSONMember(key, value))
            skipWhitespace()
            guard position < bytes.count else { throw JSONParseError("unterminated object; expected `,` or `}`", at: position) }
            if bytes[position] == UInt8(ascii: ",") { position += 1; continue }
            if bytes[position] == UInt8(ascii: "}") { position += 1; break }
            throw JSONParseError("expected `,` or `}` in an object, got \(describe(bytes[position]))", at: position)
        }
        leaveContainer()
        return .object(members)
    }

    private mutating func parseArray() throws(JSONParseError) -> JSONValue {
        try enterContainer()
        position += 1
        var elements: [JSONValue] = []
        if peek() == UInt8(ascii: "]") {
            position += 1
            leaveContainer()
            return .array(elements)
        }
        while true {
            elements.append(try parseValue())
            skipWhitespace()
            guard position < bytes.count else { throw JSONParseError("unterminated array; expected `,` or `]`", at: position) }
            if bytes[position] == UInt8(ascii: ",") { position += 1; continue }
            if bytes[position] == UInt8(ascii: "]") { position += 1; break }
            throw JSONParseError("expected `,` or `]` in an array, got \(describe(bytes[position]))", at: position)
        }
        leaveContainer()
        return .array(elements)
    }

    // MARK: - Numbers

    private mutating func parseNumber() throws(JSONParseError) -> JSONNumber {
        let start = position
        func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }
        if bytes[position] == UInt8(ascii: "-") { position += 1 }
        guard position < bytes.count, isDigit(bytes[position]) else {
            throw JSONParseError("expected a digit in a number", at: position)
        }
        if bytes[position] == UInt8(ascii: "0") {
            position += 1
            if position < bytes.count, isDigit(bytes[position]) {
                throw JSONParseError("leading zeros are not allowed in a number", at: start)
            }
        } else {
            while position < bytes.count, isDigit(bytes[position]) { position += 1 }
        }
        if position < bytes.count, bytes[position] == UInt8(ascii: ".") {
            position += 1
            guard position < bytes.count, isDigit(bytes[position]) else {
                throw JSONParseError("expected a digit after the decimal point", at: position)
            }
            while position < bytes.count, isDigit(bytes[position]) { position += 1 }
        }
        if position < bytes.count, bytes[position] == UInt8(ascii: "e") || bytes[position] == UInt8(ascii: "E") {
            position += 1
            if position < bytes.count, bytes[position] == UInt8(ascii: "+") || bytes[position] == UInt8(ascii: "-") {
                position += 1
            }
            guard position < bytes.count, isDigit(bytes[position]) else {
                throw JSONParseError("expected a digit in the exponent", at: position)
            }
            while position < bytes.count, isDigit(bytes[position]) { position += 1 }
        }
        return JSONNumber(validatedText: String(decoding: bytes[start..<position], as: UTF8.self))
    }

    // MARK: - Strings

    /// Parses a string starting at the opening quote, validating UTF-8 and escapes.
    public mutating func parseString() throws(JSONParseError) -> String {
        position += 1
        let start = position
        // Fast path: no escapes, all ASCII or valid UTF-8.
        var out: [UInt8] = []
        var runStart = start
        while true {
            guard position < bytes.count else { throw JSONParseError("unterminated string", at: start - 1) }
            let b = bytes[position]
            if b == UInt8(ascii: "\"") {
                if runStart == start {
                    let s = String(decoding: bytes[start..<position], as: UTF8.self)
                    position += 1
                    return s
                }
                out.append(contentsOf: bytes[runStart..<position])
                position += 1
                return String(decoding: out, as: UTF8.self)
            }
            if b == UInt8(ascii: "\\") {
                out.append(contentsOf: bytes[runStart..<position])
                try parseEscape(into: &out)
                runStart = position
                continue
            }
            if b < 0x20 {
                throw JSONParseError("control character U+\(hex(b)) must be escaped in a string", at: position)
            }
            if b < 0x80 { position += 1; continue }
            try validateUTF8Sequence()
        }
    }

    private mutating func parseEscape(into out: inout [UInt8]) throws(JSONParseError) {
        let at = position
        position += 1
        guard position < bytes.count else { throw JSONParseError("unterminated escape sequence", at: at) }
        let e = bytes[position]
        position += 1
        switch e {
        case UInt8(ascii: "\""): out.append(0x22)
        case UInt8(ascii: "\\"): out.append(0x5C)
        case UInt8(ascii: "/"): out.append(0x2F)
        case UInt8(ascii: "b"): out.append(0x08)
        case UInt8(ascii: "f"): out.append(0x0C)
        case UInt8(ascii: "n"): out.append(0x0A)
        case UInt8(ascii: "r"): out.append(0x0D)
        case UInt8(ascii: "t"): out.append(0x09)
        case UInt8(ascii: "u"):
            var scalar = try hex4(at: at)
            if (0xD800...0xDBFF).contains(scalar) {
                guard position + 1 < bytes.count, bytes[position] == UInt8(ascii: "\\"), bytes[position + 1] == UInt8(ascii: "u") else {
                    throw JSONParseError("lone high surrogate \\u\(hex16(scalar)) (no low surrogate follows)", at: at)
                }
                let lowAt = position
                position += 2
                let low = try hex4(at: lowAt)
                guard (0xDC00...0xDFFF).contains(low) else {
                    throw JSONParseError("high surrogate \\u\(hex16(scalar)) followed by \\u\(hex16(low)), not a low surrogate", at: lowAt)
                }
                scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
            } else if (0xDC00...0xDFFF).contains(scalar) {
                throw JSONParseError("lone low surrogate \\u\(hex16(scalar))", at: at)
            }
            appendUTF8(scalar, to: &out)
        default:
            throw JSONParseError("invalid escape `\\\(String(decoding: [e], as: UTF8.self))`; valid escapes are \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX", at: at)
        }
    }

    private mutating func hex4(at escapeStart: Int) throws(JSONParseError) -> UInt32 {
        guard position + 4 <= bytes.count else { throw JSONParseError("\\u needs four hex digits", at: escapeStart) }
        var v: UInt32 = 0
        for _ in 0..<4 {
            let b = bytes[position]
            let d: UInt32
            switch b {
            case 0x30...0x39: d = UInt32(b - 0x30)
            case 0x41...0x46: d = UInt32(b - 0x41 + 10)
            case 0x61...0x66: d = UInt32(b - 0x61 + 10)
            default: throw JSONParseError("\\u needs four hex digits", at: escapeStart)
            }
            v = v << 4 | d
            position += 1
        }
        return v
    }

    /// Validates one multi-byte UTF-8 sequence at `position` (Unicode Table 3-7) and moves past it.
    private mutating func validateUTF8Sequence() throws(JSONParseError) {
        let b0 = bytes[position]
        let length: Int
        var lo: UInt8 = 0x80, hi: UInt8 = 0xBF
        switch b0 {
        case 0xC2...0xDF: length = 2
        case 0xE0: length = 3; lo = 0xA0
        case 0xE1...0xEC, 0xEE...0xEF: length = 3
        case 0xED: length = 3; hi = 0x9F
        case 0xF0: length = 4; lo = 0x90
        case 0xF1...0xF3: length = 4
        case 0xF4: length = 4; hi = 0x8F
        default: throw JSONParseError("invalid UTF-8 byte 0x\(hex(b0))", at: position)
        }
        guard position + length <= bytes.count else { throw JSONParseError("truncated UTF-8 sequence", at: position) }
        let b1 = bytes[position + 1]
        guard b1 >= lo && b1 <= hi else { throw JSONParseError("invalid UTF-8 sequence", at: position) }
        for i in 2..<max(2, length) where bytes[position + i] & 0xC0 != 0x80 {
            throw JSONParseError("invalid UTF-8 sequence", at: position)
        }
        position += length
    }

    // MARK: - Helpers

    private func describe(_ b: UInt8) -> String {
        if b >= 0x21 && b < 0x7F { return "`\(String(decoding: [b], as: UTF8.self))`" }
        return "byte 0x\(hex(b))"
    }
}

private func hex(_ b: UInt8) -> String {
    let digits = Array("0123456789ABCDEF".utf8)
    return String(decoding: [digits[Int(b >> 4)], digits[Int(b & 15)]], as: UTF8.self)
}

private func hex16(_ v: UInt32) -> String { hex(UInt8(v >> 8 & 0xFF)) + hex(UInt8(v & 0xFF)) }

/// Appends the UTF-8 encoding of a valid scalar value.
func appendUTF8(_ scalar: UInt32, to out: inout [UInt8]) {
    switch scalar {
    case 0..<0x80:
        out.append(UInt8(scalar))
    case 0x80..<0x800:
        out.append(UInt8(0xC0 | scalar >> 6))
        out.append(UInt8(0x80 | scalar & 0x3F))
    case 0x800..<0x10000:
        out.append(UInt8(0xE0 | scalar >> 12))
        out.append(UInt8(0x80 | scalar >> 6 & 0x3F))
        out.append(UInt8(0x80 | scalar & 0x3F))
    default:
        out.append(UInt8(0xF0 | scalar >> 18))
        out.append(UInt8(0x80 | scalar >> 12 & 0x3F))
        out.append(UInt8(0x80 | scalar >> 6 & 0x3F))
        out.append(UInt8(0x80 | scalar & 0x3F))
    }
}
