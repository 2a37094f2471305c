import HemicycleDomain
import SQLKit

/// An agreement's action plan and what its parties share under it.
public struct AgreementPlanRepository: Sendable {
    let database: any Database

    public init(database: any Database) { self.database = database }

    public func actions(agreementID: Int64) async throws -> [AgreementActionRecord] {
        try await database.read { sql in
            try await sql.raw("SELECT * FROM agreement_actions WHERE agreement_id = \(bind: agreementID) ORDER BY id").decodeAll(AgreementActionRecord.self)
        }
    }

    /// Adds an action carried by one of the parties; `StoreError.notFound` when that council is not one.
    public func addAction(agreementID: Int64, _ fields: AgreementActionFields, at: Double) async throws -> Int64 {
        try await database.transaction { sql in
            try await Self.checkParty(fields.ownerCouncilID, agreementID: agreementID, on: sql)
            return try await sql.insert(into: "agreement_actions")
                .columns("agreement_id", "title", "owner_council_id", "owner", "due_on", "state", "follow_up", "updated_at")
                .values(SQLBind(agreementID), SQLBind(fields.title), SQLBind(fields.ownerCouncilID), SQLBind(fields.owner), SQLBind(fields.dueOn),
                        SQLBind(fields.state), SQLBind(fields.followUp), SQLBind(at))
                .returning("id").first(decodingColumn: "id", as: Int64.self) ?? 0
        }
    }

    public func updateAction(id: Int64, agreementID: Int64, _ fields: AgreementActionFields, at: Double) async throws {
        try await database.transaction { sql in
            try await Self.checkParty(fields.ownerCouncilID, agreementID: agreementID, on: sql)
            guard try await sql.raw("""
                UPDATE agreement_actions SET title = \(bind: fields.title), owner_council_id = \(bind: fields.ownerCouncilID), owner = \(bind: fields.owner),
                due_on = \(bind: fields.dueOn), state = \(bind: fields.state), follow_up = \(bind: fields.followUp), updated_at = \(bind: at)
                WHERE id = \(bind: id) AND agreement_id = \(bind: agreementID) RETURNING id
                """).first() != nil else { throw StoreError.notFound }
        }
    }

    public func deleteAction(id: Int64, agreementID: Int64) async throws {
        try await database.transaction { sql in
            guard try await sql.raw("DELETE FROM agreement_actions WHERE id = \(bind: id) AND agreement_id = \(bind: agreementID) RETURNING id").first() != nil
            else { throw StoreError.notFound }
        }
    }

    static func checkParty(_ councilID: Int64, agreementID: Int64, on sql: any SQLDatabase) async throws {
        guard try await sql.raw("SELECT council_id FROM agreement_parties WHERE agreement_id = \(bind: agreementID) AND council_id = \(bind: councilID)")
            .first() != nil else { throw StoreError.notFound }
    }

    /// What is shared under the agreement, by every party.
    public func shares(agreementID: Int64) async throws -> [AgreementShare] {
        try await database.read { sql in
            try await sql.raw("SELECT * FROM agreement_shares WHERE agreement_id = \(bind: agreementID) ORDER BY id").decodeAll(AgreementShare.self)
        }
    }

    /// Shares one of the granting council's work items with another party. `StoreError.notFound` when either council
    /// is not a party, they are the same, or the work item is not the granting council's; shared with that party
    /// already, it stays as it was.
    /// With `dueOn` (`yyyy-MM-dd`), the partner may also contribute to it until that day: the share's kind is then
    /// `AgreementShare.contribution`. Sharing it again moves the day, or without one keeps it to reading.
    public func shareWork(agreementID: Int64, grantingID: Int64, granteeID: Int64, workID: Int64, dueOn: String? = nil, at: Double) async throws -> Int64 {
        let kind = dueOn == nil ? AgreementShare.work : AgreementShare.contribution
        return try await database.transaction { sql in
            guard grantingID != granteeID else { throw StoreError.notFound }
            try await Self.checkParty(grantingID, agreementID: agreementID, on: sql)
            try await Self.checkParty(granteeID, agreementID: agreementID, on: sql)
            guard try await sql.raw("SELECT id FROM works WHERE id = \(bind: workID) AND council_id = \(bind: grantingID)").first() != nil
            else { throw StoreError.notFound }
            // One share per work and partner: sharing it again sets (or clears) the last day for contributions.
            if let existing = try await sql.raw("""
                SELECT id FROM agreement_shares WHERE agreement_id = \(bind: agreementID) AND grantee_council_id = \(bind: granteeID)
                AND item_kind IN (\(binds: AgreementShare.workKinds)) AND item_id = \(bind: workID)
                """).first(decodingColumn: "id", as: Int64.self) {
                try await sql.raw("UPDATE agreement_shares SET item_kind = \(bind: kind), due_on = \(bind: dueOn) WHERE id = \(bind: existing)").run()
                return existing
            }
            return try await sql.insert(into: "agreement_shares")
                .columns("agreement_id", "granting_council_id", "grantee_council_id", "item_kind", "item_id", "created_at", "due_on")
                .values(SQLBind(agreementID), SQLBind(grantingID), SQLBind(granteeID), SQLBind(kind), SQLBind(workID), SQLBind(at), SQLBind(dueOn))
                .returning("id").first(decodingColumn: "id", as: Int64.self) ?? 0
        }
    }

    /// Shares one of the granting council's practice notes with another party, by name. `StoreError.notFound` when
    /// either council is not a party, they are the same, or the note is not the granting council's; shared already,
    /// it stays as it was.
    public func shareNote(agreementID: Int64, grantingID: Int64, granteeID: Int64, noteID: Int64, at: Double) async throws -> Int64 {
        try await database.transaction { sql in
            guard grantingID != granteeID else { throw StoreError.notFound }
            try await Self.checkParty(grantingID, agreementID: agreementID, on: sql)
            try await Self.checkParty(granteeID, agreementID: agreementID, on: sql)
            guard try await sql.raw("SELECT id FROM practice_notes WHERE id = \(bind: noteID) AND council_id = \(bind: grantingID)").first() != nil
            else { throw StoreError.notFound }
            if let row = try await sql.raw("""
                INSERT INTO agreement_shares (agreement_id, granting_council_id, grantee_council_id, item_kind, item_id, created_at)
                VALUES (\(bind: agreementID), \(bind: grantingID), \(bind: granteeID), \(bind: AgreementShare.practiceNote), \(bind: noteID), \(bind: at))
                ON CONFLICT DO NOTHING RETURNING id
                """).first() {
                return try row.decode(column: "id", as: Int64.self)
            }
            return try await sql.raw("""
                SELECT id FROM agreement_shares WHERE agreement_id = \(bind: agreementID) AND grantee_council_id = \(bind: granteeID)
                AND item_kind = \(bind: AgreementShare.practiceNote) AND item_id = \(bind: noteID)
                """).first(decodingColumn: "id", as: Int64.self) ?? 0
        }
    }

    /// The granting council's notes shared by name, with whom and under which agreement (whatever its status: the
    /// caller reads it on its day).
    public func noteGrants(grantingID: Int64) async throws -> [(note: Int64, grantee: Int64, agreement: AgreementRecord)] {
        try await database.read { sql in
            try await sql.raw("""
                SELECT s.item_id, s.grantee_council_id, a.* FROM agreement_shares s JOIN agreements a ON a.id = s.agreement_id
                WHERE s.granting_council_id = \(bind: grantingID) AND s.item_kind = \(bind: AgreementShare.practiceNote)
                """).all().map { row in
                (try row.decode(column: "item_id", as: Int64.self), try row.decode(column: "grantee_council_id", as: Int64.self),
                 try row.decodeModel(AgreementRecord.self))
            }
        }
    }

    /// Withdraws what the granting council shared.
    public func unshare(id: Int64, agreementID: Int64, grantingID: Int64) async throws {
        try await database.transaction { sql in
            guard try await sql.raw("""
                DELETE FROM agreement_shares WHERE id = \(bind: id) AND agreement_id = \(bind: agreementID) AND granting_council_id = \(bind: grantingID)
                RETURNING id
                """).first() != nil else { throw StoreError.notFound }
        }
    }

    /// The agreements under which the granting council shares an item with any of `granteeIDs`, whatever their
    /// status: the caller reads the status on its day.
    public func agreementsSharing(kinds: [String], itemID: Int64, grantingID: Int64, granteeIDs: [Int64]) async throws -> [(grantee: Int64, agreement: AgreementRecord)] {
        guard !granteeIDs.isEmpty, !kinds.isEmpty else { return [] }
        return try await database.read { sql in
            try await sql.raw("""
                SELECT s.grantee_council_id, a.* FROM agreement_shares s JOIN agreements a ON a.id = s.agreement_id
                WHERE s.granting_council_id = \(bind: grantingID) AND s.item_kind IN (\(binds: kinds)) AND s.item_id = \(bind: itemID)
                AND s.grantee_council_id IN (\(binds: granteeIDs))
                """).all().map { row in
                (try row.decode(column: "grantee_council_id", as: Int64.self), try row.decodeModel(AgreementRecord.self))
            }
        }
    }

    /// The works opened to `granteeID`'s contributions, by any council, under any agreement (whatever its status),
    /// with the agreement: the caller reads the status and the last day in the granting council's calendar.
    public func contributionOpenings(granteeID: Int64) async throws -> [(share: AgreementShare, agreement: AgreementRecord)] {
        try await database.read { sql in
            try await sql.raw("""
                SELECT s.id AS s_id, s.agreement_id AS s_agreement_id, s.granting_council_id AS s_granting_council_id,
                       s.grantee_council_id AS s_grantee_council_id, s.item_kind AS s_item_kind, s.item_id AS s_item_id,
                       s.created_at AS s_created_at, s.due_on AS s_due_on, a.*
                FROM agreement_shares s JOIN agreements a ON a.id = s.agreement_id
                WHERE s.grantee_council_id = \(bind: granteeID) AND s.item_kind = \(bind: AgreementShare.contribution)
                ORDER BY s.due_on, s.id
                """).all().map { row in (try row.decodeModel(AgreementShare.self, prefix: "s_"), try row.decodeModel(AgreementRecord.self)) }
        }
    }

    /// The council's items shared with `granteeID` (under any agreement, whatever its status), with the agreement.
    public func sharedWith(granteeID: Int64, grantingID: Int64, kind: String) async throws -> [(itemID: Int64, agreement: AgreementRecord)] {
        try await database.read { sql in
            try await sql.raw("""
                SELECT s.item_id, a.* FROM agreement_shares s JOIN agreements a ON a.id = s.agreement_id
                WHERE s.granting_council_id = \(bind: grantingID) AND s.grantee_council_id = \(bind: granteeID) AND s.item_kind = \(bind: kind)
                ORDER BY s.item_id
                """).all().map { row in
                (try row.decode(column: "item_id", as: Int64.self), try row.decodeModel(AgreementRecord.self))
            }
        }
    }
}
