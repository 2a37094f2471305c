/// The convention at work: its sessions, the proposals put to its vote, the members' ballots and the final report,
/// under the `/{council}` group.
enum SittingPaths {
    /// The sessions with their proposals (GET); a new session (POST).
    static let sessions = Path2("/{council}/conventions/{id}/sessions")
    /// A session rewritten (POST).
    static let session = Path3("/{council}/conventions/{id}/sessions/{session}")
    /// A document added to a session (POST).
    static let documents = Path3("/{council}/conventions/{id}/sessions/{session}/documents")
    /// A session's document (GET), and its removal (POST).
    static let document = Path3("/{council}/conventions/{id}/documents/{document}")
    static let documentDelete = Path3("/{council}/conventions/{id}/documents/{document}/delete")
    /// A new working group (POST), and its end (POST).
    static let groups = Path2("/{council}/conventions/{id}/groups")
    static let groupDelete = Path3("/{council}/conventions/{id}/groups/{group}/delete")
    /// A hearing recorded in a session (POST), and its removal (POST).
    static let hearings = Path3("/{council}/conventions/{id}/sessions/{session}/hearings")
    static let hearingDelete = Path3("/{council}/conventions/{id}/hearings/{hearing}/delete")
    /// The statements and the opinion map (GET); a new statement (POST); a member's vote on one (POST); one hidden
    /// by the secretariat (POST).
    static let statements = Path2("/{council}/conventions/{id}/statements")
    static let statementVote = Path3("/{council}/conventions/{id}/statements/{statement}/vote")
    static let statementHide = Path3("/{council}/conventions/{id}/statements/{statement}/hide")
    /// A new proposal (POST).
    static let proposals = Path2("/{council}/conventions/{id}/proposals")
    static let proposal = Path3("/{council}/conventions/{id}/proposals/{proposal}")
    static let amend = Path3("/{council}/conventions/{id}/proposals/{proposal}/amend")
    static let open = Path3("/{council}/conventions/{id}/proposals/{proposal}/open")
    static let close = Path3("/{council}/conventions/{id}/proposals/{proposal}/close")
    static let ballot = Path3("/{council}/conventions/{id}/proposals/{proposal}/ballot")
    static let minority = Path3("/{council}/conventions/{id}/proposals/{proposal}/minority")
    /// The final report (GET); its publication (POST).
    static let report = Path2("/{council}/conventions/{id}/report")
    /// The volunteers' personal data erased once the report is published (POST): the convention closes.
    static let erase = Path2("/{council}/conventions/{id}/erase")

    static let all: [any DeclaredPath] = [sessions, session, documents, document, documentDelete, groups, groupDelete, hearings, hearingDelete, statements, statementVote, statementHide, proposals, proposal, amend, open, close, ballot, minority, report, erase]
}
