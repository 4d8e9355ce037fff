import TIQCore
import TIQLanguage
import TIQStore

extension Checker {
    /// `did G pre … post … on y model staggered`: `G` must name a grouping level whose
    /// memberships change over time (links with a validity), the rows a level that gets `G`.
    mutating func checkStaggered(flag f: (String, TypedExpr), flagExpr: String, outcome y: TypedExpr, on: Expr,
                                 periods: [Period], firstPost: Period, at: SourceSpan) -> PlannedStage? {
        let timed = snapshot.timeline.timedLevels
        guard let g = snapshot.levelByName[flagExpr], timed.contains(g), let l = schema.level,
              snapshot.timeline.shares[LevelPair(from: l, to: g)] != nil else {
            let names = timed.map { snapshot[level: $0].name }.sorted()
            error(.inferenceOption, "`model staggered` needs a membership that changes over time, named alone; `\(flagExpr)` is not one"
                  + (schema.level.map { " at level `\(snapshot[level: $0].name)`" } ?? ""), at: at,
                  help: names.isEmpty ? "no link of this dataset has a validity: give links.csv `from`/`to` columns (protocol.md, \"Links in time\")"
                                      : "write `did \(names[0]) …`: the levels whose links have a validity are \(names.joined(separator: ", "))")
            return nil
        }
        schema.level = nil
        schema.columns = [SchemaColumn(name: "cohort", type: .text), SchemaColumn(name: "period", type: .text),
                          SchemaColumn(name: "att", type: .number(y.type.unit.difference)),
                          SchemaColumn(name: "n_treated", type: .number(.count)), SchemaColumn(name: "n_control", type: .number(.count)),
                          SchemaColumn(name: "weight", type: .number(.percent))]
        return .inference(.staggered(StaggeredSpec(group: g, flagName: f.0, outcome: y, outcomeText: ASTPrinter.expr(on),
                                                   periods: periods, firstPost: firstPost)))
    }
}
