import Foundation
import HemicycleDomain
import SQLKit

/// A statement of an imported conversation.
public struct ImportedStatement: Sendable, Hashable {
    public let number: Int
    public let text: String
    /// 1 accepted, 0 not moderated, -1 rejected.
    public let moderation: Int
    public let createdAt: Double

    public init(number: Int, text: String, moderation: Int, createdAt: Double) {
        self.number = number
        self.text = text
        self.moderation = moderation
        self.createdAt = createdAt
    }
}

extension ConsultationRepository {
    /// A draft consultation made from a Polis conversation, its statements, participants and votes, all in one
    /// transaction: a failure stores nothing. Each vote is both the participant's current vote (the latest by time)
    /// and an entry of the log, in order of time.
    public func createImported(councilID: Int64, _ definition: ConsultationDefinition, source: String, statements: [ImportedStatement],
                               votes: [ImportedVote], at: Double) async throws -> Int64 {
        try await database.transaction { sql in
            let id = try await Self.insert(councilID: councilID, definition, source: source, at: at, on: sql)
            var statementIDs: [Int: Int64] = [:]
            for statement in statements {
                statementIDs[statement.number] = try await sql.insert(into: "consultation_statements")
                    .columns("consultation_id", "number", "text", "moderation", "created_at")
                    .values(SQLBind(id), SQLBind(statement.number), SQLBind(statement.text), SQLBind(statement.moderation),
                            SQLBind(statement.createdAt))
                    .returning("id").first(decodingColumn: "id", as: Int64.self) ?? 0
            }
            // Participants in order of their first vote.
            let ordered = votes.enumerated().sorted { ($0.element.votedAt, $0.offset) < ($1.element.votedAt, $1.offset) }.map(\.element)
            var participantIDs: [String: Int64] = [:]
            for vote in ordered where participantIDs[vote.participant] == nil {
                participantIDs[vote.participant] = try await sql.insert(into: "consultation_participants")
                    .columns("consultation_id", "imported_as", "created_at")
                    .values(SQLBind(id), SQLBind(vote.participant), SQLBind(vote.votedAt))
                    .returning("id").first(decodingColumn: "id", as: Int64.self) ?? 0
            }
            var latest: [String: ImportedVote] = [:]
            for vote in ordered { latest["\(vote.statementNumber) \(vote.participant)"] = vote }
            func rows(_ list: [ImportedVote]) throws -> [(Int64, Int64, ImportedVote)] {
                try list.map { vote in
                    guard let statement = statementIDs[vote.statementNumber], let participant = participantIDs[vote.participant] else {
                        throw StoreError.notFound
                    }
                    return (statement, participant, vote)
                }
            }
            let current = try rows(latest.values.sorted { ($0.votedAt, $0.statementNumber, $0.participant) < ($1.votedAt, $1.statementNumber, $1.participant) })
            for batch in stride(from: 0, to: current.count, by: 400).map({ current[$0..<min($0 + 400, current.count)] }) {
                var insert = sql.insert(into: "consultation_votes").columns("statement_id", "participant_id", "vote", "voted_at")
                for (statement, participant, vote) in batch {
                    insert = insert.values(SQLBind(statement), SQLBind(participant), SQLBind(vote.vote), SQLBind(vote.votedAt))
                }
                try await insert.run()
            }
            let log = try rows(ordered)
            for batch in stride(from: 0, to: log.count, by: 400).map({ log[$0..<min($0 + 400, log.count)] }) {
                var insert = sql.insert(into: "consultation_vote_log").columns("consultation_id", "statement_id", "participant_id", "vote", "voted_at")
                for (statement, participant, vote) in batch {
                    insert = insert.values(SQLBind(id), SQLBind(statement), SQLBind(participant), SQLBind(vote.vote), SQLBind(vote.votedAt))
                }
                try await insert.run()
            }
            return id
        }
    }
}
