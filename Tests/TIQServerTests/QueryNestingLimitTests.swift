import Foundation
import Testing
import TIQWire

/// `--max-query-depth` on the daemon's endpoint: the nesting of operators, calls and parentheses a
/// query may use, E116 beyond it, for every method that parses (answered inline or on a worker).
@Suite struct QueryNestingLimitTests {
    /// A query whose `derive` nests `depth` parentheses around a number.
    static func nested(_ depth: Int) -> String {
        "from emploi_ind at region | derive x = " + String(repeating: "(", count: depth) + "1" + String(repeating: ")", count: depth)
    }

    static func params(_ q: String) -> String {
        "{\"q\":\"\(q)\"}"
    }

    @Test func aLowLimitRefusesOneLevelMoreAndNamesTheLimit() throws {
        let d = Daemon.inProcess(Daemon.standardArguments + ["--max-query-depth", "5"])
        d.request("1", "query", Self.params(Self.nested(4)))
        d.request("2", "query", Self.params(Self.nested(6)))
        d.request("3", "check", Self.params(Self.nested(6)))
        let r = d.replies(for: ["1", "2", "3"])
        #expect(r["1"]?.result != nil, "\(r["1"]?.jsonText ?? "no reply")")
        #expect(r["2"]?.errorCode == 1)
        #expect(r["2"]?.errorMessage.hasPrefix("E116") == true, "\(r["2"]?.errorMessage ?? "")")
        let diagnostics = r["3"]?.result?["diagnostics"]?.arrayValue ?? []
        #expect(diagnostics.first?["code"]?.stringValue == "E116")
        let label = diagnostics.first?.jsonText ?? ""
        #expect(label.contains("more than 5 levels"), "\(label)")
        #expect(label.contains("--max-query-depth"), "the help names the option: \(label)")
    }

    @Test func theDefaultIsOneHundred() throws {
        let d = Daemon.inProcess()
        // The expression itself is one level: 99 parentheses around it make 100.
        d.request("1", "query", Self.params(Self.nested(99)))
        d.request("2", "query", Self.params(Self.nested(100)))
        let r = d.replies(for: ["1", "2"])
        #expect(r["1"]?.result != nil, "\(r["1"]?.jsonText ?? "no reply")")
        #expect(r["2"]?.errorMessage.hasPrefix("E116") == true)
    }

    @Test func theHighestLimitIsServedWithoutExhaustingAStack() throws {
        // 999 levels through every method that parses: the reader thread answers check, complete
        // and hover; query and explain run on a worker. Each must answer, and the daemon live on.
        let d = Daemon.inProcess(Daemon.standardArguments + ["--max-query-depth", "1000"])
        let q = Self.nested(999)
        let cursor = q.utf8.count / 2
        d.request("\"c\"", "check", Self.params(q))
        d.request("\"q\"", "query", Self.params(q))
        d.request("\"e\"", "explain", Self.params(q))
        d.request("\"k\"", "complete", "{\"q\":\"\(q)\",\"cursor\":\(cursor)}")
        d.request("\"h\"", "hover", "{\"q\":\"\(q)\",\"cursor\":\(cursor)}")
        d.request("\"deeper\"", "query", Self.params(Self.nested(1001)))
        let r = d.replies(for: ["\"c\"", "\"q\"", "\"e\"", "\"k\"", "\"h\"", "\"deeper\""], timeout: 60)
        #expect(r["\"c\""]?.result?["diagnostics"]?.arrayValue?.isEmpty == true, "\(r["\"c\""]?.jsonText ?? "no reply")")
        #expect(r["\"q\""]?.result?["rows"]?.arrayValue?.count == 1, "\(r["\"q\""]?.jsonText.prefix(300) ?? "no reply")")
        #expect(r["\"e\""]?.result != nil)
        #expect(r["\"k\""]?.result != nil)
        #expect(r["\"h\""] != nil)
        #expect(r["\"deeper\""]?.errorMessage.hasPrefix("E116") == true)
        d.request("\"s\"", "status")
        #expect(d.next()?.idText == "\"s\"")
    }
}
