import HemicycleDomain
import SQLKit

/// What a moderator decided on one thing citizens wrote, as kept in `moderation_decisions`.
public struct ModerationDecisionRecord: Sendable, Equatable {
    public enum Subject: String, Sendable, CaseIterable {
        case statement, proposal, comment, petition
    }

    public enum Decision: String, Sendable, CaseIterable {
        case accepted, rejected, hidden
    }

    public let subjectID: Int64
    public let decision: Decision
    public let reason: String?
    /// The moderator's name as their account has it now (a pseudonym once they erased it).
    public let moderator: String
    public let decidedAt: Double
}

/// The history of moderators' decisions: appended in the transaction that changes the statement, proposal, comment
/// or petition, so a decision is kept exactly when it took effect; read back oldest first.
public struct ModerationDecisionRepository: Sendable {
    let database: any Database

    /// A stored decision this version does not know: the store was written by a newer one.
    struct UnknownDecision: Error, CustomStringConvertible {
        let description: String
    }

    public init(database: any Database) { self.database = database }

    static func record(councilID: Int64, subject: ModerationDecisionRecord.Subject, subjectID: Int64, decision: ModerationDecisionRecord.Decision,
                       reason: String?, accountID: Int64, at: Double, on sql: any SQLDatabase) async throws {
        try await sql.insert(into: "moderation_decisions")
            .columns("council_id", "subject", "subject_id", "decision", "reason", "account_id", "decided_at")
            .values(SQLBind(councilID), SQLBind(subject.rawValue), SQLBind(subjectID), SQLBind(decision.rawValue), SQLBind(reason),
                    SQLBind(accountID), SQLBind(at))
            .run()
    }

    /// Each of these subjects' decisions in the council, oldest first (ids absent have none).
    public func history(councilID: Int64, subject: ModerationDecisionRecord.Subject, ids: [Int64]) async throws -> [Int64: [ModerationDecisionRecord]] {
        guard !ids.isEmpty else { return [:] }
        var found: [Int64: [ModerationDecisionRecord]] = [:]
        let distinct = Array(Set(ids)).sorted()
        try await database.read { sql in
            // In lists padded to a few sizes, so that PostgreSQL keeps few texts prepared.
            for start in stride(from: 0, to: distinct.count, by: 256) {
                let rows = try await sql.raw("""
                    SELECT d.subject_id, d.decision, d.reason, d.decided_at, a.display_name FROM moderation_decisions d
                    JOIN accounts a ON a.id = d.account_id
                    WHERE d.council_id = \(bind: councilID) AND d.subject = \(bind: subject.rawValue)
                    AND d.subject_id IN (\(binds: ConsultationVoteRecorder.padded(Array(distinct[start..<min(start + 256, distinct.count)]))))
                    ORDER BY d.decided_at, d.id
                    """).all()
                for row in rows {
                    let id = try row.decode(column: "subject_id", as: Int64.self)
                    let raw = try row.decode(column: "decision", as: String.self)
                    guard let decision = ModerationDecisionRecord.Decision(rawValue: raw) else { throw UnknownDecision(description: "moderation_decisions: \(raw)") }
                    found[id, default: []].append(ModerationDecisionRecord(
                        subjectID: id, decision: decision, reason: try row.decode(column: "reason", as: String?.self),
                        moderator: try row.decode(column: "display_name", as: String.self), decidedAt: try row.decode(column: "decided_at", as: Double.self)))
                }
            }
        }
        return found
    }
}
