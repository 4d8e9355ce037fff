/// The methods `tiq serve` answers: one handler type per method, listed once here.
///
/// To add a method: write `Methods/NameMethod.swift` with its params, result and handler,
/// list it in `standard`, and document it in protocol.md (with an executed example).
struct MethodTable: Sendable {
    /// The methods of the protocol.
    static let standard: [any MethodHandler.Type] = [
        InitializeMethod.self, ShutdownMethod.self, QueryMethod.self, CheckMethod.self, ExplainMethod.self,
        CompleteMethod.self, HoverMethod.self, CatalogMethod.self, LookupMethod.self, LoadMethod.self,
        StatusMethod.self,
    ]

    /// Test-only methods, enabled by the hidden `--test-methods` flag.
    static let testOnly: [any MethodHandler.Type] = [TestSleepMethod.self, TestPrintMethod.self, TestFailMethod.self]

    private let handlers: [String: any MethodHandler.Type]
    /// The method names, in table order.
    let names: [String]

    /// Builds the table, with the test-only methods when asked.
    init(testMethods: Bool) {
        let list = Self.standard + (testMethods ? Self.testOnly : [])
        var map: [String: any MethodHandler.Type] = [:]
        for h in list { map[h.method] = h }
        handlers = map
        names = list.map { $0.method }
    }

    /// The handler of `method`, if served.
    func handler(for method: String) -> (any MethodHandler.Type)? { handlers[method] }
}
