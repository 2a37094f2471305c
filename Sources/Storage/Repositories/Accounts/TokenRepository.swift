import Foundation
import SQLKit

/// Single-use tokens sent by mail (address verification, password reset); only their hash is stored.
public struct TokenRepository: Sendable {
    public enum Purpose: String, Sendable {
        case verifyEmail = "verify_email"
        case resetPassword = "reset_password"
    }

    let database: any Database

    public init(database: any Database) { self.database = database }

    public func store(hash: String, accountID: Int64, purpose: Purpose, expiresAt: Date, on sql: (any SQLDatabase)? = nil) async throws {
        let store: (any SQLDatabase) async throws -> Void = { sql in
            try await sql.insert(into: "account_tokens")
                .columns("token_hash", "account_id", "purpose", "expires_at")
                .values(SQLBind(hash), SQLBind(accountID), SQLBind(purpose.rawValue), SQLBind(expiresAt.timeIntervalSince1970))
                .run()
        }
        if let sql { try await store(sql) } else { try await database.withSQL(store) }
    }

    /// The account of a valid, unused, unexpired token, which is used up inside `sql`'s transaction: one statement
    /// claims it, so two requests racing with the same link cannot both use it.
    public func consume(hash: String, purpose: Purpose, now: Date, on sql: any SQLDatabase) async throws -> Int64? {
        let time = now.timeIntervalSince1970
        return try await sql.raw("""
            UPDATE account_tokens SET used_at = \(bind: time)
            WHERE token_hash = \(bind: hash) AND purpose = \(bind: purpose.rawValue) AND used_at IS NULL AND expires_at > \(bind: time)
            RETURNING account_id
            """).first(decodingColumn: "account_id", as: Int64.self)
    }

    /// Makes every unused token of `purpose` for the account unusable (a new reset link revokes the old ones).
    public func revokeAll(accountID: Int64, purpose: Purpose, now: Date, on sql: (any SQLDatabase)? = nil) async throws {
        let revoke: (any SQLDatabase) async throws -> Void = { sql in
            try await sql.update("account_tokens").set("used_at", to: now.timeIntervalSince1970)
                .where("account_id", .equal, accountID).where("purpose", .equal, purpose.rawValue)
                .where("used_at", .is, SQLLiteral.null).run()
        }
        if let sql { try await revoke(sql) } else { try await database.withSQL(revoke) }
    }

    /// Whether a token would be accepted now, without using it.
    public func isValid(hash: String, purpose: Purpose, now: Date) async throws -> Bool {
        try await database.read { sql in
            try await sql.select().column("account_id").from("account_tokens")
                .where("token_hash", .equal, hash)
                .where("purpose", .equal, purpose.rawValue)
                .where("used_at", .is, SQLLiteral.null)
                .where("expires_at", .greaterThan, now.timeIntervalSince1970)
                .first() != nil
        }
    }
}
