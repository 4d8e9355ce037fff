import Testing
@testable import TIQWire

@Suite struct JSONWriterTests {
    @Test func escapesStrings() throws {
        let s = "quote\" backslash\\ nl\n cr\r tab\t bell\u{7} nul\u{0} us\u{1F} é 😀 /"
        let text = JSONValue.string(s).jsonText
        #expect(text == #""quote\" backslash\\ nl\n cr\r tab\t bell\u0007 nul\u0000 us\u001f é 😀 /""#)
        #expect(try JSONParser.parse(text) == .string(s))
    }

    @Test(arguments: [0.1, 1.0 / 3, -2.5, 1e-7, .leastNonzeroMagnitude, .greatestFiniteMagnitude, 123456789.123, 1e22, -0.0, 42, 2.0e15])
    func doublesRoundTripShortest(value: Double) throws {
        var w = JSONWriter()
        w.double(value)
        let parsed = try JSONParser.parse(w.bytes)
        #expect(parsed.doubleValue == value)
        #expect(parsed.doubleValue?.sign == value.sign)
        #expect(w.text.count <= value.description.count)
    }

    @Test func integralDoublesHaveNoFraction() {
        var w = JSONWriter()
        w.beginArray()
        w.double(42)
        w.double(-7)
        w.double(0)
        w.double(1e15)
        w.endArray()
        #expect(w.text == "[42,-7,0,1000000000000000]")
    }

    @Test func nonFiniteBecomesNull() {
        var w = JSONWriter()
        w.beginArray()
        w.double(.nan)
        w.double(.infinity)
        w.double(-.infinity)
        w.endArray()
        #expect(w.text == "[null,null,null]")
        #expect(JSONValue.number(Double.nan) == .null)
    }

    @Test func structureAndCommas() {
        var w = JSONWriter()
        w.beginObject()
        w.member("a", 1)
        w.key("b")
        w.beginArray()
        w.beginObject()
        w.endObject()
        w.beginArray()
        w.endArray()
        w.string("x")
        w.endArray()
        w.member("c", nil as String?)
        w.endObject()
        #expect(w.text == #"{"a":1,"b":[{},[],"x"],"c":null}"#)
    }

    @Test func valueRoundTrip() throws {
        let text = #"{"k":[1,2.5,"s",true,null,{"n":-0}],"e":{},"u":"\u0001é"}"#
        let v = try JSONParser.parse(text)
        #expect(try JSONParser.parse(v.jsonBytes) == v)
        #expect(v.jsonText == text)
    }
}
