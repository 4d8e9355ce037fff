/// A stable diagnostic code — `E201`, `W406`, `D116` — with its severity and what it means.
///
/// Every code tiq can produce is declared once, as a static member in
/// `DiagnosticCode+Catalogue.swift`, and listed in `DiagnosticCode.all`. Producers write
/// `.error(.unknownIndicator, …)` instead of a string, so a code cannot be mistyped, and a test
/// compares `all` with the tables of protocol.md and docs/tql.md.
///
/// Families: `E1xx` syntax, `E2xx` names, `E3xx` types and units, `E4xx` execution, `W4xx` data
/// warnings and notes, `D1xx` dataset files.
public struct DiagnosticCode: Sendable, Hashable, CustomStringConvertible {
    /// The code as written on the wire and in the docs: `E201`.
    public let rawValue: String
    /// The severity a diagnostic with this code has.
    public let severity: Severity
    /// What the code means, in one short phrase.
    public let meaning: String

    /// Declares a code. Only the catalogue calls this.
    init(_ rawValue: String, _ severity: Severity, _ meaning: String) {
        self.rawValue = rawValue
        self.severity = severity
        self.meaning = meaning
    }

    /// The code as written: `E201`.
    public var description: String { rawValue }

    /// The family letter and hundred: `E2` for `E201`, `D1` for `D116`.
    public var family: Substring { rawValue.prefix(2) }

    /// The catalogued code written `rawValue`, or nil when no such code is declared.
    public init?(rawValue: String) {
        guard let code = Self.byRawValue[rawValue] else { return nil }
        self = code
    }

    private static let byRawValue: [String: DiagnosticCode] =
        Dictionary(all.map { ($0.rawValue, $0) }, uniquingKeysWith: { first, _ in first })
}

extension Diagnostic {
    /// A diagnostic with the catalogued `code`, taking its severity from the catalogue.
    public init(_ code: DiagnosticCode, message: String, span: SourceSpan? = nil, file: String? = nil,
                label: String? = nil, help: String? = nil) {
        self.init(code.severity, code: code.rawValue, message: message, span: span, file: file, label: label, help: help)
    }

    /// An error diagnostic with a catalogued code.
    public static func error(_ code: DiagnosticCode, _ message: String, at span: SourceSpan? = nil, label: String? = nil,
                             help: String? = nil) -> Diagnostic {
        .error(code.rawValue, message, at: span, label: label, help: help)
    }

    /// A warning diagnostic with a catalogued code.
    public static func warning(_ code: DiagnosticCode, _ message: String, at span: SourceSpan? = nil, label: String? = nil,
                               help: String? = nil) -> Diagnostic {
        .warning(code.rawValue, message, at: span, label: label, help: help)
    }

    /// The catalogued code of this diagnostic, or nil for a code not (yet) in the catalogue.
    public var catalogued: DiagnosticCode? { DiagnosticCode(rawValue: code) }
}
