import TIQWire

/// Typed access to a request's `params`, producing -32602 errors that name the field.
public struct Params: Sendable {
    /// The method, quoted in error messages.
    public let method: String
    /// The params object's members (empty when params were absent).
    private let value: JSONValue

    /// Wraps `params`; an array is refused (tiq's methods take named params).
    public init(method: String, params: JSONValue?) throws(ResponseError) {
        self.method = method
        switch params {
        case nil, .null?: value = .object([])
        case .object(let members)?: value = .object(members)
        case let other?:
            throw .invalidParams("`\(method)` takes its params as an object with named fields, got \(other.typeName)")
        }
    }

    /// The params object (an empty object when params were absent).
    public var rawObject: JSONValue { value }

    /// The raw value of field `name`, nil when absent or null.
    public func raw(_ name: String) -> JSONValue? {
        guard let v = value[name], v != .null else { return nil }
        return v
    }

    /// A required string field.
    public func string(_ name: String) throws(ResponseError) -> String {
        guard let v = raw(name) else { throw .invalidParams("`\(method)` needs `params.\(name)` (a string)") }
        guard let s = v.stringValue else { throw wrongType(name, "a string", v) }
        return s
    }

    /// An optional string field.
    public func optionalString(_ name: String) throws(ResponseError) -> String? {
        guard let v = raw(name) else { return nil }
        guard let s = v.stringValue else { throw wrongType(name, "a string", v) }
        return s
    }

    /// A required integer field within `range`.
    public func int(_ name: String, in range: ClosedRange<Int> = 0...Int.max) throws(ResponseError) -> Int {
        guard let v = raw(name) else { throw .invalidParams("`\(method)` needs `params.\(name)` (a whole number)") }
        return try checkedInt(name, v, range)
    }

    /// An optional integer field within `range`.
    public func optionalInt(_ name: String, in range: ClosedRange<Int> = 0...Int.max) throws(ResponseError) -> Int? {
        guard let v = raw(name) else { return nil }
        return try checkedInt(name, v, range)
    }

    /// An optional string field restricted to `choices`.
    public func optionalChoice(_ name: String, _ choices: [String]) throws(ResponseError) -> String? {
        guard let s = try optionalString(name) else { return nil }
        guard choices.contains(s) else {
            throw .invalidParams("`params.\(name)` of `\(method)` must be one of \(choices.map { "\"\($0)\"" }.joined(separator: ", ")), got \"\(s)\"")
        }
        return s
    }

    private func checkedInt(_ name: String, _ v: JSONValue, _ range: ClosedRange<Int>) throws(ResponseError) -> Int {
        guard let i = v.intValue else { throw wrongType(name, "a whole number", v) }
        guard range.contains(i) else {
            let bounds = range.upperBound == Int.max ? "at least \(range.lowerBound)" : "between \(range.lowerBound) and \(range.upperBound)"
            throw .invalidParams("`params.\(name)` of `\(method)` must be \(bounds), got \(i)")
        }
        return i
    }

    private func wrongType(_ name: String, _ expected: String, _ got: JSONValue) -> ResponseError {
        .invalidParams("`params.\(name)` of `\(method)` must be \(expected), got \(got.typeName) \(got.jsonText.prefix(40))")
    }
}
