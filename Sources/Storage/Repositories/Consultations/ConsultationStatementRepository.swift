import Foundation
import HemicycleDomain
import SQLKit

/// A consultation's participants, statements and votes. Every write checks again, in its transaction, that the
/// consultation is open (the same rule as `ConsultationSchedule.phase`) and that the statement is shown (as
/// `StatementModeration.isShown`): a request that read the page before the closing cannot vote after it.
public struct ConsultationStatementRepository: Sendable {
    let database: any Database

    public init(database: any Database) { self.database = database }

    /// The participant a browser's cookie (its digest) or an account is in this consultation, created on first use.
    public func participant(consultationID: Int64, cookieDigest: String?, accountID: Int64?, at: Double) async throws -> Int64 {
        precondition((cookieDigest == nil) != (accountID == nil), "A participant is a browser or an account")
        return try await database.transaction { sql in
            let column = cookieDigest != nil ? "cookie_digest" : "account_id"
            let key: any Encodable & Sendable = cookieDigest ?? accountID!
            if let id = try await sql.select().column("id").from("consultation_participants")
                .where("consultation_id", .equal, consultationID).where(SQLIdentifier(column), .equal, SQLBind(key))
                .first(decodingColumn: "id", as: Int64.self) {
                return id
            }
            try await sql.raw("""
                INSERT INTO consultation_participants (consultation_id, \(unsafeRaw: column), created_at)
                VALUES (\(bind: consultationID), \(bind: key), \(bind: at)) ON CONFLICT DO NOTHING
                """).run()
            guard let id = try await sql.select().column("id").from("consultation_participants")
                .where("consultation_id", .equal, consultationID).where(SQLIdentifier(column), .equal, SQLBind(key))
                .first(decodingColumn: "id", as: Int64.self) else { throw StoreError.notFound }
            return id
        }
    }

    /// The participant a browser or an account already is, without creating one.
    public func existingParticipant(consultationID: Int64, cookieDigest: String?, accountID: Int64?) async throws -> Int64? {
        guard cookieDigest != nil || accountID != nil else { return nil }
        return try await database.read { sql in
            let column = cookieDigest != nil ? "cookie_digest" : "account_id"
            let key: any Encodable & Sendable = cookieDigest ?? accountID!
            return try await sql.select().column("id").from("consultation_participants")
                .where("consultation_id", .equal, consultationID).where(SQLIdentifier(column), .equal, SQLBind(key))
                .first(decodingColumn: "id", as: Int64.self)
        }
    }

    public func statements(consultationID: Int64) async throws -> [ConsultationStatementRecord] {
        try await database.read { sql in
            try await sql.raw("""
                SELECT id, number, text, participant_id, moderation, moderation_reason, created_at FROM consultation_statements
                WHERE consultation_id = \(bind: consultationID) ORDER BY number
                """).decodeAll(ConsultationStatementRecord.self)
        }
    }

    /// The statements a participant voted on, with their vote.
    public func votes(consultationID: Int64, participantID: Int64) async throws -> [Int64: Int] {
        try await database.read { sql in
            let rows = try await sql.raw("""
                SELECT v.statement_id, v.vote FROM consultation_votes v JOIN consultation_statements s ON s.id = v.statement_id
                WHERE s.consultation_id = \(bind: consultationID) AND v.participant_id = \(bind: participantID)
                """).all()
            return Dictionary(try rows.map { (try $0.decode(column: "statement_id", as: Int64.self), try $0.decode(column: "vote", as: Int.self)) },
                              uniquingKeysWith: { _, last in last })
        }
    }

    /// Counts of the consultation: participants who voted, votes (the latest of each participant on each statement).
    public func counts(consultationID: Int64) async throws -> (participants: Int, votes: Int) {
        try await database.read { sql in
            let row = try await sql.raw("""
                SELECT COUNT(DISTINCT v.participant_id) AS participants, COUNT(*) AS votes FROM consultation_votes v
                JOIN consultation_statements s ON s.id = v.statement_id WHERE s.consultation_id = \(bind: consultationID)
                """).first()
            return (try row?.decode(column: "participants", as: Int.self) ?? 0, try row?.decode(column: "votes", as: Int.self) ?? 0)
        }
    }

    /// A statement: the council's seed statement (`participantID` nil, accepted at once, while the consultation is
    /// not yet closed) or a participant's (while it is open, waiting for moderation). Its number follows the last.
    public func add(consultationID: Int64, councilID: Int64, text: String, participantID: Int64?, at: Double) async throws -> Int64 {
        try await database.transaction { sql in
            try await ConsultationRepository.claim(id: consultationID, councilID: councilID, on: sql)
            if participantID != nil {
                try await Self.expectOpen(consultationID, at: at, on: sql)
            } else {
                guard try await sql.raw("""
                    SELECT id FROM consultations WHERE id = \(bind: consultationID) AND closes_at > \(bind: at)
                    """).first() != nil else { throw StoreError.stateChanged }
            }
            let number = (try await sql.raw("SELECT MAX(number) AS n FROM consultation_statements WHERE consultation_id = \(bind: consultationID)")
                .first(decodingColumn: "n", as: Int?.self) ?? nil).map { $0 + 1 } ?? 0
            let id = try await sql.insert(into: "consultation_statements")
                .columns("consultation_id", "number", "text", "participant_id", "moderation", "created_at")
                .values(SQLBind(consultationID), SQLBind(number), SQLBind(text), SQLBind(participantID),
                        SQLBind(participantID == nil ? 1 : 0), SQLBind(at))
                .returning("id").first(decodingColumn: "id", as: Int64.self) ?? 0
            try await Self.bumpVersion(consultationID, on: sql)
            return id
        }
    }

    /// A moderator's decision on a statement, with the reason (kept with what was hidden).
    public func moderate(statementID: Int64, consultationID: Int64, councilID: Int64, moderation: Int, reason: String?, by accountID: Int64,
                         at: Double) async throws {
        try await database.transaction { sql in
            try await ConsultationRepository.claim(id: consultationID, councilID: councilID, on: sql)
            guard try await sql.update("consultation_statements")
                .set("moderation", to: moderation).set("moderation_reason", to: reason).set("moderated_by", to: accountID)
                .set("moderated_at", to: at)
                .where("id", .equal, statementID).where("consultation_id", .equal, consultationID)
                .returning("id").first() != nil else { throw StoreError.notFound }
            try await ModerationDecisionRepository.record(councilID: councilID, subject: .statement, subjectID: statementID,
                                                          decision: moderation == 1 ? .accepted : .rejected, reason: reason, accountID: accountID,
                                                          at: at, on: sql)
            try await Self.bumpVersion(consultationID, on: sql)
        }
    }

    /// Every current vote (the latest of each participant on each statement), in order of casting.
    public func allVotes(consultationID: Int64) async throws -> [ConsultationVoteRecord] {
        try await database.read { sql in
            try await sql.raw("""
                SELECT s.number, v.participant_id, v.vote, v.voted_at FROM consultation_votes v
                JOIN consultation_statements s ON s.id = v.statement_id WHERE s.consultation_id = \(bind: consultationID)
                ORDER BY v.voted_at, v.participant_id, s.number
                """).all().map {
                ConsultationVoteRecord(id: 0, statementNumber: try $0.decode(column: "number", as: Int.self),
                                       participantID: try $0.decode(column: "participant_id", as: Int64.self),
                                       vote: try $0.decode(column: "vote", as: Int.self), votedAt: try $0.decode(column: "voted_at", as: Double.self))
            }
        }
    }

    /// Every vote as cast, re-votes included, in order (Polis's `votes.csv`).
    public func voteLog(consultationID: Int64, after: Int64 = 0, limit: Int = .max) async throws -> [ConsultationVoteRecord] {
        try await database.read { sql in
            try await sql.raw("""
                SELECT l.id, s.number, l.participant_id, l.vote, l.voted_at FROM consultation_vote_log l
                JOIN consultation_statements s ON s.id = l.statement_id
                WHERE l.consultation_id = \(bind: consultationID) AND l.id > \(bind: after) ORDER BY l.id LIMIT \(bind: min(limit, 1 << 40))
                """).all().map {
                ConsultationVoteRecord(id: try $0.decode(column: "id", as: Int64.self), statementNumber: try $0.decode(column: "number", as: Int.self),
                                       participantID: try $0.decode(column: "participant_id", as: Int64.self),
                                       vote: try $0.decode(column: "vote", as: Int.self), votedAt: try $0.decode(column: "voted_at", as: Double.self))
            }
        }
    }

    /// The votes cast at `since` or later, in order of their identifiers.
    public func voteLog(consultationID: Int64, since: Double) async throws -> [ConsultationVoteRecord] {
        try await database.read { sql in
            try await sql.raw("""
                SELECT l.id, s.number, l.participant_id, l.vote, l.voted_at FROM consultation_vote_log l
                JOIN consultation_statements s ON s.id = l.statement_id
                WHERE l.consultation_id = \(bind: consultationID) AND l.voted_at >= \(bind: since) ORDER BY l.id
                """).all().map {
                ConsultationVoteRecord(id: try $0.decode(column: "id", as: Int64.self), statementNumber: try $0.decode(column: "number", as: Int.self),
                                       participantID: try $0.decode(column: "participant_id", as: Int64.self),
                                       vote: try $0.decode(column: "vote", as: Int.self), votedAt: try $0.decode(column: "voted_at", as: Double.self))
            }
        }
    }

    static func expectOpen(_ consultationID: Int64, at: Double, on sql: any SQLDatabase) async throws {
        guard try await sql.raw("""
            SELECT id FROM consultations WHERE id = \(bind: consultationID) AND published = \(bind: true) AND opens_at <= \(bind: at)
            AND closes_at > \(bind: at) AND synthesis_published_at IS NULL
            """).first() != nil else { throw StoreError.stateChanged }
    }

    static func bumpVersion(_ consultationID: Int64, on sql: any SQLDatabase) async throws {
        try await sql.update("consultations").set(SQLIdentifier("statements_version"), to: SQLRaw("statements_version + 1"))
            .where("id", .equal, consultationID).run()
    }
}
