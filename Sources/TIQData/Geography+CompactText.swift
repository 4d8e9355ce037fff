extension Geography {
    /// The geography built into the binary (INSEE COG, 34,875 communes, populations 2017),
    /// parsed once on first use.
    public static let embedded: Geography = {
        // The embedded text is produced and checked by scripts/compact-geo.py; it cannot fail.
        (try? Geography(compactText: embeddedGeographyText)) ?? Geography()
    }()

    /// Parses the compact text form written by `scripts/compact-geo.py` (format described there).
    public init(compactText text: String) throws(DataError) {
        self.init()
        var copy = text
        var failure: DataError?
        copy.withUTF8 { bytes in
            do throws(DataError) { try parseCompact(bytes) } catch { failure = error }
        }
        if let failure { throw failure }
    }

    private mutating func parseCompact(_ bytes: UnsafeBufferPointer<UInt8>) throws(DataError) {
        var lineNumber = 0
        var inCommunes = false
        var fields: [Substring] = []
        var lineStart = 0
        let where_ = "embedded geography"
        func fail(_ why: String) -> DataError {
            DataError(why, at: "\(where_):\(lineNumber)", fix: "regenerate it with scripts/compact-geo.py")
        }
        while lineStart < bytes.count {
            var end = lineStart
            while end < bytes.count, bytes[end] != 10 { end += 1 }
            lineNumber += 1
            defer { lineStart = end + 1 }
            if end == lineStart { continue }
            // Split on TAB without copying the whole line twice.
            fields.removeAll(keepingCapacity: true)
            var fieldStart = lineStart
            for i in lineStart...end where i == end || bytes[i] == 9 {
                fields.append(Substring(decoding: UnsafeBufferPointer(rebasing: bytes[fieldStart..<i]), as: UTF8.self))
                fieldStart = i + 1
            }
            if lineNumber == 1 {
                guard fields.first == "tiq-geo 1" else { throw fail("not a tiq-geo 1 text") }
                continue
            }
            if inCommunes {
                guard fields.count == 4 else { throw fail("a commune line has 4 fields") }
                let code = String(fields[0])
                var epci: Int?
                if !fields[1].isEmpty {
                    guard let e = Int(fields[1]), e >= 0, e < epcis.count else { throw fail("bad EPCI index") }
                    epci = e
                }
                var population: Int?
                if !fields[2].isEmpty {
                    guard let p = Int(fields[2]) else { throw fail("bad population") }
                    population = p
                }
                let dept = code.hasPrefix("97") ? String(code.prefix(3)) : String(code.prefix(2))
                communes.append(Commune(code: code, name: String(fields[3]), departement: dept,
                                        epci: epci, population: population))
                continue
            }
            switch fields[0] {
            case "R" where fields.count == 3:
                regions.append(Region(code: String(fields[1]), name: String(fields[2])))
            case "D" where fields.count == 4:
                departements.append(Departement(code: String(fields[1]), name: String(fields[3]), region: String(fields[2])))
            case "E" where fields.count == 4:
                epcis.append(EPCI(siren: String(fields[1]), name: String(fields[3]), type: String(fields[2])))
            case "C" where fields.count == 1:
                inCommunes = true
                communes.reserveCapacity(35_000)
            default:
                throw fail("unexpected line `\(fields.joined(separator: " "))`")
            }
        }
    }
}
