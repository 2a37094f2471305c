import Foundation
import SQLKit

/// Sign-in attempts per address, for throttling.
public struct LoginAttemptRepository: Sendable {
    let database: any Database

    public init(database: any Database) { self.database = database }

    public func record(email: String, succeeded: Bool, at date: Date) async throws {
        try await database.withSQL { sql in
            if succeeded {
                try await sql.delete(from: "login_attempts").where("email", .equal, email).run()
            }
            try await sql.insert(into: "login_attempts")
                .columns("email", "succeeded", "attempted_at")
                .values(SQLBind(email), SQLBind(succeeded), SQLBind(date.timeIntervalSince1970))
                .run()
        }
    }

    /// Times of failed attempts after `since` (seconds since the epoch).
    public func failures(email: String, since: Double) async throws -> [Double] {
        try await database.withSQL { sql in
            try await sql.select().column("attempted_at").from("login_attempts")
                .where("email", .equal, email)
                .where("succeeded", .equal, false)
                .where("attempted_at", .greaterThan, since)
                .all(decodingColumn: "attempted_at", as: Double.self)
        }
    }
}
