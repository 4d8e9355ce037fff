import TIQCore
import TIQEngine

/// Reads result cells by column name, for assertions.
extension ResultTable {
    func column(_ name: String) -> ResultColumn? { columns.first { $0.name == name } }

    func texts(_ name: String) -> [String?] {
        guard case .text(let t)? = column(name)?.values else { return [] }
        return t
    }

    func numbers(_ name: String) -> [Double] {
        guard case .number(let x, _)? = column(name)?.values else { return [] }
        return x
    }

    func bools(_ name: String) -> [Bool?] {
        guard case .bool(let b)? = column(name)?.values else { return [] }
        return b
    }

    /// Row-major series values of a series column.
    func series(_ name: String) -> [Double] {
        guard case .series(let x, _)? = column(name)?.values else { return [] }
        return x
    }
}

/// Whether two numbers agree to a relative tolerance, treating absent (NaN / nil) as equal only to absent.
func close(_ a: Double?, _ b: Double?, _ tol: Double = 1e-9) -> Bool {
    let x = a.flatMap { $0.isNaN ? nil : $0 }, y = b.flatMap { $0.isNaN ? nil : $0 }
    guard let x, let y else { return x == nil && y == nil }
    return abs(x - y) <= tol * max(1, abs(x), abs(y))
}
