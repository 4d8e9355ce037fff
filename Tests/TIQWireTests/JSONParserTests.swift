import Testing
@testable import TIQWire

@Suite struct JSONParserTests {
    @Test func parsesEveryKind() throws {
        let v = try JSONParser.parse(#" { "a" : [1, -2.5e3, true, false, null, "x"], "b": {} , "c": [] } "#)
        #expect(v["a"] == .array([.number(JSONNumber(validatedText: "1")), .number(JSONNumber(validatedText: "-2.5e3")),
                                  .bool(true), .bool(false), .null, .string("x")]))
        #expect(v["b"] == .object([]))
        #expect(v["c"] == .array([]))
        #expect(v["a"]?.arrayValue?[1].doubleValue == -2500)
    }

    @Test func decodesEscapes() throws {
        let v = try JSONParser.parse(#""q\" b\\ s\/ \b\f\n\r\t \u00e9 \u20AC \ud83d\ude00""#)
        #expect(v == .string("q\" b\\ s/ \u{8}\u{c}\n\r\t é € 😀"))
    }

    @Test func keepsNumberTextExactly() throws {
        for text in ["12345678901234567890123", "-0", "0.1", "1E+400", "-1.25e-7", "0"] {
            let v = try JSONParser.parse(text)
            #expect(v == .number(JSONNumber(validatedText: text)))
            #expect(v.jsonText == text)
        }
    }

    @Test(arguments: [
        "", " ", "[1,]", "{\"a\":1,}", "[1 2]", "01", "-", "1.", ".5", "1e", "+1", "0x10", "'a'", "{a:1}",
        "\"a", "tru", "nul", "[", "{\"a\"}", "\"\\x\"", "\"\\u12\"", "\"tab\there\"", "1 2", "[1]]",
        "\"\\ud800\"", "\"\\udc00\"", "\"\\ud800\\u0041\"", "NaN", "Infinity", "// c\n1", "[1,,2]",
    ])
    func rejectsInvalidJSON(text: String) {
        #expect(throws: JSONParseError.self) { try JSONParser.parse(text) }
    }

    @Test(arguments: [
        [0x22, 0xC3, 0x22] as [UInt8],            // truncated 2-byte sequence
        [0x22, 0xC0, 0xAF, 0x22],                 // overlong "/"
        [0x22, 0xE0, 0x80, 0xAF, 0x22],           // overlong 3-byte
        [0x22, 0xED, 0xA0, 0x80, 0x22],           // UTF-8-encoded surrogate
        [0x22, 0xF4, 0x90, 0x80, 0x80, 0x22],     // above U+10FFFF
        [0x22, 0xFF, 0x22],                       // never valid
        [0x22, 0x80, 0x22],                       // lone continuation byte
        [0xC3, 0xA9],                             // non-ASCII outside a string
    ])
    func rejectsInvalidUTF8(bytes: [UInt8]) {
        #expect(throws: JSONParseError.self) { try JSONParser.parse(bytes) }
    }

    @Test func acceptsValidMultibyteUTF8() throws {
        let text = "\"Île-de-France · 😀 · 中\""
        #expect(try JSONParser.parse(Array(text.utf8)) == .string("Île-de-France · 😀 · 中"))
    }

    @Test func enforcesDepthLimit() throws {
        let deep = String(repeating: "[", count: 10) + String(repeating: "]", count: 10)
        #expect(throws: JSONParseError.self) { try JSONParser.parse(deep, maxDepth: 9) }
        _ = try JSONParser.parse(deep, maxDepth: 10)
        // Far deeper than any stack would survive: refused, not crashed.
        let abyss = String(repeating: "[", count: 200_000)
        #expect(throws: JSONParseError.self) { try JSONParser.parse(abyss) }
    }

    @Test func errorSaysWhereAndWhat() {
        do {
            _ = try JSONParser.parse("{\"a\": [1, 2,]}")
            Issue.record("should have failed")
        } catch {
            #expect(error.offset == 12)
            #expect(error.message.contains("expected a JSON value"))
        }
    }

    @Test func duplicateKeysLastWins() throws {
        #expect(try JSONParser.parse(#"{"a":1,"a":2}"#)["a"]?.intValue == 2)
    }
}
