import Foundation
import HemicycleDomain
import SQLKit

/// A vote a participant cast, as the web server admitted it, waiting to be stored with others.
public struct CastVote: Sendable, Equatable {
    public let statementID: Int64
    public let consultationID: Int64
    public let councilID: Int64
    public let participantID: Int64
    /// -1, 0 or 1.
    public let vote: Int
    /// The participation mode the request was admitted under: stored only if the consultation still has it.
    public let participation: String
    /// And the requirements it was admitted under (`ConsultationRecord.requirementsKey`).
    public let requirements: String
    public let at: Double

    public init(statementID: Int64, consultationID: Int64, councilID: Int64, participantID: Int64, vote: Int, participation: String,
                requirements: String, at: Double) {
        precondition((-1...1).contains(vote))
        self.statementID = statementID
        self.consultationID = consultationID
        self.councilID = councilID
        self.participantID = participantID
        self.vote = vote
        self.participation = participation
        self.requirements = requirements
        self.at = at
    }

    /// What became of one vote of a batch.
    public enum Outcome: Sendable, Equatable {
        case stored
        /// No such statement in that consultation and council, a statement not shown, or a participant of another
        /// consultation.
        case notFound
        /// The consultation is no longer open, or its participation rule changed since the request was admitted.
        case stateChanged
    }
}

/// Stores votes many at a time: one transaction checks every vote of the batch against the store (the statement is in
/// the consultation and shown, the consultation uses statements, the participant is the consultation's, the consultation is open and still takes the
/// participation the request was admitted under), then writes the accepted ones with one statement per table. Each
/// vote's outcome is its own: one refused vote does not refuse the others.
public struct ConsultationVoteRecorder: Sendable {
    let database: any Database

    public init(database: any Database) { self.database = database }

    /// The most votes one transaction takes (four values a row; far below both databases' limits on values).
    public static let batchLimit = 1_024

    public func record(_ votes: [CastVote]) async throws -> [CastVote.Outcome] {
        precondition(votes.count <= Self.batchLimit)
        guard !votes.isEmpty else { return [] }
        return try await database.transaction { sql in
            let statements = try await Self.statements(Self.padded(votes.map(\.statementID)), on: sql)
            let participants = try await Self.participants(Self.padded(votes.map(\.participantID)), on: sql)
            let outcomes = votes.map { vote -> CastVote.Outcome in
                guard let statement = statements[vote.statementID], statement.consultationID == vote.consultationID,
                      statement.councilID == vote.councilID, statement.modules & 1 != 0, statement.isShown,
                      participants[vote.participantID] == vote.consultationID else { return .notFound }
                guard statement.isOpen(at: vote.at), statement.participation == vote.participation, statement.requirements == vote.requirements
                else { return .stateChanged }
                return .stored
            }
            let accepted = zip(votes, outcomes).filter { $0.1 == .stored }.map(\.0)
            guard !accepted.isEmpty else { return outcomes }
            // The current vote of each participant on each statement: the batch's last, rows in key order so that two
            // batches written side by side (PostgreSQL) lock them in the same order.
            var latest: [Pair: CastVote] = [:]
            for vote in accepted { latest[Pair(statement: vote.statementID, participant: vote.participantID)] = vote }
            let current = latest.sorted { ($0.key.statement, $0.key.participant) < ($1.key.statement, $1.key.participant) }.map(\.value)
            let upsert = sql.insert(into: "consultation_votes").columns("statement_id", "participant_id", "vote", "voted_at")
            for vote in current { upsert.values(SQLBind(vote.statementID), SQLBind(vote.participantID), SQLBind(vote.vote), SQLBind(vote.at)) }
            // A batch written beside another (PostgreSQL) may commit after it: its older vote does not replace a newer one.
            try await upsert.onConflict(with: ["statement_id", "participant_id"]) {
                $0.set(excludedValueOf: "vote").set(excludedValueOf: "voted_at")
                    .where(SQLQueryString("consultation_votes.voted_at <= excluded.voted_at"))
            }.run()
            let log = sql.insert(into: "consultation_vote_log").columns("consultation_id", "statement_id", "participant_id", "vote", "voted_at")
            for vote in accepted {
                log.values(SQLBind(vote.consultationID), SQLBind(vote.statementID), SQLBind(vote.participantID), SQLBind(vote.vote), SQLBind(vote.at))
            }
            try await log.run()
            return outcomes
        }
    }

    struct Pair: Hashable {
        let statement: Int64
        let participant: Int64
    }

    struct Statement {
        let consultationID: Int64
        let councilID: Int64
        let moderation: Int
        /// The consultation's modules: votes need its statements (1).
        let modules: Int
        let mode: String
        let participation: String
        let published: Bool
        let opensAt: Double
        let closesAt: Double
        let synthesisPublishedAt: Double?
        let requirements: String

        /// As `StatementModeration.isShown`: accepted, or waiting where moderation comes after publication.
        var isShown: Bool { moderation == 1 || (moderation == 0 && mode == "after") }
        /// As `ConsultationSchedule.phase(at:) == .open`.
        func isOpen(at time: Double) -> Bool {
            published && opensAt <= time && closesAt > time && (synthesisPublishedAt.map { $0 > time } ?? true)
        }
    }

    /// The distinct ids, their list repeated up to the next size of a few fixed ones, so that the reads' texts are few
    /// (PostgreSQL keeps each text prepared) whatever the batch's size.
    static func padded(_ ids: [Int64]) -> [Int64] {
        let distinct = Array(Set(ids)).sorted()
        let size = [1, 8, 64, 256, batchLimit].first { $0 >= distinct.count } ?? distinct.count
        return distinct + Array(repeating: distinct[0], count: size - distinct.count)
    }

    static func statements(_ ids: [Int64], on sql: any SQLDatabase) async throws -> [Int64: Statement] {
        let rows = try await sql.raw("""
            SELECT s.id, s.consultation_id, s.moderation, c.council_id, c.modules, c.moderation AS mode, c.participation, c.published, c.opens_at,
            c.closes_at, c.synthesis_published_at, c.minimum_age, c.residences, c.council_list FROM consultation_statements s JOIN consultations c ON c.id = s.consultation_id
            WHERE s.id IN (\(binds: ids))
            """).all()
        var found: [Int64: Statement] = [:]
        for row in rows {
            found[try row.decode(column: "id", as: Int64.self)] = Statement(
                consultationID: try row.decode(column: "consultation_id", as: Int64.self),
                councilID: try row.decode(column: "council_id", as: Int64.self),
                moderation: try row.decode(column: "moderation", as: Int.self),
                modules: try row.decode(column: "modules", as: Int.self),
                mode: try row.decode(column: "mode", as: String.self),
                participation: try row.decode(column: "participation", as: String.self),
                published: try row.decode(column: "published", as: Bool.self),
                opensAt: try row.decode(column: "opens_at", as: Double.self),
                closesAt: try row.decode(column: "closes_at", as: Double.self),
                synthesisPublishedAt: try row.decode(column: "synthesis_published_at", as: Double?.self),
                requirements: ConsultationRecord.requirementsKey(minimumAge: try row.decode(column: "minimum_age", as: Int?.self),
                                                                 residences: try row.decode(column: "residences", as: String?.self),
                                                                 councilList: try row.decode(column: "council_list", as: Bool.self)))
        }
        return found
    }

    /// Each participant's consultation.
    static func participants(_ ids: [Int64], on sql: any SQLDatabase) async throws -> [Int64: Int64] {
        let rows = try await sql.raw("SELECT id, consultation_id FROM consultation_participants WHERE id IN (\(binds: ids))").all()
        var found: [Int64: Int64] = [:]
        for row in rows { found[try row.decode(column: "id", as: Int64.self)] = try row.decode(column: "consultation_id", as: Int64.self) }
        return found
    }
}
