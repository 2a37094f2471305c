import SQLKit

/// Subscriptions by e-mail to council work (`work_subscriptions`): to one work's progress (`target` `work:{id}`) or to
/// the council's new referrals (`target` `referrals`), confirmed by the link mailed to the address and ended by one
/// click; and the steps already mailed (`work_mailings`, one row per timeline entry, written in the transaction that
/// queues its mails).
struct CreateWorkSubscriptions: Migration {
    let name = "CreateWorkSubscriptions"

    func prepare(on sql: any SQLDatabase) async throws {
        let double = SQLDataType.custom(SQLRaw("DOUBLE PRECISION"))
        try await sql.create(table: "work_subscriptions")
            .column("id", type: .bigint, .primaryKey(autoIncrement: true))
            .column("council_id", type: .bigint, .notNull, .references("councils", "id", onDelete: .cascade))
            // `referrals`, or `work:{id}`.
            .column("target", type: .text, .notNull)
            .column("work_id", type: .bigint, .references("works", "id", onDelete: .cascade))
            // Lower-case.
            .column("email", type: .text, .notNull)
            .column("language", type: .text, .notNull)
            .column("created_at", type: double, .notNull)
            .column("confirmation_sent_at", type: double, .notNull)
            .column("confirmed_at", type: double)
            .column("unsubscribed_at", type: double)
            .unique("council_id", "target", "email")
            .run()
        try await sql.create(table: "work_mailings")
            .column("event_id", type: .bigint, .primaryKey(autoIncrement: false), .references("work_events", "id", onDelete: .cascade))
            .column("council_id", type: .bigint, .notNull, .references("councils", "id", onDelete: .cascade))
            .column("recipients", type: .int, .notNull)
            .column("mailed_at", type: double, .notNull)
            .run()
        try await sql.create(index: "work_events_at").on("work_events").column("at").run()
    }
}
