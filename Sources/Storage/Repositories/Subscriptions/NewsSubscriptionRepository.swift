import SQLKit

/// A subscription to a council's news.
public struct NewsSubscriptionRecord: MailSubscription, Hashable {
    public let id: Int64
    public let councilId: Int64
    public let email: String
    public let language: String
    public let categories: String
    public let createdAt: Double
    public let confirmationSentAt: Double
    public let confirmedAt: Double?
    public let unsubscribedAt: Double?

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

/// Subscriptions to councils' news, and the mailing of each post once.
public struct NewsSubscriptionRepository: Sendable {
    let database: any Database

    public init(database: any Database) { self.database = database }

    /// The address's subscription to the council's news, made or renewed (`SubscriptionRows.request`).
    public func request(councilID: Int64, email: String, language: String, categories: [String], at: Double,
                        resendAfter: Double = 600) async throws -> SubscriptionRequest<NewsSubscriptionRecord> {
        try await database.transaction { sql in
            try await SubscriptionRows(table: Self.table, key: [("council_id", councilID), ("email", email)],
                                       choices: [("language", language), ("categories", categories.joined(separator: ","))])
                .request(NewsSubscriptionRecord.self, at: at, resendAfter: resendAfter, on: sql)
        }
    }

    static let table = "news_subscriptions"

    public func find(id: Int64, councilID: Int64) async throws -> NewsSubscriptionRecord? {
        try await database.read { sql in
            try await SubscriptionRows.find(NewsSubscriptionRecord.self, table: Self.table, id: id, councilID: councilID, on: sql)
        }
    }

    /// Confirms a subscription not ended.
    public func confirm(id: Int64, at: Double) async throws {
        try await database.transaction { sql in try await SubscriptionRows.confirm(table: Self.table, id: id, at: at, on: sql) }
    }

    /// Forgets the subscriptions never confirmed, mailed their link before `before` (`SubscriptionRows.purgeUnconfirmed`).
    public func purgeUnconfirmed(before: Double) async throws {
        try await database.transaction { sql in try await SubscriptionRows.purgeUnconfirmed(table: Self.table, before: before, on: sql) }
    }

    /// Ends a subscription (again: nothing changes).
    public func unsubscribe(id: Int64, at: Double) async throws {
        try await database.transaction { sql in try await SubscriptionRows.unsubscribe(table: Self.table, id: id, at: at, on: sql) }
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
    public func mail(group: Int64, councilID: Int64, mails: [SubscriberMail], at: Double) async throws -> Bool {
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
