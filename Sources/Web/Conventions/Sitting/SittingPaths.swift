/// The convention at work: its sessions, the proposals put to its vote, the members' ballots and the final report,
/// under the `/{council}` group.
enum SittingPaths {
    /// The sessions with their proposals (GET); a new session (POST).
    static let sessions = Path2("/{council}/conventions/{id}/sessions")
    /// A session rewritten (POST).
    static let session = Path3("/{council}/conventions/{id}/sessions/{session}")
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

    static let all: [any DeclaredPath] = [sessions, session, proposals, proposal, amend, open, close, ballot, minority, report]
}
