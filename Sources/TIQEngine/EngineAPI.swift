import TIQCore
import TIQLanguage
import TIQStore

/// One completion candidate for the text at a cursor.
public struct CompletionItem: Sendable, Hashable {
    /// What is shown and inserted: `emploi_ind`, `where`, `"Grand Est"`.
    public var label: String
    /// `keyword`, `indicator`, `level`, `attribute`, `value`, `function`, `period`, `territory`, `argument`.
    public var kind: String
    /// More about the candidate: unit, levels and years of an indicator, a signature.
    public var detail: String?
    /// The text to insert, when it differs from the label.
    public var insertText: String
    /// The UTF-8 byte range of the query that the insertion replaces (the word being typed).
    public var replace: Range<Int>

    /// Creates a completion item.
    public init(label: String, kind: String, detail: String? = nil, insertText: String? = nil, replace: Range<Int>) {
        self.label = label
        self.kind = kind
        self.detail = detail
        self.insertText = insertText ?? label
        self.replace = replace
    }
}

/// What `hover` says about the identifier under the cursor.
public struct HoverInfo: Sendable, Hashable {
    /// Markdown: the definition, unit, source and levels of an indicator; a function's signature.
    public var markdown: String
    /// The span of the identifier described.
    public var span: SourceSpan

    /// Creates hover information.
    public init(markdown: String, span: SourceSpan) {
        self.markdown = markdown
        self.span = span
    }
}

/// One step of a resolved plan, as `explain` reports it.
public struct PlanStep: Sendable, Hashable {
    /// The operator: `scan`, `filter`, `rollup`, `aggregate`, …
    public var name: String
    /// What it does, resolved: the level, the bitset cardinality, the roll-up graph.
    public var detail: String
    /// Rows after the step, when known without evaluating series.
    public var rows: Int?

    /// Creates a plan step.
    public init(name: String, detail: String, rows: Int? = nil) {
        self.name = name
        self.detail = detail
        self.rows = rows
    }
}
