import Foundation

/// Writes RFC 4180 CSV (fields quoted only when needed, `\n` line ends).
public struct CSVWriter: Sendable {
    public private(set) var text: String
    /// For files a person opens in a spreadsheet: a cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage
    /// return is written with a leading `'`, so it is shown as text and never run as a formula (CSV injection).
    public let neutralisesFormulas: Bool

    public init(header: [String], neutralisesFormulas: Bool = false) {
        text = ""
        self.neutralisesFormulas = neutralisesFormulas
        append(header)
    }

    public mutating func append(_ fields: [String]) {
        text += fields.map { Self.escape(neutralisesFormulas ? Self.neutralise($0) : $0) }.joined(separator: ",")
        text += "\n"
    }

    /// The field as a spreadsheet will show it as text.
    public static func neutralise(_ field: String) -> String {
        guard let first = field.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first) else { return field }
        return "'" + field
    }

    public static func escape(_ field: String) -> String {
        guard field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
