import TIQCore
import TIQEngine
import TIQWire

/// `check {q}` → `{diagnostics:[…]}`.
public struct CheckResult: MethodResult {
    /// Syntax, name and type diagnostics.
    public var diagnostics: [Diagnostic]

    /// A result.
    public init(diagnostics: [Diagnostic]) { self.diagnostics = diagnostics }

    public func encode(into w: inout JSONWriter) {
        w.object { w in
            w.key("diagnostics")
            w.value(DiagnosticJSON.array(diagnostics))
        }
    }
}

/// `explain {q}` → `{plan:[{name, detail, rows?}]}`.
public struct ExplainResult: MethodResult {
    /// The plan's steps.
    public var plan: [PlanStep]

    /// A result.
    public init(plan: [PlanStep]) { self.plan = plan }

    public func encode(into w: inout JSONWriter) {
        w.object { w in
            w.key("plan")
            w.beginArray()
            for step in plan {
                w.object { w in
                    w.member("name", step.name)
                    w.member("detail", step.detail)
                    if let rows = step.rows { w.member("rows", rows) }
                }
            }
            w.endArray()
        }
    }
}
