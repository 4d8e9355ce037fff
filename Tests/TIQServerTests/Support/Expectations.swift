import TIQWire

extension JSONValue {
    /// `error.code` of a reply, if it is an error.
    var errorCode: Int? { self["error"]?["code"]?.intValue }
    /// `error.message` of a reply.
    var errorMessage: String { self["error"]?["message"]?.stringValue ?? "" }
    /// The raw JSON text of the reply's `id`.
    var idText: String? { self["id"]?.jsonText }
    /// `result` of a reply.
    var result: JSONValue? { self["result"] }
}
