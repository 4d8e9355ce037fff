import TIQCore

/// How a cell's status is shown to people: an absent value by a word that says why it is absent
/// (`·`, `secret`, `n/a`, `undef`), a qualified value by a short mark after the number
/// (`12,500 e`), and a legend line naming only the marks used.
///
/// Qualifiers never vanish: every output for people (table, REPL, markdown, the LSP's table,
/// SVG charts) writes them with these marks; CSV writes the status names in `…_status` columns.
public enum StatusMarker {
    /// The text of an absent cell (`·` missing, `secret`, `n/a`, `undef`), or the mark after a
    /// qualified value (`e` estimated, `p` provisional, `b` break, `i` imputed, `*` partial,
    /// `~` approx); empty for `ok`.
    public static func marker(_ status: ObservationStatus) -> String {
        switch status {
        case .ok: ""
        case .missing: "·"
        case .secret: "secret"
        case .notApplicable: "n/a"
        case .undefined: "undef"
        case .estimated: "e"
        case .provisional: "p"
        case .breakHere: "b"
        case .imputed: "i"
        case .partial: "*"
        case .approx: "~"
        }
    }

    /// What each marker means, for the legend.
    public static func meaning(_ status: ObservationStatus) -> String {
        let m = marker(status)
        switch status {
        case .ok: return ""
        case .missing: return "\(m) = missing (not collected or not published)"
        case .secret: return "\(m) = withheld for statistical confidentiality"
        case .notApplicable: return "\(m) = not applicable (the territory did not exist)"
        case .undefined: return "\(m) = undefined (a division by zero, a growth from 0)"
        case .estimated: return "\(m) = estimated by the producer"
        case .provisional: return "\(m) = provisional"
        case .breakHere: return "\(m) = break in series (not comparable with earlier values)"
        case .imputed: return "\(m) = imputed (filled in by fill or coalesce)"
        case .partial: return "\(m) = partial (an aggregate with members skipped)"
        case .approx: return "\(m) = approximate (fractional memberships or a mean of medians)"
        }
    }

    /// The legend for the statuses seen, absences first then qualifiers, or nil when none.
    public static func legend(_ seen: Set<ObservationStatus>) -> String? {
        let parts = ObservationStatus.allCases.filter { $0 != .ok && seen.contains($0) }.map(meaning)
        return parts.isEmpty ? nil : "legend: " + parts.joined(separator: "; ")
    }

    /// A number and its status as one cell: the number, a space and the mark when qualified; the
    /// absence word when absent. `value` is the number's text (ignored when absent).
    public static func cell(_ value: String, status: ObservationStatus, absent: Bool) -> String {
        if absent { return marker(status.isAbsence ? status : .missing) }
        let m = status.isAbsence ? "" : marker(status)
        return m.isEmpty ? value : value + " " + m
    }

    /// The width of the widest qualifier mark among `statuses` of present values, plus its space;
    /// 0 when none is qualified. Unqualified cells of the column are padded by this much, so
    /// that the digits of a right-aligned column stay aligned.
    static func suffixWidth(_ statuses: [ObservationStatus]) -> Int {
        statuses.filter { !$0.isAbsence && $0 != .ok }.map { marker($0).count + 1 }.max() ?? 0
    }
}
