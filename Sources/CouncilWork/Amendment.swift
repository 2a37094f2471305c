/// A passage inside a block, as offsets in Unicode scalars of the block's text in the version amended.
public struct TextSpan: Codable, Sendable, Equatable, Hashable {
    public var start: Int
    public var end: Int

    public init(start: Int, end: Int) {
        precondition(start <= end, "a span cannot end before it starts")
        self.start = start
        self.end = end
    }

    public func overlaps(_ other: TextSpan) -> Bool { start < other.end && other.start < end || self == other }
}

public enum AmendmentStatus: String, Codable, Sendable, CaseIterable {
    case tabled, withdrawn, inadmissible, adopted, rejected, fallen

    /// Still to be decided.
    public var isOpen: Bool { self == .tabled }
}

/// The rapporteur's opinion on an amendment.
public enum RapporteurOpinion: String, Codable, Sendable, CaseIterable {
    case favourable, unfavourable, wisdom, withdrawalRequested = "withdrawal_requested"
}

/// An amendment to a draft: add a paragraph after a block, or replace or delete a block or a passage of it.
public struct Amendment: Codable, Sendable, Equatable, Identifiable {
    public enum Operation: String, Codable, Sendable, CaseIterable {
        case insert, replace, delete
    }

    public var id: Int
    public var number: Int
    public var operation: Operation
    /// The block amended (for an insertion: the block after which the new one comes).
    public var anchor: String
    /// The passage replaced or deleted; nil for the whole block (always nil for an insertion).
    public var span: TextSpan?
    /// The new text (insertion, replacement).
    public var text: String
    /// Kind of the block an insertion adds.
    public var insertedKind: Block.Kind
    public var status: AmendmentStatus

    public init(id: Int, number: Int, operation: Operation, anchor: String, span: TextSpan? = nil, text: String = "",
                insertedKind: Block.Kind = .paragraph, status: AmendmentStatus = .tabled) {
        self.id = id
        self.number = number
        self.operation = operation
        self.anchor = anchor
        self.span = operation == .insert ? nil : span
        self.text = text
        self.insertedKind = insertedKind
        self.status = status
    }
}

public enum AmendmentError: Error, Sendable, Equatable, CustomStringConvertible {
    case unknownBlock(String)
    case passageNotFound
    case passageAmbiguous(occurrences: Int)
    case emptyText
    case conflictingAdoptions(Int, Int)

    public var description: String {
        switch self {
        case .unknownBlock(let id): "the paragraph \(id) is not in this version"
        case .passageNotFound: "the passage is not in the paragraph"
        case .passageAmbiguous(let count): "the passage appears \(count) times in the paragraph; quote more words"
        case .emptyText: "the new text is empty"
        case .conflictingAdoptions(let a, let b): "amendments \(a) and \(b) touch the same passage and cannot both be adopted"
        }
    }

    /// Localization key for the message shown to people.
    public var messageKey: String {
        switch self {
        case .unknownBlock: "amendment_error_unknown_block"
        case .passageNotFound: "amendment_error_passage_not_found"
        case .passageAmbiguous: "amendment_error_passage_ambiguous"
        case .emptyText: "amendment_error_empty_text"
        case .conflictingAdoptions: "amendment_error_conflict"
        }
    }
}

extension Amendment {
    /// Finds a quoted passage in a block's text; it must appear exactly once.
    public static func locate(_ passage: String, in text: String) throws(AmendmentError) -> TextSpan {
        let haystack = Array(text.unicodeScalars), needle = Array(passage.unicodeScalars)
        guard !needle.isEmpty, needle.count <= haystack.count else { throw .passageNotFound }
        var found: [Int] = []
        for start in 0...(haystack.count - needle.count) where haystack[start] == needle[0] {
            if Array(haystack[start..<(start + needle.count)]) == needle { found.append(start) }
        }
        guard let start = found.first else { throw .passageNotFound }
        guard found.count == 1 else { throw .passageAmbiguous(occurrences: found.count) }
        return TextSpan(start: start, end: start + needle.count)
    }

    /// The quoted passage (or the whole block) this amendment touches in `draft`.
    public func passage(in draft: DraftText) -> String? {
        guard let block = draft.block(anchor) else { return nil }
        guard let span else { return block.text }
        let scalars = Array(block.text.unicodeScalars)
        guard span.end <= scalars.count else { return nil }
        var result = String.UnicodeScalarView()
        result.append(contentsOf: scalars[span.start..<span.end])
        return String(result)
    }
}
