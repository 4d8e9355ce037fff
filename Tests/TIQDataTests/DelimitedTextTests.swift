import Testing
@testable import TIQData

@Suite("Reading delimited text")
struct DelimitedTextTests {
    @Test("quotes, doubled quotes, embedded newlines, CRLF and a final line without newline")
    func rfc4180() throws {
        let text = "a,b,c\r\n1,\"x, y\",\"he said \"\"hi\"\"\"\r\n2,\"two\nlines\",z"
        let t = try DelimitedText.parse(Array(text.utf8), path: "t.csv")
        #expect(t.header == ["a", "b", "c"])
        #expect(t.records.map(\.fields) == [["1", "x, y", "he said \"hi\""], ["2", "two\nlines", "z"]])
        #expect(t.records.map(\.line) == [2, 3])
    }

    @Test("semicolons are detected; a BOM is dropped; Latin-1 is decoded")
    func frenchExports() throws {
        var bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("code;valeur\n01;1 234,5\n".utf8)
        var t = try DelimitedText.parse(bytes, path: "t.csv")
        #expect(t.separator == UInt8(ascii: ";"))
        #expect(t.header == ["code", "valeur"])
        #expect(t.records[0].fields == ["01", "1 234,5"])
        bytes = Array("nom;x\n".utf8) + [0x4E, 0xEE, 0x6D, 0x65, 0x73] + Array(";1\n".utf8)  // "Nîmes" in Latin-1
        t = try DelimitedText.parse(bytes, path: "t.csv")
        #expect(t.records[0].fields[0] == "Nîmes")
    }

    @Test("an unclosed quote and a missing column are errors that say where and how to fix")
    func errors() throws {
        #expect(throws: DataError.self) { try DelimitedText.parse(Array("a\n\"open\n".utf8), path: "t.csv") }
        let t = try DelimitedText.parse(Array("a,b\n1,2\n".utf8), path: "t.csv")
        do {
            _ = try t.column("c")
            Issue.record("found a column that does not exist")
        } catch {
            #expect(error.fix?.contains("a, b") == true)
        }
    }
}
