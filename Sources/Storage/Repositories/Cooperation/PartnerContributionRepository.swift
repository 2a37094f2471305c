import HemicycleDomain
import SQLKit

/// A partner council's contribution to a work of another council.
public struct PartnerContributionRecord: Sendable, Hashable, Decodable {
    public let id: Int64
    /// The receiving council's work.
    public let workId: Int64
    /// The contributing council.
    public let councilId: Int64
    public let agreementId: Int64
    public let title: String
    public let body: String
    /// `draft`, `sent` or `acknowledged`.
    public let status: String
    public let authorMembershipId: Int64?
    public let sentByMembershipId: Int64?
    public let sentAt: Double?
    public let acknowledgedByMembershipId: Int64?
    public let acknowledgedAt: Double?
    public let createdAt: Double
    public let updatedAt: Double

    enum CodingKeys: String, CodingKey {
        case id, title, body, status
        case workId = "work_id", councilId = "council_id", agreementId = "agreement_id"
        case authorMembershipId = "author_membership_id", sentByMembershipId = "sent_by_membership_id", sentAt = "sent_at"
        case acknowledgedByMembershipId = "acknowledged_by_membership_id", acknowledgedAt = "acknowledged_at"
        case createdAt = "created_at", updatedAt = "updated_at"
    }
}

/// Partner contributions: drafted in the contributing council's space (its own until sent), sent by its bureau, then
/// acknowledged by the receiving council. Each change of state is one conditional update: a contribution sent twice,
/// or edited once sent, is `StoreError.stateChanged`.
public struct PartnerContributionRepository: Sendable {
    let database: any Database

    public init(database: any Database) { self.database = database }

    /// The contributing council's contributions, the latest first.
    public func all(councilID: Int64) async throws -> [PartnerContributionRecord] {
        try await database.read { sql in
            try await sql.raw("SELECT * FROM partner_contributions WHERE council_id = \(bind: councilID) ORDER BY id DESC")
                .decodeAll(PartnerContributionRecord.self)
        }
    }

    /// Every contribution written under an agreement, drafts included.
    public func all(agreementID: Int64) async throws -> [PartnerContributionRecord] {
        try await database.read { sql in
            try await sql.raw("SELECT * FROM partner_contributions WHERE agreement_id = \(bind: agreementID) ORDER BY id").decodeAll(PartnerContributionRecord.self)
        }
    }

    /// One of the contributing council's contributions.
    public func find(id: Int64, councilID: Int64) async throws -> PartnerContributionRecord? {
        try await database.read { sql in
            try await sql.raw("SELECT * FROM partner_contributions WHERE id = \(bind: id) AND council_id = \(bind: councilID)")
                .decodeFirst(PartnerContributionRecord.self)
        }
    }

    /// What a work has received: sent contributions, in the order they arrived.
    public func received(workID: Int64) async throws -> [PartnerContributionRecord] {
        try await database.read { sql in
            try await sql.raw("""
                SELECT * FROM partner_contributions WHERE work_id = \(bind: workID) AND status IN ('sent', 'acknowledged') ORDER BY sent_at, id
                """).decodeAll(PartnerContributionRecord.self)
        }
    }

    /// What a work has received, with the name of the member of the sending council who sent each (none when the
    /// seat is not that council's): one query whatever the number of senders.
    public func receivedWithSenders(workID: Int64) async throws -> [(record: PartnerContributionRecord, sender: String?)] {
        try await database.read { sql in
            try await sql.raw("""
                SELECT p.*, COALESCE(m.public_name, a.display_name) AS sender_name FROM partner_contributions p
                LEFT JOIN memberships m ON m.id = p.sent_by_membership_id AND m.council_id = p.council_id
                LEFT JOIN accounts a ON a.id = m.account_id
                WHERE p.work_id = \(bind: workID) AND p.status IN ('sent', 'acknowledged') ORDER BY p.sent_at, p.id
                """).all().map { row in
                (try row.decodeModel(PartnerContributionRecord.self), try row.decode(column: "sender_name", as: String?.self))
            }
        }
    }

    public func create(workID: Int64, councilID: Int64, agreementID: Int64, title: String, body: String, authorMembershipID: Int64?,
                       at: Double) async throws -> Int64 {
        try await database.transaction { sql in
            try await sql.insert(into: "partner_contributions")
                .columns("work_id", "council_id", "agreement_id", "title", "body", "status", "author_membership_id", "created_at", "updated_at")
                .values(SQLBind(workID), SQLBind(councilID), SQLBind(agreementID), SQLBind(title), SQLBind(body), SQLBind("draft"),
                        SQLBind(authorMembershipID), SQLBind(at), SQLBind(at))
                .returning("id").first(decodingColumn: "id", as: Int64.self) ?? 0
        }
    }

    /// Corrects a draft.
    public func update(id: Int64, councilID: Int64, title: String, body: String, at: Double) async throws {
        try await database.transaction { sql in
            guard try await sql.raw("""
                UPDATE partner_contributions SET title = \(bind: title), body = \(bind: body), updated_at = \(bind: at)
                WHERE id = \(bind: id) AND council_id = \(bind: councilID) AND status = 'draft' RETURNING id
                """).first() != nil else { throw StoreError.stateChanged }
        }
    }

    /// Removes a draft.
    public func delete(id: Int64, councilID: Int64) async throws {
        try await database.transaction { sql in
            guard try await sql.raw("""
                DELETE FROM partner_contributions WHERE id = \(bind: id) AND council_id = \(bind: councilID) AND status = 'draft' RETURNING id
                """).first() != nil else { throw StoreError.stateChanged }
        }
    }

    /// Sends a draft, validated by `membershipID` (a seat of the contributing council's bureau).
    public func send(id: Int64, councilID: Int64, by membershipID: Int64?, at: Double) async throws {
        try await database.transaction { sql in
            guard try await sql.raw("""
                UPDATE partner_contributions SET status = 'sent', sent_by_membership_id = \(bind: membershipID), sent_at = \(bind: at),
                updated_at = \(bind: at) WHERE id = \(bind: id) AND council_id = \(bind: councilID) AND status = 'draft' RETURNING id
                """).first() != nil else { throw StoreError.stateChanged }
        }
    }

    /// The receiving council acknowledges a contribution sent to one of its works.
    public func acknowledge(id: Int64, workID: Int64, by membershipID: Int64?, at: Double) async throws {
        try await database.transaction { sql in
            guard try await sql.raw("""
                UPDATE partner_contributions SET status = 'acknowledged', acknowledged_by_membership_id = \(bind: membershipID),
                acknowledged_at = \(bind: at), updated_at = \(bind: at)
                WHERE id = \(bind: id) AND work_id = \(bind: workID) AND status = 'sent' RETURNING id
                """).first() != nil else { throw StoreError.stateChanged }
        }
    }
}
