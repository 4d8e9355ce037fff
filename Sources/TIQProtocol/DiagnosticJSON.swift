import TIQCore
import TIQWire

/// The wire form of a `Diagnostic` (protocol.md, "Diagnostics"):
/// `{severity, code, message, span?, file?, label?, expected, suggestions, help?, notes}`.
public enum DiagnosticJSON {
    /// A list of diagnostics.
    public static func array(_ diagnostics: [Diagnostic]) -> JSONValue {
        .array(diagnostics.map(value))
    }

    /// One diagnostic.
    public static func value(_ d: Diagnostic) -> JSONValue {
        var m: [JSONMember] = [
            JSONMember("severity", .string(d.severity.rawValue)),
            JSONMember("code", .string(d.code)),
            JSONMember("message", .string(d.message)),
        ]
        if let span = d.span { m.append(JSONMember("span", spanValue(span))) }
        if let file = d.file { m.append(JSONMember("file", .string(file))) }
        if let label = d.label { m.append(JSONMember("label", .string(label))) }
        m.append(JSONMember("expected", .array(d.expected.map(JSONValue.string))))
        m.append(JSONMember("suggestions", .array(d.suggestions.map(suggestion))))
        if let help = d.help { m.append(JSONMember("help", .string(help))) }
        m.append(JSONMember("notes", .array(d.notes.map(JSONValue.string))))
        return .object(m)
    }

    /// `{start, end, line, col, endLine, endCol}`: UTF-8 byte offsets, 1-based lines and
    /// columns counted in Unicode scalars.
    public static func spanValue(_ s: SourceSpan) -> JSONValue {
        .object([
            "start": .number(s.start), "end": .number(s.end), "line": .number(s.line),
            "col": .number(s.column), "endLine": .number(s.endLine), "endCol": .number(s.endColumn),
        ])
    }

    private static func suggestion(_ s: Suggestion) -> JSONValue {
        var m: [JSONMember] = [JSONMember("label", .string(s.label))]
        if let r = s.replacement { m.append(JSONMember("replacement", .string(r))) }
        if let span = s.span { m.append(JSONMember("span", spanValue(span))) }
        if let d = s.detail { m.append(JSONMember("detail", .string(d))) }
        return .object(m)
    }
}
