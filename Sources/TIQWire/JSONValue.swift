/// A JSON value as parsed from or written to the wire.
///
/// Objects keep their members in order (duplicate keys are kept; lookups return the last one,
/// as most parsers do). Numbers keep their exact text, so nothing is lost between reading and
/// echoing: `12345678901234567890` stays that, not `1.2345678901234567e19`.
public indirect enum JSONValue: Sendable, Hashable {
    /// `null`.
    case null
    /// `true` or `false`.
    case bool(Bool)
    /// A number, kept as its JSON text.
    case number(JSONNumber)
    /// A string.
    case string(String)
    /// An array.
    case array([JSONValue])
    /// An object: its members in order.
    case object([JSONMember])

    /// The value of member `key` of an object (the last one if the key repeats); nil otherwise.
    public subscript(key: String) -> JSONValue? {
        guard case .object(let members) = self else { return nil }
        return members.last { $0.key == key }?.value
    }

    /// The string, if this is a string.
    public var stringValue: String? {
        if case .string(let s) = self { return s }
        return nil
    }

    /// The number as a `Double`, if this is a number.
    public var doubleValue: Double? {
        if case .number(let n) = self { return n.double }
        return nil
    }

    /// The number as an `Int`, if this is a number with an exact integer value that fits.
    public var intValue: Int? {
        if case .number(let n) = self { return n.int }
        return nil
    }

    /// The members, if this is an object.
    public var objectValue: [JSONMember]? {
        if case .object(let m) = self { return m }
        return nil
    }

    /// The elements, if this is an array.
    public var arrayValue: [JSONValue]? {
        if case .array(let a) = self { return a }
        return nil
    }

    /// The JSON type name used in error messages: `null`, `boolean`, `number`, `string`, `array`, `object`.
    public var typeName: String {
        switch self {
        case .null: "null"
        case .bool: "boolean"
        case .number: "number"
        case .string: "string"
        case .array: "array"
        case .object: "object"
        }
    }

    /// Builds an object from key-value pairs, in order.
    public static func object(_ pairs: KeyValuePairs<String, JSONValue>) -> JSONValue {
        .object(pairs.map { JSONMember($0.key, $0.value) })
    }

    /// A number from a `Double` (NaN and infinities become `null`).
    public static func number(_ value: Double) -> JSONValue {
        value.isFinite ? .number(JSONNumber(value)) : .null
    }

    /// A number from an `Int`.
    public static func number(_ value: Int) -> JSONValue { .number(JSONNumber(value)) }
}

/// One member of a JSON object.
public struct JSONMember: Sendable, Hashable {
    /// The member name.
    public var key: String
    /// The member value.
    public var value: JSONValue
    /// Creates a member.
    public init(_ key: String, _ value: JSONValue) {
        self.key = key
        self.value = value
    }
}

/// A JSON number kept as its exact text (`-0`, `1e400`, `12345678901234567890`, `0.1`).
///
/// Two numbers are equal when their texts are equal; compare `double` for numeric equality.
public struct JSONNumber: Sendable, Hashable, CustomStringConvertible {
    /// The number as written in JSON.
    public let text: String

    /// Wraps text already known to follow the JSON number grammar (the parser's output).
    public init(validatedText text: String) { self.text = text }

    /// The shortest text that reads back as `value`; integers in ±2^53 are written without
    /// a fraction. `value` must be finite.
    public init(_ value: Double) {
        self.text = JSONNumber.shortestText(value)
    }

    /// The text of an integer.
    public init(_ value: Int) { self.text = String(value) }

    /// The value as a `Double` (±infinity for a number too large, like `1e400`).
    public var double: Double { Double(text) ?? .nan }

    /// The value as an `Int`, when the text is an integer (or an integral number such as
    /// `3.0`) that fits; nil otherwise.
    public var int: Int? {
        if let i = Int(text) { return i }
        let d = double
        guard d.isFinite, d.rounded() == d, abs(d) < 9.0e15 else { return nil }
        return Int(d)
    }

    public var description: String { text }

    /// The shortest round-trip text of a finite double, in JSON syntax.
    static func shortestText(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 9_007_199_254_740_992 {
            if value == 0 { return value.sign == .minus ? "-0" : "0" }
            return String(Int64(value))
        }
        // Swift's description is the shortest text that round-trips; it is valid JSON for
        // finite values (`1e-05`, `5e-324`, `1.7976931348623157e+308`, `0.1`).
        return value.description
    }
}
