import CSVFormat

/// A file the secretariat gave that cannot be used, with where: the line and column of the faulty field (1-based)
/// and what the message names. `key` is the message's localisation key; `values` fill it.
public struct FileError: Error, Sendable, Equatable {
    public let key: String
    public let line: Int
    public let column: Int
    public let values: [String: String]

    public init(_ key: String, line: Int, column: Int, _ values: [String: String] = [:]) {
        self.key = key
        self.line = line
        self.column = column
        self.values = values
    }

    /// A file that is not CSV at all (an unclosed quote, invalid UTF-8, no header).
    init(_ error: InterchangeError) {
        self.init("convention_file_error_unreadable", line: error.line, column: error.column)
    }
}

extension CSVTable {
    /// Reads CSV, reporting unreadable text as a `FileError`.
    static func reading(_ text: String, file: String) throws(FileError) -> CSVTable {
        do { return try CSVTable(text: text, file: file) } catch { throw FileError(error) }
    }

    /// The header's columns by lower-cased name.
    var columnsByName: [String: Int] {
        var columns: [String: Int] = [:]
        for (index, name) in header.enumerated() where columns[name.lowercased()] == nil { columns[name.lowercased()] = index }
        return columns
    }

    /// A row's field, trimmed; empty when the row is short.
    func field(_ row: Row, _ index: Int) -> String {
        index < row.fields.count ? row.fields[index].trimmingSpaces : ""
    }
}
