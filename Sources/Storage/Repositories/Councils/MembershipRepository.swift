import Foundation
import HemicycleDomain
import SQLKit

/// Who holds which role in which council, and in which group. A seat is never deleted: removal and erasure end it,
/// so that what was recorded under it (votes, amendments, co-signatures, designations) stays.
public struct MembershipRepository: Sendable {
    let database: any Database

    public init(database: any Database) { self.database = database }

    /// The name shown is the one frozen when the seat ended, else the person's current name.
    private static let selectColumns = """
        SELECT m.id, m.council_id, m.account_id, m.role, m.group_id, m.ended_at, m.duties,
               COALESCE(m.public_name, a.display_name) AS display_name, a.email
        FROM memberships m JOIN accounts a ON a.id = m.account_id
        """

    /// The council's current seats; with `includingEnded`, the ended ones too (for the names on past records).
    public func all(councilID: Int64, includingEnded: Bool = false) async throws -> [Membership] {
        try await database.read { sql in
            let current = includingEnded ? "" : " AND m.ended_at IS NULL"
            return try await sql.raw("\(unsafeRaw: Self.selectColumns) WHERE m.council_id = \(bind: councilID)\(unsafeRaw: current) ORDER BY display_name, m.id")
                .decodeAll(Membership.self)
        }
    }

    /// The seats, current or ended, a work item names: its rapporteurs, the authors and co-signatories of its
    /// amendments, the people of its timeline. One query whatever the size of the council.
    public func named(councilID: Int64, workID: Int64) async throws -> [Membership] {
        try await database.read { sql in
            try await sql.raw("""
                \(unsafeRaw: Self.selectColumns)
                WHERE m.council_id = \(bind: councilID) AND m.id IN (
                    SELECT membership_id FROM work_rapporteurs WHERE work_id = \(bind: workID)
                    UNION SELECT author_membership_id FROM amendments WHERE work_id = \(bind: workID)
                    UNION SELECT c.membership_id FROM amendment_cosignatories c JOIN amendments x ON x.id = c.amendment_id
                          WHERE x.work_id = \(bind: workID)
                    UNION SELECT s.id FROM work_events e JOIN memberships s ON s.account_id = e.account_id
                          WHERE e.work_id = \(bind: workID))
                ORDER BY display_name, m.id
                """).decodeAll(Membership.self)
        }
    }

    /// A current seat of the council.
    public func find(id: Int64, councilID: Int64) async throws -> Membership? {
        try await database.read { sql in
            try await sql.raw("\(unsafeRaw: Self.selectColumns) WHERE m.id = \(bind: id) AND m.council_id = \(bind: councilID) AND m.ended_at IS NULL")
                .decodeFirst(Membership.self)
        }
    }

    /// The person's current seat in the council.
    public func find(accountID: Int64, councilID: Int64) async throws -> Membership? {
        try await database.read { sql in
            try await sql.raw("\(unsafeRaw: Self.selectColumns) WHERE m.account_id = \(bind: accountID) AND m.council_id = \(bind: councilID) AND m.ended_at IS NULL")
                .decodeFirst(Membership.self)
        }
    }

    /// The council named `slug` and that person's current seat in it, if any: one query for what every page of a
    /// council resolves first for someone signed in.
    public func councilAndSeat(slug: String, accountID: Int64) async throws -> (council: Council, seat: Membership?)? {
        try await database.read { sql in
            guard let row = try await sql.raw("""
                SELECT c.*, m.id AS seat_id, m.council_id AS seat_council_id, m.account_id AS seat_account_id, m.role AS seat_role,
                       m.group_id AS seat_group_id, m.ended_at AS seat_ended_at, m.duties AS seat_duties,
                       COALESCE(m.public_name, a.display_name) AS seat_display_name, a.email AS seat_email
                FROM councils c
                LEFT JOIN memberships m ON m.council_id = c.id AND m.account_id = \(bind: accountID) AND m.ended_at IS NULL
                LEFT JOIN accounts a ON a.id = m.account_id
                WHERE c.slug = \(bind: slug)
                LIMIT 1
                """).first() else { return nil }
            let council = try row.decodeModel(Council.self)
            let seat = try row.decodeNil(column: "seat_id") ? nil : try row.decodeModel(Membership.self, prefix: "seat_")
            return (council, seat)
        }
    }

    /// Every current seat of one person, across councils.
    public func all(accountID: Int64) async throws -> [Membership] {
        try await database.read { sql in
            try await sql.raw("\(unsafeRaw: Self.selectColumns) WHERE m.account_id = \(bind: accountID) AND m.ended_at IS NULL ORDER BY m.council_id")
                .decodeAll(Membership.self)
        }
    }

    /// Seats a person in a council (a seat that had ended is taken up again, with its history); the domain's group
    /// rule and the group's council are checked.
    @discardableResult
    public func add(councilID: Int64, accountID: Int64, role: Role, groupID: Int64?, duties: Set<Duty> = [], now: Date,
                    on sql: (any SQLDatabase)? = nil) async throws -> Int64 {
        let duties = Duty.stored(Duty.holdable(by: role) ? duties : [])
        let seatedAt: Double? = role.sitsInAssembly ? now.timeIntervalSince1970 : nil
        let body: (any SQLDatabase) async throws -> Int64 = { sql in
            try Validate.membership(role: role, hasGroup: groupID != nil)
            try await Self.checkGroup(groupID, councilID: councilID, on: sql)
            if let existing = try await sql.select().columns("id", "ended_at").from("memberships")
                .where("council_id", .equal, councilID).where("account_id", .equal, accountID).first() {
                guard try existing.decodeNil(column: "ended_at") == false else { throw StoreError.alreadyMember }
                let id = try existing.decode(column: "id", as: Int64.self)
                try await sql.update("memberships").set("role", to: role.rawValue).set("group_id", to: groupID)
                    .set("ended_at", to: SQLLiteral.null).set("public_name", to: SQLLiteral.null).set("duties", to: duties)
                    .set("seated_at", to: seatedAt)
                    .where("id", .equal, id).run()
                return id
            }
            return try await sql.insert(into: "memberships")
                .columns("council_id", "account_id", "role", "group_id", "duties", "seated_at", "created_at")
                .values(SQLBind(councilID), SQLBind(accountID), SQLBind(role.rawValue), SQLBind(groupID), SQLBind(duties), SQLBind(seatedAt),
                        SQLBind(now.timeIntervalSince1970))
                .returning("id")
                .first(decodingColumn: "id", as: Int64.self) ?? 0
        }
        if let sql { return try await body(sql) }
        return try await database.transaction(body)
    }

    /// Sets the seat's role and group; with `duties`, its duties too (dropped when the role holds none: `Duty.holdable`).
    /// A seat that comes to sit in the assembly is seated `now`; one that sat already keeps its date.
    public func update(id: Int64, councilID: Int64, role: Role, groupID: Int64?, duties: Set<Duty>? = nil, now: Date) async throws {
        try Validate.membership(role: role, hasGroup: groupID != nil)
        try await database.transaction { sql in
            try await Self.checkGroup(groupID, councilID: councilID, on: sql)
            guard let current = try await sql.select().columns("role", "group_id").from("memberships")
                .where("id", .equal, id).where("council_id", .equal, councilID).where("ended_at", .is, SQLLiteral.null).first()
            else { throw StoreError.notFound }
            let before = Role(rawValue: try current.decode(column: "role", as: String.self)) ?? .citizen
            let groupBefore = try current.decode(column: "group_id", as: Int64?.self)
            try await OParlDeletionRepository.recordRoleChange(seat: id, councilID: councilID, from: before, to: role, groupBefore: groupBefore,
                                                               groupAfter: groupID, at: now.timeIntervalSince1970, on: sql)
            var update = sql.update("memberships").set("role", to: role.rawValue).set("group_id", to: groupID)
            update = role.sitsInAssembly
                ? update.set(SQLColumn("seated_at"), to: SQLFunction("COALESCE", args: SQLColumn("seated_at"), SQLBind(now.timeIntervalSince1970)))
                : update.set(SQLColumn("seated_at"), to: SQLLiteral.null)
            if !Duty.holdable(by: role) {
                update = update.set("duties", to: "")
            } else if let duties {
                update = update.set("duties", to: Duty.stored(duties))
            }
            try await update.where("id", .equal, id).where("council_id", .equal, councilID).run()
            // A seat that no longer sits in the assembly no longer reports, co-signs or votes.
            if !role.sitsInAssembly { try await Self.endLiveBusiness(membershipIDs: "\(id)", on: sql) }
            // One that leaves the staff leaves its post and assignments.
            if role != .staff && role != .administrator { try await Self.leaveSecretariat(membershipIDs: "\(id)", on: sql) }
        }
    }

    /// The seats (`membershipIDs`: ids, or a query giving them) leave the administration: their posts fall vacant and
    /// their assignments end.
    static func leaveSecretariat(membershipIDs: String, on sql: any SQLDatabase) async throws {
        try await sql.raw("UPDATE secretariat_posts SET holder_id = NULL WHERE holder_id IN (\(unsafeRaw: membershipIDs))").run()
        try await sql.raw("DELETE FROM secretariat_assignments WHERE membership_id IN (\(unsafeRaw: membershipIDs))").run()
    }

    /// Ends a seat: the person leaves the council and its commissions; what they did stays recorded under the name
    /// they had.
    public func remove(id: Int64, councilID: Int64, now: Date) async throws {
        try await database.transaction { sql in
            guard try await sql.select().column("id").from("memberships")
                .where("id", .equal, id).where("council_id", .equal, councilID).where("ended_at", .is, SQLLiteral.null).first() != nil
            else { throw StoreError.notFound }
            try await OParlDeletionRepository.recordLeavingCommissions(membershipIDs: "\(id)", at: now.timeIntervalSince1970, on: sql)
            try await sql.delete(from: "commission_seats").where("membership_id", .equal, id).run()
            try await Self.endLiveBusiness(membershipIDs: "\(id)", on: sql)
            try await Self.leaveSecretariat(membershipIDs: "\(id)", on: sql)
            try await sql.raw("""
                UPDATE memberships SET ended_at = \(bind: now.timeIntervalSince1970),
                  public_name = (SELECT a.display_name FROM accounts a WHERE a.id = memberships.account_id)
                WHERE id = \(bind: id)
                """).run()
        }
    }

    /// What an ended seat carried on live business goes with it: designations as rapporteur on works not yet
    /// decided, invitations to co-sign not yet answered, and places in ballots still open where no vote was cast.
    /// Everything recorded (votes, tabled amendments, co-signatures, designations on decided works) stays.
    static func endLiveBusiness(membershipIDs: String, on sql: any SQLDatabase) async throws {
        try await sql.raw("""
            DELETE FROM work_rapporteurs WHERE membership_id IN (\(unsafeRaw: membershipIDs))
              AND work_id IN (SELECT id FROM works WHERE status NOT IN ('adopted', 'rejected', 'published'))
            """).run()
        try await sql.raw("DELETE FROM amendment_cosignatories WHERE accepted_at IS NULL AND membership_id IN (\(unsafeRaw: membershipIDs))").run()
        try await sql.raw("""
            DELETE FROM ballot_voters WHERE membership_id IN (\(unsafeRaw: membershipIDs))
              AND ballot_id IN (SELECT id FROM ballots WHERE closed_at IS NULL)
              AND NOT EXISTS (SELECT 1 FROM ballot_votes v WHERE v.ballot_id = ballot_voters.ballot_id AND v.membership_id = ballot_voters.membership_id)
            """).run()
    }

    private static func checkGroup(_ groupID: Int64?, councilID: Int64, on sql: any SQLDatabase) async throws {
        guard let groupID else { return }
        let found = try await sql.select().column("id").from("council_groups")
            .where("id", .equal, groupID).where("council_id", .equal, councilID).first()
        guard found != nil else { throw StoreError.groupNotInCouncil }
    }
}
