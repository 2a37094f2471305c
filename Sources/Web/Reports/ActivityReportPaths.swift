/// A council's activity reports: each year's figures computed from its data, the secretariat's narrative, the tables
/// as CSV.
enum ActivityReportPaths {
    static let list = Path1("/{council}/reports")
    static let year = Path2("/{council}/reports/{year}")
    static let publish = Path2("/{council}/reports/{year}/publish")
    static let csv = Path2("/{council}/reports/{year}/tables.csv")

    static let all: [any DeclaredPath] = [list, year, publish, csv]
}
