/// RFC 4180 CSV read in one pass over its bytes, with no string made for a field until one is asked for.
///
/// Quoted fields may hold commas, quotes (`""`) and line breaks; a quote opens a quoted field only at the start of
/// one; a carriage return outside quotes is ignored. Each record is handed to the caller as the places of its fields
/// in the bytes: a whole number is read from the bytes themselves, text is made only when asked for, and a place in
/// the file (line and column, in characters) is worked out only for an error message.
public enum CSVReader {
    public static let comma = UInt8(ascii: ","), newline = UInt8(ascii: "\n"), carriageReturn = UInt8(ascii: "\r")
    static let quote = UInt8(ascii: "\"")

    /// Reads `bytes` as a table: `header` receives the first record's names (spaces around them trimmed), `row` every
    /// later record but blank lines.
    public static func read(
        _ bytes: UnsafeRawBufferPointer, file: String,
        header: (CSVHeader) throws(InterchangeError) -> Void,
        row: (CSVRecord) throws(InterchangeError) -> Void
    ) throws(InterchangeError) {
        var isFirst = true
        try forEachRecord(in: bytes, file: file) { record throws(InterchangeError) in
            if isFirst {
                isFirst = false
                try header(CSVHeader(names: (0..<record.count).map { record.string($0).trimmingSpaces }, file: file))
            } else if !record.isBlank {
                try row(record)
            }
        }
        guard !isFirst else { throw InterchangeError(file: file, line: 1, column: 1, message: "the file is empty") }
    }

    /// Calls `body` with every record of `bytes`, the first (the header) included, blank lines included.
    /// - Parameter delimiter: what separates fields: a comma, or a semicolon as spreadsheets in French write CSV.
    public static func forEachRecord(in raw: UnsafeRawBufferPointer, file: String, delimiter: UInt8 = comma,
                                     _ body: (CSVRecord) throws(InterchangeError) -> Void) throws(InterchangeError) {
        let bytes = raw.bindMemory(to: UInt8.self)
        let count = bytes.count
        // Where each field of the record ends (the offset of the comma or line break after it); a field starts just
        // after the one before it ends. Wide exports have thousands of mostly empty fields per line, so this is a
        // plain buffer, grown by doubling (and one place larger than `capacity`, for the last field of a file that
        // does not end with a line break).
        var capacity = 256
        var ends = UnsafeMutablePointer<Int>.allocate(capacity: capacity + 1)
        defer { ends.deallocate() }
        var fields = 0
        // The fields whose value is not their bytes as they are (quoted, or holding a carriage return).
        var irregular: [Int] = []
        var line = 1
        var recordLine = 1, recordStart = 0

        func record() -> CSVRecord {
            CSVRecord(bytes: bytes, file: file, line: recordLine, start: recordStart,
                      ends: UnsafeBufferPointer(start: ends, count: fields), irregular: irregular)
        }
        func markIrregular() {
            if irregular.last != fields { irregular.append(fields) }
        }

        // A byte order mark (as spreadsheets write) is not part of the first name.
        var index = count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF ? 3 : 0
        recordStart = index
        // The last character that was not a comma, a line break or a carriage return: a field holds one when it is
        // at or after the field's start.
        var lastContent = -1
        while index < count {
            let byte = bytes[index]
            // Most bytes are a field's characters or the commas between fields: the place of the field being read is
            // written at every byte (the comma after it writes it last) and the count of fields moves on at a comma,
            // without a branch that follows the data.
            if byte != newline, byte != carriageReturn, byte != quote {
                ends[fields] = index
                let isComma = byte == delimiter
                fields &+= isComma ? 1 : 0
                lastContent = isComma ? lastContent : index
                if fields == capacity {
                    let larger = UnsafeMutablePointer<Int>.allocate(capacity: capacity * 2 + 1)
                    larger.moveInitialize(from: ends, count: fields)
                    ends.deallocate()
                    ends = larger
                    capacity *= 2
                }
                index += 1
                continue
            }
            if byte == newline {
                ends[fields] = index
                fields += 1
                try body(record())
                fields = 0
                if !irregular.isEmpty { irregular.removeAll(keepingCapacity: true) }
                line += 1
                recordLine = line
                recordStart = index + 1
            } else if byte == carriageReturn {
                markIrregular()
            } else {
                // A quote opens a quoted field only where the field has no character yet (a carriage return is none).
                let fieldStart = fields == 0 ? recordStart : ends[fields - 1] + 1
                if lastContent >= fieldStart {
                    ends[fields] = index
                    lastContent = index
                } else {
                    let opening = index, openingLine = line
                    markIrregular()
                    index += 1
                    while true {
                        guard index < count else {
                            throw InterchangeError(file: file, line: openingLine, column: column(at: opening, in: bytes),
                                                   message: "quoted field is never closed")
                        }
                        let inner = bytes[index]
                        if inner == quote {
                            if index + 1 < count, bytes[index + 1] == quote { index += 2; continue }
                            break
                        }
                        if inner == newline { line += 1 }
                        index += 1
                    }
                    ends[fields] = index
                    lastContent = index
                    // After the closing quote, only carriage returns, then the end of the field.
                    var next = index + 1
                    while next < count, bytes[next] == carriageReturn { next += 1 }
                    if next < count, bytes[next] != delimiter, bytes[next] != newline {
                        throw InterchangeError(file: file, line: line, column: column(at: next, in: bytes),
                                               message: "unexpected character after a closing quote")
                    }
                }
            }
            index += 1
        }
        // A last line without its line break: a record if it holds anything.
        if fields > 0 || recordStart < count {
            ends[fields] = count
            fields += 1
            let last = record()
            if last.count > 1 || !last.isEmpty(0) { try body(last) }
        }
    }

    /// The 1-based column, in characters, of the byte at `offset` on its line (`offset` may be a line's end).
    static func column(at offset: Int, in bytes: UnsafeBufferPointer<UInt8>) -> Int {
        var start = min(offset, bytes.count)
        while start > 0, bytes[start - 1] != newline { start -= 1 }
        // A byte order mark is not a character of the first line.
        if start == 0, bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF, offset >= 3 { start = 3 }
        var column = 1
        for index in start..<min(offset, bytes.count) where bytes[index] & 0xC0 != 0x80 { column += 1 }
        return column
    }
}

/// The names of a table's columns.
public struct CSVHeader: Sendable {
    public let names: [String]
    public let file: String

    public func index(of name: String) -> Int? { names.firstIndex(of: name) }

    /// Index of a required column, or an error naming it.
    public func column(_ name: String) throws(InterchangeError) -> Int {
        guard let index = names.firstIndex(of: name) else {
            throw InterchangeError(file: file, line: 1, column: 1,
                                   message: "missing column \"\(name)\" (columns: \(names.joined(separator: ", ")))")
        }
        return index
    }
}

/// One record of a CSV file: the places of its fields in the bytes.
///
/// Valid only inside the call that received it: it points into the file's bytes and into a buffer the reader uses
/// again for the next record. Never keep one (take its values instead).
public struct CSVRecord {
    @usableFromInline let bytes: UnsafeBufferPointer<UInt8>
    public let file: String
    /// The line the record starts on.
    public let line: Int
    /// The offset of its first byte.
    @usableFromInline let start: Int
    /// The offset of the comma or line break after each field.
    @usableFromInline let ends: UnsafeBufferPointer<Int>
    /// The fields whose value is not their bytes as they are: quoted, or holding a carriage return.
    @usableFromInline let irregular: [Int]

    @inlinable public var count: Int { ends.count }

    /// A line with nothing on it.
    public var isBlank: Bool { ends.count == 1 && isEmpty(0) }

    @inlinable func bounds(_ index: Int) -> Range<Int> {
        (index == 0 ? start : ends[index - 1] + 1)..<ends[index]
    }

    /// Whether field `index` is its bytes as they are; `irregular` is in increasing order, so a row of thousands of
    /// quoted fields is searched in steps of halves.
    @inlinable func isPlain(_ index: Int) -> Bool {
        if irregular.isEmpty { return true }
        var low = 0, high = irregular.count
        while low < high {
            let middle = (low + high) / 2
            if irregular[middle] < index { low = middle + 1 } else { high = middle }
        }
        return low == irregular.count || irregular[low] != index
    }

    /// Whether field `index` is empty (or missing).
    @inlinable public func isEmpty(_ index: Int) -> Bool {
        guard index >= 0, index < ends.count else { return true }
        let field = bounds(index)
        if field.isEmpty { return true }
        return isPlain(index) ? false : string(index).isEmpty
    }

    /// The text of field `index` (empty when missing).
    public func string(_ index: Int) -> String {
        guard index >= 0, index < ends.count else { return "" }
        let field = bounds(index)
        if isPlain(index) { return String(decoding: UnsafeBufferPointer(rebasing: bytes[field]), as: UTF8.self) }
        return String(decoding: unquoted(field), as: UTF8.self)
    }

    /// The text of field `index`, or an error where its bytes are not UTF-8.
    public func text(_ index: Int) throws(InterchangeError) -> String {
        guard index >= 0, index < ends.count else { return "" }
        let field = bounds(index)
        let value = isPlain(index) ? Array(UnsafeBufferPointer(rebasing: bytes[field])) : unquoted(field)
        guard let text = String(validating: value, as: UTF8.self) else {
            let (line, column) = location(of: index)
            throw InterchangeError(file: file, line: line, column: column, message: "the text is not UTF-8")
        }
        return text
    }

    /// A quoted field's value, or a field's without its carriage returns.
    private func unquoted(_ field: Range<Int>) -> [UInt8] {
        var value: [UInt8] = []
        var index = field.lowerBound
        var inQuotes = false, afterQuote = false
        while index < field.upperBound {
            let byte = bytes[index]
            if inQuotes {
                if byte == CSVReader.quote {
                    if index + 1 < field.upperBound, bytes[index + 1] == CSVReader.quote { value.append(byte); index += 2; continue }
                    inQuotes = false; afterQuote = true
                } else {
                    value.append(byte)
                }
            } else if byte == CSVReader.quote, value.isEmpty, !afterQuote {
                inQuotes = true
            } else if byte != CSVReader.carriageReturn {
                value.append(byte)
            }
            index += 1
        }
        return value
    }

    /// Field `index` as a whole number (spaces around it allowed; a real number only when it is whole), or an error
    /// naming the field and where it is.
    @inlinable public func integer(_ index: Int, name: String) throws(InterchangeError) -> Int {
        if index >= 0, index < ends.count, isPlain(index) {
            let field = bounds(index)
            if let value = Self.wholeNumber(bytes, from: field.lowerBound, to: field.upperBound) { return value }
        }
        return try slowInteger(index, name: name)
    }

    /// A number with a sign or spaces the fast path did not take, a quoted one, a real number, or an error.
    @usableFromInline func slowInteger(_ index: Int, name: String) throws(InterchangeError) -> Int {
        guard index >= 0, index < ends.count else {
            let (line, column) = location(of: index)
            throw InterchangeError(file: file, line: line, column: column, message: "missing value for \"\(name)\"")
        }
        let text = string(index)
        let trimmed = text.trimmingSpaces
        if let value = Int(trimmed) ?? Double(trimmed).flatMap({ Int(exactly: $0) }) { return value }
        let (line, column) = location(of: index)
        throw InterchangeError(file: file, line: line, column: column, message: "\"\(text)\" is not a whole number (\(name))")
    }

    /// The line and column (in characters) where field `index` starts; past the last field, where the record ends.
    public func location(of index: Int) -> (line: Int, column: Int) {
        let offset = index >= 0 && index < ends.count ? bounds(index).lowerBound : (ends.last ?? start)
        return (line(at: offset), CSVReader.column(at: offset, in: bytes))
    }

    /// The line of the byte at `offset`, counting the line breaks inside quoted fields before it.
    private func line(at offset: Int) -> Int {
        var line = self.line
        var index = start
        while index < offset, index < bytes.count {
            if bytes[index] == CSVReader.newline { line += 1 }
            index += 1
        }
        return line
    }

    /// Digits with an optional sign and spaces or tabs around them, when they fit; otherwise nothing.
    @inlinable static func wholeNumber(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int) -> Int? {
        var start = start, end = end
        while start < end, bytes[start] == 0x20 || bytes[start] == 0x09 { start += 1 }
        while end > start, bytes[end - 1] == 0x20 || bytes[end - 1] == 0x09 { end -= 1 }
        guard start < end else { return nil }
        var negative = false
        if bytes[start] == UInt8(ascii: "-") || bytes[start] == UInt8(ascii: "+") {
            negative = bytes[start] == UInt8(ascii: "-")
            start += 1
            guard start < end else { return nil }
        }
        var value = 0
        for index in start..<end {
            let digit = bytes[index] &- UInt8(ascii: "0")
            guard digit < 10 else { return nil }
            let (times, overflow) = value.multipliedReportingOverflow(by: 10)
            let (sum, overflowAgain) = negative ? times.subtractingReportingOverflow(Int(digit))
                                                : times.addingReportingOverflow(Int(digit))
            guard !overflow, !overflowAgain else { return nil }
            value = sum
        }
        return value
    }
}
