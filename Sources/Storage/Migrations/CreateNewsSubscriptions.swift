import SQLKit

/// Subscriptions by e-mail to a council's news (`news_subscriptions`: the address, the language and themes chosen,
/// confirmed by the link mailed to it, ended by one click), the posts already mailed (`news_mailings`, one row per
/// post and its translations, written in the transaction that queues the mails), and the one-click unsubscribe
/// address a message carries (`outbox.list_unsubscribe`, RFC 8058).
struct CreateNewsSubscriptions: Migration {
    let name = "CreateNewsSubscriptions"

    func prepare(on sql: any SQLDatabase) async throws {
        let double = SQLDataType.custom(SQLRaw("DOUBLE PRECISION"))
        try await sql.create(table: "news_subscriptions")
            .column("id", type: .bigint, .primaryKey(autoIncrement: true))
            .column("council_id", type: .bigint, .notNull, .references("councils", "id", onDelete: .cascade))
            // Lower-case.
            .column("email", type: .text, .notNull)
            .column("language", type: .text, .notNull)
            // Comma-separated themes; empty for every theme.
            .column("categories", type: .text, .notNull)
            .column("created_at", type: double, .notNull)
            // When the confirmation was last mailed: asked again soon after, it is not mailed again.
            .column("confirmation_sent_at", type: double, .notNull)
            .column("confirmed_at", type: double)
            .column("unsubscribed_at", type: double)
            .unique("council_id", "email")
            .run()
        try await sql.create(table: "news_mailings")
            // The number of the post's first version: its group.
            .column("group_id", type: .bigint, .primaryKey(autoIncrement: false))
            .column("council_id", type: .bigint, .notNull, .references("councils", "id", onDelete: .cascade))
            .column("recipients", type: .int, .notNull)
            .column("mailed_at", type: double, .notNull)
            .run()
        try await sql.alter(table: "outbox").column("list_unsubscribe", type: .text).run()
    }
}
