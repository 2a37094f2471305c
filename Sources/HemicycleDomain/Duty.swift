/// A duty the council's administrators give to a member of its staff, on top of their role: the communication staff
/// who write the council's news, and those who publish it; the finance staff who keep the budget.
public enum Duty: String, CaseIterable, Sendable, Codable {
    /// Writes posts and hands them to the editors.
    case newsWriter = "news_writer"
    /// Accepts, schedules and takes down posts (and writes them).
    case newsEditor = "news_editor"
    /// Keeps the council's budget: its lines, voted amounts, transfers, commitments and payments.
    case budgetOfficer = "budget_officer"

    /// Localization key of the duty's name.
    public var labelKey: String { "duty_\(rawValue)" }

    /// Only staff seats hold duties: administrators hold every right already, members and citizens none of these.
    public static func holdable(by role: Role?) -> Bool { role == .staff }

    /// The duties written in a seat's `duties` column (comma-separated; unknown names are dropped).
    public static func parse(_ stored: String) -> Set<Duty> {
        Set(stored.split(separator: ",").compactMap { Duty(rawValue: String($0)) })
    }

    /// The column's text for `duties`, in a stable order.
    public static func stored(_ duties: Set<Duty>) -> String {
        allCases.filter(duties.contains).map(\.rawValue).joined(separator: ",")
    }

    /// Whether `actor` may give or take away duties: the council's administrators only.
    public static func mayAssign(by actor: CouncilActor) -> Decision {
        actor.isAdministrator ? .allowed : .forbidden("error_duty_governing")
    }
}
