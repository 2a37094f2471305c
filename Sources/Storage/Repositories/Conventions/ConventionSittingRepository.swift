import HemicycleDomain
import SQLKit

/// The convention at work: sessions, proposals and their votes, the members' ballots, the final report. Every write
/// re-checks the convention's status (and the proposal's) in its transaction.
public struct ConventionSittingRepository: Sendable {
    let database: any Database

    public init(database: any Database) { self.database = database }

    static let proposalColumns = """
        id, convention_id, session_id, number, title, body, drafted_by, method, rule_numerator, rule_denominator, rule_strictly_more,
        rule_abstentions_in_base, adoption_grade, status, revision, opened_at, closed_at, members_at_close, adopted, minority_held_by, minority_position
        """

    // MARK: - Sessions

    public func sessions(conventionID: Int64) async throws -> [ConventionSessionRecord] {
        try await database.read { sql in
            try await sql.raw("""
                SELECT id, convention_id, number, title, starts_at, ends_at, place, programme FROM convention_sessions
                WHERE convention_id = \(bind: conventionID) ORDER BY starts_at, number
                """).decodeAll(ConventionSessionRecord.self)
        }
    }

    public func session(id: Int64, conventionID: Int64) async throws -> ConventionSessionRecord? {
        try await database.read { sql in
            try await sql.raw("""
                SELECT id, convention_id, number, title, starts_at, ends_at, place, programme FROM convention_sessions
                WHERE id = \(bind: id) AND convention_id = \(bind: conventionID)
                """).decodeFirst(ConventionSessionRecord.self)
        }
    }

    /// Plans a session; the first one opens the convention's sittings (drawn → sitting).
    public func createSession(conventionID: Int64, councilID: Int64, _ draft: SessionDraft, at: Double) async throws -> Int64 {
        try await database.transaction { sql in
            try await ConventionRepository.claim(id: conventionID, councilID: councilID, statuses: ["drawn", "sitting"], on: sql)
            try await sql.raw("UPDATE conventions SET status = 'sitting' WHERE id = \(bind: conventionID) AND status = 'drawn'").run()
            let number = (try await sql.raw("SELECT MAX(number) AS n FROM convention_sessions WHERE convention_id = \(bind: conventionID)")
                .first(decodingColumn: "n", as: Int?.self) ?? nil) ?? 0
            return try await sql.insert(into: "convention_sessions")
                .columns("convention_id", "number", "title", "starts_at", "ends_at", "place", "programme", "created_at")
                .values(SQLBind(conventionID), SQLBind(number + 1), SQLBind(draft.title), SQLBind(draft.startsAt), SQLBind(draft.endsAt),
                        SQLBind(draft.place), SQLBind(draft.programme), SQLBind(at))
                .returning("id").first(decodingColumn: "id", as: Int64.self) ?? 0
        }
    }

    /// Rewrites a session (dates moved, programme completed) while the convention sits.
    public func updateSession(id: Int64, conventionID: Int64, councilID: Int64, _ draft: SessionDraft) async throws {
        try await database.transaction { sql in
            try await ConventionRepository.claim(id: conventionID, councilID: councilID, statuses: ["sitting"], on: sql)
            guard try await sql.raw("""
                UPDATE convention_sessions SET title = \(bind: draft.title), starts_at = \(bind: draft.startsAt), ends_at = \(bind: draft.endsAt),
                place = \(bind: draft.place), programme = \(bind: draft.programme)
                WHERE id = \(bind: id) AND convention_id = \(bind: conventionID) RETURNING id
                """).first() != nil else { throw StoreError.notFound }
        }
    }

    // MARK: - Proposals

    public func proposals(conventionID: Int64) async throws -> [ProposalRecord] {
        try await database.read { sql in
            try await sql.raw("""
                SELECT \(unsafeRaw: Self.proposalColumns) FROM convention_proposals WHERE convention_id = \(bind: conventionID) ORDER BY number
                """).decodeAll(ProposalRecord.self)
        }
    }

    public func proposal(id: Int64, conventionID: Int64) async throws -> ProposalRecord? {
        try await database.read { sql in
            try await sql.raw("""
                SELECT \(unsafeRaw: Self.proposalColumns) FROM convention_proposals WHERE id = \(bind: id) AND convention_id = \(bind: conventionID)
                """).decodeFirst(ProposalRecord.self)
        }
    }

    /// A new draft proposal, to be voted in one of the convention's sessions.
    public func createProposal(conventionID: Int64, councilID: Int64, sessionID: Int64, _ draft: ProposalDraft, at: Double) async throws -> Int64 {
        try await database.transaction { sql in
            try await ConventionRepository.claim(id: conventionID, councilID: councilID, statuses: ["sitting"], on: sql)
            guard try await sql.raw("SELECT id FROM convention_sessions WHERE id = \(bind: sessionID) AND convention_id = \(bind: conventionID)")
                .first() != nil else { throw StoreError.notFound }
            let number = (try await sql.raw("SELECT MAX(number) AS n FROM convention_proposals WHERE convention_id = \(bind: conventionID)")
                .first(decodingColumn: "n", as: Int?.self) ?? nil) ?? 0
            let m = draft.method
            return try await sql.insert(into: "convention_proposals")
                .columns("convention_id", "session_id", "number", "title", "body", "drafted_by", "method", "rule_numerator", "rule_denominator",
                         "rule_strictly_more", "rule_abstentions_in_base", "adoption_grade", "status", "created_at")
                .values(SQLBind(conventionID), SQLBind(sessionID), SQLBind(number + 1), SQLBind(draft.title), SQLBind(draft.body),
                        SQLBind(draft.draftedBy), SQLBind(m.method), SQLBind(m.ruleNumerator), SQLBind(m.ruleDenominator),
                        SQLBind(m.ruleStrictlyMore), SQLBind(m.ruleAbstentionsInBase), SQLBind(m.adoptionGrade), SQLBind("draft"), SQLBind(at))
                .returning("id").first(decodingColumn: "id", as: Int64.self) ?? 0
        }
    }

    /// Amends a draft: its text, its session, how it will be voted. `StoreError.stateChanged` once its vote opened.
    public func amendProposal(id: Int64, conventionID: Int64, councilID: Int64, sessionID: Int64, _ draft: ProposalDraft) async throws {
        try await database.transaction { sql in
            try await ConventionRepository.claim(id: conventionID, councilID: councilID, statuses: ["sitting"], on: sql)
            guard try await sql.raw("SELECT id FROM convention_sessions WHERE id = \(bind: sessionID) AND convention_id = \(bind: conventionID)")
                .first() != nil else { throw StoreError.notFound }
            let m = draft.method
            guard try await sql.raw("""
                UPDATE convention_proposals SET session_id = \(bind: sessionID), title = \(bind: draft.title), body = \(bind: draft.body),
                drafted_by = \(bind: draft.draftedBy), method = \(bind: m.method), rule_numerator = \(bind: m.ruleNumerator),
                rule_denominator = \(bind: m.ruleDenominator), rule_strictly_more = \(bind: m.ruleStrictlyMore),
                rule_abstentions_in_base = \(bind: m.ruleAbstentionsInBase), adoption_grade = \(bind: m.adoptionGrade), revision = revision + 1
                WHERE id = \(bind: id) AND convention_id = \(bind: conventionID) AND status = 'draft' RETURNING id
                """).first() != nil else { throw try await Self.proposalExists(id, conventionID, on: sql) ? StoreError.stateChanged : StoreError.notFound }
        }
    }

    /// Puts a draft to the vote.
    public func openVote(id: Int64, conventionID: Int64, councilID: Int64, at: Double) async throws {
        try await database.transaction { sql in
            try await ConventionRepository.claim(id: conventionID, councilID: councilID, statuses: ["sitting"], on: sql)
            guard try await sql.raw("""
                UPDATE convention_proposals SET status = 'open', opened_at = \(bind: at)
                WHERE id = \(bind: id) AND convention_id = \(bind: conventionID) AND status = 'draft' RETURNING id
                """).first() != nil else { throw try await Self.proposalExists(id, conventionID, on: sql) ? StoreError.stateChanged : StoreError.notFound }
        }
    }

    /// Closes an open vote: its ballots and the members seated now are counted once by `decide` (the rules' count), and
    /// the result is kept as it stands.
    public func closeVote(id: Int64, conventionID: Int64, councilID: Int64, at: Double,
                          decide: @Sendable ([StoredBallot], Int) -> Bool) async throws {
        try await database.transaction { sql in
            try await ConventionRepository.claim(id: conventionID, councilID: councilID, statuses: ["sitting"], on: sql)
            guard try await sql.raw("""
                SELECT id FROM convention_proposals WHERE id = \(bind: id) AND convention_id = \(bind: conventionID) AND status = 'open'
                """).first() != nil else { throw try await Self.proposalExists(id, conventionID, on: sql) ? StoreError.stateChanged : StoreError.notFound }
            let ballots = try await Self.ballots(proposalID: id, on: sql)
            let members = try await Self.seatedCount(conventionID: conventionID, on: sql)
            let adopted = decide(ballots, members)
            try await sql.raw("""
                UPDATE convention_proposals SET status = 'closed', closed_at = \(bind: at), members_at_close = \(bind: members),
                adopted = \(bind: adopted) WHERE id = \(bind: id)
                """).run()
        }
    }

    /// The minority position recorded beside a closed proposal's result (empty text removes it).
    public func recordMinority(id: Int64, conventionID: Int64, councilID: Int64, heldBy: String?, position: String?) async throws {
        try await database.transaction { sql in
            try await ConventionRepository.claim(id: conventionID, councilID: councilID, statuses: ["sitting"], on: sql)
            guard try await sql.raw("""
                UPDATE convention_proposals SET minority_held_by = \(bind: heldBy), minority_position = \(bind: position)
                WHERE id = \(bind: id) AND convention_id = \(bind: conventionID) AND status = 'closed' RETURNING id
                """).first() != nil else { throw try await Self.proposalExists(id, conventionID, on: sql) ? StoreError.stateChanged : StoreError.notFound }
        }
    }

    // MARK: - Ballots

    /// The seat of the person signed in on the convention's panel: the seated panel member who registered with this
    /// account, or who gave this (verified) e-mail address to the polling institute. Nil when they hold no seat.
    public func seat(conventionID: Int64, accountID: Int64, verifiedEmail: String?) async throws -> Int64? {
        try await database.read { sql in
            // Without a verified address, only the account the person registered with.
            let email = verifiedEmail?.lowercased() ?? ""
            return try await sql.raw("""
                SELECT p.id FROM convention_panel p JOIN convention_volunteers v ON v.id = p.volunteer_id
                WHERE p.convention_id = \(bind: conventionID) AND p.refused_at IS NULL
                AND (v.account_id = \(bind: accountID) OR (v.account_id IS NULL AND \(bind: !email.isEmpty) AND LOWER(v.email) = \(bind: email)))
                ORDER BY p.id LIMIT 1
                """).first(decodingColumn: "id", as: Int64.self)
        }
    }

    /// Seated members: drawn and not declined.
    public func seatedCount(conventionID: Int64) async throws -> Int {
        try await database.read { sql in try await Self.seatedCount(conventionID: conventionID, on: sql) }
    }

    /// A seated member's ballot, cast or changed while the vote is open.
    public func cast(proposalID: Int64, conventionID: Int64, councilID: Int64, panelID: Int64, _ ballot: StoredBallot, at: Double) async throws {
        try await database.transaction { sql in
            try await ConventionRepository.claim(id: conventionID, councilID: councilID, statuses: ["sitting"], on: sql)
            guard try await sql.raw("""
                SELECT id FROM convention_proposals WHERE id = \(bind: proposalID) AND convention_id = \(bind: conventionID) AND status = 'open'
                """).first() != nil else {
                throw try await Self.proposalExists(proposalID, conventionID, on: sql) ? StoreError.ballotClosed : StoreError.notFound
            }
            try await Self.expectSeated(panelID, conventionID, on: sql)
            try await sql.raw("""
                INSERT INTO convention_ballots (proposal_id, panel_id, choice, grade, cast_at)
                VALUES (\(bind: proposalID), \(bind: panelID), \(bind: ballot.choice), \(bind: ballot.grade), \(bind: at))
                ON CONFLICT (proposal_id, panel_id) DO UPDATE SET choice = excluded.choice, grade = excluded.grade, cast_at = excluded.cast_at
                """).run()
        }
    }

    /// Ballots of several seated members entered together (a vote counted on paper, the demo's history), all or none,
    /// with the same checks as one ballot.
    public func cast(proposalID: Int64, conventionID: Int64, councilID: Int64, ballots: [(panelID: Int64, ballot: StoredBallot)],
                     at: Double) async throws {
        try await database.transaction { sql in
            try await ConventionRepository.claim(id: conventionID, councilID: councilID, statuses: ["sitting"], on: sql)
            guard try await sql.raw("""
                SELECT id FROM convention_proposals WHERE id = \(bind: proposalID) AND convention_id = \(bind: conventionID) AND status = 'open'
                """).first() != nil else {
                throw try await Self.proposalExists(proposalID, conventionID, on: sql) ? StoreError.ballotClosed : StoreError.notFound
            }
            let seated = Set(try await sql.raw("""
                SELECT id FROM convention_panel WHERE convention_id = \(bind: conventionID) AND refused_at IS NULL
                """).all(decodingColumn: "id", as: Int64.self))
            guard ballots.allSatisfy({ seated.contains($0.panelID) }), Set(ballots.map(\.panelID)).count == ballots.count else {
                throw StoreError.notEligible
            }
            try await sql.delete(from: "convention_ballots").where("proposal_id", .equal, proposalID)
                .where("panel_id", .in, ballots.map(\.panelID)).run()
            for batch in stride(from: 0, to: ballots.count, by: 500).map({ ballots[$0..<min($0 + 500, ballots.count)] }) {
                var insert = sql.insert(into: "convention_ballots").columns("proposal_id", "panel_id", "choice", "grade", "cast_at")
                for entry in batch {
                    insert = insert.values(SQLBind(proposalID), SQLBind(entry.panelID), SQLBind(entry.ballot.choice), SQLBind(entry.ballot.grade),
                                           SQLBind(at))
                }
                try await insert.run()
            }
        }
    }

    public func ballot(proposalID: Int64, panelID: Int64) async throws -> StoredBallot? {
        try await database.read { sql in
            try await sql.raw("""
                SELECT choice, grade FROM convention_ballots WHERE proposal_id = \(bind: proposalID) AND panel_id = \(bind: panelID)
                """).first().map { StoredBallot(choice: try $0.decode(column: "choice", as: String?.self), grade: try $0.decode(column: "grade", as: Int?.self)) }
        }
    }

    /// Every ballot on the proposal (whose they are is not returned: the vote is secret).
    public func ballots(proposalID: Int64) async throws -> [StoredBallot] {
        try await database.read { sql in try await Self.ballots(proposalID: proposalID, on: sql) }
    }

    /// Ballots cast, per proposal of the convention.
    public func ballotCounts(conventionID: Int64) async throws -> [Int64: Int] {
        try await database.read { sql in
            var counts: [Int64: Int] = [:]
            for row in try await sql.raw("""
                SELECT b.proposal_id, COUNT(*) AS n FROM convention_ballots b JOIN convention_proposals p ON p.id = b.proposal_id
                WHERE p.convention_id = \(bind: conventionID) GROUP BY b.proposal_id
                """).all() {
                counts[try row.decode(column: "proposal_id", as: Int64.self)] = try row.decode(column: "n", as: Int.self)
            }
            return counts
        }
    }

    // MARK: - Report

    public func report(conventionID: Int64) async throws -> ConventionReportRecord? {
        try await database.read { sql in
            try await sql.raw("SELECT convention_id, introduction, published_at FROM convention_reports WHERE convention_id = \(bind: conventionID)")
                .decodeFirst(ConventionReportRecord.self)
        }
    }

    /// A report as delivered to the linked work item: a contribution on its page (`contributions`, author kind
    /// `convention`).
    public struct Delivery: Sendable {
        public let workID: Int64
        public let author: String
        public let title: String
        public let body: String

        public init(workID: Int64, author: String, title: String, body: String) {
            self.workID = workID
            self.author = author
            self.title = title
            self.body = body
        }
    }

    /// Publishes the final report (sitting → reported) and delivers it to the linked work item, in one transaction:
    /// refused (`StoreError.stateChanged`) while a vote is open.
    public func publishReport(conventionID: Int64, councilID: Int64, introduction: String, delivery: Delivery?, at: Double) async throws {
        try await database.transaction { sql in
            try await ConventionRepository.claim(id: conventionID, councilID: councilID, statuses: ["sitting"], on: sql)
            guard try await sql.raw("""
                SELECT id FROM convention_proposals WHERE convention_id = \(bind: conventionID) AND status = 'open' LIMIT 1
                """).first() == nil else { throw StoreError.stateChanged }
            try await sql.raw("UPDATE conventions SET status = 'reported' WHERE id = \(bind: conventionID)").run()
            try await sql.insert(into: "convention_reports").columns("convention_id", "introduction", "published_at")
                .values(SQLBind(conventionID), SQLBind(introduction), SQLBind(at)).run()
            if let delivery {
                // Only to a work item of the same council (the link is checked when it is set, and again here).
                try await ConventionRepository.checkWork(delivery.workID, councilID: councilID, on: sql)
                try await sql.insert(into: "contributions").columns("work_id", "author", "author_kind", "title", "body", "created_at")
                    .values(SQLBind(delivery.workID), SQLBind(delivery.author), SQLBind("convention"), SQLBind(delivery.title),
                            SQLBind(delivery.body), SQLBind(at)).run()
            }
        }
    }

    // MARK: - Inside transactions

    /// `StoreError.notEligible` unless the seat is the convention's and its holder did not decline it.
    static func expectSeated(_ panelID: Int64, _ conventionID: Int64, on sql: any SQLDatabase) async throws {
        guard try await sql.raw("""
            SELECT id FROM convention_panel WHERE id = \(bind: panelID) AND convention_id = \(bind: conventionID) AND refused_at IS NULL
            """).first() != nil else { throw StoreError.notEligible }
    }

    static func proposalExists(_ id: Int64, _ conventionID: Int64, on sql: any SQLDatabase) async throws -> Bool {
        try await sql.raw("SELECT id FROM convention_proposals WHERE id = \(bind: id) AND convention_id = \(bind: conventionID)").first() != nil
    }

    static func ballots(proposalID: Int64, on sql: any SQLDatabase) async throws -> [StoredBallot] {
        try await sql.raw("SELECT choice, grade FROM convention_ballots WHERE proposal_id = \(bind: proposalID)").all().map {
            StoredBallot(choice: try $0.decode(column: "choice", as: String?.self), grade: try $0.decode(column: "grade", as: Int?.self))
        }
    }

    static func seatedCount(conventionID: Int64, on sql: any SQLDatabase) async throws -> Int {
        try await sql.raw("SELECT COUNT(*) AS n FROM convention_panel WHERE convention_id = \(bind: conventionID) AND refused_at IS NULL")
            .first(decodingColumn: "n", as: Int.self) ?? 0
    }
}
