import Foundation

/// A statement as participants write it: one short sentence (Polis keeps them under 140 characters; a council's
/// French or Arabic sentences need a little more).
public enum StatementText {
    public static let maximumLength = 280

    public enum Problem: Error, Equatable, Sendable {
        case empty
        case tooLong(limit: Int)
    }

    /// The text trimmed, its runs of white space made one space (a statement is one line), within `limit`.
    public static func clean(_ raw: String, limit: Int = maximumLength) throws(Problem) -> String {
        let words = raw.split(whereSeparator: { $0.isWhitespace || $0.isNewline })
        let text = words.joined(separator: " ")
        guard !text.isEmpty else { throw .empty }
        guard text.count <= limit else { throw .tooLong(limit: limit) }
        return text
    }

    /// Choices typed one a line (a question's options, a consultation's residences): each trimmed, blank lines and
    /// repeats dropped, in order; nil when one is longer than `longest` or there are more than `most`.
    public static func lines(_ raw: String, longest: Int, most: Int) -> [String]? {
        var lines: [String] = []
        for line in raw.split(whereSeparator: \.isNewline) {
            let item = line.trimmingCharacters(in: .whitespaces)
            guard !item.isEmpty, !lines.contains(item) else { continue }
            guard item.count <= longest, lines.count < most else { return nil }
            lines.append(item)
        }
        return lines
    }
}
