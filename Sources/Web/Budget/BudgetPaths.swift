/// A council's budget: its years, each with its programmes, actions and lines, their execution, and the finance
/// staff's forms; the execution as CSV; the audit trail.
enum BudgetPaths {
    static let list = Path1("/{council}/budget")
    static let year = Path2("/{council}/budget/{year}")
    static let lines = Path2("/{council}/budget/{year}/lines")
    static let line = Path3("/{council}/budget/{year}/lines/{line}")
    static let lineEdit = Path3("/{council}/budget/{year}/lines/{line}/edit")
    static let lineDelete = Path3("/{council}/budget/{year}/lines/{line}/delete")
    static let status = Path2("/{council}/budget/{year}/status")
    static let transfers = Path2("/{council}/budget/{year}/transfers")
    static let commitments = Path2("/{council}/budget/{year}/commitments")
    static let payments = Path3("/{council}/budget/{year}/commitments/{commitment}/payments")
    static let csv = Path2("/{council}/budget/{year}/execution.csv")
    static let audit = Path2("/{council}/budget/{year}/audit")

    static let all: [any DeclaredPath] = [list, year, lines, line, lineEdit, lineDelete, status, transfers, commitments, payments, csv, audit]
}
