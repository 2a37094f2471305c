import SQLKit

/// A council's news (`news_posts`): one row per language of a post, its translations pointing to the first written
/// (`translation_of`); the body stored already cleaned; a post is public once `scheduled` and its `publish_at` has
/// come. Every step of its workflow is kept in `news_post_events` (who, when, what), taking a post down included. What a
/// post's links mention (a member, a group, a commission, a work, a consultation, a convention, a council), by number,
/// is in `news_mentions`, written with the post.
struct CreateNewsPosts: Migration {
    let name = "CreateNewsPosts"

    func prepare(on sql: any SQLDatabase) async throws {
        let double = SQLDataType.custom(SQLRaw("DOUBLE PRECISION"))
        try await sql.create(table: "news_posts")
            .column("id", type: .bigint, .primaryKey(autoIncrement: true))
            .column("council_id", type: .bigint, .notNull, .references("councils", "id", onDelete: .cascade))
            // The post this one translates (the first written of its group); null for that first one.
            .column("translation_of", type: .bigint, .references("news_posts", "id", onDelete: .setNull))
            .column("language", type: .text, .notNull)
            .column("category", type: .text, .notNull)
            .column("title", type: .text, .notNull)
            .column("summary", type: .text, .notNull)
            // HTML cleaned to the allow-list on the way in (`BodySanitizer`).
            .column("body", type: .text, .notNull)
            // draft, review, scheduled (public from publish_at), unpublished.
            .column("status", type: .text, .notNull)
            .column("publish_at", type: double)
            // An account is never deleted (erasure keeps it, pseudonymised).
            .column("author_account_id", type: .bigint, .notNull, .references("accounts", "id"))
            .column("created_at", type: double, .notNull)
            .column("updated_at", type: double, .notNull)
            .run()
        try await sql.create(index: "news_posts_public").on("news_posts").column("council_id").column("status").column("publish_at").run()
        try await sql.create(index: "news_posts_translation").on("news_posts").column("translation_of").run()
        try await sql.create(table: "news_post_events")
            .column("id", type: .bigint, .primaryKey(autoIncrement: true))
            .column("post_id", type: .bigint, .notNull, .references("news_posts", "id", onDelete: .cascade))
            // created, edited, submitted, scheduled, returned, unpublished.
            .column("event", type: .text, .notNull)
            .column("publish_at", type: double)
            .column("account_id", type: .bigint, .notNull, .references("accounts", "id"))
            .column("at", type: double, .notNull)
            .run()
        try await sql.create(index: "news_post_events_post").on("news_post_events").column("post_id").run()
        try await sql.create(table: "news_mentions")
            .column("post_id", type: .bigint, .notNull, .references("news_posts", "id", onDelete: .cascade))
            // member, group, commission, work, consultation, convention, council.
            .column("subject", type: .text, .notNull)
            .column("subject_id", type: .bigint, .notNull)
            .primaryKey("post_id", "subject", "subject_id")
            .run()
        try await sql.create(index: "news_mentions_subject").on("news_mentions").column("subject").column("subject_id").run()
    }
}
