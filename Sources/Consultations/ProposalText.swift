/// The council's answer to a participant's proposal.
public enum ProposalAnswer: String, Sendable, CaseIterable, Codable {
    case underStudy = "under_study"
    /// Taken into the avis (or the work the consultation informs).
    case taken
    case notRetained = "not_retained"
}

/// Proposals and comments as participants write them: trimmed, blank lines kept to one, within a limit.
public enum ProposalText {
    public static let maximumTitleLength = 150
    public static let maximumBodyLength = 5_000
    public static let maximumCommentLength = 2_000

    /// A title: one line.
    public static func title(_ raw: String) throws(StatementText.Problem) -> String {
        try StatementText.clean(raw, limit: maximumTitleLength)
    }

    /// A text of paragraphs: each line trimmed, runs of blank lines made one.
    public static func text(_ raw: String, limit: Int) throws(StatementText.Problem) -> String {
        var lines: [String] = []
        for line in raw.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline) {
            let trimmed = line.split(whereSeparator: \.isWhitespace).joined(separator: " ")
            if trimmed.isEmpty, lines.last?.isEmpty ?? true { continue }
            lines.append(trimmed)
        }
        while lines.last?.isEmpty == true { lines.removeLast() }
        let text = lines.joined(separator: "\n")
        guard !text.isEmpty else { throw .empty }
        guard text.count <= limit else { throw .tooLong(limit: limit) }
        return text
    }
}
