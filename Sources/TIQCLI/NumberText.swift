import TIQCore

/// Numbers written for people: thousands separators, percentages with one decimal, and at most
/// four significant decimals otherwise; absences written as words, never as zero.
public enum NumberText {
    /// The text of `value` in `unit`: `12,345`, `3.4%`, `-1.2 pp`, `0.01235`. NaN is empty:
    /// the caller writes the absence marker.
    public static func format(_ value: Double, unit: Unit) -> String {
        guard value.isFinite else { return value.isNaN ? "" : (value > 0 ? "∞" : "-∞") }
        if unit.isPercentLike {
            let text = fixed(value * 100, decimals: 1)
            return unit.symbol == "pp" ? text + " pp" : text + "%"
        }
        return readable(value)
    }

    /// A plain number: whole numbers with separators, others rounded to four significant digits
    /// (at least one decimal when below 1,000).
    public static func readable(_ value: Double) -> String {
        guard value.isFinite else { return value.isNaN ? "" : (value > 0 ? "∞" : "-∞") }
        if value == value.rounded() && abs(value) < 1e15 { return fixed(value, decimals: 0) }
        let magnitude = abs(value)
        let decimals: Int
        if magnitude >= 1000 {
            decimals = 0
        } else if magnitude >= 1 {
            decimals = 4 - String(Int(magnitude)).count
        } else {
            // Leading zeros after the point, then four significant digits.
            var zeros = 0
            var m = magnitude
            while m < 0.1 && zeros < 12 { m *= 10; zeros += 1 }
            decimals = zeros + 4
        }
        return trimmed(fixed(value, decimals: max(decimals, 0)))
    }

    /// `value` rounded to `decimals` places, with `,` between thousands.
    public static func fixed(_ value: Double, decimals: Int) -> String {
        guard value.isFinite else { return "" }
        var scale = 1.0
        for _ in 0..<decimals { scale *= 10 }
        let scaled = (abs(value) * scale).rounded()
        let negative = value < 0 && scaled != 0
        guard scaled < 9e18 else { return String(value) }
        let whole = UInt64(scaled) / UInt64(scale)
        let fraction = UInt64(scaled) % UInt64(scale)
        var text = grouped(String(whole))
        if decimals > 0 {
            let digits = String(fraction)
            text += "." + String(repeating: "0", count: decimals - digits.count) + digits
        }
        return negative ? "-" + text : text
    }

    /// Digits with `,` every three from the right: `1234567` → `1,234,567`.
    public static func grouped(_ digits: String) -> String {
        var out = ""
        let count = digits.count
        for (i, ch) in digits.enumerated() {
            if i > 0 && (count - i) % 3 == 0 { out.append(",") }
            out.append(ch)
        }
        return out
    }

    /// A number for machines (CSV): no separators, shortest exact form, percent-like units ×100.
    public static func plain(_ value: Double, unit: Unit) -> String {
        guard value.isFinite else { return "" }
        let v = unit.isPercentLike ? value * 100 : value
        if v == v.rounded() && abs(v) < 1e15 { return String(Int64(v)) }
        return String(v)
    }

    private static func trimmed(_ text: String) -> String {
        guard text.contains(".") else { return text }
        var t = Substring(text)
        while t.hasSuffix("0") { t = t.dropLast() }
        if t.hasSuffix(".") { t = t.dropLast() }
        return String(t)
    }
}
