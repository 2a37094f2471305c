import SQLKit

/// The names of a statement's columns, read once and shared by its rows.
final class ColumnNames: Sendable {
    /// Which of two columns with one name a lookup answers: each driver's own rule.
    enum Duplicates: Sendable { case first, last }

    let names: [String]
    private let duplicates: Duplicates

    init(_ names: [String], duplicates: Duplicates) {
        self.names = names
        self.duplicates = duplicates
    }

    /// A linear scan: a statement has a few columns, and comparing short names is cheaper than hashing them.
    func index(of name: String) -> Int? {
        switch duplicates {
        case .first: names.firstIndex(of: name)
        case .last: names.lastIndex(of: name)
        }
    }
}

/// A row whose values are found by their column's position.
protocol PositionedRow: SQLRow {
    var columnNames: ColumnNames { get }
    func isNull(at index: Int) -> Bool
    /// The value at `index` (the position of `column`, which names it in errors and fallbacks).
    func decode<D: Decodable>(at index: Int, column: String, as type: D.Type) throws -> D
}

extension PositionedRow {
    var allColumns: [String] { columnNames.names }
    func contains(column: String) -> Bool { columnNames.index(of: column) != nil }

    func decodeNil(column: String) throws -> Bool {
        guard let index = columnNames.index(of: column) else { return true }
        return isNull(at: index)
    }
}
