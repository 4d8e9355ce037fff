import Foundation
import TIQCore
import TIQEngine
import TIQWire

/// What `tiq lsp` computes for a document, as LSP JSON: diagnostics, completion, hover and the
/// table of the query under the cursor. Each `.tiq` document is split into query blocks
/// (`LSPQueryBlocks`) and every block is given to the engine on its own.
struct LSPLanguageFeatures {
    /// The engine over the served snapshot.
    let engine: Engine

    /// The command that runs the query under the cursor.
    static let runQueryCommand = "tiq.runQuery"

    // MARK: - Diagnostics

    /// `Diagnostic[]` for the whole document: every block checked by `Engine.check`; nil when
    /// `proceed` turns false between two blocks (the document changed: the work is moot).
    func diagnostics(of document: String, while proceed: () -> Bool = { true }) -> JSONValue? {
        var out: [JSONValue] = []
        let positions = LSPTextPosition(document)
        for block in LSPQueryBlocks.split(document) where !block.isOnlyComments {
            if !proceed() { return nil }
            for d in engine.check(block.text) {
                out.append(Self.diagnostic(d, block: block, positions: positions))
            }
        }
        return .array(out)
    }

    /// One engine diagnostic as an LSP diagnostic; its span moved from the block to the document.
    static func diagnostic(_ d: Diagnostic, block: LSPQueryBlock, positions: LSPTextPosition) -> JSONValue {
        let length = block.text.utf8.count
        let start = block.byteStart + min(max(d.span?.start ?? 0, 0), length)
        let end = block.byteStart + min(max(d.span?.end ?? 0, d.span?.start ?? 0), length)
        var message = d.message
        if let label = d.label { message += " (\(label))" }
        if let help = d.help {
            message += "\nhelp: " + help
        } else if !d.suggestions.isEmpty {
            message += "\nhelp: did you mean " + d.suggestions.map { "`\($0.label)`" }.joined(separator: " or ") + "?"
        }
        for note in d.notes { message += "\nnote: " + note }
        let severity = d.severity == .error ? 1 : d.severity == .warning ? 2 : 3
        return .object([
            JSONMember("range", range(start, end, in: positions)),
            JSONMember("severity", .number(severity)),
            JSONMember("code", .string(d.code)),
            JSONMember("source", .string("tiq")),
            JSONMember("message", .string(message)),
        ])
    }

    // MARK: - Completion and hover

    /// `CompletionList` at `line`:`character`, from `Engine.complete` on the block there.
    func completion(in document: String, line: Int, character: Int) -> JSONValue {
        let positions = LSPTextPosition(document)
        let (block, cursor) = Self.locate(line: line, character: character, in: document, positions: positions)
        let items = engine.complete(block.text, cursor: cursor)
        let length = block.text.utf8.count
        let list: [JSONValue] = items.enumerated().map { i, item in
            let from = block.byteStart + min(item.replace.lowerBound, length)
            let to = block.byteStart + min(item.replace.upperBound, length)
            var m: [JSONMember] = [
                JSONMember("label", .string(item.label)),
                JSONMember("kind", .number(Self.completionKind(item.kind))),
                JSONMember("sortText", .string(String(repeating: "0", count: max(0, 5 - String(i).count)) + String(i))),
                JSONMember("textEdit", .object([
                    JSONMember("range", Self.range(from, to, in: positions)),
                    JSONMember("newText", .string(item.insertText)),
                ])),
            ]
            if let detail = item.detail { m.append(JSONMember("detail", .string(detail))) }
            return .object(m)
        }
        return .object([JSONMember("isIncomplete", .bool(false)), JSONMember("items", .array(list))])
    }

    /// `Hover` at `line`:`character` (markdown: definition, unit, source), or `null`.
    func hover(in document: String, line: Int, character: Int) -> JSONValue {
        let positions = LSPTextPosition(document)
        let (block, cursor) = Self.locate(line: line, character: character, in: document, positions: positions)
        guard let info = engine.hover(block.text, cursor: cursor) else { return .null }
        let length = block.text.utf8.count
        return .object([
            JSONMember("contents", .object([JSONMember("kind", .string("markdown")), JSONMember("value", .string(info.markdown))])),
            JSONMember("range", Self.range(block.byteStart + min(info.span.start, length), block.byteStart + min(info.span.end, length), in: positions)),
        ])
    }

    // MARK: - Running the query under the cursor

    /// The table of the query in the block at 0-based `line`, as aligned text; a failure is
    /// the compiler-style diagnostic, with the document's line numbers and `name` as the file.
    func runQuery(in document: String, line: Int, name: String = "query") throws(ResponseError) -> String {
        guard let block = LSPQueryBlocks.block(at: line, in: document), !block.isOnlyComments else {
            throw .requestFailed("no query at line \(line + 1): put the cursor on a line of a query (a block of non-empty lines)")
        }
        let query = block.queryText
        do {
            let table = try engine.run(query)
            return LSPTableText.render(table, query: query)
        } catch {
            throw .requestFailed(DiagnosticRenderer(sourceName: name).render(error.diagnostics, in: query))
        }
    }

    // MARK: - Positions

    /// The block at `line` (an empty one on a blank line) and the cursor's byte offset in it.
    static func locate(line: Int, character: Int, in document: String, positions: LSPTextPosition) -> (LSPQueryBlock, Int) {
        let offset = positions.byteOffset(line: line, character: character)
        guard let block = LSPQueryBlocks.block(at: line, in: document) else {
            return (LSPQueryBlock(firstLine: line, lastLine: line, byteStart: offset, text: "", isOnlyComments: false), 0)
        }
        return (block, min(max(offset - block.byteStart, 0), block.text.utf8.count))
    }

    /// An LSP `Range` for document bytes `start..<end`.
    static func range(_ start: Int, _ end: Int, in positions: LSPTextPosition) -> JSONValue {
        .object([JSONMember("start", position(start, in: positions)), JSONMember("end", position(end, in: positions))])
    }

    private static func position(_ offset: Int, in positions: LSPTextPosition) -> JSONValue {
        let p = positions.position(ofByte: offset)
        return .object([JSONMember("line", .number(p.line)), JSONMember("character", .number(p.character))])
    }

    /// The LSP `CompletionItemKind` of an engine completion kind.
    static func completionKind(_ kind: String) -> Int {
        switch kind {
        case "keyword": 14
        case "indicator": 6  // Variable
        case "level": 13  // Enum
        case "attribute": 5  // Field
        case "value", "territory": 12  // Value
        case "function": 3
        case "period": 21  // Constant
        case "argument": 6
        default: 1  // Text
        }
    }
}
