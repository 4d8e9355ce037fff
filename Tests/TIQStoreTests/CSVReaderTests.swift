import Testing
import TIQCore
@testable import TIQStore

@Suite struct CSVReaderTests {
    @Test func quotedFieldsKeepCommasQuotesAndNewlines() {
        let text = "a,b,c\n\"x, y\",\"say \"\"hi\"\"\",\"two\nlines\"\nplain,,end\n"
        let records = CSVReader(text: text).records()
        #expect(records.count == 3)
        #expect(records[1].fields == ["x, y", "say \"hi\"", "two\nlines"])
        #expect(records[1].line == 2)
        #expect(records[2].fields == ["plain", "", "end"])
        #expect(records[2].line == 4)          // the quoted newline moved the next record down one line
        #expect(records[2].fieldColumns == [1, 7, 8])
    }

    @Test func crlfAndLoneCRAndMissingFinalNewline() {
        let records = CSVReader(text: "h1,h2\r\n1,2\r\n3,4").records()
        #expect(records.map(\.fields) == [["h1", "h2"], ["1", "2"], ["3", "4"]])
        #expect(records.map(\.line) == [1, 2, 3])
        let quotedCRLF = CSVReader(text: "a\r\n\"x\r\ny\"\r\nz\r\n").records()
        #expect(quotedCRLF[1].fields == ["x\r\ny"])
        #expect(quotedCRLF[2].line == 4)
    }

    @Test func byteOrderMarkIsDropped() {
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("code,name\n01,Ain\n".utf8)
        let reader = CSVReader(bytes: bytes)
        let records = reader.records()
        #expect(records[0].fields == ["code", "name"])
        #expect(records[0].fieldColumns == [1, 6])
    }

    @Test func semicolonSeparatorAndDecimalCommas() {
        let reader = CSVReader(text: "code;libellé;valeur\n01;\"Ain; le\";1 234,5\n02;Aisne;1234,5\n")
        #expect(reader.separator == UInt8(ascii: ";"))
        #expect(reader.decimalComma)
        let records = reader.records()
        #expect(records[1].fields == ["01", "Ain; le", "1 234,5"])
        #expect(NumberParser.parse(records[1][2], decimalComma: true) == 1234.5)
        #expect(NumberParser.parse(records[2][2], decimalComma: true) == 1234.5)
        #expect(NumberParser.parse("1\u{00A0}234,5", decimalComma: true) == 1234.5)
        #expect(NumberParser.parse("1\u{202F}234", decimalComma: true) == 1234)
        #expect(NumberParser.parse("1.234,5", decimalComma: true) == 1234.5)
        #expect(NumberParser.parse("-0,25", decimalComma: true) == -0.25)
    }

    @Test func separatorDetectionIgnoresQuotedCharacters() {
        #expect(CSVReader.detectSeparator(Array("\"a;b;c\",d\n".utf8)) == UInt8(ascii: ","))
        #expect(CSVReader.detectSeparator(Array("a;b,c;d\n".utf8)) == UInt8(ascii: ";"))
        #expect(CSVReader.detectSeparator(Array("a\tb\tc\n".utf8)) == 9)
    }

    @Test func numberParserRejectsWhatIsNotANumber() {
        #expect(NumberParser.parse("12.5") == 12.5)
        #expect(NumberParser.parse("1e3") == 1000)
        #expect(NumberParser.parse(" 7 ") == 7)
        for bad in ["", "abc", "nan", "inf", "1,5", "12x", "--", "e5", "0x10", "1.2.3"] {
            #expect(NumberParser.parse(bad) == nil, "\(bad) should not parse")
        }
        #expect(NumberParser.parse("1,2,3", decimalComma: true) == nil)
        // The fast path (plain decimals) agrees with the standard library's correctly rounded parse.
        for text in ["0.1", "-0.3", "123456789012.345", "0.000000000000001", "99999999999999.9", ".5", "1.", "007", "1234567890123456789"] {
            #expect(NumberParser.parse(text) == Double(text), "\(text)")
        }
        #expect(NumberParser.parse("0,1", decimalComma: true) == 0.1)
    }

    @Test func commonPeriodsTakeTheFastPath() {
        #expect(ObservationReader.fastPeriod("2018") == Period(year: 2018))
        #expect(ObservationReader.fastPeriod("2018-07") == Period("2018-07"))
        #expect(ObservationReader.fastPeriod("2018-13") == nil)
        #expect(ObservationReader.fastPeriod("2018-Q3") == nil)           // left to Period.init
        #expect(ObservationReader.fastPeriod("20a8") == nil)
    }

    @Test func latin1FallbackDecodesWindows1252() {
        // "Œuilly,Hauts-de-Seine’" with é, Œ (0x8C) and ’ (0x92) in Windows-1252.
        let bytes: [UInt8] = Array("name\n".utf8) + [0x8C] + Array("uilly,".utf8) + [0x92] + [0x0A] + [0x45, 0x76, 0xE9, 0x0A]
        let reader = CSVReader(bytes: bytes)
        #expect(reader.encoding == .latin1)
        let records = reader.records()
        #expect(records[1].fields == ["Œuilly", "’"])
        #expect(records[2].fields == ["Evé"])
    }

    @Test func validUTF8IsNotReencoded() {
        let reader = CSVReader(text: "name\nÉvreux\n")
        #expect(reader.encoding == .utf8)
        #expect(reader.records()[1].fields == ["Évreux"])
        #expect(!TextDecoding.isValidUTF8([0xC0, 0x80]))          // overlong
        #expect(!TextDecoding.isValidUTF8([0xED, 0xA0, 0x80]))    // surrogate
        #expect(!TextDecoding.isValidUTF8([0xE2, 0x82]))          // truncated
    }

    @Test func columnsCountScalarsNotBytes() {
        let records = CSVReader(text: "a,b,c\nÉé,Œ,x\n").records()
        #expect(records[1].fieldColumns == [1, 4, 6])
    }

    @Test func unterminatedQuoteIsFlagged() {
        let records = CSVReader(text: "a,b\n1,\"open\n2,3\n").records()
        #expect(records.count == 2)
        #expect(records[1].hasUnterminatedQuote)
    }

    @Test func recordCanBeReadAgainFromItsOffset() {
        let reader = CSVReader(text: "a,b\n\"q\nq\",x\nlast,y\n")
        let records = reader.records()
        let again = reader.record(at: records[2].offset, line: DatasetSourceMap.lineNumber(of: records[2].offset, in: reader.bytes))
        #expect(again?.fields == ["last", "y"])
        #expect(again?.line == 4)
        #expect(again?.fieldColumns == [1, 6])
    }

    @Test func fieldCountMismatchIsReportedWithLineAndColumn() throws {
        let dir = try TempDataset.make(territories: "level,code,name\ncommune,01,A\ncommune,02,B,extra\ncommune,03\n")
        let failure = #expect(throws: LoadFailure.self) { try DatasetLoader.load(directory: dir) }
        let d = try #require(failure?.diagnostics)
        #expect(d.map(\.code) == ["D102", "D102"])
        #expect(d[0].span?.line == 3 && d[0].span?.column == 14)   // the extra field
        #expect(d[1].span?.line == 4 && d[1].span?.column == 11)   // where the missing field would go
        #expect(d[0].file?.hasSuffix("territories.csv") == true)
    }
}
