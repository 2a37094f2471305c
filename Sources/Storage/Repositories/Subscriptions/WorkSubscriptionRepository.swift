import SQLKit

/// A subscription to council work: to one work's progress, or to the council's new referrals.
public struct WorkSubscriptionRecord: MailSubscription, Hashable {
    public let id: Int64
    public let councilId: Int64
    public let target: String
    public let workId: Int64?
    public let email: String
    public let language: String
    public let createdAt: Double
    public let confirmationSentAt: Double
    public let confirmedAt: Double?
    public let unsubscribedAt: Double?

    /// The target of the council's new referrals.
    public static let referrals = "referrals"
    /// The target of one work's progress.
    public static func target(work: Int64) -> String { "work:\(work)" }

    enum CodingKeys: String, CodingKey {
        case id
        case councilId = "council_id"
        case target
        case workId = "work_id"
        case email, language
        case createdAt = "created_at"
        case confirmationSentAt = "confirmation_sent_at"
        case confirmedAt = "confirmed_at"
        case unsubscribedAt = "unsubscribed_at"
    }
}

/// A step of a work's timeline not yet mailed to its subscribers.
public struct UnmailedWorkStep: Sendable, Hashable {
    public let eventID: Int64
    public let workID: Int64
    public let councilID: Int64
    public let status: String
    public let at: Double
}

/// Subscriptions to council work, and the mailing of each step once.
public struct WorkSubscriptionRepository: Sendable {
    let database: any Database
    static let table = "work_subscriptions"

    public init(database: any Database) { self.database = database }

    /// The address's subscription to `workID`'s progress (or, with `nil`, to the council's new referrals), made or
    /// renewed (`SubscriptionRows.request`).
    public func request(councilID: Int64, workID: Int64?, email: String, language: String, at: Double,
                        resendAfter: Double = 600) async throws -> SubscriptionRequest<WorkSubscriptionRecord> {
        try await database.transaction { sql in
            let target = workID.map { WorkSubscriptionRecord.target(work: $0) } ?? WorkSubscriptionRecord.referrals
            return try await SubscriptionRows(table: Self.table, key: [("council_id", councilID), ("target", target), ("email", email)],
                                              choices: [("language", language), ("work_id", workID)])
                .request(WorkSubscriptionRecord.self, at: at, resendAfter: resendAfter, on: sql)
        }
    }

    public func find(id: Int64, councilID: Int64) async throws -> WorkSubscriptionRecord? {
        try await database.read { sql in
            try await SubscriptionRows.find(WorkSubscriptionRecord.self, table: Self.table, id: id, councilID: councilID, on: sql)
        }
    }

    public func confirm(id: Int64, at: Double) async throws {
        try await database.transaction { sql in try await SubscriptionRows.confirm(table: Self.table, id: id, at: at, on: sql) }
    }

    /// Forgets the subscriptions never confirmed, mailed their link before `before` (`SubscriptionRows.purgeUnconfirmed`).
    public func purgeUnconfirmed(before: Double) async throws {
        try await database.transaction { sql in try await SubscriptionRows.purgeUnconfirmed(table: Self.table, before: before, on: sql) }
    }

    public func unsubscribe(id: Int64, at: Double) async throws {
        try await database.transaction { sql in try await SubscriptionRows.unsubscribe(table: Self.table, id: id, at: at, on: sql) }
    }

    /// Steps of the timeline taken in `statuses` since `since` and not yet mailed, oldest first.
    public func unmailed(statuses: [String], since: Double, limit: Int = 100) async throws -> [UnmailedWorkStep] {
        try await database.read { sql in
            try await sql.raw("""
                SELECT e.id, e.work_id, w.council_id, e.status, e."at" FROM work_events e JOIN works w ON w.id = e.work_id
                WHERE e."at" >= \(bind: since) AND e.status IN (\(binds: statuses))
                AND NOT EXISTS (SELECT 1 FROM work_mailings m WHERE m.event_id = e.id)
                ORDER BY e."at", e.id LIMIT \(unsafeRaw: "\(limit)")
                """).all().map {
                    UnmailedWorkStep(eventID: try $0.decode(column: "id", as: Int64.self), workID: try $0.decode(column: "work_id", as: Int64.self),
                                     councilID: try $0.decode(column: "council_id", as: Int64.self),
                                     status: try $0.decode(column: "status", as: String.self), at: try $0.decode(column: "at", as: Double.self))
                }
        }
    }

    /// The active subscriptions to `target` confirmed by `before` (a step taken before one confirmed is not theirs).
    public func active(councilID: Int64, target: String, confirmedBy before: Double) async throws -> [WorkSubscriptionRecord] {
        try await database.read { sql in
            try await sql.raw("""
                SELECT * FROM work_subscriptions WHERE council_id = \(bind: councilID) AND target = \(bind: target)
                AND confirmed_at IS NOT NULL AND confirmed_at <= \(bind: before) AND unsubscribed_at IS NULL ORDER BY id
                """).decodeAll(WorkSubscriptionRecord.self)
        }
    }

    /// Records the step as mailed and queues `mails`, in one transaction; false (and nothing queued) when another
    /// process mailed it first.
    public func mail(eventID: Int64, councilID: Int64, mails: [SubscriberMail], at: Double) async throws -> Bool {
        try await database.transaction { sql in
            guard try await sql.raw("""
                INSERT INTO work_mailings (event_id, council_id, recipients, mailed_at)
                VALUES (\(bind: eventID), \(bind: councilID), \(bind: mails.count), \(bind: at))
                ON CONFLICT DO NOTHING RETURNING event_id
                """).first() != nil else { return false }
            for mail in mails {
                try await OutboxRepository.enqueue(recipient: mail.recipient, subject: mail.subject, body: mail.body, kind: "work_progress",
                                                   listUnsubscribe: mail.listUnsubscribe, at: at, on: sql)
            }
            return true
        }
    }
}
