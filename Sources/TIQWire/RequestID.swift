/// The `id` of a JSON-RPC request, kept as its raw JSON text and echoed byte for byte.
///
/// JSON-RPC allows strings, numbers and `null`. Keeping the text means an integer beyond
/// 2^53 (`12345678901234567890`), a fraction (`1.5`) or an escaped string (`"a\u0062"`) comes
/// back exactly as the client sent it. Two ids are equal when their texts are equal, except
/// that strings compare by their decoded value, so `"ab"` and `"a\u0062"` name one request.
public struct RequestID: Sendable, Hashable, CustomStringConvertible {
    /// The id's JSON text, exactly as received.
    public let rawJSON: String
    /// The identity used for hashing: the decoded string for strings, the text otherwise.
    private let identity: Identity

    private enum Identity: Sendable, Hashable {
        case string(String)
        case number(String)
        case null
    }

    /// The `null` id, used for replies to messages whose id is unknown.
    public static let null = RequestID(rawJSON: "null", identity: .null)

    private init(rawJSON: String, identity: Identity) {
        self.rawJSON = rawJSON
        self.identity = identity
    }

    /// Creates an id from its raw JSON text and parsed value; nil unless the value is a
    /// string, a number or `null` (the types JSON-RPC allows).
    public init?(rawJSON: String, value: JSONValue) {
        switch value {
        case .string(let s): self.init(rawJSON: rawJSON, identity: .string(s))
        case .number(let n): self.init(rawJSON: rawJSON, identity: .number(n.text))
        case .null: self.init(rawJSON: "null", identity: .null)
        default: return nil
        }
    }

    /// An id from a value (a `$/cancelRequest` param); strings are re-escaped, numbers keep their text.
    public init?(_ value: JSONValue) {
        self.init(rawJSON: value.jsonText, value: value)
    }

    /// A numeric id.
    public init(_ number: Int) { self.init(rawJSON: String(number), identity: .number(String(number))) }

    /// A string id.
    public init(_ string: String) {
        self.init(rawJSON: JSONValue.string(string).jsonText, identity: .string(string))
    }

    /// Whether this is the `null` id.
    public var isNull: Bool { identity == .null }

    public var description: String { rawJSON }

    public static func == (a: RequestID, b: RequestID) -> Bool { a.identity == b.identity }
    public func hash(into hasher: inout Hasher) { hasher.combine(identity) }
}
