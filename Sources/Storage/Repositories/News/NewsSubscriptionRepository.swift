import SQLKit

/// A subscription to a council's news.
public struct NewsSubscriptionRecord: Sendable, Hashable, Decodable {
    public let id: Int64
    public let councilId: Int64
    public let email: String
    public let language: String
    public let categories: String
    public let createdAt: Double
    public let confirmationSentAt: Double
    public let confirmedAt: Double?
    public let unsubscribedAt: Double?

    /// Confirmed and not ended.
    public var isActive: Bool { confirmedAt != nil && unsubscribedAt == nil }
    public var categoryList: [String] { categories.split(separator: ",").map(String.init) }

    enum CodingKeys: String, CodingKey {
        case id
        case councilId = "council_id"
        case email, language, categories
        case createdAt = "created_at"
        case confirmationSentAt = "confirmation_sent_at"
        case confirmedAt = "confirmed_at"
        case unsubscribedAt = "unsubscribed_at"
    }
}

/// What a request to subscribe did: the subscription, and whether its confirmation is to be mailed now.
public struct SubscriptionRequest: Sendable {
    public let subscription: NewsSubscriptionRecord
    public let mailsConfirmation: Bool
}

/// One mail of a post to a subscriber, composed by the caller.
public struct NewsMail: Sendable {
    public let recipient: String
    public let subject: String
    public let body: String
    public let listUnsubscribe: String

    public init(recipient: String, subject: String, body: String, listUnsubscribe: String) {
        self.recipient = recipient
        self.subject = subject
        self.body = body
        self.listUnsubscribe = listUnsubscribe
    }
}

/// Subscriptions to councils' news, and the mailing of each post once. A request to subscribe never changes a
/// confirmed subscription (whoever typed the address may not be its owner); only the link mailed to it confirms.
public struct NewsSubscriptionRepository: Sendable {
    let database: any Database

    public init(database: any Database) { self.database = database }

    /// The address's subscription to the council, made or renewed; its confirmation is to be mailed when it is new,
    /// ended, or unconfirmed and last mailed at least `resendAfter` seconds ago, and only then are its language and
    /// themes set (a stranger typing the address changes nothing the owner would confirm unawares). Each decision is
    /// one statement that reads and writes the row, so that requests at once mail once.
    public func request(councilID: Int64, email: String, language: String, categories: [String], at: Double,
                        resendAfter: Double = 600) async throws -> SubscriptionRequest {
        try await database.transaction { sql in
            let list = categories.joined(separator: ",")
            if try await sql.raw("""
                INSERT INTO news_subscriptions (council_id, email, language, categories, created_at, confirmation_sent_at)
                VALUES (\(bind: councilID), \(bind: email), \(bind: language), \(bind: list), \(bind: at), \(bind: at))
                ON CONFLICT (council_id, email) DO NOTHING RETURNING id
                """).first() == nil {
                // Ended, or unconfirmed and not mailed lately: renewed, unconfirmed, and mailed.
                _ = try await sql.raw("""
                    UPDATE news_subscriptions SET language = \(bind: language), categories = \(bind: list), confirmed_at = NULL,
                    unsubscribed_at = NULL, confirmation_sent_at = \(bind: at)
                    WHERE council_id = \(bind: councilID) AND email = \(bind: email)
                    AND (unsubscribed_at IS NOT NULL OR (confirmed_at IS NULL AND confirmation_sent_at <= \(bind: at - resendAfter)))
                    RETURNING id
                    """).first()
            }
            guard let subscription = try await sql.raw("""
                SELECT * FROM news_subscriptions WHERE council_id = \(bind: councilID) AND email = \(bind: email)
                """).decodeFirst(NewsSubscriptionRecord.self) else { throw StoreError.notFound }
            return SubscriptionRequest(subscription: subscription, mailsConfirmation: subscription.confirmationSentAt == at && !subscription.isActive)
        }
    }

    public func find(id: Int64, councilID: Int64) async throws -> NewsSubscriptionRecord? {
        try await database.read { sql in
            try await sql.raw("SELECT * FROM news_subscriptions WHERE id = \(bind: id) AND council_id = \(bind: councilID)")
                .decodeFirst(NewsSubscriptionRecord.self)
        }
    }

    /// Confirms a subscription not ended.
    public func confirm(id: Int64, at: Double) async throws {
        try await database.transaction { sql in
            try await sql.update("news_subscriptions").set("confirmed_at", to: at).where("id", .equal, id)
                .where("confirmed_at", .is, SQLLiteral.null).where("unsubscribed_at", .is, SQLLiteral.null).run()
        }
    }

    /// Ends a subscription (again: nothing changes).
    public func unsubscribe(id: Int64, at: Double) async throws {
        try await database.transaction { sql in
            try await sql.update("news_subscriptions").set("unsubscribed_at", to: at).where("id", .equal, id)
                .where("unsubscribed_at", .is, SQLLiteral.null).run()
        }
    }

    /// Groups of posts public at `now` and not yet mailed, with their council, oldest first.
    public func unmailed(now: Double, limit: Int = 50) async throws -> [(group: Int64, councilID: Int64)] {
        try await database.read { sql in
            try await sql.raw("""
                SELECT COALESCE(p.translation_of, p.id) AS group_id, p.council_id, MIN(p.publish_at) AS first_published FROM news_posts p
                WHERE p.status = 'scheduled' AND p.publish_at <= \(bind: now)
                AND NOT EXISTS (SELECT 1 FROM news_mailings m WHERE m.group_id = COALESCE(p.translation_of, p.id))
                GROUP BY COALESCE(p.translation_of, p.id), p.council_id ORDER BY first_published LIMIT \(unsafeRaw: "\(limit)")
                """).all().map { (try $0.decode(column: "group_id", as: Int64.self), try $0.decode(column: "council_id", as: Int64.self)) }
        }
    }

    /// The council's active subscriptions.
    public func active(councilID: Int64) async throws -> [NewsSubscriptionRecord] {
        try await database.read { sql in
            try await sql.raw("""
                SELECT * FROM news_subscriptions WHERE council_id = \(bind: councilID) AND confirmed_at IS NOT NULL AND unsubscribed_at IS NULL
                ORDER BY id
                """).decodeAll(NewsSubscriptionRecord.self)
        }
    }

    /// Records the group as mailed and queues `mails`, in one transaction; false (and nothing queued) when another
    /// process mailed it first.
    public func mail(group: Int64, councilID: Int64, mails: [NewsMail], at: Double) async throws -> Bool {
        try await database.transaction { sql in
            guard try await sql.raw("""
                INSERT INTO news_mailings (group_id, council_id, recipients, mailed_at) VALUES (\(bind: group), \(bind: councilID), \(bind: mails.count), \(bind: at))
                ON CONFLICT DO NOTHING RETURNING group_id
                """).first() != nil else { return false }
            for mail in mails {
                try await OutboxRepository.enqueue(recipient: mail.recipient, subject: mail.subject, body: mail.body, kind: "news",
                                                   listUnsubscribe: mail.listUnsubscribe, at: at, on: sql)
            }
            return true
        }
    }
}
