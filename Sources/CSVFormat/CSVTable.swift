/// RFC 4180 CSV read whole into text fields (`CSVReader` reads large files without making them).
public struct CSVTable: Sendable {
    public struct Row: Sendable {
        public let line: Int
        public let fields: [String]
        /// The 1-based character column where each field starts in the file (quotes included).
        public let columns: [Int]

        public init(line: Int, fields: [String], columns: [Int] = []) {
            self.line = line
            self.fields = fields
            self.columns = columns
        }
    }

    public let header: [String]
    public let rows: [Row]
    public let file: String

    public init(text: String, file: String, delimiter: UInt8 = CSVReader.comma) throws(InterchangeError) {
        var text = text
        var rows: [Row] = []
        // `withUTF8` does not carry a typed error through; the reader's error is kept and thrown after it.
        let failure = text.withUTF8 { bytes -> InterchangeError? in
            do throws(InterchangeError) {
                try CSVReader.forEachRecord(in: UnsafeRawBufferPointer(bytes), file: file, delimiter: delimiter) { record in
                    rows.append(Row(line: record.line, fields: (0..<record.count).map(record.string),
                                    columns: (0..<record.count).map { record.location(of: $0).column }))
                }
                return nil
            } catch {
                return error
            }
        }
        if let failure { throw failure }
        guard let first = rows.first else { throw InterchangeError(file: file, line: 1, column: 1, message: "the file is empty") }
        self.header = first.fields.map { $0.trimmingSpaces }
        self.rows = Array(rows.dropFirst()).filter { !($0.fields.count == 1 && $0.fields[0].isEmpty) }
        self.file = file
    }

    /// Index of a required column, or an error naming it.
    public func column(_ name: String) throws(InterchangeError) -> Int {
        guard let index = header.firstIndex(of: name) else {
            throw InterchangeError(file: file, line: 1, column: 1, message: "missing column \"\(name)\" (columns: \(header.joined(separator: ", ")))")
        }
        return index
    }

    /// The 1-based character column where field `index` of `row` starts (for error messages).
    public func position(of index: Int, in row: Row) -> Int {
        if index < row.columns.count { return row.columns[index] }
        if let last = row.columns.last, let field = row.fields.last { return last + field.count + 1 }
        return row.fields.prefix(index).reduce(1) { $0 + $1.count + 1 }
    }

    public func integer(_ row: Row, _ index: Int, name: String) throws(InterchangeError) -> Int {
        guard index < row.fields.count else {
            throw InterchangeError(file: file, line: row.line, column: position(of: row.fields.count, in: row),
                                   message: "missing value for \"\(name)\"")
        }
        guard let value = Int(row.fields[index].trimmingSpaces) ?? Double(row.fields[index].trimmingSpaces).flatMap({ Int(exactly: $0) }) else {
            throw InterchangeError(file: file, line: row.line, column: position(of: index, in: row),
                                   message: "\"\(row.fields[index])\" is not a whole number (\(name))")
        }
        return value
    }
}

extension String {
    /// The string without leading and trailing spaces and tabs.
    public var trimmingSpaces: String {
        var scalars = Substring(self)
        while scalars.first == " " || scalars.first == "\t" { scalars.removeFirst() }
        while scalars.last == " " || scalars.last == "\t" { scalars.removeLast() }
        return String(scalars)
    }
}
