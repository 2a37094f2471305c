import HemicycleDomain
import SQLKit

/// A council's news posts and the trace of their workflow. Each change runs in one transaction with its event, and
/// only from the statuses the caller's rule allowed, read again under the clock's `at`: a post that changed
/// meanwhile gives `StoreError.stateChanged` and nothing is written.
public struct NewsRepository: Sendable {
    let database: any Database

    public init(database: any Database) { self.database = database }

    public func find(id: Int64, councilID: Int64) async throws -> NewsPostRecord? {
        try await database.read { sql in
            try await sql.raw("SELECT * FROM news_posts WHERE id = \(bind: id) AND council_id = \(bind: councilID)").decodeFirst(NewsPostRecord.self)
        }
    }

    /// Every language of the group `group` (its first post's number), the first written first.
    public func translations(group: Int64, councilID: Int64) async throws -> [NewsPostRecord] {
        try await database.read { sql in
            try await sql.raw("""
                SELECT * FROM news_posts WHERE council_id = \(bind: councilID) AND (id = \(bind: group) OR translation_of = \(bind: group))
                ORDER BY id
                """).decodeAll(NewsPostRecord.self)
        }
    }

    /// The council's public posts at `now`, newest first, every language; `category` narrows them.
    public func published(councilID: Int64, category: String?, now: Double, limit: Int) async throws -> [NewsPostRecord] {
        try await database.read { sql in
            var query = sql.select().column("*").from("news_posts").where("council_id", .equal, councilID)
                .where("status", .equal, "scheduled").where("publish_at", .lessThanOrEqual, now)
            if let category { query = query.where("category", .equal, category) }
            return try await query.orderBy("publish_at", .descending).orderBy("id", .descending).limit(limit).decodeAll(NewsPostRecord.self)
        }
    }

    /// Every post of the council that is not public, for the communication staff: the most recently changed first.
    public func unpublished(councilID: Int64, now: Double, limit: Int) async throws -> [NewsPostRecord] {
        try await database.read { sql in
            try await sql.raw("""
                SELECT * FROM news_posts WHERE council_id = \(bind: councilID)
                AND (status <> 'scheduled' OR publish_at IS NULL OR publish_at > \(bind: now))
                ORDER BY updated_at DESC, id DESC LIMIT \(unsafeRaw: "\(limit)")
                """).decodeAll(NewsPostRecord.self)
        }
    }

    /// A post, a draft, with its `created` event. `translationOf` names a post of the council; a second version in the
    /// same language of one group is refused (`StoreError.duplicateName`).
    public func create(councilID: Int64, translationOf: Int64?, content: NewsPostContent, mentions: [StoredMention] = [], accountID: Int64,
                       at: Double) async throws -> Int64 {
        try await database.transaction { sql in
            var root: Int64?
            if let translationOf {
                guard let original = try await sql.raw("""
                    SELECT * FROM news_posts WHERE id = \(bind: translationOf) AND council_id = \(bind: councilID)
                    """).decodeFirst(NewsPostRecord.self) else { throw StoreError.notFound }
                root = original.group
                // Holds the group's first post while its languages are compared, so two translators cannot both add one.
                try await sql.update("news_posts").set("updated_at", to: SQLColumn("updated_at")).where("id", .equal, original.group).run()
                let languages = try await sql.raw("""
                    SELECT language FROM news_posts WHERE id = \(bind: original.group) OR translation_of = \(bind: original.group)
                    """).all().map { try $0.decode(column: "language", as: String.self) }
                if languages.contains(content.language) { throw StoreError.duplicateName }
            }
            guard let id = try await sql.insert(into: "news_posts")
                .columns("council_id", "translation_of", "language", "category", "title", "summary", "body", "status", "publish_at",
                         "author_account_id", "created_at", "updated_at")
                .values(SQLBind(councilID), SQLBind(root), SQLBind(content.language), SQLBind(content.category), SQLBind(content.title),
                        SQLBind(content.summary), SQLBind(content.body), SQLBind("draft"), SQLBind(Double?.none), SQLBind(accountID), SQLBind(at),
                        SQLBind(at))
                .returning("id").first(decodingColumn: "id", as: Int64.self) else { throw StoreError.notFound }
            try await Self.event(.created, post: id, publishAt: nil, accountID: accountID, at: at, on: sql)
            try await Self.write(mentions, post: id, on: sql)
            return id
        }
    }

    /// New words for a post, from one of `from` (its language stays).
    public func update(id: Int64, councilID: Int64, content: NewsPostContent, mentions: [StoredMention] = [], from: Set<NewsStoredStatus>,
                       accountID: Int64, at: Double) async throws {
        try await database.transaction { sql in
            try await Self.guardStatus(id: id, councilID: councilID, from: from, at: at, on: sql)
            try await sql.update("news_posts").set("category", to: content.category).set("title", to: content.title)
                .set("summary", to: content.summary).set("body", to: content.body).set("updated_at", to: at)
                .where("id", .equal, id).run()
            try await Self.event(.edited, post: id, publishAt: nil, accountID: accountID, at: at, on: sql)
            try await sql.delete(from: "news_mentions").where("post_id", .equal, id).run()
            try await Self.write(mentions, post: id, on: sql)
        }
    }

    static func write(_ mentions: [StoredMention], post: Int64, on sql: any SQLDatabase) async throws {
        guard !mentions.isEmpty else { return }
        var insert = sql.insert(into: "news_mentions").columns("post_id", "subject", "subject_id")
        for mention in Set(mentions) { insert = insert.values(SQLBind(post), SQLBind(mention.subject), SQLBind(mention.id)) }
        try await insert.run()
    }

    /// The groups and commissions each of the council's posts mentions (`group:{id}`, `commission:{id}`), by post.
    public func bodiesMentioned(councilID: Int64) async throws -> [Int64: [String]] {
        try await database.read { sql in
            var bodies: [Int64: [String]] = [:]
            for row in try await sql.raw("""
                SELECT m.post_id, m.subject, m.subject_id FROM news_mentions m JOIN news_posts p ON p.id = m.post_id
                WHERE p.council_id = \(bind: councilID) AND m.subject IN ('group', 'commission') ORDER BY m.post_id, m.subject, m.subject_id
                """).all() {
                bodies[try row.decode(column: "post_id", as: Int64.self), default: []]
                    .append("\(try row.decode(column: "subject", as: String.self)):\(try row.decode(column: "subject_id", as: Int64.self))")
            }
            return bodies
        }
    }

    /// The public posts at `now` that mention `subject` number `id`, newest first, with their council's slug (a post of
    /// a partner council may mention this one's people).
    /// `councilID` (for a council's own member, group, commission...) keeps only that council's posts.
    public func mentioning(subject: String, id: Int64, councilID: Int64?, now: Double, limit: Int) async throws -> [(post: NewsPostRecord, councilSlug: String)] {
        try await database.read { sql in
            try await sql.raw("""
                SELECT p.*, c.slug AS council_slug FROM news_mentions m JOIN news_posts p ON p.id = m.post_id JOIN councils c ON c.id = p.council_id
                WHERE m.subject = \(bind: subject) AND m.subject_id = \(bind: id) AND p.status = 'scheduled' AND p.publish_at <= \(bind: now)
                AND (\(bind: councilID ?? -1) = -1 OR p.council_id = \(bind: councilID ?? -1))
                ORDER BY p.publish_at DESC, p.id DESC LIMIT \(unsafeRaw: "\(limit)")
                """).all().map { row in
                (try row.decodeModel(NewsPostRecord.self), try row.decode(column: "council_slug", as: String.self))
            }
        }
    }

    /// Moves a post from one of `from` to `status` (`draft`, `review`, `scheduled` with `publishAt`, `unpublished`),
    /// with its event.
    public func move(id: Int64, councilID: Int64, from: Set<NewsStoredStatus>, to status: NewsStoredStatus, publishAt: Double?,
                     event: NewsPostEvent.Kind, accountID: Int64, at: Double) async throws {
        precondition(status != .published, "a post is published by scheduling it")
        try await database.transaction { sql in
            try await Self.guardStatus(id: id, councilID: councilID, from: from, at: at, on: sql)
            try await sql.update("news_posts").set("status", to: status.rawValue).set("publish_at", to: SQLBind(publishAt))
                .set("updated_at", to: at).where("id", .equal, id).run()
            try await Self.event(event, post: id, publishAt: publishAt, accountID: accountID, at: at, on: sql)
        }
    }

    /// The post's workflow, oldest first.
    public func events(postID: Int64) async throws -> [NewsPostEvent] {
        try await database.read { sql in
            try await sql.raw("""
                SELECT e.event, e.publish_at, e.at, a.display_name FROM news_post_events e JOIN accounts a ON a.id = e.account_id
                WHERE e.post_id = \(bind: postID) ORDER BY e.at, e.id
                """).all().compactMap { row in
                guard let kind = NewsPostEvent.Kind(rawValue: try row.decode(column: "event", as: String.self)) else { return nil }
                return NewsPostEvent(kind: kind, publishAt: try row.decode(column: "publish_at", as: Double?.self),
                                     by: try row.decode(column: "display_name", as: String.self), at: try row.decode(column: "at", as: Double.self))
            }
        }
    }

    /// Holds the post's row and checks that its status, at `at`, is one of `from`.
    static func guardStatus(id: Int64, councilID: Int64, from: Set<NewsStoredStatus>, at: Double, on sql: any SQLDatabase) async throws {
        guard let row = try await sql.update("news_posts").set("updated_at", to: SQLColumn("updated_at"))
            .where("id", .equal, id).where("council_id", .equal, councilID).returning("status", "publish_at").first()
        else { throw StoreError.notFound }
        let stored = try row.decode(column: "status", as: String.self)
        let publishAt = try row.decode(column: "publish_at", as: Double?.self)
        var status = NewsStoredStatus(rawValue: stored) ?? .draft
        if status == .scheduled, let publishAt, publishAt <= at { status = .published }
        guard from.contains(status) else { throw StoreError.stateChanged }
    }

    static func event(_ kind: NewsPostEvent.Kind, post: Int64, publishAt: Double?, accountID: Int64, at: Double, on sql: any SQLDatabase) async throws {
        try await sql.insert(into: "news_post_events").columns("post_id", "event", "publish_at", "account_id", "at")
            .values(SQLBind(post), SQLBind(kind.rawValue), SQLBind(publishAt), SQLBind(accountID), SQLBind(at)).run()
    }
}
