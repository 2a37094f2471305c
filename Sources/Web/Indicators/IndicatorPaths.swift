/// The state-of-the-nation indicators: their list, each with its yearly series, and the dashboard annexed to an
/// annual report.
enum IndicatorPaths {
    static let list = Path1("/{council}/indicators")
    static let item = Path2("/{council}/indicators/{id}")
    static let valueDelete = Path3("/{council}/indicators/{id}/values/{year}/delete")
    static let importValues = Path2("/{council}/indicators/{id}/import")
    static let dashboard = Path2("/{council}/works/{id}/dashboard")

    static let all: [any DeclaredPath] = [list, item, valueDelete, importValues, dashboard]
}
