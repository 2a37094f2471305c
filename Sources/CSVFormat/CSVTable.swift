/// RFC 4180 CSV: quoted fields may hold commas, quotes ("") and line breaks.
public struct CSVTable: Sendable {
    public struct Row: Sendable {
        public let line: Int
        public let fields: [String]
    }

    public let header: [String]
    public let rows: [Row]
    public let file: String

    public init(text: String, file: String) throws(InterchangeError) {
        var rows: [Row] = []
        var fields: [String] = []
        var field = ""
        var inQuotes = false
        var line = 1, column = 0
        var rowLine = 1
        var quoteLine = 1, quoteColumn = 1
        var afterQuote = false
        var iterator = text.unicodeScalars.makeIterator()
        var pending: Unicode.Scalar?
        func next() -> Unicode.Scalar? {
            if let scalar = pending { pending = nil; return scalar }
            return iterator.next()
        }
        while let scalar = next() {
            column += 1
            if inQuotes {
                if scalar == "\"" {
                    if let following = iterator.next() {
                        if following == "\"" { field.unicodeScalars.append("\""); column += 1 } else { inQuotes = false; afterQuote = true; pending = following }
                    } else { inQuotes = false; afterQuote = true }
                } else {
                    if scalar == "\n" { line += 1; column = 0 }
                    field.unicodeScalars.append(scalar)
                }
                continue
            }
            switch scalar {
            case ",":
                fields.append(field); field = ""; afterQuote = false
            case "\r":
                continue
            case "\n":
                fields.append(field); field = ""; afterQuote = false
                rows.append(Row(line: rowLine, fields: fields)); fields = []
                line += 1; column = 0; rowLine = line
            case "\"" where field.isEmpty && !afterQuote:
                inQuotes = true; quoteLine = line; quoteColumn = column
            default:
                if afterQuote {
                    throw InterchangeError(file: file, line: line, column: column, message: "unexpected character after a closing quote")
                }
                field.unicodeScalars.append(scalar)
            }
        }
        if inQuotes {
            throw InterchangeError(file: file, line: quoteLine, column: quoteColumn, message: "quoted field is never closed")
        }
        if !field.isEmpty || !fields.isEmpty { fields.append(field); rows.append(Row(line: rowLine, fields: fields)) }
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
        row.fields.prefix(index).reduce(1) { $0 + $1.count + 1 }
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
