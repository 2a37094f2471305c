import Foundation
import SQLKit

/// Draft versions of a work item and the amendments tabled to them.
public struct DraftRepository: Sendable {
    let database: any Database

    public init(database: any Database) { self.database = database }

    public func versions(workID: Int64) async throws -> [DraftVersionRecord] {
        try await database.read { sql in
            try await sql.raw("SELECT id, number, body, note, created_at FROM draft_versions WHERE work_id = \(bind: workID) ORDER BY number")
                .decodeAll(DraftVersionRecord.self)
        }
    }

    /// Adds the next version (numbered from 1) and returns its id.
    @discardableResult
    public func addVersion(workID: Int64, body: String, note: String?, at: Double) async throws -> Int64 {
        try await database.transaction { sql in
            let last = try await sql.select().column("number").from("draft_versions").where("work_id", .equal, workID)
                .all(decodingColumn: "number", as: Int.self).max() ?? 0
            return try await sql.insert(into: "draft_versions").columns("work_id", "number", "body", "note", "created_at")
                .values(SQLBind(workID), SQLBind(last + 1), SQLBind(body), SQLBind(note), SQLBind(at))
                .returning("id").first(decodingColumn: "id", as: Int64.self) ?? 0
        }
    }

    public func amendments(workID: Int64) async throws -> [AmendmentRecord] {
        try await database.read { sql in
            try await sql.raw("SELECT * FROM amendments WHERE work_id = \(bind: workID) ORDER BY number")
                .decodeAll(AmendmentRecord.self)
        }
    }

    /// One amendment of a work item, what a form on it checks before anything else: the amendment, the work item's
    /// current version (the last filed), and whether `membershipID` is invited to co-sign it and has not answered.
    public func amendment(id: Int64, workID: Int64, invitedMembershipID: Int64?) async throws
        -> (record: AmendmentRecord, currentVersionID: Int64?, isInvited: Bool)?
    {
        try await database.read { sql in
            guard let row = try await sql.raw("""
                SELECT a.*,
                       (SELECT v.id FROM draft_versions v WHERE v.work_id = a.work_id ORDER BY v.number DESC LIMIT 1) AS current_version_id,
                       (SELECT COUNT(*) FROM amendment_cosignatories c WHERE c.amendment_id = a.id
                        AND c.membership_id = \(bind: invitedMembershipID ?? -1) AND c.accepted_at IS NULL) AS invitations
                FROM amendments a WHERE a.id = \(bind: id) AND a.work_id = \(bind: workID)
                """).first() else { return nil }
            return (try row.decodeModel(AmendmentRecord.self), try row.decode(column: "current_version_id", as: Int64?.self),
                    try row.decode(column: "invitations", as: Int.self) > 0)
        }
    }

    /// Co-signatories who accepted (`accepted: true`), or members invited to co-sign who have not answered yet,
    /// by amendment.
    public func cosignatories(workID: Int64, accepted: Bool = true) async throws -> [Int64: [Int64]] {
        let both = try await cosignatoriesAndInvited(workID: workID)
        return accepted ? both.accepted : both.invited
    }

    /// Both lists of `cosignatories(workID:accepted:)` in one query.
    public func cosignatoriesAndInvited(workID: Int64) async throws -> (accepted: [Int64: [Int64]], invited: [Int64: [Int64]]) {
        try await database.read { sql in
            let rows = try await sql.raw("""
                SELECT c.amendment_id, c.membership_id, CASE WHEN c.accepted_at IS NULL THEN 0 ELSE 1 END AS accepted
                FROM amendment_cosignatories c JOIN amendments a ON a.id = c.amendment_id
                WHERE a.work_id = \(bind: workID) ORDER BY c.membership_id
                """).all()
            var accepted: [Int64: [Int64]] = [:], invited: [Int64: [Int64]] = [:]
            for row in rows {
                let amendment = try row.decode(column: "amendment_id", as: Int64.self)
                let member = try row.decode(column: "membership_id", as: Int64.self)
                if try row.decode(column: "accepted", as: Int.self) == 1 {
                    accepted[amendment, default: []].append(member)
                } else {
                    invited[amendment, default: []].append(member)
                }
            }
            return (accepted, invited)
        }
    }

    /// A member invited to co-sign accepts: only then do they co-sign. Refused when they were not invited.
    public func acceptCosignature(workID: Int64, amendmentID: Int64, membershipID: Int64, at: Double) async throws {
        try await database.transaction { sql in
            guard try await sql.raw("""
                SELECT c.membership_id FROM amendment_cosignatories c JOIN amendments a ON a.id = c.amendment_id
                WHERE a.work_id = \(bind: workID) AND c.amendment_id = \(bind: amendmentID) AND c.membership_id = \(bind: membershipID)
                """).first() != nil else { throw StoreError.notEligible }
            try await sql.update("amendment_cosignatories").set("accepted_at", to: at)
                .where("amendment_id", .equal, amendmentID).where("membership_id", .equal, membershipID)
                .where("accepted_at", .is, SQLLiteral.null).run()
        }
    }

    /// Tables an amendment with the next number of the work item; the co-signatories named are invited to co-sign.
    @discardableResult
    public func table(workID: Int64, _ amendment: NewAmendment, at: Double) async throws -> (id: Int64, number: Int) {
        try await database.transaction { sql in
            let numbers = try await sql.select().column("number").from("amendments").where("work_id", .equal, workID)
                .all(decodingColumn: "number", as: Int.self)
            let number = (numbers.max() ?? 0) + 1
            let id = try await sql.insert(into: "amendments")
                .columns("work_id", "version_id", "number", "operation", "anchor", "span_start", "span_end", "new_text", "inserted_kind",
                         "justification", "author_membership_id", "group_id", "status", "created_at")
                .values(SQLBind(workID), SQLBind(amendment.versionID), SQLBind(number), SQLBind(amendment.operation), SQLBind(amendment.anchor),
                        SQLBind(amendment.span?.start), SQLBind(amendment.span?.end), SQLBind(amendment.newText), SQLBind(amendment.insertedKind),
                        SQLBind(amendment.justification), SQLBind(amendment.authorMembershipID), SQLBind(amendment.groupID),
                        SQLBind("tabled"), SQLBind(at))
                .returning("id").first(decodingColumn: "id", as: Int64.self) ?? 0
            for cosignatory in Set(amendment.cosignatories) where cosignatory != amendment.authorMembershipID {
                try await sql.insert(into: "amendment_cosignatories").columns("amendment_id", "membership_id")
                    .values(SQLBind(id), SQLBind(cosignatory)).run()
            }
            return (id, number)
        }
    }

    /// Sets statuses in one transaction (an adoption and the amendments it makes fall land together).
    public func setStatuses(workID: Int64, _ statuses: [Int64: String]) async throws {
        try await database.transaction { sql in
            for (id, status) in statuses {
                try await sql.update("amendments").set("status", to: status).where("id", .equal, id).where("work_id", .equal, workID).run()
            }
        }
    }

    /// Changes an amendment that is still open, in one statement: tabled, on the work item's current version and under
    /// no open ballot when the write lands (a concurrent decision, a new version or a vote opened meanwhile wins).
    /// `status` and/or `opinion` are set; false when the amendment was no longer open. An opinion may be given while
    /// the amendment is under a vote (`evenUnderVote`).
    public func changeOpen(workID: Int64, amendmentID: Int64, status: String? = nil, opinion: String? = nil,
                           evenUnderVote: Bool = false) async throws -> Bool {
        try await database.withSQL { sql in
            var update = sql.update("amendments")
            if let status { update = update.set("status", to: status) }
            if let opinion { update = update.set("opinion", to: opinion) }
            update = update.where("id", .equal, amendmentID).where("work_id", .equal, workID).where("status", .equal, "tabled")
                .where(SQLRaw("""
                    version_id = (SELECT v.id FROM draft_versions v WHERE v.work_id = amendments.work_id ORDER BY v.number DESC LIMIT 1)
                    """))
            if !evenUnderVote {
                update = update.where(SQLRaw("NOT EXISTS (SELECT 1 FROM ballots b WHERE b.amendment_id = amendments.id AND b.closed_at IS NULL)"))
            }
            return try await update.returning("id").first() != nil
        }
    }

    public func setOpinion(workID: Int64, amendmentID: Int64, opinion: String) async throws {
        try await database.withSQL { sql in
            try await sql.update("amendments").set("opinion", to: opinion)
                .where("id", .equal, amendmentID).where("work_id", .equal, workID).run()
        }
    }
}
