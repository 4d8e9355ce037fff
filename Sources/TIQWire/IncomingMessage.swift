/// One message read from the client, already checked against JSON-RPC 2.0.
public enum IncomingMessage: Sendable, Hashable {
    /// A request: it must get exactly one reply carrying `id`.
    case request(id: RequestID, method: String, params: JSONValue?)
    /// A notification (no `id` member): it never gets a reply, not even an error.
    case notification(method: String, params: JSONValue?)
    /// Something that is not a valid request; the server replies with `error` and `id`
    /// (`null` when the id could not be read).
    case invalid(id: RequestID, error: ResponseError)
}

/// What one line of input holds.
public enum DecodedLine: Sendable, Hashable {
    /// A single message (or a single error: a parse error, an empty batch).
    case single(IncomingMessage)
    /// A batch: a non-empty array of messages, answered by one array of replies.
    case batch([IncomingMessage])
}
