import Foundation
import Testing
@testable import TIQCLI

/// Position conversion, query blocks and framing of `tiq lsp`, against independent computations.
@Suite struct LSPTextTests {
    /// ASCII, a 2-byte/1-unit letter, a 4-byte/2-unit letter, CRLF and an empty line.
    static let sample = "from é\r\nwhere 𝔸 == 1\n\n# Île 𝔸𝔸\nx"

    /// The expected LSP position of byte `offset`: the prefix's lines split at LF bytes (a `\r`
    /// stays on its line), the last one measured by the standard library's UTF-16 view.
    static func expected(_ offset: Int, in text: String) -> (Int, Int) {
        let lines = Array(text.utf8.prefix(offset)).split(separator: 10, omittingEmptySubsequences: false)
        let last = String(decoding: lines.last ?? [], as: UTF8.self)
        return (lines.count - 1, last.utf16.count)
    }

    @Test func positionsCountUTF16UnitsAtEveryScalarBoundary() {
        let text = Self.sample
        var offset = 0
        for scalar in text.unicodeScalars {
            let p = LSPTextPosition.position(ofByte: offset, in: text)
            let (line, character) = Self.expected(offset, in: text)
            #expect(p.line == line && p.character == character, "byte \(offset)")
            #expect(LSPTextPosition.byteOffset(line: line, character: character, in: text) == offset, "back from \(line):\(character)")
            offset += scalar.utf8.count
        }
        let end = LSPTextPosition.position(ofByte: text.utf8.count, in: text)
        #expect(end.line == 4 && end.character == 1)
    }

    @Test func positionsPastALineOrTheTextClamp() {
        let text = Self.sample
        let secondLineEnd = Array(text.utf8).firstIndex(of: 10).map { i in
            Array(text.utf8)[(i + 1)...].firstIndex(of: 10)!
        }!
        #expect(LSPTextPosition.byteOffset(line: 1, character: 999, in: text) == secondLineEnd)
        #expect(LSPTextPosition.byteOffset(line: 99, character: 0, in: text) == text.utf8.count)
    }

    @Test func blocksAreRunsOfLinesAndPipesContinueAcrossBlankLines() {
        let doc = "# title\n\nfrom a at epci\n| where x > 1\n\n\n| show x\n\n# only a comment\n\nlookup \"é\"\n"
        let blocks = LSPQueryBlocks.split(doc)
        #expect(blocks.map(\.firstLine) == [0, 2, 8, 10])
        #expect(blocks.map(\.lastLine) == [0, 6, 8, 10])
        #expect(blocks.map(\.isOnlyComments) == [true, false, true, false])
        let bytes = Array(doc.utf8)
        for b in blocks {
            let slice = String(decoding: bytes[b.byteStart..<(b.byteStart + b.text.utf8.count)], as: UTF8.self)
            #expect(slice == b.text)
        }
        #expect(LSPQueryBlocks.block(at: 5, in: doc)?.firstLine == 2)
        #expect(LSPQueryBlocks.block(at: 7, in: doc) == nil)
    }

    @Test func queryTextBlanksCommentsAndKeepsTheDocumentsLineNumbers() {
        let doc = "\n# why\nfrom a at epci # trailing\n  # skipped\n| show x"
        let block = LSPQueryBlocks.split(doc)[0]
        #expect(block.queryText == "\n\nfrom a at epci # trailing\n\n| show x")
    }

    @Test func numbersAreGroupedByThousands() {
        #expect(LSPTableText.format(1_234_567.891, decimals: 0) == "1,234,568")
        #expect(LSPTableText.format(-1234.5, decimals: 2) == "-1,234.50")
        #expect(LSPTableText.format(999, decimals: 0) == "999")
        #expect(LSPTableText.format(-0.001, decimals: 1) == "0.0")
    }
}
