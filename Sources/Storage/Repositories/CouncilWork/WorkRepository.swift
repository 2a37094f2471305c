import Foundation
import HemicycleDomain
import SQLKit

/// Work items of a council, their rapporteurs, timeline, hearings and contributions; every query is scoped to
/// one council.
public struct WorkRepository: Sendable {
    let database: any Database

    public init(database: any Database) { self.database = database }

    public func all(councilID: Int64, statuses: [String]? = nil, kind: String? = nil) async throws -> [WorkRecord] {
        // `IN ()` is not valid SQL everywhere: no status asked for, nothing found.
        if let statuses, statuses.isEmpty { return [] }
        return try await database.read { sql in
            var query = sql.select().column("*").from("works").where("council_id", .equal, councilID)
            if let statuses { query = query.where("status", .in, statuses) }
            if let kind { query = query.where("kind", .equal, kind) }
            return try await query.orderBy("created_at", .descending).orderBy("id", .descending)
                .decodeAll(WorkRecord.self)
        }
    }

    /// A work item of whichever council (a partner's work a contribution answers).
    public func find(id: Int64) async throws -> WorkRecord? {
        try await database.read { sql in
            try await sql.select().column("*").from("works").where("id", .equal, id).decodeFirst(WorkRecord.self)
        }
    }

    public func find(id: Int64, councilID: Int64) async throws -> WorkRecord? {
        try await database.read { sql in
            try await sql.select().column("*").from("works").where("id", .equal, id).where("council_id", .equal, councilID)
                .decodeFirst(WorkRecord.self)
        }
    }

    /// A work item with the date of its current (latest) text version, if it has one, in one query.
    public func findWithCurrentVersionDate(id: Int64, councilID: Int64) async throws -> (work: WorkRecord, currentVersionDate: Double?)? {
        try await database.read { sql in
            guard let row = try await sql.raw("""
                SELECT w.*, (SELECT v.created_at FROM draft_versions v WHERE v.work_id = w.id ORDER BY v.number DESC LIMIT 1)
                       AS current_version_created_at
                FROM works w WHERE w.id = \(bind: id) AND w.council_id = \(bind: councilID)
                """).first() else { return nil }
            return (try row.decodeModel(WorkRecord.self), try row.decode(column: "current_version_created_at", as: Double?.self))
        }
    }

    /// Records a referral: the work item starts `referred`, with its first timeline entry.
    @discardableResult
    public func create(councilID: Int64, _ work: NewWork, accountID: Int64?, at: Double) async throws -> Int64 {
        try await database.transaction { sql in
            try await Self.insert(councilID: councilID, work, accountID: accountID, at: at, on: sql)
        }
    }

    /// A referral recorded inside a caller's transaction (a petition that reached its threshold).
    static func insert(councilID: Int64, _ work: NewWork, accountID: Int64?, at: Double, on sql: any SQLDatabase) async throws -> Int64 {
        let id = try await sql.insert(into: "works")
            .columns("council_id", "kind", "title_fr", "title_ar", "title_en", "summary_fr", "summary_ar", "summary_en",
                     "referral_source", "referral_reference", "petition_url", "procedure", "status", "created_at")
            .values(SQLBind(councilID), SQLBind(work.kind), SQLBind(work.title[.fr]), SQLBind(work.title[.ar]), SQLBind(work.title[.en]),
                    SQLBind(work.summary[.fr]), SQLBind(work.summary[.ar]), SQLBind(work.summary[.en]),
                    SQLBind(work.referralSource), SQLBind(work.referralReference), SQLBind(work.petitionURL),
                    SQLBind(work.procedure), SQLBind("referred"), SQLBind(at))
            .returning("id").first(decodingColumn: "id", as: Int64.self) ?? 0
        try await addEvent(workID: id, status: "referred", note: work.referralReference, accountID: accountID, at: at, on: sql)
        return id
    }

    /// Moves a work item to `status` (the caller has checked the workflow), with a timeline entry. Assignment also
    /// records the commission and the deadline. With `from`, the move happens only if the item is still there (two
    /// requests checked against the same state cannot both move it): otherwise `StoreError.stateChanged`.
    public func move(id: Int64, councilID: Int64, from: String? = nil, to status: String, note: String?, accountID: Int64?,
                     commissionID: Int64? = nil, deadline: Double? = nil, at: Double) async throws {
        try await database.transaction { sql in
            guard let row = try await sql.select().column("status").from("works").where("id", .equal, id).where("council_id", .equal, councilID).first()
            else { throw StoreError.notFound }
            if let from {
                guard try row.decode(column: "status", as: String.self) == from else { throw StoreError.stateChanged }
                // Claims the row: a concurrent move finds it changed.
                guard try await sql.raw("UPDATE works SET status = \(bind: status) WHERE id = \(bind: id) AND status = \(bind: from) RETURNING id").first() != nil
                else { throw StoreError.stateChanged }
                // A ballot opened meanwhile keeps the item where it is (opening a ballot claims the same row).
                guard try await sql.raw("SELECT id FROM ballots WHERE work_id = \(bind: id) AND closed_at IS NULL").first() == nil
                else { throw StoreError.stateChanged }
            }
            var update = sql.update("works").set("status", to: status)
            if let commissionID { update = update.set("commission_id", to: commissionID) }
            if let deadline { update = update.set("deadline", to: deadline) }
            try await update.where("id", .equal, id).run()
            try await Self.addEvent(workID: id, status: status, note: note, accountID: accountID, at: at, on: sql)
        }
    }

    /// Simplified procedure: opens the delay during which members may demand a plenary debate.
    public func setPlenaryDemandDeadline(id: Int64, councilID: Int64, deadline: Double) async throws {
        try await database.withSQL { sql in
            try await sql.update("works").set("plenary_demand_deadline", to: deadline)
                .where("id", .equal, id).where("council_id", .equal, councilID).run()
        }
    }

    /// Records a member's demand for a plenary debate (the first one counts), on the timeline too.
    public func demandPlenary(id: Int64, councilID: Int64, note: String, accountID: Int64?, at: Double) async throws {
        try await database.transaction { sql in
            try await sql.update("works").set("plenary_demanded_at", to: at)
                .where("id", .equal, id).where("council_id", .equal, councilID).run()
            try await Self.addEvent(workID: id, status: "plenary_demanded", note: note, accountID: accountID, at: at, on: sql)
        }
    }

    public func setAmendmentDeadline(id: Int64, councilID: Int64, deadline: Double?) async throws {
        try await database.withSQL { sql in
            try await sql.update("works").set("amendment_deadline", to: deadline)
                .where("id", .equal, id).where("council_id", .equal, councilID).run()
        }
    }

    static func addEvent(workID: Int64, status: String, note: String?, accountID: Int64?, at: Double, on sql: any SQLDatabase) async throws {
        try await sql.insert(into: "work_events").columns("work_id", "status", "note", "account_id", "at")
            .values(SQLBind(workID), SQLBind(status), SQLBind(note), SQLBind(accountID), SQLBind(at)).run()
    }

    public func events(workID: Int64) async throws -> [WorkEvent] {
        try await database.read { sql in
            try await sql.raw("""
                SELECT id, status, note, account_id, "at" FROM work_events WHERE work_id = \(bind: workID) ORDER BY "at", id
                """)
                .decodeAll(WorkEvent.self)
        }
    }

    public func rapporteurs(workID: Int64) async throws -> [Int64] {
        try await database.read { sql in
            try await sql.raw("SELECT membership_id FROM work_rapporteurs WHERE work_id = \(bind: workID) ORDER BY membership_id")
                .all(decodingColumn: "membership_id", as: Int64.self)
        }
    }

    public func addRapporteur(workID: Int64, membershipID: Int64) async throws {
        try await database.withSQL { sql in
            try await sql.insert(into: "work_rapporteurs").columns("work_id", "membership_id")
                .values(SQLBind(workID), SQLBind(membershipID)).ignoringConflicts().run()
        }
    }

    public func hearings(workID: Int64) async throws -> [Hearing] {
        try await database.read { sql in
            try await sql.raw("SELECT id, person, capacity, held_at, notes FROM hearings WHERE work_id = \(bind: workID) ORDER BY held_at, id")
                .decodeAll(Hearing.self)
        }
    }

    public func addHearing(workID: Int64, person: String, capacity: String?, heldAt: Double, notes: String?) async throws {
        try await database.withSQL { sql in
            try await sql.insert(into: "hearings").columns("work_id", "person", "capacity", "held_at", "notes")
                .values(SQLBind(workID), SQLBind(person), SQLBind(capacity), SQLBind(heldAt), SQLBind(notes)).run()
        }
    }

    public func contributions(workID: Int64) async throws -> [Contribution] {
        try await database.read { sql in
            try await sql.raw("""
                SELECT id, author, author_kind, title, body, created_at FROM contributions WHERE work_id = \(bind: workID)
                ORDER BY created_at, id
                """)
                .decodeAll(Contribution.self)
        }
    }

    public func addContribution(workID: Int64, author: String, authorKind: String, title: String, body: String,
                                at: Double) async throws {
        try await database.withSQL { sql in
            try await sql.insert(into: "contributions").columns("work_id", "author", "author_kind", "title", "body", "created_at")
                .values(SQLBind(workID), SQLBind(author), SQLBind(authorKind), SQLBind(title), SQLBind(body), SQLBind(at)).run()
        }
    }

    public func declarations(workID: Int64) async throws -> [GroupDeclaration] {
        try await database.read { sql in
            try await sql.raw("SELECT id, group_id, body, created_at FROM group_declarations WHERE work_id = \(bind: workID) ORDER BY id")
                .decodeAll(GroupDeclaration.self)
        }
    }

    /// A group's declaration on the final text (a new one replaces the group's previous one).
    public func declare(workID: Int64, groupID: Int64, body: String, at: Double) async throws {
        try await database.transaction { sql in
            try await sql.delete(from: "group_declarations").where("work_id", .equal, workID).where("group_id", .equal, groupID).run()
            try await sql.insert(into: "group_declarations").columns("work_id", "group_id", "body", "created_at")
                .values(SQLBind(workID), SQLBind(groupID), SQLBind(body), SQLBind(at)).run()
        }
    }

    public func dissents(workID: Int64) async throws -> [Dissent] {
        try await database.read { sql in
            try await sql.raw("SELECT id, block_id, holder, group_id, body, created_at FROM dissents WHERE work_id = \(bind: workID) ORDER BY id")
                .decodeAll(Dissent.self)
        }
    }

    public func addDissent(workID: Int64, blockID: String, holder: String, groupID: Int64?, body: String,
                           at: Double) async throws {
        try await database.withSQL { sql in
            try await sql.insert(into: "dissents").columns("work_id", "block_id", "holder", "group_id", "body", "created_at")
                .values(SQLBind(workID), SQLBind(blockID), SQLBind(holder), SQLBind(groupID), SQLBind(body), SQLBind(at)).run()
        }
    }
}
