/// A key press, decoded from the bytes a terminal sends.
public enum Key: Sendable, Equatable {
    /// Text typed (one character).
    case text(Character)
    /// Return or Enter.
    case enter
    /// Tab.
    case tab
    /// Backspace (DEL or Ctrl-H).
    case backspace
    /// Delete (ESC [ 3 ~).
    case delete
    /// Arrow keys.
    case up, down, left, right
    /// Home and End.
    case home, end
    /// Ctrl and a letter (`a` for Ctrl-A), other than those above.
    case control(Character)
    /// Escape alone, or a sequence not understood.
    case escape
    /// The start of a bracketed paste (ESC [ 200 ~): what follows was pasted, not typed.
    case pasteStart
    /// The end of a bracketed paste (ESC [ 201 ~).
    case pasteEnd
}

/// Turns terminal input bytes into keys: UTF-8 text, control characters, and the CSI/SS3
/// escape sequences of arrows, Home, End and Delete (xterm, VT100 and rxvt variants).
public struct KeyDecoder: Sendable {
    private var pending: [UInt8] = []

    /// Creates a decoder.
    public init() {}

    /// Whether bytes of an unfinished sequence are waiting (an Escape alone, half a UTF-8 character).
    public var hasPending: Bool { !pending.isEmpty }

    /// Adds `bytes` and returns every complete key they finish.
    public mutating func feed(_ bytes: some Sequence<UInt8>) -> [Key] {
        pending += bytes
        var keys: [Key] = []
        while let (key, used) = Self.decode(pending[...]) {
            keys.append(key)
            pending.removeFirst(used)
        }
        return keys
    }

    /// The pending bytes as keys when no more input follows (a lone Escape).
    public mutating func flush() -> [Key] {
        defer { pending = [] }
        return pending.isEmpty ? [] : [.escape]
    }

    /// The first key of `b` and how many bytes it used, or nil when `b` is an unfinished sequence.
    static func decode(_ b: ArraySlice<UInt8>) -> (Key, Int)? {
        guard let first = b.first else { return nil }
        let s = b.startIndex
        switch first {
        case 0x0D, 0x0A: return (.enter, 1)
        case 0x09: return (.tab, 1)
        case 0x7F, 0x08: return (.backspace, 1)
        case 0x1B:
            guard b.count >= 2 else { return nil }
            let second = b[s + 1]
            if second == UInt8(ascii: "[") || second == UInt8(ascii: "O") {
                // CSI: parameters (digits, ';') then a final byte in 0x40...0x7E.
                var i = s + 2
                while i < b.endIndex, (0x30...0x3F).contains(b[i]) { i += 1 }
                guard i < b.endIndex else { return nil }
                let params = String(decoding: b[(s + 2)..<i], as: UTF8.self)
                let used = i - s + 1
                switch b[i] {
                case UInt8(ascii: "A"): return (.up, used)
                case UInt8(ascii: "B"): return (.down, used)
                case UInt8(ascii: "C"): return (.right, used)
                case UInt8(ascii: "D"): return (.left, used)
                case UInt8(ascii: "H"): return (.home, used)
                case UInt8(ascii: "F"): return (.end, used)
                case UInt8(ascii: "~"):
                    switch params.split(separator: ";").first ?? "" {
                    case "1", "7": return (.home, used)
                    case "4", "8": return (.end, used)
                    case "3": return (.delete, used)
                    case "200": return (.pasteStart, used)
                    case "201": return (.pasteEnd, used)
                    default: return (.escape, used)
                    }
                default: return (.escape, used)
                }
            }
            return (.escape, 1)
        case 0x00..<0x20:
            return (.control(Character(Unicode.Scalar(first + 0x60))), 1)
        default:
            let length = first < 0x80 ? 1 : first >= 0xF0 ? 4 : first >= 0xE0 ? 3 : first >= 0xC0 ? 2 : 1
            guard b.count >= length else { return nil }
            let text = String(decoding: b[s..<(s + length)], as: UTF8.self)
            return (.text(text.first ?? "\u{FFFD}"), length)
        }
    }
}
