import Foundation
import HemicycleDomain
import SQLKit

/// People's accounts: creation, look-up, profile, password, erasure.
public struct AccountRepository: Sendable {
    let database: any Database

    public init(database: any Database) { self.database = database }

    /// Creates an account; throws `StoreError.duplicateEmail` when the address is taken.
    public func create(email: String, passwordHash: String?, displayName: String, language: Language?,
                       verified: Bool = false, instanceAdmin: Bool = false, now: Date) async throws -> Int64 {
        do {
            return try await database.transaction { sql in
                try await create(email: email, passwordHash: passwordHash, displayName: displayName, language: language,
                                 verified: verified, instanceAdmin: instanceAdmin, now: now, on: sql)
            }
        } catch let error as StoreError {
            throw error
        } catch {
            // A concurrent sign-up with the same address loses the unique constraint race.
            if try await find(email: email) != nil { throw StoreError.duplicateEmail }
            throw error
        }
    }

    /// Creates an account inside a caller's transaction.
    public func create(email: String, passwordHash: String?, displayName: String, language: Language?,
                       verified: Bool, instanceAdmin: Bool, now: Date, on sql: any SQLDatabase) async throws -> Int64 {
        let existing = try await sql.select().column("id").from("accounts").where("email", .equal, email)
            .first(decodingColumn: "id", as: Int64.self)
        guard existing == nil else { throw StoreError.duplicateEmail }
        let time = now.timeIntervalSince1970
        return try await sql.insert(into: "accounts")
            .columns("email", "password_hash", "display_name", "preferred_language", "email_verified_at",
                     "is_instance_admin", "created_at")
            .values(SQLBind(email), SQLBind(passwordHash), SQLBind(displayName), SQLBind(language?.rawValue),
                    SQLBind(verified ? time : nil), SQLBind(instanceAdmin), SQLBind(time))
            .returning("id")
            .first(decodingColumn: "id", as: Int64.self) ?? 0
    }

    public func find(id: Int64) async throws -> Account? {
        try await database.read { sql in
            try await sql.raw("SELECT * FROM accounts WHERE id = \(bind: id)")
                .decodeFirst(Account.self)
        }
    }

    public func find(email: String) async throws -> Account? {
        try await database.read { sql in
            try await sql.select().column("*").from("accounts").where("email", .equal, email)
                .decodeFirst(Account.self)
        }
    }

    public func count() async throws -> Int {
        try await database.read { sql in
            try await sql.raw("SELECT COUNT(*) AS n FROM accounts").first(decodingColumn: "n", as: Int.self) ?? 0
        }
    }

    public func updateProfile(id: Int64, displayName: String, language: Language?) async throws {
        try await database.withSQL { sql in
            try await sql.update("accounts")
                .set("display_name", to: displayName)
                .set("preferred_language", to: language?.rawValue)
                .where("id", .equal, id)
                .run()
        }
    }

    public func updatePasswordHash(id: Int64, passwordHash: String, on sql: (any SQLDatabase)? = nil) async throws {
        let update: (any SQLDatabase) async throws -> Void = { sql in
            try await sql.update("accounts").set("password_hash", to: passwordHash).where("id", .equal, id).run()
        }
        if let sql { try await update(sql) } else { try await database.withSQL(update) }
    }

    public func markVerified(id: Int64, at date: Date, on sql: (any SQLDatabase)? = nil) async throws {
        let update: (any SQLDatabase) async throws -> Void = { sql in
            try await sql.update("accounts").set("email_verified_at", to: date.timeIntervalSince1970)
                .where("id", .equal, id).where("email_verified_at", .is, SQLLiteral.null).run()
        }
        if let sql { try await update(sql) } else { try await database.withSQL(update) }
    }

    /// Erases a person's personal data. The account row stays, pseudonymised, and so do the person's seats, ended:
    /// a seat under which something public was recorded (a vote, an amendment, a co-signature, a designation as
    /// rapporteur) keeps the name those acts were recorded under, so published records do not change; any other seat
    /// keeps only the pseudonym. Sessions, tokens, invitations, old sign-in attempts, queued mail to the address and
    /// registrations as a convention's volunteer go.
    public func erase(id: Int64, at date: Date) async throws {
        try await database.transaction { sql in
            guard let row = try await sql.select().columns("email", "display_name").from("accounts").where("id", .equal, id).first()
            else { throw StoreError.notFound }
            let email = try row.decode(column: "email", as: String.self)
            let name = try row.decode(column: "display_name", as: String.self)
            let time = date.timeIntervalSince1970
            // The person leaves OParl with their seats and commissions: its clients are told.
            for seat in try await sql.raw("SELECT id, council_id, role, group_id FROM memberships WHERE account_id = \(bind: id)").all() {
                try await OParlDeletionRepository.recordRoleChange(
                    seat: try seat.decode(column: "id", as: Int64.self), councilID: try seat.decode(column: "council_id", as: Int64.self),
                    from: Role(rawValue: try seat.decode(column: "role", as: String.self)) ?? .citizen, to: .citizen,
                    groupBefore: try seat.decode(column: "group_id", as: Int64?.self), groupAfter: nil, at: time, on: sql)
            }
            // What the seats carried on live business goes first, so that only what stays recorded keeps a name.
            try await MembershipRepository.endLiveBusiness(membershipIDs: "SELECT id FROM memberships WHERE account_id = \(id)", on: sql)
            try await MembershipRepository.leaveSecretariat(membershipIDs: "SELECT id FROM memberships WHERE account_id = \(id)", on: sql)
            try await sql.raw("""
                UPDATE memberships SET ended_at = COALESCE(ended_at, \(bind: time)),
                  public_name = CASE WHEN
                    EXISTS (SELECT 1 FROM ballot_voters v WHERE v.membership_id = memberships.id)
                    OR EXISTS (SELECT 1 FROM amendments a WHERE a.author_membership_id = memberships.id)
                    OR EXISTS (SELECT 1 FROM amendment_cosignatories c WHERE c.membership_id = memberships.id AND c.accepted_at IS NOT NULL)
                    OR EXISTS (SELECT 1 FROM work_rapporteurs r WHERE r.membership_id = memberships.id)
                  THEN COALESCE(public_name, \(bind: name)) ELSE \(bind: Pseudonym.displayName(accountID: id)) END
                WHERE account_id = \(bind: id)
                """).run()
            try await sql.raw("DELETE FROM commission_seats WHERE membership_id IN (SELECT id FROM memberships WHERE account_id = \(bind: id))").run()
            // A volunteer's registration for a citizens' convention goes with them: answers, contact details, consent.
            try await sql.raw("""
                DELETE FROM convention_volunteer_values WHERE volunteer_id IN (SELECT id FROM convention_volunteers WHERE account_id = \(bind: id))
                """).run()
            try await sql.delete(from: "convention_volunteers").where("account_id", .equal, id).run()
            try await sql.delete(from: "account_tokens").where("account_id", .equal, id).run()
            try await sql.delete(from: "persist").where("account_id", .equal, id).run()
            try await sql.delete(from: "invitations").where("email", .equal, email).run()
            try await sql.delete(from: "login_attempts").where("email", .equal, email).run()
            try await sql.delete(from: "outbox").where("recipient", .equal, email).run()
            try await sql.update("accounts")
                .set("email", to: Pseudonym.email(accountID: id))
                .set("display_name", to: Pseudonym.displayName(accountID: id))
                .set("password_hash", to: SQLLiteral.null)
                .set("preferred_language", to: SQLLiteral.null)
                .set("is_instance_admin", to: false)
                .set("deleted_at", to: time)
                .where("id", .equal, id)
                .run()
        }
    }
}

extension AccountRepository {
    /// Addresses of the demo accounts end in `.example`, a name reserved by RFC 2606 that never receives mail: an
    /// account there can only be demo data, which production refuses to run with.
    public func demoAccounts() async throws -> [String] {
        try await database.withSQL { sql in
            try await sql.select().column("email").from("accounts").where("email", .like, "%.example")
                .where("deleted_at", .is, SQLLiteral.null).orderBy("email").limit(5)
                .all(decodingColumn: "email", as: String.self)
        }
    }

    /// Removes the password and the proof of the address: the account holds nothing until a mailed link is used.
    public func clearCredentials(id: Int64, on sql: any SQLDatabase) async throws {
        try await sql.update("accounts").set("password_hash", to: SQLLiteral.null).set("email_verified_at", to: SQLLiteral.null)
            .where("id", .equal, id).run()
    }

    /// Makes an account an administrator of the instance.
    public func makeInstanceAdministrator(id: Int64) async throws {
        try await database.withSQL { sql in
            try await sql.update("accounts").set("is_instance_admin", to: true).where("id", .equal, id).run()
        }
    }
}
