import Testing
import TIQCore

/// The catalogue of diagnostic codes is the one place codes are declared: the documents list
/// exactly its codes, and no source file writes a code as a string.
@Suite struct DiagnosticCatalogueTests {
    @Test func codesAreWellFormedUniqueAndOrdered() {
        let raw = DiagnosticCode.all.map(\.rawValue)
        #expect(Set(raw).count == raw.count, "a code is declared twice: \(raw)")
        #expect(raw == raw.sorted { ($0.first == "D" ? 0 : $0.first == "E" ? 1 : 2, $0) < ($1.first == "D" ? 0 : $1.first == "E" ? 1 : 2, $1) })
        for code in DiagnosticCode.all {
            #expect(CodeMention.all(in: code.rawValue).map(\.code) == [code.rawValue], "\(code) is not a letter and three digits")
            #expect(!code.meaning.isEmpty, "\(code) has no meaning")
            switch code.rawValue.first {
            case "D", "E": #expect(code.severity == .error, "\(code) is a \(code.severity), but D and E codes are errors")
            default: #expect(code.severity != .error, "\(code) is an error, but W codes are warnings or notes")
            }
        }
    }

    @Test func lookupByRawValueFindsTheDeclaredCode() {
        for code in DiagnosticCode.all { #expect(DiagnosticCode(rawValue: code.rawValue) == code) }
        #expect(DiagnosticCode(rawValue: "E999") == nil)
        #expect(DiagnosticCode(rawValue: "e201") == nil)
    }

    @Test func diagnosticsMadeFromACodeTakeItsSeverity() {
        let note = Diagnostic(.descriptiveComparison, message: "m")
        #expect(note.severity == .note && note.code == "W408" && note.catalogued == .descriptiveComparison)
        #expect(Diagnostic.error(.unknownIndicator, "m").code == "E201")
        #expect(Diagnostic.warning(.seriesBreak, "m").severity == .warning)
        #expect(Diagnostic.error("E998", "m").catalogued == nil)
    }

    /// The code tables of protocol.md and docs/*.md, together, list exactly the catalogue.
    @Test func documentTablesListExactlyTheCatalogue() throws {
        var listed: [String: String] = [:]  // code → first "file:line" where a table row lists it
        for path in RepositoryFiles.documents {
            for m in CodeMention.all(in: try RepositoryFiles.text(path)) where m.tableRow {
                listed[m.code] = listed[m.code] ?? "\(path):\(m.line)"
            }
        }
        let declared = Set(DiagnosticCode.all.map(\.rawValue))
        for code in DiagnosticCode.all where listed[code.rawValue] == nil {
            Issue.record("\(code) (\(code.meaning)) is declared but no code table of protocol.md or docs/*.md lists it: add a row `| \(code) | \(code.meaning) |`")
        }
        for (code, place) in listed.sorted(by: { $0.key < $1.key }) where !declared.contains(code) {
            Issue.record("\(place) lists \(code), which DiagnosticCode does not declare: declare it in Sources/TIQCore/DiagnosticCode+Catalogue.swift, or remove the row")
        }
    }

    /// Any code a document mentions, in prose or examples, is a catalogued code.
    @Test func documentsMentionOnlyCataloguedCodes() throws {
        for path in RepositoryFiles.documents {
            for m in CodeMention.all(in: try RepositoryFiles.text(path)) where DiagnosticCode(rawValue: m.code) == nil {
                Issue.record("\(path):\(m.line) mentions \(m.code), which DiagnosticCode does not declare: declare it in Sources/TIQCore/DiagnosticCode+Catalogue.swift, or fix the text")
            }
        }
    }

    /// Sources name codes through the catalogue (`.error(.unknownIndicator, …)`), never as strings.
    @Test func sourcesWriteNoCodeAsAString() throws {
        for path in RepositoryFiles.files(under: "Sources", endingWith: ".swift") where !path.hasSuffix("DiagnosticCode+Catalogue.swift") {
            for m in CodeMention.all(in: try RepositoryFiles.text(path)) where m.quoted {
                if let code = DiagnosticCode(rawValue: m.code) {
                    Issue.record("\(path):\(m.line) writes \"\(m.code)\" as a string: use the DiagnosticCode constant declared with \"\(code)\" (\(code.meaning))")
                } else {
                    Issue.record("\(path):\(m.line) writes \"\(m.code)\", which DiagnosticCode does not declare: add it to Sources/TIQCore/DiagnosticCode+Catalogue.swift (and to the docs' code table), then use the constant")
                }
            }
        }
    }
}
