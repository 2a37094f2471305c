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
}
