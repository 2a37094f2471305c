/// One unit of a draft: a heading (part, chapter), a numbered recommendation or a paragraph, with an identifier
/// that stays the same from version to version so amendments, dissent and diffs can point at it.
public struct Block: Codable, Sendable, Equatable, Hashable {
    public enum Kind: String, Codable, Sendable, CaseIterable {
        case part, chapter, recommendation, paragraph
    }

    public var id: String
    public var kind: Kind
    public var text: String

    public init(id: String, kind: Kind, text: String) {
        self.id = id
        self.kind = kind
        self.text = text
    }
}

/// A structured text: parts, chapters, numbered recommendations and paragraphs, in order.
public struct DraftText: Codable, Sendable, Equatable {
    public var blocks: [Block]

    public init(blocks: [Block]) {
        self.blocks = blocks
    }

    public func index(of id: String) -> Int? { blocks.firstIndex { $0.id == id } }
    public func block(_ id: String) -> Block? { index(of: id).map { blocks[$0] } }

    /// Recommendation numbers in reading order (1, 2, 3...), by block id.
    public var recommendationNumbers: [String: Int] {
        var numbers: [String: Int] = [:]
        for block in blocks where block.kind == .recommendation { numbers[block.id] = numbers.count + 1 }
        return numbers
    }

    /// Paragraph numbers (every non-heading block counts), by block id, as printed in the margin.
    public var paragraphNumbers: [String: Int] {
        var numbers: [String: Int] = [:]
        for block in blocks where block.kind == .paragraph || block.kind == .recommendation { numbers[block.id] = numbers.count + 1 }
        return numbers
    }
}

/// The plain-text form secretariats type in a text area: `# ` starts a part, `## ` a chapter, `> ` a
/// recommendation; other lines are paragraphs, one per line (blank lines are ignored).
public enum DraftMarkup {
    public static func parse(_ text: String) -> [(kind: Block.Kind, text: String)] {
        text.split(whereSeparator: \.isNewline).compactMap { raw in
            let line = String(raw).trimmed()
            guard !line.isEmpty else { return nil }
            for (prefix, kind) in [("## ", Block.Kind.chapter), ("# ", .part), ("> ", .recommendation)] where line.hasPrefix(prefix) {
                let body = String(line.dropFirst(prefix.count)).trimmed()
                return body.isEmpty ? nil : (kind, body)
            }
            return (.paragraph, line)
        }
    }

    public static func render(_ draft: DraftText) -> String {
        draft.blocks.map { block in
            switch block.kind {
            case .part: "# " + block.text
            case .chapter: "## " + block.text
            case .recommendation: "> " + block.text
            case .paragraph: block.text
            }
        }.joined(separator: "\n\n")
    }
}

extension String {
    /// The string without leading and trailing whitespace.
    func trimmed() -> String {
        var scalars = Substring(self)
        while let first = scalars.first, first.isWhitespace { scalars.removeFirst() }
        while let last = scalars.last, last.isWhitespace { scalars.removeLast() }
        return String(scalars)
    }
}

extension DraftText {
    /// The longest text a version may hold, in characters (about 60,000 words, well past the longest avis):
    /// a bound on what one request can make the server store, compare and render.
    public static let maximumCharacters = 400_000

    public var characterCount: Int { blocks.reduce(0) { $0 + $1.text.count } }
}
