import TIQCore
import TIQLanguage

extension Checker {
    /// The signature of `per`, shown by its diagnostics.
    static let perSignature = "per(x, y, scale) → x / y × scale, in `x per <scale> y`: a rate whose unit says its scale"

    /// `per(x, y, scale)`: x / y × scale (scale 1 when omitted), whose unit keeps the scale
    /// (`count per 10000 hab`), the honest spelling of `x / y * 10000` (refused, E316).
    mutating func checkPer(_ args: [Argument], span: SourceSpan, insideAggregate: Bool) -> TypedExpr? {
        guard args.count == 2 || args.count == 3, args.allSatisfy({ $0.label == nil }) else {
            error(.wrongArguments, "`per` takes two or three arguments", at: span, help: Self.perSignature); return nil
        }
        guard let x = checkExpr(args[0].value, insideAggregate: insideAggregate),
              let y = checkExpr(args[1].value, insideAggregate: insideAggregate) else { return nil }
        for t in [x, y] where t.type.kind != .number {
            error(.wrongKind, "`per` needs numbers; this is \(t.type)", at: t.span, help: Self.perSignature); return nil
        }
        var scale = 1.0
        var scaleExpr: TypedExpr?
        if args.count == 3 {
            guard let k = checkExpr(args[2].value, insideAggregate: insideAggregate), isLiteral(k),
                  case .number(let v) = k.kind, v > 0 else {
                error(.wrongKind, "the scale of `per` is a positive plain number such as 10000", at: args[2].value.span, help: Self.perSignature)
                return nil
            }
            scale = v
            scaleExpr = k
        }
        let shape: Shape = (x.type.shape == .series || y.type.shape == .series) ? .series : .scalar
        let ratio = TypedExpr(kind: .binary(.divide, x, y), type: .number(x.type.unit.dividedBy(y.type.unit), shape), span: span)
        let unit = x.type.unit.per(y.type.unit, scale: scale)
        guard let scaleExpr else { return TypedExpr(kind: ratio.kind, type: .number(unit, shape), span: span) }
        return TypedExpr(kind: .binary(.multiply, ratio, scaleExpr), type: .number(unit, shape), span: span)
    }
}
