/// Writes JSON text into a byte buffer, by hand: no `JSONEncoder`, no intermediate tree.
///
/// The caller writes structure with `beginObject`/`key`/`endObject` and `beginArray`/`endArray`;
/// commas are inserted automatically. Doubles are written in their shortest round-trip form and
/// NaN or infinities become `null`. Strings are escaped per RFC 8259 (quote, backslash and
/// control characters), other characters travel as UTF-8.
public struct JSONWriter: Sendable {
    /// The JSON text written so far.
    public private(set) var bytes: [UInt8] = []
    /// Whether the next value in the current container needs a comma before it.
    private var needsComma = false

    /// Creates an empty writer, reserving `capacity` bytes.
    public init(capacity: Int = 256) { bytes.reserveCapacity(capacity) }

    /// The text written so far, as a `String`.
    public var text: String { String(decoding: bytes, as: UTF8.self) }

    // MARK: - Structure

    /// Opens an object (`{`).
    public mutating func beginObject() {
        separate()
        bytes.append(UInt8(ascii: "{"))
        needsComma = false
    }

    /// Closes an object (`}`).
    public mutating func endObject() {
        bytes.append(UInt8(ascii: "}"))
        needsComma = true
    }

    /// Opens an array (`[`).
    public mutating func beginArray() {
        separate()
        bytes.append(UInt8(ascii: "["))
        needsComma = false
    }

    /// Closes an array (`]`).
    public mutating func endArray() {
        bytes.append(UInt8(ascii: "]"))
        needsComma = true
    }

    /// Writes a member name and its colon; the next write is the member's value.
    public mutating func key(_ name: String) {
        separate()
        writeEscaped(name)
        bytes.append(UInt8(ascii: ":"))
        needsComma = false
    }

    // MARK: - Scalars

    /// Writes `null`.
    public mutating func null() {
        separate()
        append("null")
        needsComma = true
    }

    /// Writes `true` or `false`.
    public mutating func bool(_ value: Bool) {
        separate()
        append(value ? "true" : "false")
        needsComma = true
    }

    /// Writes an integer.
    public mutating func int(_ value: Int) {
        separate()
        append(String(value))
        needsComma = true
    }

    /// Writes a double in its shortest round-trip form; NaN and infinities as `null`.
    public mutating func double(_ value: Double) {
        separate()
        if value.isFinite { append(JSONNumber.shortestText(value)) } else { append("null") }
        needsComma = true
    }

    /// Writes a number, exactly as its text.
    public mutating func number(_ value: JSONNumber) {
        separate()
        append(value.text)
        needsComma = true
    }

    /// Writes a string, escaped.
    public mutating func string(_ value: String) {
        separate()
        writeEscaped(value)
        needsComma = true
    }

    /// Writes an optional string; nil as `null`.
    public mutating func string(_ value: String?) {
        if let value { string(value) } else { null() }
    }

    /// Writes already-valid JSON text (a fragment produced by another writer, an id's raw text).
    public mutating func raw(_ json: some Collection<UInt8>) {
        separate()
        bytes.append(contentsOf: json)
        needsComma = true
    }

    /// Writes a whole value.
    public mutating func value(_ value: JSONValue) {
        switch value {
        case .null: null()
        case .bool(let b): bool(b)
        case .number(let n): number(n)
        case .string(let s): string(s)
        case .array(let elements):
            beginArray()
            for e in elements { self.value(e) }
            endArray()
        case .object(let members):
            beginObject()
            for m in members {
                key(m.key)
                self.value(m.value)
            }
            endObject()
        }
    }

    /// Convenience: a member holding a string.
    public mutating func member(_ name: String, _ value: String?) {
        key(name)
        string(value)
    }

    /// Convenience: a member holding an integer.
    public mutating func member(_ name: String, _ value: Int) {
        key(name)
        int(value)
    }

    /// Convenience: a member holding a double (NaN as null).
    public mutating func member(_ name: String, _ value: Double) {
        key(name)
        double(value)
    }

    /// Convenience: a member holding a boolean.
    public mutating func member(_ name: String, _ value: Bool) {
        key(name)
        bool(value)
    }

    // MARK: - Internals

    private mutating func separate() {
        if needsComma { bytes.append(UInt8(ascii: ",")) }
    }

    private mutating func append(_ ascii: String) {
        bytes.append(contentsOf: ascii.utf8)
    }

    private mutating func writeEscaped(_ s: String) {
        bytes.append(UInt8(ascii: "\""))
        let utf8 = s.utf8
        // Strings are usually escape-free: copy them in one go when they are.
        let clean = utf8.withContiguousStorageIfAvailable { buf in
            !buf.contains { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C }
        }
        if clean == true {
            bytes.append(contentsOf: utf8)
        } else {
            for b in utf8 {
                switch b {
                case 0x22: append("\\\"")
                case 0x5C: append("\\\\")
                case 0x0A: append("\\n")
                case 0x0D: append("\\r")
                case 0x09: append("\\t")
                case 0x08: append("\\b")
                case 0x0C: append("\\f")
                case 0..<0x20:
                    let digits = Array("0123456789abcdef".utf8)
                    append("\\u00")
                    bytes.append(digits[Int(b >> 4)])
                    bytes.append(digits[Int(b & 15)])
                default: bytes.append(b)
                }
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }
}

extension JSONValue {
    /// The compact JSON text of this value.
    public var jsonBytes: [UInt8] {
        var w = JSONWriter()
        w.value(self)
        return w.bytes
    }

    /// The compact JSON text of this value, as a `String`.
    public var jsonText: String { String(decoding: jsonBytes, as: UTF8.self) }
}
