import HemicycleDomain
import SQLKit

/// A member's public record, as their page shows it: since when they sit, the works they are rapporteur of, how they
/// voted on the ballots of published works (before publication a council's votes are its own), and their group's
/// declarations on published works.
public struct PublicRecordRepository: Sendable {
    let database: any Database

    public init(database: any Database) { self.database = database }

    /// One vote of a member on a ballot of a published work.
    public struct Vote: Sendable, Hashable {
        public let workID: Int64
        public let title: LocalizedText
        /// The amendment put to the vote; nil for the whole text.
        public let amendmentNumber: Int?
        /// for, against, abstain.
        public let choice: String
        public let body: String
        public let closedAt: Double?
    }

    /// The works `membershipID` is rapporteur of, in the council, newest first.
    public func rapporteurWorks(membershipID: Int64, councilID: Int64) async throws -> [WorkRecord] {
        try await database.read { sql in
            try await sql.raw("""
                SELECT w.* FROM works w JOIN work_rapporteurs r ON r.work_id = w.id
                WHERE r.membership_id = \(bind: membershipID) AND w.council_id = \(bind: councilID) ORDER BY w.id DESC
                """).decodeAll(WorkRecord.self)
        }
    }

    /// The member's votes on the ballots of published works, the latest first.
    public func publishedVotes(membershipID: Int64, councilID: Int64, limit: Int) async throws -> [Vote] {
        try await database.read { sql in
            try await sql.raw("""
                SELECT w.id AS work_id, w.title_fr, w.title_ar, w.title_en, a.number AS amendment_number, v.choice, b.body, b.closed_at
                FROM ballot_votes v JOIN ballots b ON b.id = v.ballot_id JOIN works w ON w.id = b.work_id
                LEFT JOIN amendments a ON a.id = b.amendment_id
                WHERE v.membership_id = \(bind: membershipID) AND w.council_id = \(bind: councilID) AND w.status = 'published'
                ORDER BY b.opened_at DESC, b.id DESC LIMIT \(unsafeRaw: "\(limit)")
                """).all().map { row in
                Vote(workID: try row.decode(column: "work_id", as: Int64.self),
                     title: LocalizedText(fr: try row.decode(column: "title_fr", as: String?.self), ar: try row.decode(column: "title_ar", as: String?.self),
                                          en: try row.decode(column: "title_en", as: String?.self)),
                     amendmentNumber: try row.decode(column: "amendment_number", as: Int?.self), choice: try row.decode(column: "choice", as: String.self),
                     body: try row.decode(column: "body", as: String.self), closedAt: try row.decode(column: "closed_at", as: Double?.self))
            }
        }
    }

    /// A group's declaration on the final text of a published work.
    public struct Declaration: Sendable, Hashable {
        public let workID: Int64
        public let title: LocalizedText
        public let body: String
        public let createdAt: Double
    }

    /// When the seat began to sit in the assembly (`seated_at`).
    public func seatedSince(membershipID: Int64, councilID: Int64) async throws -> Double? {
        try await database.read { sql in
            try await sql.raw("SELECT seated_at FROM memberships WHERE id = \(bind: membershipID) AND council_id = \(bind: councilID)")
                .first(decodingColumn: "seated_at", as: Double?.self) ?? nil
        }
    }

    /// The group's declarations on published works, the latest first.
    public func groupDeclarations(groupID: Int64, councilID: Int64, limit: Int) async throws -> [Declaration] {
        try await database.read { sql in
            try await sql.raw("""
                SELECT w.id AS work_id, w.title_fr, w.title_ar, w.title_en, d.body, d.created_at
                FROM group_declarations d JOIN works w ON w.id = d.work_id
                WHERE d.group_id = \(bind: groupID) AND w.council_id = \(bind: councilID) AND w.status = 'published'
                ORDER BY d.created_at DESC, d.id DESC LIMIT \(unsafeRaw: "\(limit)")
                """).all().map { row in
                Declaration(workID: try row.decode(column: "work_id", as: Int64.self),
                            title: LocalizedText(fr: try row.decode(column: "title_fr", as: String?.self),
                                                 ar: try row.decode(column: "title_ar", as: String?.self),
                                                 en: try row.decode(column: "title_en", as: String?.self)),
                            body: try row.decode(column: "body", as: String.self), createdAt: try row.decode(column: "created_at", as: Double.self))
            }
        }
    }

    /// The works a group's present members are rapporteurs of (a member who changed groups brings theirs along), and
    /// the works assigned to a commission, newest first.
    public func works(groupID: Int64, councilID: Int64) async throws -> [WorkRecord] {
        try await database.read { sql in
            try await sql.raw("""
                SELECT w.* FROM works w WHERE w.council_id = \(bind: councilID) AND EXISTS (
                SELECT 1 FROM work_rapporteurs r JOIN memberships m ON m.id = r.membership_id
                WHERE r.work_id = w.id AND m.group_id = \(bind: groupID) AND m.ended_at IS NULL)
                ORDER BY w.id DESC
                """).decodeAll(WorkRecord.self)
        }
    }

    public func works(commissionID: Int64, councilID: Int64) async throws -> [WorkRecord] {
        try await database.read { sql in
            try await sql.raw("""
                SELECT * FROM works WHERE council_id = \(bind: councilID) AND commission_id = \(bind: commissionID) ORDER BY id DESC
                """).decodeAll(WorkRecord.self)
        }
    }
}
