/// Folds names for matching: accents, case, hyphens, apostrophes, ligatures and saint/st.
///
/// `"L'Haÿ-les-Roses"` and `"l hay les roses"` fold to the same key, as do `"Œuilly"` and
/// `"oeuilly"`, `"Saint-Étienne"`, `"St Etienne"` and `"Ste-Étienne"` (all to `st etienne`).
/// Pure Swift over Unicode scalars: no Foundation, so it works the same everywhere.
public enum TextFolding {
    /// Returns the folded search key of `text`.
    public static func fold(_ text: some StringProtocol) -> String {
        var out = String.UnicodeScalarView()
        var pendingSpace = false
        func emit(_ s: Unicode.Scalar) {
            if pendingSpace && !out.isEmpty { out.append(" ") }
            pendingSpace = false
            out.append(s)
        }
        for scalar in String(text).decomposedScalars() {
            let v = scalar.value
            if (0x300...0x36F).contains(v) { continue }                 // combining marks
            switch v {
            case 0x41...0x5A: emit(Unicode.Scalar(v + 32)!)            // A-Z
            case 0x61...0x7A, 0x30...0x39: emit(scalar)                 // a-z 0-9
            case 0x153, 0x152: emit("o"); emit("e")                     // œ Œ
            case 0xE6, 0xC6: emit("a"); emit("e")                       // æ Æ
            case 0xDF: emit("s"); emit("s")                             // ß
            case 0xF8, 0xD8: emit("o")                                  // ø Ø
            default:
                if let lower = scalarLowercase(scalar), lower.properties.isAlphabetic {
                    emit(lower)
                } else {
                    pendingSpace = true                                 // hyphens, apostrophes, dashes, punctuation
                }
            }
        }
        return normaliseSaints(String(out))
    }

    /// The folded key with leading articles (`le`, `la`, `les`, `l`) and EPCI prefixes removed:
    /// an alternative key so that `"Grand Chalon"` finds `"CA Le Grand Chalon"`.
    public static func core(_ folded: String) -> String {
        var words = folded.split(separator: " ").map(String.init)
        let prefixes: [[String]] = [
            ["communaute", "de", "communes"], ["communaute", "d", "agglomeration"], ["communaute", "urbaine"],
            ["metropole"], ["cc"], ["ca"], ["cu"], ["ccpa"],
        ]
        for p in prefixes where words.starts(with: p) && words.count > p.count {
            words.removeFirst(p.count)
            break
        }
        while let first = words.first, ["le", "la", "les", "l", "du", "de", "des", "d"].contains(first), words.count > 1 {
            words.removeFirst()
        }
        return words.joined(separator: " ")
    }

    private static func normaliseSaints(_ s: String) -> String {
        guard s.contains("s") else { return s }
        return s.split(separator: " ").map { w in
            (w == "saint" || w == "sainte" || w == "ste" || w == "st") ? "st" : String(w)
        }.joined(separator: " ")
    }

    private static func scalarLowercase(_ s: Unicode.Scalar) -> Unicode.Scalar? {
        let lower = s.properties.lowercaseMapping.unicodeScalars
        return lower.count == 1 ? lower.first : s
    }
}

extension String {
    /// The scalars of the canonical decomposition (NFD), so accents become combining marks.
    fileprivate func decomposedScalars() -> [Unicode.Scalar] {
        var result: [Unicode.Scalar] = []
        result.reserveCapacity(utf8.count)
        for s in unicodeScalars {
            if s.value < 0x80 { result.append(s); continue }
            result.append(contentsOf: String(s).decomposedViaCharacter())
        }
        return result
    }

    private func decomposedViaCharacter() -> [Unicode.Scalar] {
        // Latin letters with diacritics decompose into a base letter and combining marks.
        guard let s = unicodeScalars.first else { return [] }
        if let base = latinBase[s.value] { return [Unicode.Scalar(base)!] }
        return [s]
    }
}

/// Base letters of the precomposed Latin-1 Supplement and Latin Extended-A letters used in
/// French, Breton, Occitan, Corsican and overseas place names.
private let latinBase: [UInt32: UInt32] = {
    var m: [UInt32: UInt32] = [:]
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
        for s in letters.unicodeScalars { m[s.value] = base.unicodeScalars.first!.value }
    }
    return m
}()
