import TIQWire

/// `initialize {}` → `{serverInfo:{name, version}, capabilities:{methods, tqlVersion, formats,
/// cursor}, dataset:{…}}`.
public struct InitializeResult: MethodResult {
    /// The version of the query language spoken.
    public static let tqlVersion = "1.0"

    /// tiq's version.
    public var version: String
    /// The methods served.
    public var methods: [String]
    /// The dataset in service.
    public var dataset: DatasetSummary

    /// A result.
    public init(version: String, methods: [String], dataset: DatasetSummary) {
        self.version = version
        self.methods = methods
        self.dataset = dataset
    }

    public func encode(into w: inout JSONWriter) {
        w.object { w in
            w.key("serverInfo")
            w.object { w in
                w.member("name", "tiq")
                w.member("version", version)
            }
            w.key("capabilities")
            w.object { w in
                w.key("methods")
                w.value(.array(methods.map(JSONValue.string)))
                w.member("tqlVersion", Self.tqlVersion)
                w.key("formats")
                w.value(.array(ResultFormat.allCases.map { .string($0.rawValue) }))
                w.member("cursor", "utf8")
            }
            w.key("dataset")
            dataset.encode(into: &w)
        }
    }
}

/// `status {}` → `{snapshot, origin, uptimeMs, requestsServed, inFlight, memoryBytes}`.
public struct StatusResult: MethodResult {
    /// The snapshot in service.
    public var snapshot: Int
    /// Where its data came from.
    public var origin: String
    /// Milliseconds since startup.
    public var uptimeMs: Int
    /// Requests answered since startup.
    public var requestsServed: Int
    /// Requests in flight, this one included.
    public var inFlight: Int
    /// The resident set, nil where unknown.
    public var memoryBytes: Int?

    /// A result.
    public init(snapshot: Int, origin: String, uptimeMs: Int, requestsServed: Int, inFlight: Int, memoryBytes: Int?) {
        self.snapshot = snapshot
        self.origin = origin
        self.uptimeMs = uptimeMs
        self.requestsServed = requestsServed
        self.inFlight = inFlight
        self.memoryBytes = memoryBytes
    }

    public func encode(into w: inout JSONWriter) {
        w.object { w in
            w.member("snapshot", snapshot)
            w.member("origin", origin)
            w.member("uptimeMs", uptimeMs)
            w.member("requestsServed", requestsServed)
            w.member("inFlight", inFlight)
            w.key("memoryBytes")
            if let memoryBytes { w.int(memoryBytes) } else { w.null() }
        }
    }
}

/// `$/test/sleep {ms}` (test-only): `ms` in 0...600,000.
public struct SleepParams: MethodParams {
    /// How long to busy-wait.
    public var ms: Int

    public init(_ p: Params) throws(ResponseError) { ms = try p.int("ms", in: 0...600_000) }
}
