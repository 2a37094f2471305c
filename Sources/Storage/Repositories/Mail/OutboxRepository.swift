import Foundation
import SQLKit

/// Every message Hemicycle sends is written here first; a dispatcher sends it when SMTP is configured.
public struct OutboxRepository: Sendable {
    let database: any Database

    public init(database: any Database) { self.database = database }

    @discardableResult
    public func enqueue(recipient: String, subject: String, body: String, kind: String, listUnsubscribe: String? = nil, at date: Date) async throws -> Int64 {
        try await database.withSQL { sql in
            try await Self.enqueue(recipient: recipient, subject: subject, body: body, kind: kind, listUnsubscribe: listUnsubscribe,
                                   at: date.timeIntervalSince1970, on: sql)
        }
    }

    /// Queues a message in the caller's transaction.
    @discardableResult
    static func enqueue(recipient: String, subject: String, body: String, kind: String, listUnsubscribe: String?, calendar: String? = nil,
                        at: Double, on sql: any SQLDatabase) async throws -> Int64 {
        try await sql.insert(into: "outbox")
            .columns("recipient", "subject", "body", "kind", "list_unsubscribe", "calendar", "created_at")
            .values(SQLBind(recipient), SQLBind(subject), SQLBind(body), SQLBind(kind), SQLBind(listUnsubscribe), SQLBind(calendar), SQLBind(at))
            .returning("id")
            .first(decodingColumn: "id", as: Int64.self) ?? 0
    }

    /// The newest messages first.
    public func latest(limit: Int = 100) async throws -> [OutboxMessage] {
        try await database.read { sql in
            try await sql.select().column("*").from("outbox").orderBy("id", .descending).limit(limit)
                .decodeAll(OutboxMessage.self)
        }
    }

    public func messages(to recipient: String) async throws -> [OutboxMessage] {
        try await database.read { sql in
            try await sql.select().column("*").from("outbox").where("recipient", .equal, recipient).orderBy("id")
                .decodeAll(OutboxMessage.self)
        }
    }

    /// Unsent messages that have been tried fewer than `maximumAttempts` times, oldest first.
    public func pending(maximumAttempts: Int = 5, limit: Int = 50) async throws -> [OutboxMessage] {
        try await database.read { sql in
            try await sql.select().column("*").from("outbox")
                .where("sent_at", .is, SQLLiteral.null)
                .where("attempts", .lessThan, maximumAttempts)
                .orderBy("id").limit(limit)
                .decodeAll(OutboxMessage.self)
        }
    }

    public func markSent(id: Int64, at date: Date) async throws {
        try await database.withSQL { sql in
            try await sql.update("outbox").set("sent_at", to: date.timeIntervalSince1970)
                .set(SQLIdentifier("attempts"), to: SQLRaw("attempts + 1"))
                .where("id", .equal, id).run()
        }
    }

    public func markFailed(id: Int64, error: String) async throws {
        try await database.withSQL { sql in
            try await sql.update("outbox").set("last_error", to: error)
                .set(SQLIdentifier("attempts"), to: SQLRaw("attempts + 1"))
                .where("id", .equal, id).run()
        }
    }
}
