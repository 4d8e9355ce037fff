/// Folds names for matching: accents, case, hyphens, apostrophes, ligatures and saint/st.
///
/// `"L'Haÿ-les-Roses"` and `"l hay les roses"` fold to the same key, as do `"Œuilly"` and
/// `"oeuilly"`, `"Saint-Étienne"`, `"St Etienne"` and `"Ste-Étienne"` (all to `st etienne`).
/// Pure Swift over Unicode scalars: no Foundation, so it works the same everywhere.
public enum TextFolding {
    /// Returns the folded search key of `text`.
    ///
    /// One pass over the scalars into a byte buffer: precomposed Latin letters map to their base
    /// letter through a table, combining marks are dropped, anything that is not a letter or a
    /// digit separates words, and `saint`/`sainte`/`ste` become `st` as each word ends.
    public static func fold(_ text: some StringProtocol) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count)
        var pendingSpace = false
        var wordStart = 0
        func finishWord() {
            let n = out.count - wordStart
            guard n == 3 || n == 5 || n == 6, out[wordStart] == UInt8(ascii: "s") else { return }
            let word = out[wordStart...]
            if word.elementsEqual("saint".utf8) || word.elementsEqual("sainte".utf8) || word.elementsEqual("ste".utf8) {
                out.removeSubrange((wordStart + 2)...)
                out[wordStart + 1] = UInt8(ascii: "t")
            }
        }
        func startLetter() {
            if pendingSpace && !out.isEmpty {
                finishWord()
                out.append(32)
                wordStart = out.count
            }
            pendingSpace = false
        }
        func emit(_ b: UInt8) { startLetter(); out.append(b) }
        func emit(_ s: Unicode.Scalar) {
            startLetter()
            if let bytes = UTF8.encode(s) { out.append(contentsOf: bytes) }
        }
        for scalar in text.unicodeScalars {
            let v = latinBase(scalar.value)
            switch v {
            case 0x41...0x5A: emit(UInt8(v + 32))                        // A-Z
            case 0x61...0x7A, 0x30...0x39: emit(UInt8(v))                // a-z 0-9
            case 0x300...0x36F: continue                                  // combining marks
            case 0x153, 0x152: emit(UInt8(ascii: "o")); out.append(UInt8(ascii: "e"))   // œ Œ
            case 0xE6, 0xC6: emit(UInt8(ascii: "a")); out.append(UInt8(ascii: "e"))     // æ Æ
            case 0xDF: emit(UInt8(ascii: "s")); out.append(UInt8(ascii: "s"))           // ß
            case 0xF8, 0xD8: emit(UInt8(ascii: "o"))                     // ø Ø
            case 0..<0x80: pendingSpace = true                            // hyphens, apostrophes, punctuation
            default:
                if let lower = scalarLowercase(scalar), lower.properties.isAlphabetic {
                    emit(lower)
                } else {
                    pendingSpace = true                                   // dashes, typographic quotes
                }
            }
        }
        finishWord()
        return String(decoding: out, as: UTF8.self)
    }

    /// The folded key with leading articles (`le`, `la`, `les`, `l`) and EPCI prefixes removed:
    /// an alternative key so that `"Grand Chalon"` finds `"CA Le Grand Chalon"`.
    public static func core(_ folded: String) -> String {
        // Fast path: most names start with none of the removable words.
        let end = folded.utf8.firstIndex(of: 32) ?? folded.utf8.endIndex
        guard removableStarts.contains(folded[..<end]) else { return folded }
        var words = folded.split(separator: " ")
        var changed = false
        for p in epciPrefixes where words.count > p.count && words.starts(with: p) {
            words.removeFirst(p.count)
            changed = true
            break
        }
        while let first = words.first, articles.contains(first), words.count > 1 {
            words.removeFirst()
            changed = true
        }
        return changed ? words.joined(separator: " ") : folded
    }

    /// Returns `text` lowercased and without accents, nothing else changed: hyphens,
    /// apostrophes, spaces, ligatures and `Saint` stay as they are, so `"Saint-Étienne"` gives
    /// `"saint-etienne"`. The key for "names starting with", read the way SQL's `ILIKE 'p%'`
    /// reads them, but accent-insensitive too.
    public static func foldCaseAndAccents(_ text: some StringProtocol) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count)
        appendCaseAndAccentFold(of: text, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// The scalar value of `v` without its accent, for the Latin-1 and Latin Extended-A letters
    /// (`é` → `e`, `Ç` → `C`); any other value as it is.
    @inline(__always) static func latinBase(_ v: UInt32) -> UInt32 {
        guard v >= 0xC0 && v < 0x180 else { return v }
        let base = latinBaseTable[Int(v - 0xC0)]
        return base != 0 ? UInt32(base) : v
    }

    /// Appends the UTF-8 bytes of `foldCaseAndAccents(text)` to `out`, without an intermediate
    /// string (for building an index of many names into one buffer; `out` grows geometrically,
    /// so reserve its capacity once up front rather than per call).
    public static func appendCaseAndAccentFold(of text: some StringProtocol, to out: inout [UInt8]) {
        for scalar in text.unicodeScalars {
            let v = latinBase(scalar.value)
            switch v {
            case 0x41...0x5A: out.append(UInt8(v + 32))                  // A-Z
            case 0..<0x80: out.append(UInt8(v))                          // the rest of ASCII, as is
            case 0x300...0x36F: continue                                  // combining marks
            default:
                let lower = scalarLowercase(scalar) ?? scalar
                if let bytes = UTF8.encode(lower) { out.append(contentsOf: bytes) }
            }
        }
    }

    private static let epciPrefixes: [[Substring]] = [
        ["communaute", "de", "communes"], ["communaute", "d", "agglomeration"], ["communaute", "urbaine"],
        ["metropole"], ["cc"], ["ca"], ["cu"], ["ccpa"],
    ]
    private static let articles: Set<Substring> = ["le", "la", "les", "l", "du", "de", "des", "d"]
    private static let removableStarts: Set<Substring> = ["communaute", "metropole", "cc", "ca", "cu", "ccpa",
                                                    "le", "la", "les", "l", "du", "de", "des", "d"]

    private static func scalarLowercase(_ s: Unicode.Scalar) -> Unicode.Scalar? {
        let lower = s.properties.lowercaseMapping.unicodeScalars
        return lower.count == 1 ? lower.first : s
    }
}

/// Base letters of the precomposed Latin-1 Supplement and Latin Extended-A letters used in
/// French, Breton, Occitan, Corsican and overseas place names, indexed by scalar − 0xC0
/// (U+00C0…U+017F); 0 means the scalar is not a letter with a diacritic.
private let latinBaseTable: [UInt8] = {
    var m = [UInt8](repeating: 0, count: 0x180 - 0xC0)
    let groups: [(String, Character)] = [
        ("ÀÁÂÃÄÅĀĂĄ", "A"), ("àáâãäåāăą", "a"), ("ÇĆĈĊČ", "C"), ("çćĉċč", "c"), ("ĎĐ", "D"), ("ďđ", "d"),
        ("ÈÉÊËĒĔĖĘĚ", "E"), ("èéêëēĕėęě", "e"), ("ĜĞĠĢ", "G"), ("ĝğġģ", "g"), ("ĤĦ", "H"), ("ĥħ", "h"),
        ("ÌÍÎÏĨĪĬĮİ", "I"), ("ìíîïĩīĭįı", "i"), ("Ĵ", "J"), ("ĵ", "j"), ("Ķ", "K"), ("ķ", "k"),
        ("ĹĻĽĿŁ", "L"), ("ĺļľŀł", "l"), ("ÑŃŅŇ", "N"), ("ñńņň", "n"), ("ÒÓÔÕÖŌŎŐ", "O"), ("òóôõöōŏő", "o"),
        ("ŔŖŘ", "R"), ("ŕŗř", "r"), ("ŚŜŞŠ", "S"), ("śŝşš", "s"), ("ŢŤŦ", "T"), ("ţťŧ", "t"),
        ("ÙÚÛÜŨŪŬŮŰŲ", "U"), ("ùúûüũūŭůűų", "u"), ("Ŵ", "W"), ("ŵ", "w"), ("ÝŸŶ", "Y"), ("ýÿŷ", "y"),
        ("ŹŻŽ", "Z"), ("źżž", "z"),
    ]
    for (letters, base) in groups {
        for s in letters.unicodeScalars where s.value >= 0xC0 && s.value < 0x180 {
            m[Int(s.value - 0xC0)] = UInt8(base.asciiValue!)
        }
    }
    return m
}()
