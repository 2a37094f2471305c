import Foundation
import SQLKit

/// A small key-value store with expiry (sessions live here, so they survive a restart).
public struct PersistRepository: Sendable {
    let database: any Database

    public init(database: any Database) { self.database = database }

    /// Inserts, or fails with `false` when the key exists and has not expired.
    public func create(key: String, value: String, expiresAt: Double?, now: Double, accountID: Int64? = nil) async throws -> Bool {
        try await database.transaction { sql in
            let existing = try await sql.select().column("expires_at").from("persist").where("key", .equal, key).first()
            if let existing {
                let expiry = try existing.decodeNil(column: "expires_at") ? nil : try existing.decode(column: "expires_at", as: Double.self)
                if expiry == nil || expiry! > now { return false }
                try await sql.delete(from: "persist").where("key", .equal, key).run()
            }
            try await sql.insert(into: "persist").columns("key", "value", "expires_at", "account_id")
                .values(SQLBind(key), SQLBind(value), SQLBind(expiresAt), SQLBind(accountID)).run()
            return true
        }
    }

    /// Stores `value` under `key`. With `keepExpiry` (an update of an entry, as the session middleware makes of a
    /// session it loaded), an entry that is gone stays gone: a session revoked while a request on it ran is not
    /// brought back, and never without an expiry.
    public func set(key: String, value: String, expiresAt: Double?, keepExpiry: Bool, accountID: Int64? = nil) async throws {
        try await database.transaction { sql in
            let updated = try await sql.select().column("key").from("persist").where("key", .equal, key).first() != nil
            if updated {
                var update = sql.update("persist").set("value", to: value).set("account_id", to: accountID)
                if !keepExpiry { update = update.set("expires_at", to: expiresAt) }
                try await update.where("key", .equal, key).run()
            } else if !keepExpiry {
                try await sql.insert(into: "persist").columns("key", "value", "expires_at", "account_id")
                    .values(SQLBind(key), SQLBind(value), SQLBind(expiresAt), SQLBind(accountID)).run()
            }
        }
    }

    /// The value and its expiry, or nil when absent or expired. Every signed-in request reads its session here, so the
    /// statement is written out (a query builder would serialise it again on every call).
    public func get(key: String, now: Double) async throws -> (value: String, expiresAt: Double?)? {
        try await database.read { sql in
            guard let row = try await sql.raw("SELECT value, expires_at FROM persist WHERE key = \(bind: key)").first()
            else { return nil }
            let expiry = try row.decodeNil(column: "expires_at") ? nil : try row.decode(column: "expires_at", as: Double.self)
            if let expiry, expiry <= now { return nil }
            return (try row.decode(column: "value", as: String.self), expiry)
        }
    }

    /// A session's value and expiry with the account it was stored for, in one statement: every signed-in request
    /// reads both. The account is nothing when the entry names none or the account is gone.
    public func getSession(key: String, now: Double) async throws -> (value: String, expiresAt: Double?, account: Account?)? {
        try await database.read { sql in
            guard let row = try await sql.raw("""
                SELECT p.value AS persist_value, p.expires_at AS persist_expires_at, a.*
                FROM persist p LEFT JOIN accounts a ON a.id = p.account_id WHERE p.key = \(bind: key)
                """).first()
            else { return nil }
            let expiry = try row.decodeNil(column: "persist_expires_at") ? nil : try row.decode(column: "persist_expires_at", as: Double.self)
            if let expiry, expiry <= now { return nil }
            // An account row that cannot be read is left to the caller's own lookup, which reports the error (the
            // session store's errors are swallowed by the session middleware, which would sign the visitor out).
            let account = try row.decodeNil(column: "id") ? nil : try? row.decodeModel(Account.self)
            return (try row.decode(column: "persist_value", as: String.self), expiry, account)
        }
    }

    public func remove(key: String) async throws {
        try await database.withSQL { sql in
            try await sql.delete(from: "persist").where("key", .equal, key).run()
        }
    }

    /// Removes every entry stored for an account (its sessions): the person is signed out everywhere.
    public func removeAll(accountID: Int64, on sql: (any SQLDatabase)? = nil) async throws {
        let remove: (any SQLDatabase) async throws -> Void = { sql in
            try await sql.delete(from: "persist").where("account_id", .equal, accountID).run()
        }
        if let sql { try await remove(sql) } else { try await database.withSQL(remove) }
    }

    public func count(accountID: Int64) async throws -> Int {
        try await database.read { sql in
            try await sql.raw("SELECT COUNT(*) AS n FROM persist WHERE account_id = \(bind: accountID)")
                .first(decodingColumn: "n", as: Int.self) ?? 0
        }
    }

    public func removeExpired(now: Double) async throws {
        try await database.withSQL { sql in
            try await sql.delete(from: "persist").where("expires_at", .lessThan, now).run()
        }
    }
}
